// Every export is recorded: who, when, which format, where, redacted or not, how many rows.
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../pipeline/store/db.js';
import { listExports } from '../../pipeline/store/exports.js';
import { scrcode } from '../helpers/cli.js';
import { codedReviewDb } from '../review/helpers.js';

let fixture: ReturnType<typeof codedReviewDb>;
beforeAll(() => {
  fixture = codedReviewDb();
});
afterAll(() => fixture.cleanup());

describe('the export record', () => {
  it('records each export with its format, target, redaction and row count, and refuses what it cannot do', () => {
    const out = join(fixture.dir, 'segments.jsonl');
    expect(scrcode(['export', '--format', 'jsonl', '--db', fixture.dbPath, '--out', out]).status).toBe(0);
    const toStdout = scrcode(['export', '--format', 'csv', '--db', fixture.dbPath]);
    expect(toStdout.status).toBe(0);
    expect(scrcode(['export', '--format', 'nope', '--db', fixture.dbPath]).status).toBe(2);

    const db = openDatabase(fixture.dbPath);
    try {
      const records = listExports(db);
      expect(records.map((r) => [r.format, r.target, r.redacted, r.rows, r.exportedBy])).toEqual([
        ['jsonl', out, false, readFileSync(out, 'utf8').trim().split('\n').length, userInfo().username],
        ['csv', 'stdout', false, toStdout.stdout.trim().split('\n').length - 1, userInfo().username],
      ]);
      expect(records[0].exportedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(() => db.prepare('DELETE FROM exports').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });
});
