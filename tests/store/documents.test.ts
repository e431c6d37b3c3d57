import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  findDocument, loadSegmentedDocument, loadSegmentedDocuments, recordFailedDocument, replaceProposals, storeCodedDocument,
} from '../../pipeline/store/documents.js';
import type { Db } from '../../pipeline/store/db.js';
import { PARAGRAPHS, type TempDb, finding, sampleInput, tempDb } from './fixtures.js';

let t: TempDb;
let db: Db;
beforeEach(() => {
  t = tempDb();
  db = t.db;
});
afterEach(() => t.cleanup());

const count = (table: string): number => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const ftsIntact = (): void => {
  db.prepare(`INSERT INTO segments_fts (segments_fts) VALUES ('integrity-check')`).run();
};
const search = (query: string): string[] =>
  db.prepare(`SELECT s.text FROM segments_fts JOIN segments s ON s.id = segments_fts.rowid WHERE segments_fts MATCH ? ORDER BY s.id`).pluck().all(query) as string[];

describe('storeCodedDocument', () => {
  it('stores the document, its segments and proposals, and reads the SegmentedDoc back unchanged', () => {
    const input = sampleInput();
    const id = storeCodedDocument(db, input);
    expect(findDocument(db, input.sha256)).toEqual({ id, status: 'coded', lexiconVersion: 'lex-1', segmentationVersion: null });
    expect(count('segments')).toBe(PARAGRAPHS.length);
    expect(count('proposals')).toBe(input.findings.length);
    expect(loadSegmentedDocument(db, id)).toEqual(input.segmented);
    const stored = db.prepare('SELECT code, context, char_start AS start, char_end AS "end", evidence, rule, context_rule AS contextRule, lexicon_version AS lexiconVersion, confidence FROM proposals ORDER BY id').all();
    expect(stored).toEqual(input.findings.map(({ segment: _segment, ...rest }) => rest));
  });

  it('keeps full-text search over segment text in step', () => {
    storeCodedDocument(db, sampleInput());
    expect(search('MARAC')).toEqual([PARAGRAPHS[1]]);
    expect(search('accommodate')).toEqual([PARAGRAPHS[4]]); // porter stemming
    ftsIntact();
  });

  it('replaces segments and proposals when the same bytes are stored again, keeping the document id', () => {
    const input = sampleInput();
    const id = storeCodedDocument(db, input);
    const again = { ...input, fileName: 'renamed.pdf', path: '/elsewhere/renamed.pdf', findings: input.findings.slice(0, 2) };
    expect(storeCodedDocument(db, again)).toBe(id);
    expect(count('documents')).toBe(1);
    expect(count('segments')).toBe(PARAGRAPHS.length);
    expect(count('proposals')).toBe(2);
    expect(db.prepare('SELECT file_name FROM documents').pluck().get()).toBe('renamed.pdf');
    expect(search('MARAC')).toHaveLength(1);
    ftsIntact();
  });

  it('leaves nothing behind when storing throws midway', () => {
    const input = sampleInput();
    const bad = { ...input, findings: [...input.findings, { ...input.findings[0], segment: 99 }] };
    expect(() => storeCodedDocument(db, bad)).toThrow(/segment 99/);
    for (const table of ['documents', 'segments', 'proposals', 'segments_fts']) expect(count(table)).toBe(0);
  });

  it('keeps the previous version whole when re-storing it throws midway', () => {
    const input = sampleInput();
    storeCodedDocument(db, input);
    const wrongEvidence = { ...input.findings[0], evidence: 'not what the text says' };
    expect(() => storeCodedDocument(db, { ...input, findings: [wrongEvidence], lexiconVersion: 'lex-2' })).toThrow(/evidence/);
    expect(findDocument(db, input.sha256)?.lexiconVersion).toBe('lex-1');
    expect(count('segments')).toBe(PARAGRAPHS.length);
    expect(count('proposals')).toBe(input.findings.length);
    ftsIntact();
  });

  it('refuses a SegmentedDoc whose segment spans do not point into its text', () => {
    const input = sampleInput();
    input.segmented.segments[2] = { ...input.segmented.segments[2], start: 0 };
    expect(() => storeCodedDocument(db, input)).toThrow(/segment 2/);
    expect(count('documents')).toBe(0);
  });
});

describe('recordFailedDocument', () => {
  it('keys an unreadable file by path, once, and drops that record when the path is later coded', () => {
    const failed = { sha256: null, fileName: 'child_a.pdf', path: '/reports/child_a.pdf', status: 'failed' as const, reason: 'EACCES' };
    recordFailedDocument(db, failed);
    recordFailedDocument(db, { ...failed, reason: 'EACCES again' });
    expect(db.prepare('SELECT status, reason FROM documents').all()).toEqual([{ status: 'failed', reason: 'EACCES again' }]);
    storeCodedDocument(db, sampleInput('child_a.pdf'));
    expect(db.prepare('SELECT status FROM documents').pluck().all()).toEqual(['coded']);
  });

  it('records a failed file by its bytes, and findDocument reports the status', () => {
    const sha = 'a'.repeat(64);
    recordFailedDocument(db, { sha256: sha, fileName: 'scan.pdf', path: '/r/scan.pdf', status: 'needs_ocr', reason: 'no text layer' });
    expect(findDocument(db, sha)).toMatchObject({ status: 'needs_ocr', lexiconVersion: null });
    expect(findDocument(db, 'b'.repeat(64))).toBeUndefined();
  });

  it('does not throw away an earlier coding of the same bytes', () => {
    const input = sampleInput();
    storeCodedDocument(db, input);
    recordFailedDocument(db, { sha256: input.sha256, fileName: input.fileName, path: input.path, status: 'timeout', reason: 'took 120 s' });
    expect(findDocument(db, input.sha256)?.status).toBe('coded');
    expect(count('proposals')).toBe(input.findings.length);
  });
});

describe('re-tagging', () => {
  it('loads stored segments and replaces proposals under a new lexicon without touching segments', () => {
    const a = sampleInput('child_a.pdf');
    const b = sampleInput('child_b.pdf', ['Background', 'The child was not brought to three appointments.']);
    storeCodedDocument(db, a);
    storeCodedDocument(db, b);
    recordFailedDocument(db, { sha256: 'c'.repeat(64), fileName: 'x.doc', path: '/r/x.doc', status: 'legacy_doc', reason: '.doc' });
    const segmentIds = db.prepare('SELECT id FROM segments ORDER BY id').pluck().all();
    const seen: string[] = [];
    for (const stored of loadSegmentedDocuments(db)) {
      seen.push(stored.fileName);
      const findings = stored.segmented.segments
        .filter((s) => s.text.includes('the'))
        .map((s) => finding(stored.segmented, s.index, 'the', 'retag_probe', { lexiconVersion: 'lex-2' }));
      replaceProposals(db, stored.documentId, findings, 'lex-2');
    }
    expect(seen).toEqual(['child_a.pdf', 'child_b.pdf']);
    expect(db.prepare('SELECT id FROM segments ORDER BY id').pluck().all()).toEqual(segmentIds);
    expect(db.prepare('SELECT DISTINCT code || lexicon_version FROM proposals').pluck().all()).toEqual(['retag_probelex-2']);
    expect(findDocument(db, a.sha256)?.lexiconVersion).toBe('lex-2');
    expect(findDocument(db, b.sha256)?.lexiconVersion).toBe('lex-2');
  });

  it('leaves the old proposals when a re-tag throws', () => {
    const a = sampleInput();
    const id = storeCodedDocument(db, a);
    expect(() => replaceProposals(db, id, [{ ...a.findings[0], segment: 42 }], 'lex-2')).toThrow(/segment 42/);
    expect(count('proposals')).toBe(a.findings.length);
    expect(findDocument(db, a.sha256)?.lexiconVersion).toBe('lex-1');
  });
});
