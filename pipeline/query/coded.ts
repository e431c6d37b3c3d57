// The facts every analyst query starts from: which code applies to which segment, counted two
// ways that are always shown apart — as the pipeline proposed it, and as reviewers confirmed it.
// A theme applies where a segment discusses it; a risk factor only where it is asserted present
// (a negated, hypothetical or generic mention is not the family's circumstance).
import type { Codebook } from '../codebook.js';
import type { CodeKind, SectionId } from '../types.js';
import { type Db, statement } from '../store/db.js';
import { latestDecisionsSql } from '../store/decisions.js';

export type Basis = 'in_force' | 'proposed' | 'confirmed';
export const BASES: readonly Basis[] = ['in_force', 'proposed', 'confirmed'];

export const BASIS_TEXT: Record<Basis, string> = {
  in_force: "codes in force: the pipeline's proposals with reviewers' decisions applied (rejected ones out, added ones in)",
  proposed: "pipeline proposals (reviewers' decisions not applied)",
  confirmed: 'confirmed codes only (confirmed or added by a reviewer)',
};

export interface CodedPair {
  documentId: number;
  fileName: string;
  segmentId: number;
  segmentIndex: number;
  section: SectionId;
  paragraph: string | null;
  page: number | null;
  code: string;
  kind: CodeKind;
  /** The pipeline proposed it (asserted, for a risk factor). */
  proposed: boolean;
  /** A reviewer's current decision applies it (asserted, for a risk factor). */
  confirmed: boolean;
  /** What stands now: the reviewer's decision where there is one, else the proposal. */
  inForce: boolean;
  /** The paragraph the segment belongs to: its own, or for an unnumbered list item or table row the paragraph it follows. */
  paragraphUnit: string;
}

interface PairRow {
  documentId: number; fileName: string; segmentId: number; segmentIndex: number; section: SectionId; paragraph: string | null;
  page: number | null; code: string; asserted: number | null; action: string | null; decidedContext: string | null;
}

// Latest decision per anchor and code (store/decisions.ts), joined to the segment it is about now.
const PAIRS_SQL = `
  WITH latest AS (${latestDecisionsSql()}),
  prop AS (
    SELECT segment_id, code, max(context = 'asserted') AS asserted FROM proposals GROUP BY segment_id, code),
  decided AS (
    SELECT s.id AS segment_id, l.code, l.action, l.context
    FROM latest l
    JOIN documents d ON d.sha256 = l.document_sha256
    JOIN segments s ON s.document_id = d.id AND s.idx = l.segment_idx AND s.text_sha256 = l.segment_text_sha256),
  pairs AS (SELECT segment_id, code FROM prop UNION SELECT segment_id, code FROM decided)
  SELECT d.id AS documentId, d.file_name AS fileName, s.id AS segmentId, s.idx AS segmentIndex, s.section, s.paragraph, s.page,
         pairs.code, prop.asserted, decided.action, decided.context AS decidedContext
  FROM pairs
  JOIN segments s ON s.id = pairs.segment_id
  JOIN documents d ON d.id = s.document_id AND d.status = 'coded' AND d.superseded_by IS NULL
  LEFT JOIN prop ON prop.segment_id = pairs.segment_id AND prop.code = pairs.code
  LEFT JOIN decided ON decided.segment_id = pairs.segment_id AND decided.code = pairs.code
  ORDER BY d.file_name, d.id, s.idx, pairs.code`;

const APPLYING = new Set(['confirm', 'set_context', 'add']);

/** Every (segment, code) the pipeline proposed or a reviewer decided, with both readings. Codes outside the codebook are skipped. */
export function codedPairs(db: Db, codebook: Codebook): CodedPair[] {
  const units = paragraphUnits(db);
  const out: CodedPair[] = [];
  for (const r of statement(db, PAIRS_SQL).all() as PairRow[]) {
    const kind = codebook.kindOf(r.code);
    if (!kind) continue;
    const proposedAsserted = r.asserted === 1;
    const applied = r.action !== null && APPLYING.has(r.action);
    // A confirm keeps the proposal's context; set_context and add say their own.
    const decidedAsserted = (r.decidedContext ?? (r.action === 'add' ? 'asserted' : proposedAsserted ? 'asserted' : 'other')) === 'asserted';
    const proposed = r.asserted !== null && (kind === 'theme' || proposedAsserted);
    const confirmed = applied && (kind === 'theme' || decidedAsserted);
    const undecided = r.action === null || r.action === 'withdraw';
    out.push({
      documentId: r.documentId, fileName: r.fileName, segmentId: r.segmentId, segmentIndex: r.segmentIndex, section: r.section,
      paragraph: r.paragraph, page: r.page, code: r.code, kind, proposed, confirmed, inForce: undecided ? proposed : confirmed,
      paragraphUnit: units.get(r.segmentId) ?? `${r.documentId}:${r.segmentId}`,
    });
  }
  return out;
}

/**
 * Segment id → its paragraph: a numbered paragraph is itself ("4.2"); an unnumbered list item or
 * table row belongs to the paragraph before it in the same section ("The panel recommends that:"
 * and its items are one paragraph); any other segment is a paragraph on its own.
 */
function paragraphUnits(db: Db): Map<number, string> {
  const rows = statement(db, `SELECT id, document_id AS documentId, kind, section, paragraph FROM segments ORDER BY document_id, idx`).all() as
    { id: number; documentId: number; kind: string; section: string; paragraph: string | null }[];
  const units = new Map<number, string>();
  let current: { documentId: number; section: string; unit: string } | null = null;
  for (const r of rows) {
    const item = (r.kind === 'list_item' || r.kind === 'table_row') && r.paragraph === null;
    if (item && current && current.documentId === r.documentId && current.section === r.section) {
      units.set(r.id, current.unit);
      continue;
    }
    const unit = r.paragraph ? `${r.documentId}:¶${r.paragraph}` : `${r.documentId}:${r.id}`;
    units.set(r.id, unit);
    current = r.kind === 'paragraph' ? { documentId: r.documentId, section: r.section, unit } : item ? current : null;
  }
  return units;
}

export function counts(pair: CodedPair, basis: Basis): boolean {
  return basis === 'proposed' ? pair.proposed : basis === 'confirmed' ? pair.confirmed : pair.inForce;
}

export interface CodedDocumentRow { id: number; fileName: string; sha256: string; text: string }

export function codedDocuments(db: Db): CodedDocumentRow[] {
  return statement(db, `SELECT id, file_name AS fileName, sha256, text FROM documents WHERE status = 'coded' AND superseded_by IS NULL ORDER BY file_name, id`).all() as CodedDocumentRow[];
}
