// How far reviewers agree with each other and with the pipeline: Cohen's kappa per code for
// every pair of reviewers, and per code and per rule for the pipeline against the reviewers.
// The SQL only reads decisions and proposals; every count is made by the pure functions below,
// so the definitions can be tested without a database.
import type { Codebook } from '../codebook.js';
import type { CodeKind } from '../types.js';
import { type Db, statement } from '../store/db.js';
import { type DecisionAction, latestDecisionsSql } from '../store/decisions.js';

/** A 2×2 agreement table between a first and a second rater, one count per unit. */
export interface AgreementTable {
  /** Both raters applied the code. */
  both: number;
  firstOnly: number;
  secondOnly: number;
  /** Neither applied it. */
  neither: number;
}

export interface KappaResult extends AgreementTable {
  units: number;
  /** Observed agreement p_o; null when there are no units. */
  observed: number | null;
  /** Agreement expected by chance p_e, from each rater's own marginals; null when there are no units. */
  expected: number | null;
  /** (p_o − p_e) / (1 − p_e); null when undefined (see undefinedReason). */
  kappa: number | null;
  undefinedReason: string | null;
}

export interface CodeAgreement extends KappaResult {
  code: string;
  kind: CodeKind | null;
}

export interface ReviewerPairAgreement {
  first: string;
  second: string;
  /** Documents in which both reviewers made at least one decision. */
  sharedDocuments: number;
  codes: CodeAgreement[];
  /** All codes' units pooled into one table. */
  pooled: KappaResult;
}

export interface RuleJudgement {
  rule: string;
  code: string;
  /** (segment, code) pairs the rule proposed in the current segments. */
  proposed: number;
  /** Of those, pairs whose current decision is confirm / set_context (confirmed) or reject (rejected). */
  judged: number;
  confirmed: number;
  rejected: number;
  confirmedShare: number;
}

export interface AgreementReport {
  decisions: number;
  reviewers: string[];
  betweenReviewers: ReviewerPairAgreement[];
  pipeline: {
    first: 'pipeline';
    second: 'reviewers';
    /** Documents with at least one decision: the pipeline kappa's units come from these. */
    reviewedDocuments: number;
    /** Weakest first: lowest confirmed share, then most judged. */
    rules: RuleJudgement[];
    /** Rules with proposals but none judged yet (not listed in rules). */
    unjudgedRules: number;
    codes: CodeAgreement[];
    pooled: KappaResult;
  };
}

// ---------------------------------------------------------------------------------------------
// Cohen's kappa

/**
 * Cohen's kappa for two raters and a yes/no category. Computed from the integer counts, so a
 * table like 20/5/10/15 gives exactly 0.4 and "p_e = 1" is an exact test, not a float compare.
 */
export function cohensKappa(table: AgreementTable): KappaResult {
  const { both, firstOnly, secondOnly, neither } = table;
  const units = both + firstOnly + secondOnly + neither;
  if (units === 0) return { ...table, units, observed: null, expected: null, kappa: null, undefinedReason: 'no units' };
  const agreeing = both + neither;
  // n² · p_e = (first yes · second yes) + (first no · second no).
  const chanceScaled = (both + firstOnly) * (both + secondOnly) + (secondOnly + neither) * (firstOnly + neither);
  const unitsSquared = units * units;
  const observed = agreeing / units;
  const expected = chanceScaled / unitsSquared;
  if (chanceScaled === unitsSquared) {
    return { ...table, units, observed, expected, kappa: null, undefinedReason: sameValueReason(table, units) };
  }
  const kappa = (units * agreeing - chanceScaled) / (unitsSquared - chanceScaled);
  return { ...table, units, observed, expected, kappa, undefinedReason: null };
}

// p_e = 1 only when both raters gave one and the same value to every unit: kappa is 0/0.
function sameValueReason(table: AgreementTable, units: number): string {
  const value = table.both === units ? 'both applied the code' : 'neither applied the code';
  return `all ${units} unit(s) had the same value (${value}), so agreement by chance is 1`;
}

export function emptyTable(): AgreementTable {
  return { both: 0, firstOnly: 0, secondOnly: 0, neither: 0 };
}

export function tally(table: AgreementTable, first: boolean, second: boolean): void {
  if (first && second) table.both++;
  else if (first) table.firstOnly++;
  else if (second) table.secondOnly++;
  else table.neither++;
}

function pool(tables: Iterable<AgreementTable>): AgreementTable {
  const sum = emptyTable();
  for (const t of tables) {
    sum.both += t.both;
    sum.firstOnly += t.firstOnly;
    sum.secondOnly += t.secondOnly;
    sum.neither += t.neither;
  }
  return sum;
}

/** confirm, add and set_context say the code applies; reject, withdraw and no decision say it does not. */
export function isApplied(action: DecisionAction | null | undefined): boolean {
  return action === 'confirm' || action === 'add' || action === 'set_context';
}

/** A code is "coded" in a unit by any decision still standing; a withdrawn one is undecided again. */
function isStanding(action: DecisionAction | null | undefined): boolean {
  return action != null && action !== 'withdraw';
}

/** Codebook order first (how every other report lists codes), then codes it does not know, alphabetically. */
export function codeComparator(codeOrder: readonly string[]): (a: string, b: string) => number {
  const rank = new Map(codeOrder.map((code, i) => [code, i]));
  return (a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0);
}

function perCode(tables: Map<string, AgreementTable>, codebook: CodebookView): { codes: CodeAgreement[]; pooled: KappaResult } {
  const codes = [...tables.keys()]
    .sort(codeComparator(codebook.order))
    .map((code) => ({ code, kind: codebook.kindOf(code) ?? null, ...cohensKappa(tables.get(code)!) }));
  return { codes, pooled: cohensKappa(pool(tables.values())) };
}

function tableFor(tables: Map<string, AgreementTable>, code: string): AgreementTable {
  let table = tables.get(code);
  if (!table) tables.set(code, (table = emptyTable()));
  return table;
}

/** What the pure functions need of the codebook: its order and each code's kind. */
export interface CodebookView {
  order: readonly string[];
  kindOf(code: string): CodeKind | undefined;
}

export function codebookView(codebook: Codebook): CodebookView {
  return { order: codebook.codes.map((c) => c.id), kindOf: (code) => codebook.kindOf(code) };
}

// ---------------------------------------------------------------------------------------------
// Between reviewers

/** A reviewer's own latest decision about one (segment anchor, code). */
export interface OwnDecision {
  reviewer: string;
  documentSha256: string;
  segmentIndex: number;
  segmentTextSha256: string;
  code: string;
  action: DecisionAction;
}

interface ReviewerView {
  documents: Set<string>;
  /** Anchor + code → own current decision. */
  decisions: Map<string, OwnDecision>;
}

function anchorCodeKey(d: OwnDecision): string {
  return JSON.stringify([d.documentSha256, d.segmentIndex, d.segmentTextSha256, d.code]);
}

function viewsByReviewer(decisions: readonly OwnDecision[]): Map<string, ReviewerView> {
  const views = new Map<string, ReviewerView>();
  for (const d of decisions) {
    let view = views.get(d.reviewer);
    if (!view) views.set(d.reviewer, (view = { documents: new Set(), decisions: new Map() }));
    view.documents.add(d.documentSha256);
    view.decisions.set(anchorCodeKey(d), d);
  }
  return views;
}

/**
 * Kappa per code for every pair of reviewers with documents in common. Expects one row per
 * reviewer, anchor and code (their own latest decision, withdrawals included: a reviewer who
 * decided only to withdraw still "made a decision" in that document).
 */
export function reviewerPairAgreement(decisions: readonly OwnDecision[], codebook: CodebookView): ReviewerPairAgreement[] {
  const views = viewsByReviewer(decisions);
  const reviewers = [...views.keys()].sort();
  const pairs: ReviewerPairAgreement[] = [];
  for (let i = 0; i < reviewers.length; i++) {
    for (let j = i + 1; j < reviewers.length; j++) {
      const pair = agreementOfPair(reviewers[i], views.get(reviewers[i])!, reviewers[j], views.get(reviewers[j])!, codebook);
      if (pair) pairs.push(pair);
    }
  }
  return pairs;
}

function agreementOfPair(
  first: string, firstView: ReviewerView, second: string, secondView: ReviewerView, codebook: CodebookView,
): ReviewerPairAgreement | null {
  const shared = new Set([...firstView.documents].filter((doc) => secondView.documents.has(doc)));
  if (shared.size === 0) return null;
  const tables = new Map<string, AgreementTable>();
  // Units: anchors both of them judged (a standing decision each), never the whole text, so long
  // reports of segments nobody coded do not inflate agreement; an anchor only one of them judged
  // says nothing about agreement (the other may never have looked at it).
  const keys = new Set([...firstView.decisions.keys(), ...secondView.decisions.keys()]);
  for (const key of keys) {
    const a = firstView.decisions.get(key);
    const b = secondView.decisions.get(key);
    const decision = (a ?? b)!;
    if (!shared.has(decision.documentSha256)) continue;
    if (!isStanding(a?.action) || !isStanding(b?.action)) continue;
    tally(tableFor(tables, decision.code), isApplied(a?.action), isApplied(b?.action));
  }
  if (tables.size === 0) return null;
  return { first, second, sharedDocuments: shared.size, ...perCode(tables, codebook) };
}

// ---------------------------------------------------------------------------------------------
// Pipeline vs reviewers

/** One (current segment, code) in a reviewed document that the pipeline proposed or a reviewer decided on. */
export interface PipelineUnitRow {
  segmentId: number;
  code: string;
  proposed: boolean;
  /** The current decision across all reviewers, or null when nobody decided. */
  action: DecisionAction | null;
}

/** Kappa per code between "the pipeline proposed it (any context)" and "the reviewers' current decision applies it". */
export function pipelineAgreement(rows: readonly PipelineUnitRow[], codebook: CodebookView): { codes: CodeAgreement[]; pooled: KappaResult } {
  const tables = new Map<string, AgreementTable>();
  // Only what reviewers judged: a proposal nobody has looked at yet is not a reviewer's "no".
  for (const row of rows) {
    if (!isStanding(row.action)) continue;
    tally(tableFor(tables, row.code), row.proposed, isApplied(row.action));
  }
  return perCode(tables, codebook);
}

/** One (rule, segment, code) the rule proposed, with the current decision across all reviewers. */
export interface RuleProposalRow {
  rule: string;
  code: string;
  segmentId: number;
  action: DecisionAction | null;
}

/**
 * Confirmed share per rule (and code), weakest first. Only confirm / set_context and reject
 * count as judgements: an 'add' over a proposal or a withdrawal says nothing about the rule.
 */
export function ruleJudgements(rows: readonly RuleProposalRow[]): { rules: RuleJudgement[]; unjudgedRules: number } {
  const byRule = new Map<string, RuleJudgement>();
  const seen = new Set<string>();
  for (const row of rows) {
    const key = JSON.stringify([row.rule, row.code]);
    // A rule proposing a code twice in one segment (two evidence spans) is judged once there.
    const pairKey = JSON.stringify([row.rule, row.code, row.segmentId]);
    if (seen.has(pairKey)) continue;
    seen.add(pairKey);
    let r = byRule.get(key);
    if (!r) byRule.set(key, (r = { rule: row.rule, code: row.code, proposed: 0, judged: 0, confirmed: 0, rejected: 0, confirmedShare: 0 }));
    r.proposed++;
    if (row.action === 'confirm' || row.action === 'set_context') r.confirmed++;
    else if (row.action === 'reject') r.rejected++;
  }
  const all = [...byRule.values()].map((r) => ({ ...r, judged: r.confirmed + r.rejected }));
  const rules = all
    .filter((r) => r.judged > 0)
    .map((r) => ({ ...r, confirmedShare: r.confirmed / r.judged }))
    .sort((a, b) => a.confirmedShare - b.confirmedShare || b.judged - a.judged || compareText(a.rule, b.rule) || compareText(a.code, b.code));
  return { rules, unjudgedRules: all.length - rules.length };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Reading the database

const LATEST_DECISIONS = latestDecisionsSql();

// The same, but per reviewer: other reviewers' later rows do not supersede a reviewer's own view.
// An undo and the decision it took back are left out: the undo re-issues what was current before,
// which may be someone else's judgement, and the undone decision is no longer the reviewer's.
const OWN_LATEST_DECISIONS = `
  SELECT reviewer, document_sha256 AS documentSha256, segment_idx AS segmentIndex,
         segment_text_sha256 AS segmentTextSha256, code, action
  FROM (
    SELECT dec.*, row_number() OVER (
      PARTITION BY dec.reviewer, dec.document_sha256, dec.segment_idx, dec.segment_text_sha256, dec.code ORDER BY dec.id DESC) AS recency
    FROM decisions dec
    WHERE dec.undoes IS NULL AND dec.id NOT IN (SELECT undoes FROM decisions WHERE undoes IS NOT NULL)
      -- Judgements of an earlier version of a revised file (migration 007) are not compared.
      AND dec.document_sha256 NOT IN (SELECT sha256 FROM documents WHERE superseded_by IS NOT NULL)
  ) WHERE recency = 1`;

/** Each reviewer's own latest decision per anchor and code (segment anchors, whether or not the segment is still current). */
export function readOwnDecisions(db: Db): OwnDecision[] {
  return statement(db, OWN_LATEST_DECISIONS).all() as OwnDecision[];
}

// Units for the pipeline kappa: current segments of reviewed documents with a proposal or a
// current decision about the code (a decision counts only if its anchor matches the segment now).
const PIPELINE_UNITS = `
  WITH latest AS (${LATEST_DECISIONS}),
  reviewed AS (
    SELECT d.id FROM documents d WHERE d.superseded_by IS NULL AND EXISTS (SELECT 1 FROM decisions x WHERE x.document_sha256 = d.sha256)
  ),
  proposed AS (
    SELECT DISTINCT p.segment_id, p.code
    FROM proposals p JOIN segments s ON s.id = p.segment_id JOIN reviewed r ON r.id = s.document_id
  ),
  decided AS (
    SELECT s.id AS segment_id, latest.code, latest.action
    FROM latest
    JOIN documents d ON d.sha256 = latest.document_sha256
    JOIN segments s ON s.document_id = d.id AND s.idx = latest.segment_idx AND s.text_sha256 = latest.segment_text_sha256
  ),
  pairs AS (SELECT segment_id, code FROM proposed UNION SELECT segment_id, code FROM decided)
  SELECT pairs.segment_id AS segmentId, pairs.code,
         EXISTS (SELECT 1 FROM proposed p WHERE p.segment_id = pairs.segment_id AND p.code = pairs.code) AS proposed,
         decided.action
  FROM pairs LEFT JOIN decided ON decided.segment_id = pairs.segment_id AND decided.code = pairs.code`;

export function readPipelineUnits(db: Db): PipelineUnitRow[] {
  const rows = statement(db, PIPELINE_UNITS).all() as (Omit<PipelineUnitRow, 'proposed'> & { proposed: number })[];
  return rows.map((r) => ({ ...r, proposed: r.proposed === 1 }));
}

// Every rule's proposals in the current segments, with the current decision (any reviewer) for that segment and code.
const RULE_PROPOSALS = `
  WITH latest AS (${LATEST_DECISIONS})
  SELECT DISTINCT p.rule, p.code, s.id AS segmentId, latest.action
  FROM proposals p
  JOIN segments s ON s.id = p.segment_id
  JOIN documents d ON d.id = s.document_id AND d.superseded_by IS NULL
  LEFT JOIN latest ON latest.document_sha256 = d.sha256 AND latest.segment_idx = s.idx
                  AND latest.segment_text_sha256 = s.text_sha256 AND latest.code = p.code`;

export function readRuleProposals(db: Db): RuleProposalRow[] {
  return statement(db, RULE_PROPOSALS).all() as RuleProposalRow[];
}

function countDecisions(db: Db): number {
  return (statement(db, 'SELECT count(*) AS n FROM decisions').get() as { n: number }).n;
}

function countReviewedDocuments(db: Db): number {
  return (statement(db, 'SELECT count(*) AS n FROM documents d WHERE d.superseded_by IS NULL AND EXISTS (SELECT 1 FROM decisions x WHERE x.document_sha256 = d.sha256)').get() as { n: number }).n;
}

/** The whole agreement report; reads the database, writes nothing. */
export function agreementReport(db: Db, codebook: CodebookView): AgreementReport {
  const own = readOwnDecisions(db);
  const { rules, unjudgedRules } = ruleJudgements(readRuleProposals(db));
  return {
    decisions: countDecisions(db),
    reviewers: [...new Set(own.map((d) => d.reviewer))].sort(),
    betweenReviewers: reviewerPairAgreement(own, codebook),
    pipeline: {
      first: 'pipeline',
      second: 'reviewers',
      reviewedDocuments: countReviewedDocuments(db),
      rules,
      unjudgedRules,
      ...pipelineAgreement(readPipelineUnits(db), codebook),
    },
  };
}
