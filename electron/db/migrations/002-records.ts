import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * Customers, policies and their parties, document types, documents and their pages, and the
 * search indexes (REQUIREMENTS §2–§3). Money is integer fen; dates are ISO 8601; enumerations
 * are codes checked here and translated in the interface.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE customers (
      id TEXT PRIMARY KEY,
      branch_id TEXT NOT NULL REFERENCES branches(id),
      type TEXT NOT NULL CHECK (type IN ('individual', 'enterprise', 'group')),
      name TEXT NOT NULL CHECK (length(name) > 0),
      sex TEXT CHECK (sex IN ('male', 'female')),
      birth_date TEXT,
      id_type TEXT CHECK (id_type IN ('resident_id', 'passport', 'hk_macao_permit', 'taiwan_permit', 'foreign_permanent_id', 'other')),
      id_number TEXT,
      -- The ID number reversed, so "last 4 to 6 characters" is an indexed prefix search.
      id_number_rev TEXT,
      credit_code TEXT,
      mobile TEXT,
      landline TEXT,
      address TEXT,
      occupation TEXT,
      income_band TEXT,
      family_status TEXT,
      health_status TEXT,
      risk_preference TEXT CHECK (risk_preference IN ('C1', 'C2', 'C3', 'C4', 'C5')),
      source TEXT,
      agent_id TEXT REFERENCES users(id),
      lifecycle_stage TEXT CHECK (lifecycle_stage IN ('new', 'growing', 'mature', 'declining')),
      risk_level TEXT CHECK (risk_level IN ('high', 'medium', 'low')),
      value_level TEXT CHECK (value_level IN ('high', 'medium', 'low')),
      tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      last_verified_at TEXT,
      last_contacted_at TEXT,
      next_update_due TEXT,
      -- Kept current by the completeness service, so lists sort and filter on it cheaply.
      completeness INTEGER NOT NULL DEFAULT 0 CHECK (completeness BETWEEN 0 AND 100)
    ) STRICT;
    CREATE UNIQUE INDEX customers_id_number ON customers(id_number) WHERE id_number IS NOT NULL;
    CREATE UNIQUE INDEX customers_credit_code ON customers(credit_code) WHERE credit_code IS NOT NULL;
    CREATE INDEX customers_id_number_rev ON customers(id_number_rev);
    CREATE INDEX customers_mobile ON customers(mobile);
    CREATE INDEX customers_name ON customers(name);
    CREATE INDEX customers_agent ON customers(agent_id);
    CREATE INDEX customers_branch_type ON customers(branch_id, type);
    CREATE INDEX customers_due ON customers(next_update_due);
    CREATE INDEX customers_created ON customers(created_at);
    CREATE INDEX customers_completeness ON customers(completeness);

    CREATE TABLE policies (
      id TEXT PRIMARY KEY,
      branch_id TEXT NOT NULL REFERENCES branches(id),
      policy_number TEXT NOT NULL UNIQUE,
      product_name TEXT NOT NULL,
      product_line TEXT NOT NULL CHECK (product_line IN ('life', 'health', 'critical_illness', 'medical', 'accident', 'annuity', 'property', 'investment_linked')),
      sum_insured_fen INTEGER NOT NULL CHECK (sum_insured_fen >= 0),
      premium_fen INTEGER NOT NULL CHECK (premium_fen >= 0),
      payment_frequency TEXT NOT NULL CHECK (payment_frequency IN ('single', 'annual', 'semiannual', 'quarterly', 'monthly')),
      term_months INTEGER CHECK (term_months > 0),
      application_date TEXT NOT NULL,
      issue_date TEXT,
      effective_date TEXT,
      end_date TEXT,
      termination_date TEXT,
      status TEXT NOT NULL CHECK (status IN ('applied', 'in_force', 'lapsed', 'surrendered', 'terminated', 'claimed')),
      customer_risk_level TEXT CHECK (customer_risk_level IN ('C1', 'C2', 'C3', 'C4', 'C5')),
      product_risk_class TEXT CHECK (product_risk_class IN ('R1', 'R2', 'R3', 'R4', 'R5')),
      paper_location TEXT,
      agent_id TEXT REFERENCES users(id),
      completeness INTEGER NOT NULL DEFAULT 0 CHECK (completeness BETWEEN 0 AND 100),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX policies_agent ON policies(agent_id);
    CREATE INDEX policies_status ON policies(status);

    CREATE TABLE policy_parties (
      policy_id TEXT NOT NULL REFERENCES policies(id) ON DELETE CASCADE,
      customer_id TEXT NOT NULL REFERENCES customers(id),
      role TEXT NOT NULL CHECK (role IN ('policyholder', 'insured', 'beneficiary')),
      share_percent INTEGER CHECK (share_percent BETWEEN 1 AND 100),
      PRIMARY KEY (policy_id, customer_id, role)
    ) STRICT;
    CREATE INDEX policy_parties_customer ON policy_parties(customer_id, role);

    CREATE TABLE document_types (
      id TEXT PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      category TEXT NOT NULL CHECK (category IN ('basic', 'contract', 'claims', 'service')),
      -- {"zh-CN": …, "zh-TW": …, "en": …}
      names TEXT NOT NULL CHECK (json_valid(names)),
      -- {"customerTypes": [...], "productLines": [...]}: who must have one
      required_for TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(required_for)),
      sensitive INTEGER NOT NULL DEFAULT 0 CHECK (sensitive IN (0, 1)),
      -- {"basis": "termination" | "creation", "years": n | null}; null years: Insurance Law art. 87 (5 or 10 by term)
      retention TEXT NOT NULL CHECK (json_valid(retention)),
      keywords TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(keywords)),
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE documents (
      id TEXT PRIMARY KEY,
      branch_id TEXT NOT NULL REFERENCES branches(id),
      customer_id TEXT REFERENCES customers(id),
      policy_id TEXT REFERENCES policies(id),
      document_type_id TEXT REFERENCES document_types(id),
      state TEXT NOT NULL CHECK (state IN ('inbox', 'filed', 'destroyed')),
      source TEXT NOT NULL CHECK (source IN ('scanner', 'hot_folder', 'import', 'manual')),
      original_blob_id TEXT REFERENCES blobs(id),
      sha256 TEXT,
      created_at TEXT NOT NULL,
      filed_at TEXT,
      retention_until TEXT,
      legal_hold INTEGER NOT NULL DEFAULT 0 CHECK (legal_hold IN (0, 1))
    ) STRICT;
    CREATE INDEX documents_customer ON documents(customer_id, document_type_id);
    CREATE INDEX documents_policy ON documents(policy_id, document_type_id);
    CREATE INDEX documents_state ON documents(state);
    CREATE INDEX documents_sha256 ON documents(sha256);

    CREATE TABLE pages (
      id TEXT PRIMARY KEY,
      document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      page_no INTEGER NOT NULL CHECK (page_no >= 1),
      blob_id TEXT NOT NULL REFERENCES blobs(id),
      width INTEGER,
      height INTEGER,
      dpi INTEGER,
      color_mode TEXT CHECK (color_mode IN ('color', 'gray', 'bw')),
      text TEXT,
      -- ["lowResolution", "blank", ...]
      quality_flags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(quality_flags)),
      created_at TEXT NOT NULL,
      UNIQUE (document_id, page_no)
    ) STRICT;

    -- Search: our own 1- and 2-character grams of Chinese text, in FTS5 tables that keep no
    -- copy of the text (it stays in its table). See electron/search/grams.ts.
    CREATE VIRTUAL TABLE customer_search USING fts5(name, address, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
    CREATE VIRTUAL TABLE page_search USING fts5(text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
  `);
}
