-- index audit_log_actor_at (on audit_log)
CREATE INDEX audit_log_actor_at ON audit_log(actor_id, at);

-- index audit_log_object (on audit_log)
CREATE INDEX audit_log_object ON audit_log(object_type, object_id);

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
    ) STRICT;

-- table branches (on branches)
CREATE TABLE branches (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      created_at TEXT NOT NULL
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
