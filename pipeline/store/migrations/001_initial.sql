-- 001_initial: documents, their segments and machine proposals, human decisions, runs.
-- Frozen once merged: change the schema with a new numbered file, never by editing this one.

-- A document is identified by the SHA-256 of its bytes. A file that could not even be read has
-- no sha256 and is keyed by its path instead (see documents_unhashed_path).
CREATE TABLE documents (
  id              INTEGER PRIMARY KEY,
  sha256          TEXT UNIQUE CHECK (sha256 IS NULL OR length(sha256) = 64),
  file_name       TEXT NOT NULL,
  path            TEXT NOT NULL,
  format          TEXT CHECK (format IN ('pdf', 'docx', 'txt')),
  page_count      INTEGER,
  status          TEXT NOT NULL CHECK (status IN (
                    'coded', 'needs_ocr', 'encrypted', 'corrupt', 'truncated', 'empty',
                    'unsupported_type', 'legacy_doc', 'not_word', 'wrong_extension',
                    'timeout', 'resource_limit', 'failed')),
  reason          TEXT,
  -- SegmentedDoc.text: every offset in segments, proposals and the export points into it.
  text            TEXT,
  -- The lexicon version the current proposals were made with (null until coded).
  lexicon_version TEXT,
  created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK (status <> 'coded' OR (sha256 IS NOT NULL AND text IS NOT NULL AND lexicon_version IS NOT NULL))
);
CREATE UNIQUE INDEX documents_unhashed_path ON documents (path) WHERE sha256 IS NULL;

CREATE TABLE segments (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  idx         INTEGER NOT NULL CHECK (idx >= 0),
  kind        TEXT NOT NULL CHECK (kind IN ('title', 'heading', 'paragraph', 'list_item', 'table_row')),
  section     TEXT NOT NULL,
  heading     TEXT,
  paragraph   TEXT,
  page        INTEGER,
  -- Character span in documents.text (0-based JS string indices, end exclusive).
  char_start  INTEGER NOT NULL,
  char_end    INTEGER NOT NULL CHECK (char_end >= char_start),
  text        TEXT NOT NULL,
  -- SHA-256 of text: human decisions are anchored to it, so they outlive row ids.
  text_sha256 TEXT NOT NULL,
  -- JSON array of {"start","end"} sentence spans in document offsets.
  sentences   TEXT NOT NULL CHECK (json_valid(sentences)),
  UNIQUE (document_id, idx)
);

-- Machine findings. Replaced wholesale when a document is re-stored or re-tagged.
CREATE TABLE proposals (
  id              INTEGER PRIMARY KEY,
  segment_id      INTEGER NOT NULL REFERENCES segments (id) ON DELETE CASCADE,
  code            TEXT NOT NULL,
  context         TEXT NOT NULL CHECK (context IN ('asserted', 'negated', 'hypothetical', 'generic')),
  char_start      INTEGER NOT NULL,
  char_end        INTEGER NOT NULL CHECK (char_end >= char_start),
  evidence        TEXT NOT NULL,
  rule            TEXT NOT NULL,
  context_rule    TEXT,
  lexicon_version TEXT NOT NULL,
  confidence      REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1)
);
CREATE INDEX proposals_segment_code ON proposals (segment_id, code);

-- Human decisions: append-only. They are keyed by what the reviewer saw (document bytes,
-- segment position and segment text), not by row ids, so they survive re-runs and re-tags.
CREATE TABLE decisions (
  id                  INTEGER PRIMARY KEY,
  document_sha256     TEXT NOT NULL REFERENCES documents (sha256),
  segment_idx         INTEGER NOT NULL,
  segment_text_sha256 TEXT NOT NULL,
  action              TEXT NOT NULL CHECK (action IN ('confirm', 'reject', 'add', 'set_context')),
  code                TEXT NOT NULL,
  context             TEXT CHECK (context IN ('asserted', 'negated', 'hypothetical', 'generic')),
  -- Optional evidence span, relative to the segment text so it stays right if the segment moves.
  seg_start           INTEGER,
  seg_end             INTEGER,
  memo                TEXT,
  reviewer            TEXT NOT NULL,
  decided_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  -- The lexicon version of the proposal the reviewer judged (null for a code they added).
  lexicon_version     TEXT,
  -- The decision the reviewer's view was based on, so a stale view can be detected.
  based_on            INTEGER REFERENCES decisions (id),
  CHECK ((seg_start IS NULL) = (seg_end IS NULL)),
  CHECK (seg_start IS NULL OR (seg_start >= 0 AND seg_end >= seg_start)),
  CHECK (action <> 'set_context' OR context IS NOT NULL)
);
CREATE INDEX decisions_anchor ON decisions (document_sha256, segment_idx, segment_text_sha256, code);

CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
BEGIN
  SELECT RAISE(ABORT, 'decisions are append-only: add a new decision instead of updating one');
END;

CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
BEGIN
  SELECT RAISE(ABORT, 'decisions are append-only: a decision is never deleted');
END;

CREATE TABLE runs (
  id                  INTEGER PRIMARY KEY,
  started_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  finished_at         TEXT,
  lexicon_version     TEXT NOT NULL,
  documents_seen      INTEGER,
  documents_coded     INTEGER,
  documents_retagged  INTEGER,
  documents_unchanged INTEGER,
  documents_failed    INTEGER,
  segments_stored     INTEGER,
  proposals_stored    INTEGER
);

-- Full-text search over segment text; external content, kept in sync by the triggers below.
CREATE VIRTUAL TABLE segments_fts USING fts5 (
  text,
  content = 'segments',
  content_rowid = 'id',
  tokenize = 'porter unicode61'
);

CREATE TRIGGER segments_fts_insert AFTER INSERT ON segments
BEGIN
  INSERT INTO segments_fts (rowid, text) VALUES (new.id, new.text);
END;

CREATE TRIGGER segments_fts_delete AFTER DELETE ON segments
BEGIN
  INSERT INTO segments_fts (segments_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TRIGGER segments_fts_update AFTER UPDATE OF text ON segments
BEGIN
  INSERT INTO segments_fts (segments_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO segments_fts (rowid, text) VALUES (new.id, new.text);
END;
