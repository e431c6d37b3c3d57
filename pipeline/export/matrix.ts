// The code-by-document matrix for R and spreadsheets: one row per coded document, one column
// per code in the codebook's order, holding either 0/1 (the code applies somewhere in the
// document) or the number of segments it applies to. Reviewers' decisions are applied.
// The only text in it that can name a person is the file name ("…_child_p_smith.pdf"):
// redacted, it loses every word the report gives as a person's name.
import { type Codebook, loadCodebook } from '../codebook.js';
import { type Db, statement } from '../store/db.js';
import { redactStoredDocument } from './redaction.js';
import { appliedCodes } from './appliedCodes.js';
import { csvRow } from './exportCsv.js';
import { type ExportTarget, writePieces } from './output.js';
import { type ExportRowOptions, exportSegments } from './rows.js';

export type MatrixCells = 'presence' | 'counts';

/** Writes the matrix (document names redacted with { redact: true }); resolves to the number of document rows (the header not counted). */
export async function exportMatrix(db: Db, out: ExportTarget, cells: MatrixCells, options: ExportRowOptions = {}, codebook: Codebook = loadCodebook()): Promise<number> {
  return (await writePieces(out, matrixLines(db, cells, codebook, options))) - 1;
}

export function* matrixLines(db: Db, cells: MatrixCells, codebook: Codebook, options: ExportRowOptions = {}): Generator<string> {
  const codes = codebook.codes.map((c) => c.id);
  yield csvRow(['document', 'sha256', ...codes]);
  const counts = segmentCountsByDocument(db, codebook);
  // Every coded document gets a row, a report with no code at all included (a row of zeros).
  const documents = statement(db, `SELECT id, sha256, file_name AS fileName FROM documents WHERE status = 'coded' AND superseded_by IS NULL ORDER BY path, sha256`)
    .all() as { id: number; sha256: string; fileName: string }[];
  for (const doc of documents) {
    const byCode = counts.get(doc.sha256);
    const name = options.redact ? redactedFileName(db, doc) : doc.fileName;
    yield csvRow([name, doc.sha256, ...codes.map((code) => cell(byCode?.get(code) ?? 0, cells))]);
  }
}

/** The file name without the names of the people the report gives (they are found in its whole text). */
function redactedFileName(db: Db, doc: { id: number; fileName: string }): string {
  return redactStoredDocument(db, doc.id).redactFileName(doc.fileName);
}

const cell = (segments: number, cells: MatrixCells): number => (cells === 'counts' ? segments : segments > 0 ? 1 : 0);

/** Per document (sha256), per code: the number of segments the code applies to. */
function segmentCountsByDocument(db: Db, codebook: Codebook): Map<string, Map<string, number>> {
  const counts = new Map<string, Map<string, number>>();
  for (const segment of exportSegments(db)) {
    let byCode = counts.get(segment.sha256);
    if (!byCode) counts.set(segment.sha256, (byCode = new Map()));
    for (const code of appliedCodes(segment, codebook)) byCode.set(code.code, (byCode.get(code.code) ?? 0) + 1);
  }
  return counts;
}
