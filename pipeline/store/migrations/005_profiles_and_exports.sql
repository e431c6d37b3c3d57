-- 005_profiles_and_exports: the document profile sheet, reviewers' corrections of it, and a
-- record of every export.

-- One row per document and profile field, as the pipeline extracted it. value is JSON (a
-- string, a number, a list of strings) or NULL when the report does not state the field: a
-- field is never guessed. evidence is a JSON list of {"start","end","text","rule"} spans in
-- documents.text, so "why this value?" has an answer. Replaced whole when the document is
-- re-analysed, like proposals.
CREATE TABLE profile_fields (
  id              INTEGER PRIMARY KEY,
  document_id     INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  field           TEXT NOT NULL,
  value           TEXT CHECK (value IS NULL OR json_valid(value)),
  evidence        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(evidence)),
  lexicon_version TEXT NOT NULL,
  UNIQUE (document_id, field)
);

-- A reviewer's correction of a profile field: append-only, keyed by the document's bytes so it
-- outlives re-runs; the latest per (document, field) is current. value is JSON, NULL meaning
-- "the report does not state it".
CREATE TABLE profile_decisions (
  id              INTEGER PRIMARY KEY,
  document_sha256 TEXT NOT NULL REFERENCES documents (sha256),
  field           TEXT NOT NULL,
  value           TEXT CHECK (value IS NULL OR json_valid(value)),
  memo            TEXT,
  reviewer        TEXT NOT NULL,
  decided_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  based_on        INTEGER REFERENCES profile_decisions (id)
);
CREATE INDEX profile_decisions_anchor ON profile_decisions (document_sha256, field);

CREATE TRIGGER profile_decisions_no_update BEFORE UPDATE ON profile_decisions
BEGIN
  SELECT RAISE(ABORT, 'profile decisions are append-only: add a new decision instead of updating one');
END;

CREATE TRIGGER profile_decisions_no_delete BEFORE DELETE ON profile_decisions
BEGIN
  SELECT RAISE(ABORT, 'profile decisions are append-only: a decision is never deleted');
END;

-- Every export: who made it, when, of what, in which format, redacted or not, how many rows.
CREATE TABLE exports (
  id          INTEGER PRIMARY KEY,
  exported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  exported_by TEXT NOT NULL,
  format      TEXT NOT NULL,
  target      TEXT NOT NULL,
  redacted    INTEGER NOT NULL CHECK (redacted IN (0, 1)),
  scope       TEXT,
  rows        INTEGER NOT NULL CHECK (rows >= 0)
);

CREATE TRIGGER exports_no_update BEFORE UPDATE ON exports
BEGIN
  SELECT RAISE(ABORT, 'the export record is append-only');
END;

CREATE TRIGGER exports_no_delete BEFORE DELETE ON exports
BEGIN
  SELECT RAISE(ABORT, 'the export record is append-only');
END;
