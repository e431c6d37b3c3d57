-- 004_review: what the reviewer's workbench needs.
--
-- 1. A fifth decision action, 'withdraw': the reviewer takes a decision back and the code is
--    undecided again (undo of a first decision; undo of a later one re-issues the one before it).
--    An undo also records the decision it undoes (undoes), so a page can undo several of its own
--    decisions in a row: after undoing D2, the state is D1's again and D1 can be undone next.
--    SQLite cannot change a CHECK constraint in place, so the table is rebuilt with its rows,
--    ids, index and append-only triggers. The old table is renamed away first (its index,
--    triggers and based_on reference go with it), so the new one's based_on refers to itself
--    from the start; rows are copied in id order, and based_on always names an earlier id.
ALTER TABLE decisions RENAME TO decisions_v3;

CREATE TABLE decisions (
  id                  INTEGER PRIMARY KEY,
  document_sha256     TEXT NOT NULL REFERENCES documents (sha256),
  segment_idx         INTEGER NOT NULL,
  segment_text_sha256 TEXT NOT NULL,
  action              TEXT NOT NULL CHECK (action IN ('confirm', 'reject', 'add', 'set_context', 'withdraw')),
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
  -- For an undo: the decision it takes back; the undo restores what was current before that one.
  undoes              INTEGER REFERENCES decisions (id),
  CHECK ((seg_start IS NULL) = (seg_end IS NULL)),
  CHECK (seg_start IS NULL OR (seg_start >= 0 AND seg_end >= seg_start)),
  CHECK (action <> 'set_context' OR context IS NOT NULL)
);

INSERT INTO decisions (id, document_sha256, segment_idx, segment_text_sha256, action, code, context, seg_start, seg_end,
                          memo, reviewer, decided_at, lexicon_version, based_on)
  SELECT id, document_sha256, segment_idx, segment_text_sha256, action, code, context, seg_start, seg_end,
         memo, reviewer, decided_at, lexicon_version, based_on
  FROM decisions_v3 ORDER BY id;

-- DROP TABLE runs no DELETE triggers, so the append-only guard does not stop the rebuild.
DROP TABLE decisions_v3;

CREATE INDEX decisions_anchor ON decisions (document_sha256, segment_idx, segment_text_sha256, code);

CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
BEGIN
  SELECT RAISE(ABORT, 'decisions are append-only: add a new decision instead of updating one');
END;

CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
BEGIN
  SELECT RAISE(ABORT, 'decisions are append-only: a decision is never deleted');
END;

-- 2. Reviewers' memos on a segment (code null) or on one code in it; append-only like decisions,
--    and anchored the same way so they survive re-runs. The latest memo per anchor is shown.
CREATE TABLE memos (
  id                  INTEGER PRIMARY KEY,
  document_sha256     TEXT NOT NULL REFERENCES documents (sha256),
  segment_idx         INTEGER NOT NULL,
  segment_text_sha256 TEXT NOT NULL,
  code                TEXT,
  text                TEXT NOT NULL,
  reviewer            TEXT NOT NULL,
  written_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX memos_anchor ON memos (document_sha256, segment_idx, segment_text_sha256);

CREATE TRIGGER memos_no_update BEFORE UPDATE ON memos
BEGIN
  SELECT RAISE(ABORT, 'memos are append-only: write a new memo instead of editing one');
END;

CREATE TRIGGER memos_no_delete BEFORE DELETE ON memos
BEGIN
  SELECT RAISE(ABORT, 'memos are append-only: a memo is never deleted');
END;
