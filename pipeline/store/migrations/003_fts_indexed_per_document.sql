-- 003_fts_indexed_per_document: segment text is added to the full-text index by the store, one
-- statement per document (store/documents.ts, insertSegments), instead of by a row trigger.
-- FTS5 flushes its pending terms at every statement savepoint, so a row trigger wrote one tiny
-- index segment per row and made storing three times slower (1.4 s of a year's 2.4 s).
-- Deletes and text updates still go through their triggers, which every path needs.
DROP TRIGGER segments_fts_insert;
