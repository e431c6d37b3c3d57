// The lexicon as data: schema checked at load, every codebook id present, and every entry's
// own examples (must match / must not match) hold.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { countsIn, loadLexicon, type SectionFilter } from '../../pipeline/tag/lexicon.js';
import { packageRoot } from '../../pipeline/paths.js';
import { compile, findHits } from '../../pipeline/tag/tag.js';
import { sentenceOfTokens, tokenize } from '../../pipeline/tag/tokenize.js';
import type { Segment, SectionId } from '../../pipeline/types.js';

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

const SECTIONS: SectionId[] = ['analysis', 'findings', 'conclusions', 'chronology', 'introduction', 'family_background', 'organisational_issues', 'child_focus', 'care_pathway', 'recommendations', 'front_matter', 'other'];

/** A section where the cue counts, so that its examples test its words (the section filter is tested in tag.test.ts). */
function sectionFor(f: SectionFilter): SectionId {
  return SECTIONS.find((s) => countsIn(f, s))!;
}

/** Ids of the entries and rules that fire on a sentence in a segment of `section` (each sentence of the example is one sentence). */
function firedIds(text: string, section: SectionId = 'analysis'): Set<string> {
  const seg: Segment = { index: 0, kind: 'paragraph', section, heading: null, paragraph: null, page: null, start: 0, end: text.length, text, sentences: [{ start: 0, end: text.length }] };
  const tokens = tokenize(text);
  return new Set(findHits(seg, tokens, sentenceOfTokens(tokens, seg.sentences), compile(lexicon)).map((h) => h.id));
}

describe('entry examples', () => {
  for (const code of lexicon.codes) {
    for (const e of [...code.entries, ...(code.proximity ?? []), ...(code.cooccurrence ?? [])]) {
      const section = sectionFor(e);
      for (const s of e.examples?.match ?? []) test(`${e.id} matches: ${s}`, () => expect(firedIds(s, section)).toContain(e.id));
      for (const s of e.examples?.no_match ?? []) test(`${e.id} does not match: ${s}`, () => expect(firedIds(s, section)).not.toContain(e.id));
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
  function brokenCopy(edit: (supervision: any) => void, name = 'codes/supervision.json'): string {
    const dir = mkdtempSync(join(tmpdir(), 'lex-'));
    cpSync(join(packageRoot(), 'lexicons'), dir, { recursive: true });
    const file = join(dir, name);
    const data = JSON.parse(readFileSync(file, 'utf8'));
    edit(data);
    writeFileSync(file, JSON.stringify(data));
    return dir;
  }
  const coRule = { id: 'supervision/co_test', all: [['supervision'], ['reflective']], scope: 'paragraph' };
  test('unknown key lists the allowed keys', () => {
    const dir = brokenCopy((d) => { d.entries[0].wieght = 2; });
    expect(() => loadLexicon(dir)).toThrow(/supervision\.json[\s\S]*entry "supervision\/supervision"[\s\S]*unknown key "wieght"; allowed keys: id, terms, match, weight, sections, not_sections, note, examples/);
  });
  test('unknown key in a co-occurrence rule lists its allowed keys', () => {
    const dir = brokenCopy((d) => { d.cooccurrence = [{ ...coRule, window: 3 }]; });
    expect(() => loadLexicon(dir)).toThrow(/entry "supervision\/co_test": cooccurrence\[0\]\.window: unknown key "window"; allowed keys: id, all, scope, match, weight, sections, not_sections, note, examples/);
  });
  test('a co-occurrence rule needs two lists and a known scope', () => {
    expect(() => loadLexicon(brokenCopy((d) => { d.cooccurrence = [{ ...coRule, all: [['supervision']] }]; }))).toThrow(/cooccurrence\[0\]\.all: needs at least 2 item/);
    expect(() => loadLexicon(brokenCopy((d) => { d.cooccurrence = [{ ...coRule, scope: 'document' }]; }))).toThrow(/cooccurrence\[0\]\.scope: "document" is not one of "sentence", "paragraph"/);
  });
  test('sections must be section ids, and not both sections and not_sections', () => {
    expect(() => loadLexicon(brokenCopy((d) => { d.entries[0].sections = ['chronolgy']; }))).toThrow(/entries\[0\]\.sections\[0\]: "chronolgy" is not one of "front_matter"/);
    expect(() => loadLexicon(brokenCopy((d) => { d.entries[0].sections = ['analysis']; d.entries[0].not_sections = ['chronology']; }))).toThrow(/entry "supervision\/supervision": give "sections" or "not_sections", not both/);
  });
  test('paragraph scope is for generic triggers only; assert is a category', () => {
    const ctx = (edit: (t: any) => void) => brokenCopy((d) => { edit(d.triggers.find((t: any) => t.category === 'negated')); }, 'context.json');
    expect(() => loadLexicon(ctx((t) => { t.scope = 'paragraph'; }))).toThrow(/scope "paragraph" is only for category generic/);
    expect(() => loadLexicon(ctx((t) => { t.scope = 'page'; }))).toThrow(/scope: "page" is not one of "sentence", "paragraph"/);
    expect(() => loadLexicon(ctx((t) => { t.category = 'assert'; }))).not.toThrow();
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
