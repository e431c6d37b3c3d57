// What the reviewer's workbench reads and writes, independent of HTTP: the document list with
// progress, one document's text with proposals and current decisions, decisions (refused on a
// stale view), undo, bulk decisions by rule, memos, and "why not" search. Every write is one
// IMMEDIATE transaction, so the stale-view check and the insert are atomic across processes.
import type { Codebook } from '../codebook.js';
import type { Context, Segment, SegmentedDoc } from '../types.js';
import { type Db, statement } from '../store/db.js';
import { addDecision, currentDecisions, type Decision, type DecisionAction } from '../store/decisions.js';
import { loadSegmentedDocument } from '../store/documents.js';
import { explainSegment, type ExplainedCode, type ExplainedMatch } from '../tag/explain.js';
import type { Lexicon } from '../tag/lexicon.js';
import { tokenize } from '../tag/tokenize.js';
import type { ProfileCorrectionView } from './profile.js';

/** A refusal the reviewer can act on; `kind` becomes the HTTP status in server.ts. */
export class ReviewError extends Error {
  constructor(
    readonly kind: 'invalid' | 'not_found' | 'forbidden' | 'stale' | 'segment_changed' | 'proposals_changed',
    message: string,
    /** For a stale refusal: what is current now (a code decision, or a profile correction). */
    readonly current: DecisionView | ProfileCorrectionView | null = null,
  ) {
    super(message);
  }
}

export const CONTEXTS: readonly Context[] = ['asserted', 'negated', 'hypothetical', 'generic'];
export const MEMO_MAX = 2000;

export interface DecisionView {
  id: number; segmentIndex: number; code: string; action: DecisionAction; context: Context | null;
  start: number | null; end: number | null; memo: string | null; reviewer: string; decidedAt: string; basedOn: number | null;
}

interface DocumentRow { id: number; sha256: string | null; fileName: string; status: string; reason: string | null; pageCount: number | null; lexiconVersion: string | null }

interface ProposalRow {
  id: number; segmentIndex: number; code: string; context: Context; start: number; end: number; evidence: string;
  rule: string; contextRule: string | null; lexiconVersion: string; confidence: number;
}

function documentRow(db: Db, documentId: number): DocumentRow {
  const row = statement(
    db,
    `SELECT id, sha256, file_name AS fileName, status, reason, page_count AS pageCount, lexicon_version AS lexiconVersion
     FROM documents WHERE id = ?`,
  ).get(documentId) as DocumentRow | undefined;
  if (!row) throw new ReviewError('not_found', `there is no document ${documentId}`);
  return row;
}

export function codedDocument(db: Db, documentId: number): DocumentRow & { sha256: string } {
  const row = documentRow(db, documentId);
  if (row.status !== 'coded' || !row.sha256) throw new ReviewError('not_found', `document ${documentId} (${row.fileName}) was not analysed: ${row.status}`);
  return row as DocumentRow & { sha256: string };
}

function proposalsOf(db: Db, documentId: number): ProposalRow[] {
  return statement(
    db,
    `SELECT p.id, s.idx AS segmentIndex, p.code, p.context, p.char_start AS start, p.char_end AS "end", p.evidence, p.rule,
            p.context_rule AS contextRule, p.lexicon_version AS lexiconVersion, p.confidence
     FROM proposals p JOIN segments s ON s.id = p.segment_id WHERE s.document_id = ? ORDER BY s.idx, p.code, p.char_start`,
  ).all(documentId) as ProposalRow[];
}

function toView(d: Decision): DecisionView {
  return {
    id: d.id, segmentIndex: d.segmentIndex, code: d.code, action: d.action, context: d.context,
    start: d.start, end: d.end, memo: d.memo, reviewer: d.reviewer, decidedAt: d.decidedAt, basedOn: d.basedOn,
  };
}

const pairKey = (segmentIndex: number, code: string) => `${segmentIndex}\0${code}`;

// ---------------------------------------------------------------------------------------------
// Reading

export interface Progress { proposed: number; confirmed: number; rejected: number; undecided: number; added: number }

export interface DocumentSummary {
  id: number; fileName: string; status: string; reason: string | null; pageCount: number | null; segments: number;
  progress: Progress | null; checklist: Record<string, boolean> | null;
}

export function listDocuments(db: Db, codebook: Codebook): DocumentSummary[] {
  const rows = statement(
    db,
    `SELECT d.id, d.sha256, d.file_name AS fileName, d.status, d.reason, d.page_count AS pageCount, d.lexicon_version AS lexiconVersion,
            (SELECT count(*) FROM segments s WHERE s.document_id = d.id) AS segments
     FROM documents d WHERE d.superseded_by IS NULL ORDER BY d.file_name, d.id`,
  ).all() as (DocumentRow & { segments: number })[];
  return rows.map((d) => {
    if (d.status !== 'coded') return { ...summaryFields(d), progress: null, checklist: null };
    const { progress, checklist } = documentState(proposalsOf(db, d.id), currentDecisions(db, d.id), codebook);
    return { ...summaryFields(d), progress, checklist };
  });
}

function summaryFields(d: DocumentRow & { segments: number }) {
  return { id: d.id, fileName: d.fileName, status: d.status, reason: d.reason, pageCount: d.pageCount, segments: d.segments };
}

/**
 * Progress counts machine-proposed (segment, code) pairs by their current decision; the
 * checklist marks a risk factor present when some pair has it asserted and it stands: proposed
 * asserted and not rejected, or confirmed/added/set with the context asserted.
 */
export function documentState(proposals: ProposalRow[], decisions: Decision[], codebook: Codebook): { progress: Progress; checklist: Record<string, boolean> } {
  const proposedAsserted = new Map<string, boolean>();
  for (const p of proposals) {
    const key = pairKey(p.segmentIndex, p.code);
    proposedAsserted.set(key, (proposedAsserted.get(key) ?? false) || p.context === 'asserted');
  }
  const decided = new Map(decisions.filter((d) => d.action !== 'withdraw').map((d) => [pairKey(d.segmentIndex, d.code), d]));
  const progress: Progress = { proposed: proposedAsserted.size, confirmed: 0, rejected: 0, undecided: 0, added: 0 };
  const present = new Set<string>();
  for (const [key, asserted] of proposedAsserted) {
    const d = decided.get(key);
    const code = key.slice(key.indexOf('\0') + 1);
    if (!d) progress.undecided++;
    else if (d.action === 'reject') progress.rejected++;
    else progress.confirmed++;
    if (d?.action === 'reject') continue;
    if (d?.context ? d.context === 'asserted' : asserted) present.add(code);
  }
  for (const [key, d] of decided) {
    if (proposedAsserted.has(key) || d.action === 'reject') continue;
    progress.added++;
    if ((d.context ?? 'asserted') === 'asserted') present.add(d.code);
  }
  const checklist = Object.fromEntries(codebook.riskFactors.map((rf) => [rf, present.has(rf)]));
  return { progress, checklist };
}

export interface DocumentView {
  document: { id: number; fileName: string; sha256: string; pageCount: number | null; lexiconVersion: string | null };
  segments: (Omit<Segment, 'sentences' | 'start' | 'end'> & { start: number; end: number; textSha256: string })[];
  proposals: (ProposalRow & { reason: string })[];
  decisions: DecisionView[];
  memos: MemoView[];
  rules: { rule: string; code: string; proposals: number; undecided: number }[];
}

export function documentView(db: Db, documentId: number): DocumentView {
  const doc = codedDocument(db, documentId);
  const segments = statement(
    db,
    `SELECT idx AS "index", kind, section, heading, paragraph, page, char_start AS start, char_end AS "end", text, text_sha256 AS textSha256
     FROM segments WHERE document_id = ? ORDER BY idx`,
  ).all(documentId) as DocumentView['segments'];
  const proposals = proposalsOf(db, documentId).map((p) => ({ ...p, reason: reasonOf(p) }));
  const decisions = currentDecisions(db, documentId).map(toView);
  return {
    document: { id: doc.id, fileName: doc.fileName, sha256: doc.sha256, pageCount: doc.pageCount, lexiconVersion: doc.lexiconVersion },
    segments, proposals, decisions, memos: currentMemos(db, documentId), rules: ruleSummary(proposals, decisions),
  };
}

/** "matched 'MARAC' — lexicon entry domestic_violence/marac, v0.1.0+…" (rule modules and proximity rules say so). */
export function reasonOf(p: Pick<ProposalRow, 'evidence' | 'rule' | 'context' | 'contextRule' | 'lexiconVersion'>): string {
  const context = p.context === 'asserted' ? '' : `; ${p.context} by ${p.contextRule ?? 'section'}`;
  return `matched '${p.evidence}' — lexicon entry ${p.rule}, v${p.lexiconVersion}${context}`;
}

function ruleSummary(proposals: ProposalRow[], decisions: DecisionView[]): DocumentView['rules'] {
  const decided = new Set(decisions.filter((d) => d.action !== 'withdraw').map((d) => pairKey(d.segmentIndex, d.code)));
  const byRule = new Map<string, { rule: string; code: string; pairs: Set<string> }>();
  for (const p of proposals) {
    const entry = byRule.get(p.rule) ?? { rule: p.rule, code: p.code, pairs: new Set<string>() };
    entry.pairs.add(pairKey(p.segmentIndex, p.code));
    byRule.set(p.rule, entry);
  }
  return [...byRule.values()]
    .map(({ rule, code, pairs }) => ({ rule, code, proposals: pairs.size, undecided: [...pairs].filter((k) => !decided.has(k)).length }))
    .sort((a, b) => (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// Writing decisions

export interface DecideInput {
  documentId: number; segmentIndex: number; code: string; action: 'confirm' | 'reject' | 'add' | 'set_context';
  context?: Context | null; start?: number | null; end?: number | null; memo?: string | null;
  basedOn: number | null; segmentTextSha256: string;
  /** The lexicon version of the proposals the page showed; refused when the report was re-tagged since. */
  lexiconVersion?: string | null;
}

interface SegmentAnchor { id: number; start: number; end: number; textSha256: string }

function segmentAnchor(db: Db, documentId: number, segmentIndex: number): SegmentAnchor {
  const row = statement(
    db,
    'SELECT id, char_start AS start, char_end AS "end", text_sha256 AS textSha256 FROM segments WHERE document_id = ? AND idx = ?',
  ).get(documentId, segmentIndex) as SegmentAnchor | undefined;
  if (!row) throw new ReviewError('not_found', `document ${documentId} has no segment ${segmentIndex}`);
  return row;
}

/** The latest decision (any reviewer, any action) for an anchor and code, as stored. */
function latestFor(db: Db, sha256: string, segmentIndex: number, textSha256: string, code: string): Decision | null {
  const row = statement(
    db,
    `SELECT d.id, d.document_sha256 AS documentSha256, d.segment_idx AS segmentIndex, d.segment_text_sha256 AS segmentTextSha256,
            d.action, d.code, d.context, s.char_start + d.seg_start AS start, s.char_start + d.seg_end AS "end", d.memo, d.reviewer,
            d.decided_at AS decidedAt, d.lexicon_version AS lexiconVersion, d.based_on AS basedOn, d.seg_start AS segStart, d.seg_end AS segEnd
     FROM decisions d
     JOIN documents doc ON doc.sha256 = d.document_sha256
     JOIN segments s ON s.document_id = doc.id AND s.idx = d.segment_idx AND s.text_sha256 = d.segment_text_sha256
     WHERE d.document_sha256 = ? AND d.segment_idx = ? AND d.segment_text_sha256 = ? AND d.code = ?
     ORDER BY d.id DESC LIMIT 1`,
  ).get(sha256, segmentIndex, textSha256, code) as (Decision & { segStart: number | null; segEnd: number | null }) | undefined;
  return row ?? null;
}

function decisionView(db: Db, sha256: string, segmentIndex: number, textSha256: string, code: string): DecisionView {
  return toView(latestFor(db, sha256, segmentIndex, textSha256, code)!);
}

function refuseStale(current: Decision | null, basedOn: number | null, code: string, segmentIndex: number): void {
  if ((current?.id ?? null) === basedOn) return;
  const what = current
    ? `${current.reviewer} ${pastTense(current.action)} it at ${current.decidedAt}`
    : 'the decision you saw was taken back';
  throw new ReviewError(
    'stale',
    `Not saved: "${code}" in paragraph ${segmentIndex} changed since this page loaded (${what}). Look at the current decision and decide again.`,
    current ? toView(current) : null,
  );
}

function pastTense(action: DecisionAction): string {
  return { confirm: 'confirmed', reject: 'rejected', add: 'added', set_context: 'set the context of', withdraw: 'took back a decision on' }[action];
}

/** Validates and stores one decision; refuses a stale view. Returns the new current decision. */
export function decide(db: Db, input: DecideInput, reviewer: string, codebook: Codebook): DecisionView {
  if (!codebook.kindOf(input.code)) throw new ReviewError('invalid', `unknown code "${input.code}"`);
  if (input.action === 'set_context' && !input.context) throw new ReviewError('invalid', 'set_context needs a context');
  if ((input.start == null) !== (input.end == null)) throw new ReviewError('invalid', 'a span needs both start and end');
  if (input.start != null && input.action !== 'add') throw new ReviewError('invalid', 'only an added code takes a span of text');
  if (input.memo != null && (input.memo.length > MEMO_MAX || !input.memo.trim())) throw new ReviewError('invalid', `a memo is 1 to ${MEMO_MAX} characters, not only spaces`);
  if (input.context && input.action !== 'set_context' && input.action !== 'add') throw new ReviewError('invalid', `a context goes with set_context or add, not with ${input.action}`);
  if (input.start != null && !(input.start < input.end!)) throw new ReviewError('invalid', 'a span must hold at least one character');
  return db.transaction(() => {
    const doc = codedDocument(db, input.documentId);
    const seg = segmentAnchor(db, input.documentId, input.segmentIndex);
    if (seg.textSha256 !== input.segmentTextSha256) {
      throw new ReviewError('segment_changed', `Not saved: paragraph ${input.segmentIndex} of ${doc.fileName} was re-analysed since this page loaded. Reload the document.`);
    }
    if (input.lexiconVersion != null && input.lexiconVersion !== doc.lexiconVersion) {
      throw new ReviewError('proposals_changed', `Not saved: ${doc.fileName} was coded again (lexicon v${doc.lexiconVersion}) since this page loaded (v${input.lexiconVersion}). Reload the document.`);
    }
    const current = latestFor(db, doc.sha256, input.segmentIndex, seg.textSha256, input.code);
    refuseStale(current, input.basedOn, input.code, input.segmentIndex);
    const proposals = statement(db, 'SELECT context FROM proposals WHERE segment_id = ? AND code = ?').pluck().all(seg.id, input.code) as Context[];
    const proposed = proposals.length > 0;
    const humanAdded = current !== null && current.action !== 'reject' && current.action !== 'withdraw';
    if (input.action !== 'add' && !proposed && !humanAdded) {
      throw new ReviewError('invalid', `"${input.code}" is neither proposed nor added in paragraph ${input.segmentIndex}: add it instead`);
    }
    if (input.start != null && !(seg.start <= input.start && input.end! <= seg.end)) {
      throw new ReviewError('invalid', `the selected span ${input.start}..${input.end} is not inside paragraph ${input.segmentIndex}`);
    }
    addDecision(db, {
      documentSha256: doc.sha256, segmentIndex: input.segmentIndex, segmentTextSha256: seg.textSha256, action: input.action, code: input.code,
      context: input.context ?? judgedContext(input.action, proposals), start: input.start, end: input.end, memo: input.memo ?? null,
      reviewer, lexiconVersion: input.action === 'add' ? null : doc.lexiconVersion, basedOn: input.basedOn,
    });
    return decisionView(db, doc.sha256, input.segmentIndex, seg.textSha256, input.code);
  }).immediate();
}

/** The context a reviewer saw and judged: a confirm records the proposal's (asserted if any mention was), so a later re-tag cannot change what was confirmed. */
function judgedContext(action: DecideInput['action'], proposals: Context[]): Context | null {
  if (action === 'add') return 'asserted';
  if (action !== 'confirm' || !proposals.length) return null;
  return proposals.includes('asserted') ? 'asserted' : proposals[0];
}

/**
 * Undo is a new decision: it restores what was current before `decisionId` (same action,
 * context, span and memo), or 'withdraw' when nothing was. Allowed only while the state is still
 * the one `decisionId` made — it is current, or later undos have brought it back — so an undo
 * never takes back someone else's later decision, and a page can undo its decisions in turn.
 */
export function undoDecision(db: Db, documentId: number, decisionId: number, reviewer: string): DecisionView {
  return db.transaction(() => {
    const doc = codedDocument(db, documentId);
    const target = decisionRow(db, decisionId);
    if (!target || target.documentSha256 !== doc.sha256) throw new ReviewError('not_found', `decision ${decisionId} is not about document ${documentId}`);
    if (target.reviewer !== reviewer) throw new ReviewError('forbidden', `Not undone: that decision is ${target.reviewer}'s; only they can undo it. Decide again instead.`);
    const current = latestFor(db, doc.sha256, target.segmentIndex, target.segmentTextSha256, target.code);
    if (!current) throw new ReviewError('segment_changed', `Not undone: paragraph ${target.segmentIndex} was re-analysed since. Reload the document.`);
    if (stateMadeBy(db, current) !== target.id) refuseStale(current, target.id, target.code, target.segmentIndex);
    const previous = target.basedOn === null ? null : decisionRow(db, target.basedOn);
    const segStart = segmentAnchor(db, documentId, target.segmentIndex).start;
    const absolute = (relative: number | null | undefined) => (relative == null ? null : segStart + relative);
    addDecision(db, {
      documentSha256: doc.sha256, segmentIndex: target.segmentIndex, segmentTextSha256: target.segmentTextSha256, code: target.code,
      action: previous?.action ?? 'withdraw', context: previous?.context ?? null, start: absolute(previous?.segStart), end: absolute(previous?.segEnd),
      memo: previous?.memo ?? null, reviewer, lexiconVersion: previous?.lexiconVersion ?? doc.lexiconVersion, basedOn: current.id, undoes: target.id,
    });
    return decisionView(db, doc.sha256, target.segmentIndex, target.segmentTextSha256, target.code);
  }).immediate();
}

interface DecisionRow {
  id: number; documentSha256: string; segmentIndex: number; segmentTextSha256: string; code: string; action: DecisionAction;
  context: Context | null; segStart: number | null; segEnd: number | null; memo: string | null; lexiconVersion: string | null;
  basedOn: number | null; undoes: number | null; reviewer: string;
}

function decisionRow(db: Db, id: number): DecisionRow | undefined {
  return statement(
    db,
    `SELECT id, document_sha256 AS documentSha256, segment_idx AS segmentIndex, segment_text_sha256 AS segmentTextSha256, code, action,
            context, seg_start AS segStart, seg_end AS segEnd, memo, lexicon_version AS lexiconVersion, based_on AS basedOn, undoes, reviewer
     FROM decisions WHERE id = ?`,
  ).get(id) as DecisionRow | undefined;
}

/** The decision whose state `d` is: itself, or for an undo the decision current before the one it took back (null: none). */
function stateMadeBy(db: Db, d: { id: number }): number | null {
  const row = decisionRow(db, d.id)!;
  if (row.undoes === null) return row.id;
  return decisionRow(db, row.undoes)!.basedOn;
}

/** Confirms or rejects every (segment, code) `rule` proposed in the document that nobody has decided; decided ones are left alone. */
export function bulkDecide(db: Db, documentId: number, rule: string, action: 'confirm' | 'reject', reviewer: string): { applied: number; skipped: number; decisions: DecisionView[] } {
  return db.transaction(() => {
    const doc = codedDocument(db, documentId);
    const pairs = statement(
      db,
      `SELECT DISTINCT s.idx AS segmentIndex, s.text_sha256 AS textSha256, p.code
       FROM proposals p JOIN segments s ON s.id = p.segment_id WHERE s.document_id = ? AND p.rule = ? ORDER BY s.idx, p.code`,
    ).all(documentId, rule) as { segmentIndex: number; textSha256: string; code: string }[];
    if (!pairs.length) throw new ReviewError('invalid', `rule "${rule}" proposed nothing in ${doc.fileName}`);
    const decisions: DecisionView[] = [];
    for (const p of pairs) {
      const current = latestFor(db, doc.sha256, p.segmentIndex, p.textSha256, p.code);
      if (current && current.action !== 'withdraw') continue;
      addDecision(db, {
        documentSha256: doc.sha256, segmentIndex: p.segmentIndex, segmentTextSha256: p.textSha256, action, code: p.code,
        reviewer, lexiconVersion: doc.lexiconVersion, basedOn: current?.id ?? null,
      });
      decisions.push(decisionView(db, doc.sha256, p.segmentIndex, p.textSha256, p.code));
    }
    return { applied: decisions.length, skipped: pairs.length - decisions.length, decisions };
  }).immediate();
}

// ---------------------------------------------------------------------------------------------
// Memos

export interface MemoView { id: number; segmentIndex: number; code: string | null; text: string; reviewer: string; writtenAt: string }

function currentMemos(db: Db, documentId: number): MemoView[] {
  return statement(
    db,
    `SELECT id, segmentIndex, code, text, reviewer, writtenAt FROM (
       SELECT m.id, m.segment_idx AS segmentIndex, m.code, m.text, m.reviewer, m.written_at AS writtenAt,
              row_number() OVER (PARTITION BY m.segment_idx, m.segment_text_sha256, m.code, m.reviewer ORDER BY m.id DESC) AS recency
       FROM memos m
       JOIN documents d ON d.sha256 = m.document_sha256 AND d.id = ?
       JOIN segments s ON s.document_id = d.id AND s.idx = m.segment_idx AND s.text_sha256 = m.segment_text_sha256)
     WHERE recency = 1 ORDER BY segmentIndex, code, id`,
  ).all(documentId) as MemoView[];
}

export interface MemoInput { documentId: number; segmentIndex: number; code: string | null; text: string; segmentTextSha256: string }

export function writeMemo(db: Db, input: MemoInput, reviewer: string, codebook: Codebook): MemoView {
  if (input.code !== null && !codebook.kindOf(input.code)) throw new ReviewError('invalid', `unknown code "${input.code}"`);
  if (!input.text.trim() || input.text.length > MEMO_MAX) throw new ReviewError('invalid', `a memo is 1 to ${MEMO_MAX} characters`);
  return db.transaction(() => {
    const doc = codedDocument(db, input.documentId);
    const seg = segmentAnchor(db, input.documentId, input.segmentIndex);
    if (seg.textSha256 !== input.segmentTextSha256) {
      throw new ReviewError('segment_changed', `Not saved: paragraph ${input.segmentIndex} of ${doc.fileName} was re-analysed since this page loaded. Reload the document.`);
    }
    const id = Number(statement(
      db,
      'INSERT INTO memos (document_sha256, segment_idx, segment_text_sha256, code, text, reviewer) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(doc.sha256, input.segmentIndex, seg.textSha256, input.code, input.text, reviewer).lastInsertRowid);
    return statement(db, 'SELECT id, segment_idx AS segmentIndex, code, text, reviewer, written_at AS writtenAt FROM memos WHERE id = ?').get(id) as MemoView;
  }).immediate();
}

// ---------------------------------------------------------------------------------------------
// "Why not" search

export const SEARCH_MAX_HITS = 200;

export interface SearchHit {
  segmentIndex: number; start: number; end: number; section: string; page: number | null; paragraph: string | null;
  codes: { code: string; fired: boolean; context: Context | null; why: string }[];
}

/**
 * Where the words of `query` occur (as a run of words, compared by their Porter stems so that
 * "shouting" also finds "shouted"), and for each place the codes that fired in that paragraph
 * and those whose lexicon matched there, with why they did or did not fire, under the lexicon
 * the server runs with.
 */
export function searchDocument(db: Db, documentId: number, query: string, lexicon: Lexicon): { query: string; lexiconVersion: string; hits: SearchHit[]; truncated: boolean } {
  if (query.length > 100) throw new ReviewError('invalid', 'search for 1 to 100 characters with at least one word');
  const words = tokenize(query).map((t) => t.stem);
  if (!words.length) throw new ReviewError('invalid', 'search for 1 to 100 characters with at least one word');
  codedDocument(db, documentId);
  const doc: SegmentedDoc = loadSegmentedDocument(db, documentId);
  const hits: SearchHit[] = [];
  let truncated = false;
  for (const seg of doc.segments) {
    const tokens = tokenize(seg.text, seg.start);
    for (let i = 0; i + words.length <= tokens.length; i++) {
      if (!words.every((w, k) => tokens[i + k].stem === w)) continue;
      if (hits.length === SEARCH_MAX_HITS) {
        truncated = true;
        break;
      }
      const start = tokens[i].start;
      const end = tokens[i + words.length - 1].end;
      hits.push({ segmentIndex: seg.index, start, end, section: seg.section, page: seg.page, paragraph: seg.paragraph, codes: whyCodes(seg, start, end, lexicon) });
    }
    if (truncated) break;
  }
  return { query, lexiconVersion: lexicon.version, hits, truncated };
}

function whyCodes(seg: Segment, start: number, end: number, lexicon: Lexicon): SearchHit['codes'] {
  const { matches, codes } = explainSegment(seg, lexicon);
  const here = matches.filter((m) => m.start < end && start < m.end);
  const names = new Set([...codes.filter((c) => c.fired).map((c) => c.code), ...here.map((m) => m.code)]);
  return [...names].sort().map((code) => {
    const fired = codes.filter((c) => c.code === code && c.fired);
    if (fired.length) return { code, fired: true, context: fired[0].context, why: firedWhy(fired) };
    return { code, fired: false, context: null, why: notFiredWhy(code, here, codes) };
  });
}

function firedWhy(fired: ExplainedCode[]): string {
  return fired
    .map((c) => {
      const strongest = [...c.cues].sort((a, b) => b.weight - a.weight)[0];
      const context = c.context === 'asserted' ? '' : ` (${c.context} by ${c.contextRule ?? 'section'})`;
      return `matched '${strongest.words}' — ${strongest.id}; score ${round(c.score)} reaches the threshold ${round(c.threshold)}${context}`;
    })
    .join('; ');
}

const FATE_TEXT: Record<ExplainedMatch['fate'], string> = {
  counted: 'counted',
  look_alike: 'covered by a look-alike exclusion',
  other_section: 'does not count in this section',
  not_paired: 'its rule needs another word nearby that is not there',
  inside_longer_term: 'inside a longer term of the same code',
};

function notFiredWhy(code: string, here: ExplainedMatch[], codes: ExplainedCode[]): string {
  const parts = here
    .filter((m) => m.code === code)
    .map((m) => (m.kind === 'exclusion' ? `look-alike ${m.id} matched '${m.words}'` : `${m.id} matched '${m.words}' (${FATE_TEXT[m.fate]})`));
  const scored = codes.filter((c) => c.code === code);
  for (const c of scored) {
    parts.push(`score ${round(c.score)} is below the threshold ${round(c.threshold)}${c.context === 'asserted' ? '' : ` (${c.context})`}`);
  }
  if (!scored.length) parts.push('no counted cue for this code in the paragraph');
  return parts.join('; ');
}

const round = (n: number) => Math.round(n * 100) / 100;
