import type { Codebook } from '../codebook.js';
import type { EvalReport, Score } from './evaluate.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const f3 = (x: number) => x.toFixed(3);

function scoreCells(s: Score): string[] {
  if (s.tp + s.fp + s.fn === 0) return ['–', '–', '–', '0', '0'];
  return [f3(s.precision), f3(s.recall), f3(s.f1), String(s.tp + s.fn), String(s.tp + s.fp)];
}

export function formatTable(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}

/** The evaluation as a terminal report: per-code table, then the headline figures. */
export function formatEvalReport(r: EvalReport, codebook: Codebook): string {
  const rows = [['code', 'precision', 'recall', 'F1', 'gold', 'predicted']];
  for (const c of codebook.codes) rows.push([c.id, ...scoreCells(r.perCode[c.id])]);
  const lines = [
    `Evaluated ${r.documents.length} document(s) against gold, paragraph level.`,
    ...(r.missingDocuments.length ? [`Not in the database (run \`scrcode run\` on them first): ${r.missingDocuments.join(', ')}`] : []),
    '',
    formatTable(rows),
    '',
    `Themes micro:        P ${f3(r.themesMicro.precision)}  R ${f3(r.themesMicro.recall)}  F1 ${f3(r.themesMicro.f1)}`,
    `Risk factors micro:  P ${f3(r.riskFactorsMicro.precision)}  R ${f3(r.riskFactorsMicro.recall)}  F1 ${f3(r.riskFactorsMicro.f1)}`,
    `Document checklist:  P ${f3(r.checklist.precision)}  R ${f3(r.checklist.recall)}  F1 ${f3(r.checklist.f1)}`,
    `Non-present mentions kept out of "present": ${r.nonPresent.keptOut}/${r.nonPresent.total} (${pct(r.nonPresent.share)}); ` +
      Object.entries(r.nonPresent.byContext).map(([k, v]) => `${k} ${v.keptOut}/${v.total}`).join(', '),
    `Gold paragraph text recovered: ${pct(r.textRecovered)} (paragraphs exactly one segment: ${pct(r.paragraphsExact)})`,
    `Page furniture / stray text in segments: ${r.leaked.length === 0 ? 'none' : `${r.leaked.length} run(s)`}`,
    ...r.leaked.slice(0, 20).map((l) => `  ${l.document}: "${l.text.slice(0, 80)}"`),
  ];
  return lines.join('\n');
}
