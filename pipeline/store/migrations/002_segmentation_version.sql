-- 002_segmentation_version: the version of extraction + segmentation each document's segments
-- came from. When it differs from the running pipeline's, the document is extracted and
-- segmented again; a change of the tagging lexicon alone only re-tags (documents.lexicon_version).
ALTER TABLE documents ADD COLUMN segmentation_version TEXT;
