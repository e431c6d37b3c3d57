import type { Codebook } from '../codebook.js';
import type { EvalReport, Score } from './evaluate.js';
import type { ProfileReport } from './profile.js';

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
    '',
    formatProfileReport(r.profile),
  ];
  return lines.join('\n');
}

/** One row per profile field: share right (exact), mean word-overlap F1 (nature of harm), set P/R/F1 (lists). */
export function formatProfileReport(p: ProfileReport): string {
  const rows = [['profile field', 'score', 'measure', 'documents']];
  for (const f of Object.values(p.fields)) {
    const measure = f.kind === 'exact' ? `${f.correct}/${f.documents} exact` : f.kind === 'token_f1' ? 'mean word-overlap F1' : `set P ${f3(f.precision!)} R ${f3(f.recall!)}`;
    rows.push([f.field, f.documents ? f3(f.accuracy) : '–', measure, String(f.documents)]);
  }
  return [`Document profile against gold (exact fields mean ${f3(p.exactMean)}):`, formatTable(rows)].join('\n');
}

/** The profile fields that disagree with gold, one line each, for study (`--errors profile`). */
export function formatProfileMismatches(p: ProfileReport): string {
  return p.mismatches.map((m) => `PROFILE ${m.field} — ${m.document}: predicted ${JSON.stringify(m.predicted)}, gold ${JSON.stringify(m.gold)}`).join('\n');
}
