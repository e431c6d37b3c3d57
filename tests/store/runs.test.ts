import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { finishRun, startRun } from '../../pipeline/store/runs.js';
import { type TempDb, tempDb } from './fixtures.js';

let t: TempDb;
beforeEach(() => {
  t = tempDb();
});
afterEach(() => t.cleanup());

describe('runs', () => {
  it('records a run from start to finish with its counts', () => {
    const id = startRun(t.db, 'lex-3');
    expect(t.db.prepare('SELECT finished_at FROM runs WHERE id = ?').pluck().get(id)).toBeNull();
    const counts = { documentsSeen: 9, documentsCoded: 6, documentsRetagged: 1, documentsUnchanged: 1, documentsFailed: 1, segmentsStored: 420, proposalsStored: 97 };
    finishRun(t.db, id, counts);
    expect(t.db.prepare('SELECT lexicon_version, documents_seen, documents_failed, proposals_stored, finished_at IS NOT NULL AS finished FROM runs').get())
      .toEqual({ lexicon_version: 'lex-3', documents_seen: 9, documents_failed: 1, proposals_stored: 97, finished: 1 });
    expect(() => finishRun(t.db, id + 1, counts)).toThrow(/no run/);
  });
});
