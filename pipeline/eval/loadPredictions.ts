import type { Context } from '../types.js';
import type { Db } from '../store/db.js';
import { loadSegmentedDocument } from '../store/documents.js';
import type { PredictedDocument } from './evaluate.js';

/** The coded documents with these file names, with their segments, proposals and extracted profile (latest coding of each name). */
export function loadCodedDocuments(db: Db, fileNames: Set<string>): PredictedDocument[] {
  const docs = db
    .prepare(`SELECT id, file_name AS fileName FROM documents WHERE status = 'coded' AND superseded_by IS NULL ORDER BY updated_at`)
    .all() as { id: number; fileName: string }[];
  const latest = new Map(docs.filter((d) => fileNames.has(d.fileName)).map((d) => [d.fileName, d.id]));
  const proposals = db.prepare(
    `SELECT s.idx AS segment, p.code, p.context FROM proposals p JOIN segments s ON s.id = p.segment_id WHERE s.document_id = ?`,
  );
  const profileFields = db.prepare('SELECT field, value FROM profile_fields WHERE document_id = ?');
  return [...latest].map(([fileName, id]) => ({
    fileName,
    segmented: loadSegmentedDocument(db, id),
    findings: proposals.all(id) as { segment: number; code: string; context: Context }[],
    profile: extractedProfile(profileFields.all(id) as { field: string; value: string | null }[]),
  }));
}

/** The machine's profile, as proposals are the machine's codes: reviewers' corrections are not scored. */
function extractedProfile(rows: { field: string; value: string | null }[]): Record<string, unknown> | null {
  if (rows.length === 0) return null;
  return Object.fromEntries(rows.map((r) => [r.field, r.value === null ? null : JSON.parse(r.value)]));
}
