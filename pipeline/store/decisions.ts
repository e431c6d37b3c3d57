// Human decisions: append-only (the triggers in 001_initial.sql refuse UPDATE and DELETE),
// anchored to document bytes + segment position + segment text so they survive re-runs.
import type { Context } from '../types.js';
import { type Db, statement } from './db.js';

/** 'withdraw' takes a decision back: the code is undecided again (migration 004). */
export type DecisionAction = 'confirm' | 'reject' | 'add' | 'set_context' | 'withdraw';

export interface DecisionInput {
  documentSha256: string;
  segmentIndex: number;
  action: DecisionAction;
  code: string;
  context?: Context | null;
  /** Optional evidence span in document offsets (as in Finding); must lie inside the segment. */
  start?: number | null;
  end?: number | null;
  memo?: string | null;
  reviewer: string;
  /** Lexicon version of the proposal judged (null when the reviewer adds a code). */
  lexiconVersion?: string | null;
  /** The decision the reviewer's view showed, for stale-view checks. */
  basedOn?: number | null;
  /** SHA-256 of the segment text the reviewer saw; refused if the stored segment has changed since. */
  segmentTextSha256?: string;
  /** For an undo: the decision it takes back (migration 004). */
  undoes?: number | null;
}

export interface Decision {
  id: number;
  documentSha256: string;
  segmentIndex: number;
  segmentTextSha256: string;
  action: DecisionAction;
  code: string;
  context: Context | null;
  /** Evidence span in the document's current offsets, or null. */
  start: number | null;
  end: number | null;
  memo: string | null;
  reviewer: string;
  decidedAt: string;
  lexiconVersion: string | null;
  basedOn: number | null;
}

export type UnsupportedReason =
  /** The segment the decision was made on is gone or its text changed. */
  | 'segment_changed'
  /** The machine no longer proposes this code for the segment under the current lexicon. */
  | 'no_proposal'
  /** The decision is about an earlier version of a file that has since been revised (migration 007). */
  | 'document_revised';

export interface UnsupportedDecision extends Decision {
  fileName: string;
  reason: UnsupportedReason;
}

interface SegmentAnchor {
  charStart: number;
  charEnd: number;
  textSha256: string;
}

/** Appends a decision about a segment as it is stored now; returns its id. */
export function addDecision(db: Db, input: DecisionInput): number {
  const segment = statement(
    db,
    `SELECT s.char_start AS charStart, s.char_end AS charEnd, s.text_sha256 AS textSha256
     FROM segments s JOIN documents d ON d.id = s.document_id WHERE d.sha256 = ? AND s.idx = ?`,
  ).get(input.documentSha256, input.segmentIndex) as SegmentAnchor | undefined;
  if (!segment) throw new Error(`no segment ${input.segmentIndex} in document ${input.documentSha256}`);
  if (input.segmentTextSha256 !== undefined && input.segmentTextSha256 !== segment.textSha256) {
    throw new Error(`segment ${input.segmentIndex} of ${input.documentSha256} changed since the reviewer saw it`);
  }
  const [segStart, segEnd] = relativeSpan(input, segment);
  const result = statement(
    db,
    `INSERT INTO decisions (document_sha256, segment_idx, segment_text_sha256, action, code, context, seg_start, seg_end,
                            memo, reviewer, lexicon_version, based_on, undoes)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    input.documentSha256, input.segmentIndex, segment.textSha256, input.action, input.code, input.context ?? null,
    segStart, segEnd, input.memo ?? null, input.reviewer, input.lexiconVersion ?? null, input.basedOn ?? null, input.undoes ?? null,
  );
  return Number(result.lastInsertRowid);
}

/** Stored relative to the segment, so the span stays right when earlier text shifts the segment. */
function relativeSpan(input: DecisionInput, segment: SegmentAnchor): [number | null, number | null] {
  const { start, end } = input;
  if (start == null && end == null) return [null, null];
  if (start == null || end == null || start > end || start < segment.charStart || end > segment.charEnd) {
    throw new Error(`decision span ${start}..${end} is not inside segment ${input.segmentIndex} (${segment.charStart}..${segment.charEnd})`);
  }
  return [start - segment.charStart, end - segment.charStart];
}

/**
 * SQL for the latest decision per anchor (document, segment position, segment text) and code;
 * ids only grow. `where` narrows the decisions considered (a WHERE clause on alias dec).
 */
export function latestDecisionsSql(where = ''): string {
  return `
  SELECT * FROM (
    SELECT dec.*, row_number() OVER (
      PARTITION BY dec.document_sha256, dec.segment_idx, dec.segment_text_sha256, dec.code ORDER BY dec.id DESC) AS recency
    FROM decisions dec ${where}
  ) WHERE recency = 1`;
}

const DECISION_COLUMNS = `
  latest.id, latest.document_sha256 AS documentSha256, latest.segment_idx AS segmentIndex,
  latest.segment_text_sha256 AS segmentTextSha256, latest.action, latest.code, latest.context,
  s.char_start + latest.seg_start AS start, s.char_start + latest.seg_end AS "end", latest.memo, latest.reviewer,
  latest.decided_at AS decidedAt, latest.lexicon_version AS lexiconVersion, latest.based_on AS basedOn`;

/** The current decision per (segment, code) for a document's segments as stored now, in segment then code order. */
export function currentDecisions(db: Db, documentId: number): Decision[] {
  return statement(
    db,
    `WITH latest AS (${latestDecisionsSql('WHERE dec.document_sha256 = (SELECT sha256 FROM documents WHERE id = @documentId)')})
     SELECT ${DECISION_COLUMNS}
     FROM latest
     JOIN segments s ON s.document_id = @documentId AND s.idx = latest.segment_idx AND s.text_sha256 = latest.segment_text_sha256
     ORDER BY latest.segment_idx, latest.code`,
  ).all({ documentId }) as Decision[];
}

/**
 * Current confirm / add / set_context decisions the stored data no longer supports: the segment
 * changed or vanished, or (for confirm and set_context, which judged a machine proposal) the
 * current lexicon no longer proposes the code there. Reported for a reviewer; never deleted.
 * An 'add' needs no proposal: the reviewer's own finding stands while its segment is unchanged.
 */
export function unsupportedDecisions(db: Db): UnsupportedDecision[] {
  return statement(
    db,
    `WITH latest AS (${latestDecisionsSql()}),
     anchored AS (
       SELECT latest.*, d.file_name AS fileName, s.id AS segmentId, s.char_start AS segStartAbs, d.superseded_by AS supersededBy
       FROM latest
       JOIN documents d ON d.sha256 = latest.document_sha256
       LEFT JOIN segments s ON s.document_id = d.id AND s.idx = latest.segment_idx AND s.text_sha256 = latest.segment_text_sha256
       WHERE latest.action IN ('confirm', 'add', 'set_context')
     )
     SELECT latest.id, latest.document_sha256 AS documentSha256, latest.segment_idx AS segmentIndex,
       latest.segment_text_sha256 AS segmentTextSha256, latest.action, latest.code, latest.context,
       latest.segStartAbs + latest.seg_start AS start, latest.segStartAbs + latest.seg_end AS "end", latest.memo, latest.reviewer,
       latest.decided_at AS decidedAt, latest.lexicon_version AS lexiconVersion, latest.based_on AS basedOn,
       latest.fileName,
       CASE WHEN latest.supersededBy IS NOT NULL THEN 'document_revised' WHEN latest.segmentId IS NULL THEN 'segment_changed' ELSE 'no_proposal' END AS reason
     FROM anchored latest
     WHERE latest.supersededBy IS NOT NULL
        OR latest.segmentId IS NULL
        OR (latest.action <> 'add'
            AND NOT EXISTS (SELECT 1 FROM proposals p WHERE p.segment_id = latest.segmentId AND p.code = latest.code))
     ORDER BY latest.fileName, latest.document_sha256, latest.segment_idx, latest.code`,
  ).all() as UnsupportedDecision[];
}
