import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDecision, currentDecisions, unsupportedDecisions } from '../../pipeline/store/decisions.js';
import { replaceProposals, sha256Hex, storeCodedDocument } from '../../pipeline/store/documents.js';
import type { Db } from '../../pipeline/store/db.js';
import { PARAGRAPHS, type TempDb, sampleInput, tempDb } from './fixtures.js';

let t: TempDb;
let db: Db;
beforeEach(() => {
  t = tempDb();
  db = t.db;
});
afterEach(() => t.cleanup());

const input = sampleInput();
const decide = (segmentIndex: number, action: 'confirm' | 'reject' | 'add' | 'set_context', code: string, extra = {}) =>
  addDecision(db, { documentSha256: input.sha256, segmentIndex, action, code, reviewer: 'r.patel', lexiconVersion: 'lex-1', ...extra });

describe('decisions are append-only', () => {
  it('refuses UPDATE and DELETE through triggers', () => {
    storeCodedDocument(db, input);
    const id = decide(1, 'confirm', 'domestic_violence');
    expect(() => db.prepare(`UPDATE decisions SET action = 'reject' WHERE id = ?`).run(id)).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM decisions WHERE id = ?').run(id)).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM decisions').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT action FROM decisions').pluck().all()).toEqual(['confirm']);
  });

  it('refuses a decision about a segment the document does not have, or one the reviewer saw in another version', () => {
    storeCodedDocument(db, input);
    expect(() => decide(99, 'confirm', 'domestic_violence')).toThrow(/no segment 99/);
    expect(() => decide(1, 'confirm', 'domestic_violence', { segmentTextSha256: sha256Hex('older text') })).toThrow(/changed since/);
    expect(decide(1, 'confirm', 'domestic_violence', { segmentTextSha256: sha256Hex(PARAGRAPHS[1]) })).toBeGreaterThan(0);
  });
});

describe('currentDecisions', () => {
  it('takes the latest decision per segment and code', () => {
    const id = storeCodedDocument(db, input);
    decide(1, 'confirm', 'domestic_violence');
    const later = decide(1, 'reject', 'domestic_violence', { memo: 'the argument was with a neighbour' });
    decide(3, 'confirm', 'parental_mental_health');
    expect(currentDecisions(db, id).map((d) => [d.id, d.segmentIndex, d.code, d.action])).toEqual([
      [later, 1, 'domestic_violence', 'reject'],
      [3, 3, 'parental_mental_health', 'confirm'],
    ]);
  });

  it('survives re-storing the document and re-tagging it, with spans following the segment', () => {
    const id = storeCodedDocument(db, input);
    const s = input.segmented.segments[4];
    decide(4, 'add', 'housing_instability', { start: s.start, end: s.start + 9, context: 'asserted' });
    replaceProposals(db, id, input.findings.slice(0, 1), 'lex-2');
    // Re-extraction changed an earlier heading, shifting every later offset.
    const longer = [`${PARAGRAPHS[0]} of the review`, ...PARAGRAPHS.slice(1)];
    const moved = { ...sampleInput('child_a.pdf', longer), sha256: input.sha256, findings: [] };
    expect(storeCodedDocument(db, moved)).toBe(id);
    const [d] = currentDecisions(db, id);
    const newSegment = moved.segmented.segments[4];
    expect(d).toMatchObject({ segmentIndex: 4, action: 'add', code: 'housing_instability', start: newSegment.start, end: newSegment.start + 9 });
    expect(moved.segmented.text.slice(d.start!, d.end!)).toBe('The famil');
  });

  it('refuses a span outside the segment', () => {
    storeCodedDocument(db, input);
    expect(() => decide(1, 'add', 'neglect', { start: 0, end: 5 })).toThrow(/not inside segment 1/);
  });
});

describe('unsupportedDecisions', () => {
  it('reports, without deleting, confirmations the current lexicon no longer proposes and decisions whose segment changed', () => {
    const id = storeCodedDocument(db, input);
    const confirmDv = decide(1, 'confirm', 'domestic_violence');
    decide(3, 'reject', 'parental_mental_health');
    decide(4, 'add', 'housing_instability');
    const confirmTa = decide(4, 'confirm', 'temporary_accommodation');
    expect(unsupportedDecisions(db)).toEqual([]);

    // A new lexicon stops proposing domestic violence; the rejected and added codes are not at issue.
    replaceProposals(db, id, input.findings.filter((f) => f.code !== 'domestic_violence'), 'lex-2');
    expect(unsupportedDecisions(db).map((d) => [d.id, d.reason])).toEqual([[confirmDv, 'no_proposal']]);

    // Re-extraction changed segment 4's text (and this version has no proposals): both decisions on it lose their anchor.
    const changed = [...PARAGRAPHS.slice(0, 4), 'The family lived in a hostel.'];
    storeCodedDocument(db, { ...sampleInput('child_a.pdf', changed), sha256: input.sha256 });
    expect(unsupportedDecisions(db).map((d) => [d.code, d.reason, d.fileName])).toEqual([
      ['domestic_violence', 'no_proposal', 'child_a.pdf'],
      ['housing_instability', 'segment_changed', 'child_a.pdf'],
      ['temporary_accommodation', 'segment_changed', 'child_a.pdf'],
    ]);
    expect(db.prepare('SELECT count(*) FROM decisions').pluck().get()).toBe(4);
    expect(confirmTa).toBeGreaterThan(confirmDv);
  });

  it('cannot record a decision about an unknown document', () => {
    expect(() => addDecision(db, { documentSha256: 'f'.repeat(64), segmentIndex: 0, action: 'add', code: 'x', reviewer: 'r' })).toThrow(/no segment/);
    // The foreign key holds even for raw inserts.
    expect(() =>
      db.prepare(`INSERT INTO decisions (document_sha256, segment_idx, segment_text_sha256, action, code, reviewer) VALUES (?, 0, 'x', 'add', 'x', 'r')`).run('f'.repeat(64)),
    ).toThrow(/FOREIGN KEY/);
  });
});
