// The lexicon as data: schema checked at load, every codebook id present, and every entry's
// own examples (must match / must not match) hold.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadLexicon, packageRoot } from '../../pipeline/tag/lexicon.js';
import { firedIds } from './helpers.js';

const lexicon = loadLexicon();
const CODEBOOK = {
  theme: ['information_sharing', 'recording', 'communication', 'supervision', 'faith_culture', 'multi_agency_working', 'challenge_escalation', 'child_focus', 'assessment', 'professional_curiosity', 'training', 'roles_accountability', 'recognising_harm', 'organisational_resources'],
  risk_factor: ['bme', 'domestic_violence', 'mental_ill_health', 'substance_misuse', 'temporary_accommodation', 'learning_disability', 'neglect', 'young_parent', 'non_engagement', 'immigration', 'previous_cp_history', 'unknown_adult'],
};


test('every codebook id has a code file of the right kind', () => {
  for (const [kind, ids] of Object.entries(CODEBOOK)) {
    for (const id of ids) expect(lexicon.codes.find((c) => c.code === id)?.kind, id).toBe(kind);
  }
  expect(lexicon.codes).toHaveLength(26);
});

test('version is the manifest version plus a content hash', () => {
  const manifest = JSON.parse(readFileSync(join(packageRoot(), 'lexicons', 'manifest.json'), 'utf8'));
  expect(lexicon.version).toMatch(new RegExp(`^${manifest.version.replace(/\./g, '\\.')}\\+[0-9a-f]{8}$`));
});

describe('entry examples', () => {
  for (const code of lexicon.codes) {
    for (const e of [...code.entries, ...(code.proximity ?? [])]) {
      for (const s of e.examples?.match ?? []) test(`${e.id} matches: ${s}`, () => expect(firedIds(s)).toContain(e.id));
      for (const s of e.examples?.no_match ?? []) test(`${e.id} does not match: ${s}`, () => expect(firedIds(s)).not.toContain(e.id));
    }
    for (const x of code.exclusions ?? []) {
      // An exclusion's example is a look-alike: no entry of its code may fire on it.
      for (const s of x.examples?.match ?? []) test(`${x.id} suppresses ${code.code}: ${s}`, () => {
        expect([...firedIds(s)].filter((id) => id.startsWith(`${code.code}/`))).toEqual([]);
      });
    }
  }
});

describe('a bad lexicon fails at load, naming file and entry', () => {
  function brokenCopy(edit: (supervision: any) => void): string {
    const dir = mkdtempSync(join(tmpdir(), 'lex-'));
    cpSync(join(packageRoot(), 'lexicons'), dir, { recursive: true });
    const file = join(dir, 'codes', 'supervision.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    edit(data);
    writeFileSync(file, JSON.stringify(data));
    return dir;
  }
  test('unknown key lists the allowed keys', () => {
    const dir = brokenCopy((d) => { d.entries[0].wieght = 2; });
    expect(() => loadLexicon(dir)).toThrow(/supervision\.json[\s\S]*entry "supervision\/supervision"[\s\S]*unknown key "wieght"; allowed keys: id, terms, match, weight, note, examples/);
  });
  test('duplicate id', () => {
    const dir = brokenCopy((d) => { d.entries[1].id = d.entries[0].id; });
    expect(() => loadLexicon(dir)).toThrow(/supervision\.json: duplicate id "supervision\/supervision"/);
  });
  test('duplicate term (same stem)', () => {
    const dir = brokenCopy((d) => { d.entries[1].terms.push('supervisions'); });
    expect(() => loadLexicon(dir)).toThrow(/supervision\.json: entry "supervision\/oversight": duplicate term "supervisions"/);
  });
  test('bad enum value', () => {
    const dir = brokenCopy((d) => { d.entries[0].match = 'fuzzy'; });
    expect(() => loadLexicon(dir)).toThrow(/entry "supervision\/supervision": entries\[0\]\.match: "fuzzy" is not one of/);
  });
});

test('lexicons/REFERENCE.md is up to date (run scripts/lexicon-reference.ts)', async () => {
  const { renderReference } = await import('../../scripts/lexicon-reference.js');
  expect(readFileSync(join(packageRoot(), 'lexicons', 'REFERENCE.md'), 'utf8')).toBe(renderReference(lexicon));
});
