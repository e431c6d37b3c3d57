import type { Db } from '../store/db.js';
import type { Codebook } from '../codebook.js';
import { formatTable } from '../eval/formatReport.js';

interface DocumentRow {
  id: number;
  file_name: string;
  status: string;
  reason: string | null;
  page_count: number | null;
}

/** What the database holds: documents coded and not analysed, segments, codes, and the risk-factor checklist. */
export function formatDatabaseSummary(db: Db, codebook: Codebook): string {
  // Earlier versions of revised files (migration 007) are kept for their decisions but not counted.
  const docs = db.prepare('SELECT id, file_name, status, reason, page_count FROM documents WHERE superseded_by IS NULL ORDER BY file_name').all() as DocumentRow[];
  const coded = docs.filter((d) => d.status === 'coded');
  const notAnalysed = docs.filter((d) => d.status !== 'coded');
  const segments = (db.prepare('SELECT count(*) AS n FROM segments s JOIN documents d ON d.id = s.document_id WHERE d.superseded_by IS NULL').get() as { n: number }).n;
  const superseded = (db.prepare('SELECT count(*) AS n FROM documents WHERE superseded_by IS NOT NULL').get() as { n: number }).n;
  const lines = [
    `Documents coded: ${coded.length}   not analysed: ${notAnalysed.length}   segments: ${segments}` +
      (superseded ? `   (${superseded} earlier version(s) of revised files kept, not counted)` : ''),
    ...notAnalysed.map((d) => `  not analysed  ${d.file_name}: ${d.status} — ${d.reason ?? ''}`),
    '',
    codeCountsTable(db, codebook),
    '',
    checklistTable(db, codebook, coded),
  ];
  return lines.join('\n');
}

function codeCountsTable(db: Db, codebook: Codebook): string {
  const rows = db
    .prepare(
      `SELECT p.code,
              count(DISTINCT CASE WHEN p.context = 'asserted' THEN p.segment_id END) AS present_segments,
              count(DISTINCT CASE WHEN p.context = 'asserted' THEN s.document_id END) AS present_documents,
              count(DISTINCT CASE WHEN p.context <> 'asserted' THEN p.segment_id END) AS other_segments
         FROM proposals p JOIN segments s ON s.id = p.segment_id JOIN documents d ON d.id = s.document_id AND d.superseded_by IS NULL
        GROUP BY p.code`,
    )
    .all() as { code: string; present_segments: number; present_documents: number; other_segments: number }[];
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const table = [['code', 'kind', 'segments', 'documents', 'negated/hypothetical/generic segments']];
  for (const c of codebook.codes) {
    const r = byCode.get(c.id);
    table.push([c.id, c.kind === 'theme' ? 'theme' : 'risk factor', String(r?.present_segments ?? 0), String(r?.present_documents ?? 0), c.kind === 'theme' ? '' : String(r?.other_segments ?? 0)]);
  }
  return `Codes proposed (themes: segments discussing; risk factors: segments asserting present):\n${formatTable(table)}`;
}

// Short column labels keep a 12-factor checklist readable in a terminal.
function abbreviate(code: string): string {
  return code.split('_').map((w) => w.slice(0, w.length > 4 ? 3 : 4)).join('_').slice(0, 9);
}

function checklistTable(db: Db, codebook: Codebook, coded: DocumentRow[]): string {
  const present = db
    .prepare(
      `SELECT DISTINCT s.document_id AS doc, p.code FROM proposals p JOIN segments s ON s.id = p.segment_id
        WHERE p.context = 'asserted'`,
    )
    .all() as { doc: number; code: string }[];
  const set = new Set(present.map((r) => `${r.doc}:${r.code}`));
  const header = ['document', ...codebook.riskFactors.map(abbreviate)];
  const rows = coded.map((d) => [d.file_name, ...codebook.riskFactors.map((rf) => (set.has(`${d.id}:${rf}`) ? 'X' : '.'))]);
  const legend = codebook.riskFactors.map((rf) => `${abbreviate(rf)} = ${rf}`).join(', ');
  return `Risk-factor checklist (X = asserted present in at least one segment):\n${formatTable([header, ...rows])}\n${legend}`;
}
