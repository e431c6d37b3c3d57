// Documents, their segments and the machine's proposals: one transaction per document.
import { createHash } from 'node:crypto';
import type { DocStatus, Finding, SegmentedDoc, SourceFormat, Span } from '../types.js';
import type { ExtractedProfile } from '../profile/types.js';
import { type Db, statement } from './db.js';
import { replaceProfileFields, replaceRiskFactorsField } from './profiles.js';

export interface CodedDocumentInput {
  sha256: string;
  fileName: string;
  path: string;
  format: SourceFormat;
  pageCount: number | null;
  segmented: SegmentedDoc;
  findings: Finding[];
  lexiconVersion: string;
  /** Version of extraction + segmentation that produced the segments (pipeline/versions.ts). */
  segmentationVersion?: string | null;
  /** The document profile sheet extracted from these segments; stored in the same transaction. */
  profile?: ExtractedProfile | null;
  /** The profile lexicons' version (pipeline/profile profileContext). */
  profileVersion?: string | null;
}

export interface FailedDocumentInput {
  /** null when the file could not be read at all; the record is then keyed by path. */
  sha256: string | null;
  fileName: string;
  path: string;
  status: Exclude<DocStatus, 'coded'>;
  reason: string;
}

export interface StoredDocumentRef {
  id: number;
  status: DocStatus;
  lexiconVersion: string | null;
  segmentationVersion: string | null;
}

export interface StoredSegmentedDocument {
  documentId: number;
  sha256: string;
  fileName: string;
  lexiconVersion: string;
  segmented: SegmentedDoc;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Stores a coded document whole or not at all. Storing the same sha256 again replaces its
 * segments and proposals (the document row and its id stay); decisions are never touched.
 * Returns the document id.
 */
export function storeCodedDocument(db: Db, input: CodedDocumentInput): number {
  checkSegmented(input.segmented);
  return db.transaction(() => {
    const documentId = upsertCodedDocument(db, input);
    makeCurrentAtPath(db, documentId, input.path);
    // A file that once failed unread (no sha256) at this path has now been read.
    statement(db, 'DELETE FROM documents WHERE sha256 IS NULL AND path = ?').run(input.path);
    statement(db, 'DELETE FROM segments WHERE document_id = ?').run(documentId);
    const segmentIds = insertSegments(db, documentId, input.segmented);
    insertProposals(db, segmentIds, input.segmented.text, input.findings);
    replaceProfileFields(db, documentId, input.profile, input.lexiconVersion, input.profileVersion ?? null);
    return documentId;
  }).immediate();
}

/**
 * The document at `path` whose analysis counts: this one. Another coded version of the same path
 * (the file before it was revised) is marked as superseded by it (migration 007); a version that
 * was superseded and is back (the file reverted) counts again.
 */
export function makeCurrentAtPath(db: Db, documentId: number, path: string): void {
  statement(db, `UPDATE documents SET superseded_by = ? WHERE path = ? AND id <> ? AND status = 'coded' AND superseded_by IS NOT ?`).run(documentId, path, documentId, documentId);
  statement(db, 'UPDATE documents SET superseded_by = NULL WHERE id = ? AND superseded_by IS NOT NULL').run(documentId);
}

function upsertCodedDocument(db: Db, input: CodedDocumentInput): number {
  const row = statement(
    db,
    `INSERT INTO documents (sha256, file_name, path, format, page_count, status, reason, text, lexicon_version, segmentation_version)
     VALUES (@sha256, @fileName, @path, @format, @pageCount, 'coded', NULL, @text, @lexiconVersion, @segmentationVersion)
     ON CONFLICT (sha256) DO UPDATE SET
       file_name = excluded.file_name, path = excluded.path, format = excluded.format,
       page_count = excluded.page_count, status = 'coded', reason = NULL, text = excluded.text,
       lexicon_version = excluded.lexicon_version, segmentation_version = excluded.segmentation_version,
       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
     RETURNING id`,
  ).get({
    sha256: input.sha256,
    fileName: input.fileName,
    path: input.path,
    format: input.format,
    pageCount: input.pageCount,
    text: input.segmented.text,
    lexiconVersion: input.lexiconVersion,
    segmentationVersion: input.segmentationVersion ?? null,
  }) as { id: number };
  return row.id;
}

/** Segment index → segment row id. */
function insertSegments(db: Db, documentId: number, segmented: SegmentedDoc): Map<number, number> {
  const insert = statement(
    db,
    `INSERT INTO segments (document_id, idx, kind, section, heading, paragraph, page, char_start, char_end, text, text_sha256, sentences)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const ids = new Map<number, number>();
  for (const s of segmented.segments) {
    const result = insert.run(
      documentId, s.index, s.kind, s.section, s.heading, s.paragraph, s.page,
      s.start, s.end, s.text, sha256Hex(s.text), JSON.stringify(s.sentences),
    );
    ids.set(s.index, Number(result.lastInsertRowid));
  }
  // One statement for the whole document: FTS5 indexes it in one pass (see migration 003).
  statement(db, 'INSERT INTO segments_fts (rowid, text) SELECT id, text FROM segments WHERE document_id = ?').run(documentId);
  return ids;
}

function insertProposals(db: Db, segmentIds: Map<number, number>, text: string, findings: Finding[]): void {
  const insert = statement(
    db,
    `INSERT INTO proposals (segment_id, code, context, char_start, char_end, evidence, rule, context_rule, lexicon_version, confidence)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const f of findings) {
    const segmentId = segmentIds.get(f.segment);
    if (segmentId === undefined) throw new Error(`finding ${f.code} (${f.rule}) points at segment ${f.segment}, which the document does not have`);
    if (text.slice(f.start, f.end) !== f.evidence) {
      throw new Error(`finding ${f.code} (${f.rule}) in segment ${f.segment}: evidence does not equal text.slice(${f.start}, ${f.end})`);
    }
    insert.run(segmentId, f.code, f.context, f.start, f.end, f.evidence, f.rule, f.contextRule, f.lexiconVersion, f.confidence);
  }
}

/** Refuses a SegmentedDoc whose spans do not point into its own text: every offset downstream relies on it. */
function checkSegmented(segmented: SegmentedDoc): void {
  for (const s of segmented.segments) {
    if (segmented.text.slice(s.start, s.end) !== s.text) {
      throw new Error(`segment ${s.index}: text does not equal document text.slice(${s.start}, ${s.end})`);
    }
  }
}

/**
 * Records a file that ended with a non-coded status. A document already stored as coded is
 * left as it is: the same bytes were analysed before, so a later transient failure (a timeout)
 * must not throw that analysis away.
 */
export function recordFailedDocument(db: Db, input: FailedDocumentInput): void {
  db.transaction(() => {
    if (input.sha256 === null) {
      statement(
        db,
        `INSERT INTO documents (sha256, file_name, path, status, reason) VALUES (NULL, @fileName, @path, @status, @reason)
         ON CONFLICT (path) WHERE sha256 IS NULL DO UPDATE SET
           file_name = excluded.file_name, status = excluded.status, reason = excluded.reason,
           updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
      ).run(input);
      return;
    }
    statement(
      db,
      `INSERT INTO documents (sha256, file_name, path, status, reason) VALUES (@sha256, @fileName, @path, @status, @reason)
       ON CONFLICT (sha256) DO UPDATE SET
         file_name = excluded.file_name, path = excluded.path, status = excluded.status, reason = excluded.reason,
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
       WHERE documents.status <> 'coded'`,
    ).run(input);
    statement(db, 'DELETE FROM documents WHERE sha256 IS NULL AND path = ?').run(input.path);
  }).immediate();
}

/** What the store knows about these bytes, so a run can skip an unchanged document. */
export function findDocument(db: Db, sha256: string): StoredDocumentRef | undefined {
  return statement(db, 'SELECT id, status, lexicon_version AS lexiconVersion, segmentation_version AS segmentationVersion FROM documents WHERE sha256 = ?').get(sha256) as
    | StoredDocumentRef
    | undefined;
}

interface SegmentRow {
  idx: number;
  kind: SegmentedDoc['segments'][number]['kind'];
  section: SegmentedDoc['segments'][number]['section'];
  heading: string | null;
  paragraph: string | null;
  page: number | null;
  charStart: number;
  charEnd: number;
  text: string;
  sentences: string;
}

/** The stored SegmentedDoc of one document, rebuilt from its rows. */
export function loadSegmentedDocument(db: Db, documentId: number): SegmentedDoc {
  const doc = statement(db, 'SELECT text FROM documents WHERE id = ?').get(documentId) as { text: string | null } | undefined;
  if (!doc || doc.text === null) throw new Error(`document ${documentId} has no stored text`);
  const rows = statement(
    db,
    `SELECT idx, kind, section, heading, paragraph, page, char_start AS charStart, char_end AS charEnd, text, sentences
     FROM segments WHERE document_id = ? ORDER BY idx`,
  ).all(documentId) as SegmentRow[];
  const segments = rows.map((r) => ({
    index: r.idx, kind: r.kind, section: r.section, heading: r.heading, paragraph: r.paragraph, page: r.page,
    start: r.charStart, end: r.charEnd, text: r.text, sentences: JSON.parse(r.sentences) as Span[],
  }));
  return { text: doc.text, segments };
}

/**
 * Every coded document's segments, one document at a time, for re-tagging without re-extracting.
 * The id list is read up front so the caller may write (replaceProposals) between yields.
 */
export function* loadSegmentedDocuments(db: Db): Generator<StoredSegmentedDocument> {
  const docs = statement(
    db,
    `SELECT id, sha256, file_name AS fileName, lexicon_version AS lexiconVersion FROM documents WHERE status = 'coded' ORDER BY id`,
  ).all() as { id: number; sha256: string; fileName: string; lexiconVersion: string }[];
  for (const d of docs) {
    yield { documentId: d.id, sha256: d.sha256, fileName: d.fileName, lexiconVersion: d.lexiconVersion, segmented: loadSegmentedDocument(db, d.id) };
  }
}

/** A re-tag's profile: extracted again whole (the profile lexicon changed), or only its risk factors (it did not). */
export type ProfileUpdate =
  | { kind: 'whole'; profile: ExtractedProfile; version: string | null }
  | { kind: 'risk_factors'; result: ExtractedProfile['risk_factors_present'] };

/** Replaces a document's proposals (and its profile) with a re-tag's, in one transaction. */
export function replaceProposals(db: Db, documentId: number, findings: Finding[], lexiconVersion: string, profile?: ProfileUpdate | null): void {
  db.transaction(() => {
    const doc = statement(db, `SELECT text FROM documents WHERE id = ? AND status = 'coded'`).get(documentId) as { text: string } | undefined;
    if (!doc) throw new Error(`document ${documentId} is not a coded document`);
    const rows = statement(db, 'SELECT idx, id FROM segments WHERE document_id = ?').all(documentId) as { idx: number; id: number }[];
    statement(db, 'DELETE FROM proposals WHERE segment_id IN (SELECT id FROM segments WHERE document_id = ?)').run(documentId);
    insertProposals(db, new Map(rows.map((r) => [r.idx, r.id])), doc.text, findings);
    if (profile?.kind === 'risk_factors') replaceRiskFactorsField(db, documentId, profile.result, lexiconVersion);
    else replaceProfileFields(db, documentId, profile?.profile, lexiconVersion, profile?.version ?? null);
    statement(
      db,
      `UPDATE documents SET lexicon_version = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`,
    ).run(lexiconVersion, documentId);
  }).immediate();
}
