// CSV export: one row per (segment, code), RFC 4180 quoting, CRLF line ends.
import type { Db } from '../store/db.js';
import { type ExportTarget, writePieces } from './output.js';
import { type ExportRowOptions, exportSegments } from './rows.js';

export const CSV_COLUMNS = [
  'document', 'sha256', 'segment', 'section', 'paragraph', 'page', 'segment_start', 'segment_end',
  'code', 'context', 'rule', 'evidence_start', 'evidence_end', 'evidence', 'lexicon_version', 'confidence', 'decision', 'text',
] as const;

/** Writes the export (redacted with { redact: true }); resolves to the number of data rows written (the header not counted). */
export async function exportCsv(db: Db, out: ExportTarget, options: ExportRowOptions = {}): Promise<number> {
  return (await writePieces(out, csvLines(db, options))) - 1;
}

export function* csvLines(db: Db, options: ExportRowOptions = {}): Generator<string> {
  yield csvRow(CSV_COLUMNS);
  for (const s of exportSegments(db, options)) {
    for (const c of s.codes) {
      yield csvRow([
        s.document, s.sha256, s.index, s.section, s.paragraph, s.page, s.start, s.end,
        c.code, c.context, c.rule, c.evidence.start, c.evidence.end, c.evidence.text, c.lexicon_version, c.confidence, c.decision, s.text,
      ]);
    }
  }
}

export function csvRow(cells: readonly (string | number | null)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

// A spreadsheet runs a cell starting with one of these as a formula (CSV injection); OWASP adds tab and CR.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}
