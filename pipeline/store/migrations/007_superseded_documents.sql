-- 007_superseded_documents: a revised report (new bytes at the same path) replaces the version
-- analysed before. The old row stays — reviewers' decisions are anchored to its bytes and are
-- never deleted — but it points at its successor and no count, export, query or report reads it.
-- If the file goes back to the old bytes, the old row is current again and the newer one points at it.
ALTER TABLE documents ADD COLUMN superseded_by INTEGER REFERENCES documents (id);
CREATE INDEX documents_path ON documents (path);
