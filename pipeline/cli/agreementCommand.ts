// `scrcode agreement`: how far reviewers agree with each other and with the pipeline.
import { loadCodebook } from '../codebook.js';
import { formatTable } from '../eval/formatReport.js';
import {
  type AgreementReport, type CodeAgreement, type KappaResult, type ReviewerPairAgreement, type RuleJudgement,
  agreementReport, codebookView,
} from '../review/agreement.js';
import { EXIT, openExistingDb, parseOptions } from './common.js';

export const NO_DECISIONS_MESSAGE =
  'No reviewer decisions yet: agreement needs confirmed, rejected or added codes, so there is nothing to compare.';

export function agreementCommand(args: string[], defaultDb: string): number {
  const { values } = parseOptions(args, {
    db: { type: 'string', default: defaultDb },
    json: { type: 'boolean', default: false },
  });
  const db = openExistingDb(values.db!);
  let report: AgreementReport;
  try {
    report = agreementReport(db, codebookView(loadCodebook()));
  } finally {
    db.close();
  }
  // A script always gets JSON (with empty lists when nobody has decided anything yet).
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else console.log(report.decisions === 0 ? NO_DECISIONS_MESSAGE : formatAgreementReport(report));
  return EXIT.ok;
}

/** The report as terminal tables: reviewer pairs, then rules weakest first, then pipeline kappa per code. */
export function formatAgreementReport(report: AgreementReport): string {
  const { pipeline } = report;
  return [
    `Reviewer decisions: ${report.decisions} by ${report.reviewers.length} reviewer(s) (${report.reviewers.join(', ')}) ` +
      `in ${pipeline.reviewedDocuments} document(s).`,
    '',
    ...betweenReviewersSection(report),
    'Pipeline vs reviewers, per rule (current decision of any reviewer; weakest first):',
    ...rulesSection(pipeline.rules, pipeline.unjudgedRules),
    '',
    'Pipeline vs reviewers, per code (units: segments of reviewed documents whose current decision about the code,',
    'by any reviewer, is confirm, reject, add or set_context; undecided or withdrawn ones are not units; 1 = proposed / applied):',
    ...kappaSection(pipeline.codes, pipeline.pooled, 'pipeline', 'reviewers'),
  ].join('\n');
}

function betweenReviewersSection(report: AgreementReport): string[] {
  if (report.reviewers.length === 0) return ['Between reviewers: every decision has been undone, so there is no pair to compare.', ''];
  if (report.reviewers.length < 2) return [`Between reviewers: only ${report.reviewers[0]} has made decisions, so there is no pair to compare.`, ''];
  if (report.betweenReviewers.length === 0) return ['Between reviewers: no two reviewers have both judged the same segment and code yet.', ''];
  return report.betweenReviewers.flatMap((pair) => [...pairSection(pair), '']);
}

function pairSection(pair: ReviewerPairAgreement): string[] {
  return [
    `Between reviewers: ${pair.first} vs ${pair.second}, ${pair.sharedDocuments} shared document(s)`,
    '(units: segments and codes both of them judged, not the whole text; 1 = confirm/add/set_context, 0 = reject;',
    'a segment only one of them judged, or one they withdrew or undid, is not a unit):',
    ...kappaSection(pair.codes, pair.pooled, pair.first, pair.second),
  ];
}

function kappaSection(codes: CodeAgreement[], pooled: KappaResult, first: string, second: string): string[] {
  if (codes.length === 0) return ['  (no units yet)'];
  const header = ['code', 'kind', 'units', 'both', `${first} only`, `${second} only`, 'neither', 'observed', 'expected', 'kappa'];
  const rows = codes.map((c) => [c.code, kindLabel(c), ...kappaCells(c)]);
  rows.push(['all codes (pooled)', '', ...kappaCells(pooled)]);
  const notes = [...codes.map((c) => ({ label: c.code, result: c as KappaResult })), { label: 'all codes (pooled)', result: pooled }]
    .filter((n) => n.result.kappa === null)
    .map((n) => `  – ${n.label}: kappa undefined: ${n.result.undefinedReason}.`);
  return [formatTable([header, ...rows]), ...notes];
}

function kappaCells(r: KappaResult): string[] {
  return [r.units, r.both, r.firstOnly, r.secondOnly, r.neither].map(String).concat([fixed(r.observed), fixed(r.expected), r.kappa === null ? '–' : fixed(r.kappa)]);
}

function rulesSection(rules: RuleJudgement[], unjudged: number): string[] {
  const notShown = unjudged > 0 ? [`  (${unjudged} rule(s) with proposals but no judged ones are not listed.)`] : [];
  if (rules.length === 0) return ['  (no proposal has been confirmed or rejected yet)', ...notShown];
  const header = ['rule', 'code', 'proposed', 'judged', 'confirmed', 'rejected', 'confirmed share'];
  const rows = rules.map((r) => [r.rule, r.code, ...[r.proposed, r.judged, r.confirmed, r.rejected].map(String), `${Math.round(r.confirmedShare * 100)}%`]);
  return [formatTable([header, ...rows]), ...notShown];
}

function kindLabel(c: CodeAgreement): string {
  return c.kind === 'theme' ? 'theme' : c.kind === 'risk_factor' ? 'risk factor' : '?';
}

function fixed(x: number | null): string {
  return x === null ? '–' : x.toFixed(2);
}
