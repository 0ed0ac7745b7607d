-- index audit_log_actor_at (on audit_log)
CREATE INDEX audit_log_actor_at ON audit_log(actor_id, at);

-- index audit_log_object (on audit_log)
CREATE INDEX audit_log_object ON audit_log(object_type, object_id);

-- index customers_agent (on customers)
CREATE INDEX customers_agent ON customers(agent_id);

-- index customers_branch_type (on customers)
CREATE INDEX customers_branch_type ON customers(branch_id, type);

-- index customers_completeness (on customers)
CREATE INDEX customers_completeness ON customers(completeness);

-- index customers_created (on customers)
CREATE INDEX customers_created ON customers(created_at);

-- index customers_credit_code (on customers)
CREATE UNIQUE INDEX customers_credit_code ON customers(credit_code) WHERE credit_code IS NOT NULL;

-- index customers_due (on customers)
CREATE INDEX customers_due ON customers(next_update_due);

-- index customers_id_number (on customers)
CREATE UNIQUE INDEX customers_id_number ON customers(id_number) WHERE id_number IS NOT NULL;

-- index customers_id_number_rev (on customers)
CREATE INDEX customers_id_number_rev ON customers(id_number_rev);

-- index customers_mobile (on customers)
CREATE INDEX customers_mobile ON customers(mobile);

-- index customers_name (on customers)
CREATE INDEX customers_name ON customers(name);

-- index documents_batch (on documents)
CREATE INDEX documents_batch ON documents(batch_id);

-- index documents_customer (on documents)
CREATE INDEX documents_customer ON documents(customer_id, document_type_id);

-- index documents_file (on documents)
CREATE INDEX documents_file ON documents(file_id);

-- index documents_inbox (on documents)
CREATE INDEX documents_inbox ON documents(created_at, id) WHERE state = 'inbox';

-- index documents_original_blob (on documents)
CREATE INDEX documents_original_blob ON documents(original_blob_id);

-- index documents_policy (on documents)
CREATE INDEX documents_policy ON documents(policy_id, document_type_id);

-- index documents_sha256 (on documents)
CREATE INDEX documents_sha256 ON documents(sha256);

-- index ingest_batches_created (on ingest_batches)
CREATE INDEX ingest_batches_created ON ingest_batches(created_at);

-- index ingest_files_blob (on ingest_files)
CREATE INDEX ingest_files_blob ON ingest_files(blob_id);

-- index ingest_files_quarantine (on ingest_files)
CREATE INDEX ingest_files_quarantine ON ingest_files(quarantine) WHERE quarantine IS NOT NULL;

-- index ingest_files_sha256 (on ingest_files)
CREATE INDEX ingest_files_sha256 ON ingest_files(sha256);

-- index ingest_files_state (on ingest_files)
CREATE INDEX ingest_files_state ON ingest_files(state);

-- index pages_blob (on pages)
CREATE INDEX pages_blob ON pages(blob_id);

-- index pages_thumb_blob (on pages)
CREATE INDEX pages_thumb_blob ON pages(thumb_blob_id);

-- index policies_agent (on policies)
CREATE INDEX policies_agent ON policies(agent_id);

-- index policies_status (on policies)
CREATE INDEX policies_status ON policies(status);

-- index policy_parties_customer (on policy_parties)
CREATE INDEX policy_parties_customer ON policy_parties(customer_id, role);

-- table archive_info (on archive_info)
CREATE TABLE archive_info (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

-- table audit_head (on audit_head)
CREATE TABLE audit_head (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      seq INTEGER NOT NULL,
      hash TEXT NOT NULL
    ) STRICT;

-- table audit_log (on audit_log)
CREATE TABLE audit_log (
      seq INTEGER PRIMARY KEY CHECK (seq >= 1),
      id TEXT NOT NULL UNIQUE,
      at TEXT NOT NULL,
      branch_id TEXT,
      actor_id TEXT,
      action TEXT NOT NULL,
      object_type TEXT,
      object_id TEXT,
      purpose TEXT,
      outcome TEXT NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
      details TEXT CHECK (details IS NULL OR json_valid(details)),
      prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
      hash TEXT NOT NULL CHECK (length(hash) = 64)
    ) STRICT;

-- table blobs (on blobs)
CREATE TABLE blobs (
      id TEXT PRIMARY KEY CHECK (length(id) = 64),
      size INTEGER NOT NULL CHECK (size >= 0),
      created_at TEXT NOT NULL
    , deleting INTEGER NOT NULL DEFAULT 0 CHECK (deleting IN (0, 1))) STRICT;

-- table branches (on branches)
CREATE TABLE branches (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

-- table customer_open_items (on customer_open_items)
CREATE TABLE customer_open_items (
      customer_id TEXT PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
      items TEXT NOT NULL CHECK (json_valid(items) AND json_array_length(items) > 0)
    ) STRICT, WITHOUT ROWID;

-- table customer_search (on customer_search)
CREATE VIRTUAL TABLE customer_search USING fts5(name, address, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');

-- table customer_search_config (on customer_search_config)
CREATE TABLE 'customer_search_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table customer_search_data (on customer_search_data)
CREATE TABLE 'customer_search_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table customer_search_docsize (on customer_search_docsize)
CREATE TABLE 'customer_search_docsize'(id INTEGER PRIMARY KEY, sz BLOB, origin INTEGER);

-- table customer_search_idx (on customer_search_idx)
CREATE TABLE 'customer_search_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table customers (on customers)
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
    , missing_documents INTEGER NOT NULL DEFAULT 0, field_issues INTEGER NOT NULL DEFAULT 0, low_quality_pages INTEGER NOT NULL DEFAULT 0) STRICT;

-- table document_types (on document_types)
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

-- table documents (on documents)
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
    , batch_id TEXT REFERENCES ingest_batches(id), file_id TEXT REFERENCES ingest_files(id), proposal TEXT CHECK (proposal IS NULL OR json_valid(proposal))) STRICT;

-- table hot_folders (on hot_folders)
CREATE TABLE hot_folders (
      id TEXT PRIMARY KEY,
      branch_id TEXT NOT NULL REFERENCES branches(id),
      name TEXT NOT NULL,
      path TEXT NOT NULL UNIQUE,
      mode TEXT NOT NULL CHECK (mode IN ('watch', 'poll')),
      interval_seconds INTEGER NOT NULL DEFAULT 5 CHECK (interval_seconds BETWEEN 1 AND 3600),
      stability_seconds INTEGER NOT NULL DEFAULT 3 CHECK (stability_seconds BETWEEN 1 AND 600),
      enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
      created_at TEXT NOT NULL
    ) STRICT;

-- table ingest_batches (on ingest_batches)
CREATE TABLE ingest_batches (
      id TEXT PRIMARY KEY,
      branch_id TEXT NOT NULL REFERENCES branches(id),
      source TEXT NOT NULL CHECK (source IN ('scanner', 'hot_folder', 'drop', 'import')),
      label TEXT,
      operator_id TEXT NOT NULL REFERENCES users(id),
      state TEXT NOT NULL CHECK (state IN ('open', 'running', 'done', 'cancelled')),
      created_at TEXT NOT NULL,
      finished_at TEXT
    ) STRICT;

-- table ingest_files (on ingest_files)
CREATE TABLE ingest_files (
      id TEXT PRIMARY KEY,
      batch_id TEXT NOT NULL REFERENCES ingest_batches(id),
      seq INTEGER NOT NULL,
      file_name TEXT NOT NULL,
      size INTEGER NOT NULL,
      sha256 TEXT, -- NULL for a file refused unread (too large)
      -- The original, encrypted; NULL once an archivist deleted it from the quarantine.
      blob_id TEXT REFERENCES blobs(id),
      format TEXT,
      state TEXT NOT NULL CHECK (state IN ('queued', 'processing', 'done', 'rejected', 'duplicate', 'cancelled')),
      outcome TEXT CHECK (outcome IN ('filed', 'inbox', 'mixed', 'rejected', 'duplicate', 'cancelled')),
      reason TEXT,
      reason_values TEXT CHECK (reason_values IS NULL OR json_valid(reason_values)),
      quarantine TEXT CHECK (quarantine IN ('held', 'released', 'deleted')),
      relaxed_limits INTEGER NOT NULL DEFAULT 0 CHECK (relaxed_limits IN (0, 1)),
      page_count INTEGER,
      ocr_state TEXT CHECK (ocr_state IN ('done', 'partial', 'failed', 'skipped')),
      duplicate_of TEXT REFERENCES ingest_files(id),
      -- The cover sheet in force after this file's last page: it applies to the batch's next
      -- files too, for scanners that write one file per sheet.
      trailing_cover TEXT,
      created_at TEXT NOT NULL,
      finished_at TEXT,
      UNIQUE (batch_id, seq)
    ) STRICT;

-- table ingest_pages (on ingest_pages)
CREATE TABLE ingest_pages (
      file_id TEXT NOT NULL REFERENCES ingest_files(id) ON DELETE CASCADE,
      page_index INTEGER NOT NULL CHECK (page_index >= 0),
      -- NULL for a cover sheet: it is read, never kept as a page.
      blob_id TEXT REFERENCES blobs(id),
      thumb_blob_id TEXT REFERENCES blobs(id),
      width INTEGER NOT NULL,
      height INTEGER NOT NULL,
      dpi INTEGER,
      color_mode TEXT NOT NULL CHECK (color_mode IN ('color', 'gray', 'bw')),
      text TEXT,
      text_source TEXT NOT NULL CHECK (text_source IN ('ocr', 'pdf', 'none')),
      ocr_confidence REAL,
      quality_flags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(quality_flags)),
      -- The payload of a Dossier cover sheet's QR code when this page is one.
      cover_sheet TEXT,
      PRIMARY KEY (file_id, page_index)
    ) STRICT;

-- table page_search (on page_search)
CREATE VIRTUAL TABLE page_search USING fts5(text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');

-- table page_search_config (on page_search_config)
CREATE TABLE 'page_search_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table page_search_data (on page_search_data)
CREATE TABLE 'page_search_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table page_search_docsize (on page_search_docsize)
CREATE TABLE 'page_search_docsize'(id INTEGER PRIMARY KEY, sz BLOB, origin INTEGER);

-- table page_search_idx (on page_search_idx)
CREATE TABLE 'page_search_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table pages (on pages)
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
      created_at TEXT NOT NULL, thumb_blob_id TEXT REFERENCES blobs(id), rotation INTEGER NOT NULL DEFAULT 0 CHECK (rotation IN (0, 90, 180, 270)), text_source TEXT CHECK (text_source IN ('ocr', 'pdf', 'none')), ocr_confidence REAL,
      UNIQUE (document_id, page_no)
    ) STRICT;

-- table policies (on policies)
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

-- table policy_parties (on policy_parties)
CREATE TABLE policy_parties (
      policy_id TEXT NOT NULL REFERENCES policies(id) ON DELETE CASCADE,
      customer_id TEXT NOT NULL REFERENCES customers(id),
      role TEXT NOT NULL CHECK (role IN ('policyholder', 'insured', 'beneficiary')),
      share_percent INTEGER CHECK (share_percent BETWEEN 1 AND 100),
      PRIMARY KEY (policy_id, customer_id, role)
    ) STRICT;

-- table settings (on settings)
CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL CHECK (json_valid(value))
    ) STRICT;

-- table users (on users)
CREATE TABLE users (
      id TEXT PRIMARY KEY,
      username TEXT NOT NULL COLLATE NOCASE UNIQUE,
      display_name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('agent', 'account_manager', 'supervisor', 'archivist', 'compliance', 'admin')),
      branch_id TEXT NOT NULL REFERENCES branches(id),
      created_at TEXT NOT NULL,
      removed_at TEXT
    ) STRICT;

-- trigger audit_log_append_only (on audit_log)
CREATE TRIGGER audit_log_append_only BEFORE INSERT ON audit_log
      WHEN NEW.seq <> (SELECT seq FROM audit_head WHERE id = 1) + 1
        OR EXISTS (SELECT 1 FROM audit_log WHERE seq >= NEW.seq OR id = NEW.id)
      BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;

-- trigger audit_log_head (on audit_log)
CREATE TRIGGER audit_log_head AFTER INSERT ON audit_log
      BEGIN UPDATE audit_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1; END;

-- trigger audit_log_no_delete (on audit_log)
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;

-- trigger audit_log_no_update (on audit_log)
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
