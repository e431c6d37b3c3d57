// What both exports write: every segment of every coded document, each with its codes (the
// machine's proposals merged with the current human decisions), one document at a time.
import type { Context, SectionId } from '../types.js';
import { type Db, statement } from '../store/db.js';
import { type Decision, currentDecisions } from '../store/decisions.js';
import { redactDocument } from '../redact/index.js';
import { redactSegment } from './redaction.js';

export type ExportDecision = null | 'confirmed' | 'rejected';

export interface ExportCode {
  code: string;
  context: Context;
  /** The lexicon entry or rule id; "human" for a code only a reviewer applied. */
  rule: string;
  evidence: { start: number; end: number; text: string };
  lexicon_version: string | null;
  /** null for a code only a reviewer applied. */
  confidence: number | null;
  decision: ExportDecision;
}

export interface ExportSegment {
  document: string;
  sha256: string;
  /** Segment.index; not part of the JSONL line, which follows the shape. */
  index: number;
  section: SectionId;
  paragraph: string | null;
  page: number | null;
  start: number;
  end: number;
  text: string;
  codes: ExportCode[];
}

interface SegmentRow {
  id: number;
  idx: number;
  section: SectionId;
  paragraph: string | null;
  page: number | null;
  charStart: number;
  charEnd: number;
  text: string;
}

interface ProposalRow {
  segmentId: number;
  code: string;
  context: Context;
  charStart: number;
  charEnd: number;
  evidence: string;
  rule: string;
  lexiconVersion: string;
  confidence: number;
}

export interface ExportRowOptions {
  /** Replace names, dates of birth, addresses and phone numbers (pipeline/redact). */
  redact?: boolean;
}

/**
 * Coded documents in a stable order (path, then bytes), each yielding its segments in order.
 * Redacted, every text is cut from the redacted document text and every offset points into
 * it, so text.slice(evidence.start - start, evidence.end - start) === evidence.text still holds.
 */
export function* exportSegments(db: Db, options: ExportRowOptions = {}): Generator<ExportSegment> {
  const documents = statement(
    db,
    `SELECT id, sha256, file_name AS fileName, text FROM documents WHERE status = 'coded' AND superseded_by IS NULL ORDER BY path, sha256`,
  ).all() as { id: number; sha256: string; fileName: string; text: string }[];
  for (const doc of documents) {
    const redaction = options.redact ? redactDocument({ text: doc.text }) : null;
    for (const segment of documentSegments(db, doc)) yield redaction ? redactSegment(segment, redaction) : segment;
  }
}

/** One coded document's segments in order, with their codes; not redacted (see redaction.ts). */
export function* documentSegments(db: Db, doc: { id: number; sha256: string; fileName: string; text: string }): Generator<ExportSegment> {
  const segments = statement(
    db,
    `SELECT id, idx, section, paragraph, page, char_start AS charStart, char_end AS charEnd, text
     FROM segments WHERE document_id = ? ORDER BY idx`,
  ).all(doc.id) as SegmentRow[];
  const proposals = groupBy(proposalsOf(db, doc.id), (p) => p.segmentId);
  const decisions = groupBy(currentDecisions(db, doc.id), (d) => d.segmentIndex);
  for (const s of segments) {
    yield {
      document: doc.fileName, sha256: doc.sha256, index: s.idx, section: s.section, paragraph: s.paragraph, page: s.page,
      start: s.charStart, end: s.charEnd, text: s.text,
      codes: segmentCodes(s, doc.text, proposals.get(s.id) ?? [], decisions.get(s.idx) ?? []),
    };
  }
}

function proposalsOf(db: Db, documentId: number): ProposalRow[] {
  return statement(
    db,
    `SELECT p.segment_id AS segmentId, p.code, p.context, p.char_start AS charStart, p.char_end AS charEnd, p.evidence,
            p.rule, p.lexicon_version AS lexiconVersion, p.confidence
     FROM proposals p JOIN segments s ON s.id = p.segment_id WHERE s.document_id = ?
     ORDER BY p.segment_id, p.code, p.char_start, p.id`,
  ).all(documentId) as ProposalRow[];
}

/**
 * One entry per code in the segment. Where the machine proposed a code more than once, the
 * entry shows the proposal that best supports it (asserted first, then confidence, then
 * earliest), because a code counts as present if any mention asserts it.
 */
function segmentCodes(segment: SegmentRow, docText: string, proposals: ProposalRow[], decisions: Decision[]): ExportCode[] {
  // A withdrawn decision leaves the code undecided, as if no one had judged it.
  const decisionByCode = new Map(decisions.filter((d) => d.action !== 'withdraw').map((d) => [d.code, d]));
  const bestByCode = new Map<string, ProposalRow>();
  for (const p of proposals) {
    const best = bestByCode.get(p.code);
    if (!best || supportsBetter(p, best)) bestByCode.set(p.code, p);
  }
  const codes: ExportCode[] = [];
  for (const [code, p] of bestByCode) {
    const decision = decisionByCode.get(code);
    codes.push({
      code, context: decision?.context ?? p.context, rule: p.rule,
      evidence: { start: p.charStart, end: p.charEnd, text: p.evidence },
      lexicon_version: p.lexiconVersion, confidence: p.confidence, decision: decisionLabel(decision),
    });
  }
  for (const d of decisions) {
    if (!bestByCode.has(d.code) && d.action !== 'reject' && d.action !== 'withdraw') codes.push(humanCode(segment, docText, d));
  }
  return codes.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

function supportsBetter(a: ProposalRow, b: ProposalRow): boolean {
  const aAsserted = a.context === 'asserted';
  if (aAsserted !== (b.context === 'asserted')) return aAsserted;
  if (a.confidence !== b.confidence) return a.confidence > b.confidence;
  return a.charStart < b.charStart;
}

function decisionLabel(decision: Decision | undefined): ExportDecision {
  if (!decision) return null;
  return decision.action === 'reject' ? 'rejected' : 'confirmed';
}

/** A code the reviewer applied (or upheld) with no machine proposal behind it now. */
function humanCode(segment: SegmentRow, docText: string, d: Decision): ExportCode {
  const start = d.start ?? segment.charStart;
  const end = d.end ?? segment.charEnd;
  return {
    code: d.code, context: d.context ?? 'asserted', rule: 'human',
    evidence: { start, end, text: docText.slice(start, end) },
    lexicon_version: d.lexiconVersion, confidence: null, decision: 'confirmed',
  };
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
