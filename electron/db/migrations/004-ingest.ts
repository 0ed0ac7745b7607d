import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * Scan ingest: batches and the files in them, each file's per-page work (kept so a restart does
 * not read a page twice), hot folders, and what the viewer and inbox need on documents and pages.
 * A refused file stays an ingest_files row in state 'rejected' with its original encrypted in the
 * page store: that is the quarantine.
 */
export function up(db: Database): void {
  db.exec(`
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
    CREATE INDEX ingest_batches_created ON ingest_batches(created_at);

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
    CREATE INDEX ingest_files_state ON ingest_files(state);
    CREATE INDEX ingest_files_sha256 ON ingest_files(sha256);
    CREATE INDEX ingest_files_quarantine ON ingest_files(quarantine) WHERE quarantine IS NOT NULL;

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

    -- A blob being deleted: the row stays until its file is gone, so that a crash in between
    -- leaves a listed file to finish deleting, never an unlisted one.
    ALTER TABLE blobs ADD COLUMN deleting INTEGER NOT NULL DEFAULT 0 CHECK (deleting IN (0, 1));

    ALTER TABLE documents ADD COLUMN batch_id TEXT REFERENCES ingest_batches(id);
    ALTER TABLE documents ADD COLUMN file_id TEXT REFERENCES ingest_files(id);
    -- Why Dossier proposed a customer, policy and type (JSON, shared/ipc/methods/ingest.ts).
    ALTER TABLE documents ADD COLUMN proposal TEXT CHECK (proposal IS NULL OR json_valid(proposal));
    CREATE INDEX documents_file ON documents(file_id);
    CREATE INDEX documents_batch ON documents(batch_id);

    ALTER TABLE pages ADD COLUMN thumb_blob_id TEXT REFERENCES blobs(id);
    ALTER TABLE pages ADD COLUMN rotation INTEGER NOT NULL DEFAULT 0 CHECK (rotation IN (0, 90, 180, 270));
    ALTER TABLE pages ADD COLUMN text_source TEXT CHECK (text_source IN ('ocr', 'pdf', 'none'));
    ALTER TABLE pages ADD COLUMN ocr_confidence REAL;

    -- Whether anything still refers to a blob is asked before it is deleted.
    CREATE INDEX pages_blob ON pages(blob_id);
    CREATE INDEX pages_thumb_blob ON pages(thumb_blob_id);
    CREATE INDEX documents_original_blob ON documents(original_blob_id);
    CREATE INDEX ingest_files_blob ON ingest_files(blob_id);
  `);
}
