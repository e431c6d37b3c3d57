// JSONL export: one line per segment, every segment including uncoded ones.
import type { Db } from '../store/db.js';
import { type ExportTarget, writePieces } from './output.js';
import { type ExportSegment, exportSegments } from './rows.js';

/** Writes the export; resolves to the number of lines (segments) written. */
export function exportJsonl(db: Db, out: ExportTarget): Promise<number> {
  return writePieces(out, jsonlLines(db));
}

export function* jsonlLines(db: Db): Generator<string> {
  for (const segment of exportSegments(db)) yield `${JSON.stringify(jsonlRecord(segment))}\n`;
}

/** The line shape, keys in its order. */
function jsonlRecord(s: ExportSegment): object {
  return {
    document: s.document, sha256: s.sha256, section: s.section, paragraph: s.paragraph, page: s.page,
    start: s.start, end: s.end, text: s.text, codes: s.codes,
  };
}
