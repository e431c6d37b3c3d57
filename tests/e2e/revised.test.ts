// A revised report (new bytes at the same path) replaces the version analysed before: counted
// once, exported once; decisions on the old version are kept and listed for a fresh look; a file
// that goes back to its old bytes makes the old version current again.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openDatabase } from '../../pipeline/store/db.js';
import { addDecision } from '../../pipeline/store/decisions.js';
import { scrcode, tempDir } from '../helpers/cli.js';
import { REVIEW_FIXTURES } from '../review/helpers.js';

const NAME = 'harrowgate_scr_child_x.txt';
let dir: string;
let input: string;
let dbPath: string;
let original: string;

const docs = () => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT id, status, superseded_by AS supersededBy FROM documents ORDER BY id').all() as { id: number; status: string; supersededBy: number | null }[];
  } finally {
    db.close();
  }
};
const jsonl = () => scrcode(['export', '--format', 'jsonl', '--db', dbPath]).stdout.trim().split('\n').map((l) => JSON.parse(l));

beforeAll(() => {
  dir = tempDir('scrcode-revised-');
  input = join(dir, 'in');
  dbPath = join(dir, 'r.db');
  mkdirSync(input);
  copyFileSync(join(REVIEW_FIXTURES, NAME), join(input, NAME));
  original = readFileSync(join(input, NAME), 'utf8');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a revised report', () => {
  it('counts only the current version, keeps decisions on the old one and lists them, and reinstates a reverted file', () => {
    expect(scrcode(['run', input, '--db', dbPath, '--quiet']).status).toBe(0);
    const [first] = docs();
    const db = openDatabase(dbPath);
    const sha = db.prepare('SELECT sha256 FROM documents WHERE id = ?').pluck().get(first.id) as string;
    const idx = db.prepare(`SELECT s.idx FROM proposals p JOIN segments s ON s.id = p.segment_id WHERE s.document_id = ? AND p.code = 'domestic_violence' LIMIT 1`).pluck().get(first.id) as number;
    addDecision(db, { documentSha256: sha, segmentIndex: idx, code: 'domestic_violence', action: 'confirm', reviewer: 'ann' });
    db.close();
    const segmentsBefore = jsonl().length;

    writeFileSync(join(input, NAME), `${original}\n3.2 The LSCB should audit the use of the escalation policy within six months.\n`);
    const revised = scrcode(['run', input, '--db', dbPath, '--quiet']);
    expect(revised.status).toBe(0);
    expect(revised.stdout).toMatch(/Documents coded: 1 .*1 earlier version\(s\) of revised files kept, not counted/);
    expect(revised.stdout).toMatch(/the file was revised since/);
    const after = docs();
    expect(after).toHaveLength(2);
    expect(after[0]).toMatchObject({ id: first.id, status: 'coded', supersededBy: after[1].id });
    expect(after[1].supersededBy).toBeNull();
    expect(jsonl()).toHaveLength(segmentsBefore + 1);
    const prevalence = JSON.parse(scrcode(['query', 'prevalence', '--format', 'json', '--db', dbPath]).stdout);
    expect(prevalence.title).toContain('1 coded document(s)');
    expect(scrcode(['export', '--format', 'profiles', '--db', dbPath]).stdout.trim().split('\n')).toHaveLength(1);
    const check = new Database(dbPath, { readonly: true });
    expect(check.prepare('SELECT count(*) FROM decisions').pluck().get()).toBe(1);
    check.close();
    // Agreement compares current versions only: the old version's decision is not a judgement of this text.
    const agreement = JSON.parse(scrcode(['agreement', '--json', '--db', dbPath]).stdout);
    expect(agreement.pipeline.reviewedDocuments).toBe(0);
    expect(agreement.pipeline.rules).toEqual([]);

    writeFileSync(join(input, NAME), original);
    expect(scrcode(['run', input, '--db', dbPath, '--quiet']).status).toBe(0);
    const reverted = docs();
    expect(reverted.map((d) => d.supersededBy)).toEqual([null, first.id]);
    expect(jsonl()).toHaveLength(segmentsBefore);
  });
});
