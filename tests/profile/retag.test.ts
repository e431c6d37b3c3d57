// A re-tag reads the profile again only when the profile lexicons changed: after a change to the
// tagging lexicons alone, only risk_factors_present (which follows the proposals) is refreshed.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { ROOT, scrcode, tempDir } from '../helpers/cli.js';
import { REVIEW_FIXTURES } from '../review/helpers.js';

let dir: string;
let dbPath: string;
const rows = () => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT field, value, evidence, lexicon_version AS lexiconVersion, profile_version AS profileVersion FROM profile_fields ORDER BY field').all() as Record<string, string>[];
  } finally {
    db.close();
  }
};
const lexiconCopy = (name: string, edit: (dir: string) => void) => {
  const copy = join(dir, name);
  cpSync(join(ROOT, 'lexicons'), copy, { recursive: true });
  edit(copy);
  return copy;
};
const editJson = (file: string, change: (data: any) => void) => {
  const data = JSON.parse(readFileSync(file, 'utf8'));
  change(data);
  writeFileSync(file, JSON.stringify(data, null, 2));
};

beforeAll(() => {
  dir = tempDir('scrcode-profile-retag-');
  dbPath = join(dir, 'p.db');
  expect(scrcode(['run', REVIEW_FIXTURES, '--db', dbPath, '--quiet']).status).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('re-tagging and the profile', () => {
  it('keeps the extracted fields when only the tagging lexicon changed, and reads them again when the profile lexicon did', () => {
    const first = rows();
    expect(first).toHaveLength(12);
    expect(new Set(first.map((r) => r.profileVersion)).size).toBe(1);
    expect(first[0].profileVersion).toMatch(/^[0-9a-f]{16}$/);

    const tagging = lexiconCopy('tagging', (d) => editJson(join(d, 'manifest.json'), (m) => { m.version = `${m.version}-retag-test`; }));
    const retag = scrcode(['run', REVIEW_FIXTURES, '--db', dbPath, '--quiet', '--lexicons', tagging]);
    expect(retag.status, retag.stderr).toBe(0);
    expect(retag.stdout).toMatch(/1 re-tagged/);
    const second = rows();
    expect(second.map((r) => [r.field, r.value, r.evidence, r.profileVersion])).toEqual(first.map((r) => [r.field, r.value, r.evidence, r.profileVersion]));
    expect(new Set(second.map((r) => r.lexiconVersion)).size).toBe(1);
    expect(second[0].lexiconVersion).not.toBe(first[0].lexiconVersion);

    const profile = lexiconCopy('profile', (d) => editJson(join(d, 'profile.json'), (p) => { p.recommendations.none.push('makes no recommendations at all'); }));
    expect(scrcode(['run', REVIEW_FIXTURES, '--db', dbPath, '--quiet', '--lexicons', profile]).status).toBe(0);
    const third = rows();
    expect(new Set(third.map((r) => r.profileVersion)).size).toBe(1);
    expect(third[0].profileVersion).not.toBe(first[0].profileVersion);
    expect(third.map((r) => [r.field, r.value])).toEqual(first.map((r) => [r.field, r.value]));
  });
});
