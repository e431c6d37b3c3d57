// The profile lexicons as data: schema-checked at load, each field's own examples hold, every
// agency example matches (or not), and a bad file fails naming the file and the entry.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { extractAgencies } from '../../pipeline/profile/agencies.js';
import { extractArea } from '../../pipeline/profile/area.js';
import { extractAge, extractEthnicity, extractGender } from '../../pipeline/profile/child.js';
import { loadProfileLexicon } from '../../pipeline/profile/lexicon.js';
import { extractNatureOfHarm, extractOutcome } from '../../pipeline/profile/outcome.js';
import { extractRecommendationsCount } from '../../pipeline/profile/recommendations.js';
import { extractReviewDates } from '../../pipeline/profile/reviewDates.js';
import { sentencesOf } from '../../pipeline/profile/text.js';
import { packageRoot } from '../../pipeline/paths.js';
import { loadLexicon } from '../../pipeline/tag/lexicon.js';
import { lexicon, readingOfDoc, report, wordings } from './helpers.js';

/** Each field family's examples, run through its extractor on a one-paragraph report. */
const RUNNERS: Record<string, { examples: { text: string; value: unknown }[]; run: (text: string) => unknown }> = {
  area: { examples: wordings.area.examples, run: (t) => extractArea(report([t]), wordings).value },
  age: { examples: wordings.age.examples, run: (t) => extractAge(readingOfDoc(report([t])), wordings).value },
  gender: { examples: wordings.gender.examples, run: (t) => extractGender(readingOfDoc(report([t])), wordings).value },
  ethnicity: { examples: wordings.ethnicity.examples, run: (t) => extractEthnicity(readingOfDoc(report([t])), wordings).value },
  outcome: { examples: wordings.outcome.examples, run: (t) => extractOutcome(readingOfDoc(report([t])), wordings).value },
  harm: { examples: wordings.harm.examples, run: (t) => extractNatureOfHarm(readingOfDoc(report([t])), wordings).value },
  review_dates: {
    examples: wordings.review_dates.examples,
    run: (t) => {
      const doc = report([t]);
      const r = extractReviewDates(doc, sentencesOf(doc), wordings);
      return { commissioned: r.review_commissioned.value, completed: r.review_completed.value, days: r.review_duration_days.value };
    },
  },
  recommendations: { examples: wordings.recommendations.examples, run: (t) => extractRecommendationsCount(report([t]), wordings).value },
};

describe('profile.json examples', () => {
  for (const [family, { examples, run }] of Object.entries(RUNNERS)) {
    test(`${family} has examples that give a value and ones that give null`, () => {
      expect(examples.some((e) => e.value === null || Object.values(e.value as object).every((v) => v === null))).toBe(true);
      expect(examples.some((e) => e.value !== null)).toBe(true);
    });
    for (const e of examples) test(`${family}: ${JSON.stringify(e.text).slice(0, 90)} → ${JSON.stringify(e.value)}`, () => expect(run(e.text)).toEqual(e.value));
  }
});

describe('agencies.json examples', () => {
  for (const a of lexicon.agencies.agencies) {
    for (const s of a.examples?.match ?? []) test(`${a.id} matches: ${s}`, () => expect(extractAgencies(report([s]), lexicon.agencies).value).toContain(a.name));
    for (const s of a.examples?.no_match ?? []) test(`${a.id} does not match: ${s}`, () => expect(extractAgencies(report([s]), lexicon.agencies).value ?? []).not.toContain(a.name));
  }
  test('canonical names include the gold files\' spellings', () => {
    const names = lexicon.agencies.agencies.map((a) => a.name);
    for (const n of ["children's social care", 'health visitor', 'GP', 'midwifery', 'A&E', 'police', 'school', 'housing', 'CAMHS', 'adult mental health', 'substance misuse service', 'probation', "children's centre", 'pharmacy', 'IDVA service']) expect(names).toContain(n);
  });
});

describe('a bad profile lexicon fails at load, naming file and entry', () => {
  function brokenCopy(file: string, edit: (data: any) => void): string {
    const dir = mkdtempSync(join(tmpdir(), 'lex-profile-'));
    cpSync(join(packageRoot(), 'lexicons'), dir, { recursive: true });
    const data = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    edit(data);
    writeFileSync(join(dir, file), JSON.stringify(data));
    return dir;
  }
  test('unknown key in an agency lists the allowed keys', () => {
    const dir = brokenCopy('agencies.json', (d) => { d.agencies.find((a: any) => a.id === 'gp').alias = ['doctor']; });
    expect(() => loadProfileLexicon(dir)).toThrow(/agencies\.json is invalid:[\s\S]*entry "gp": agencies\[\d+\]\.alias: unknown key "alias"; allowed keys: id, name, aliases, proper_names, note, examples/);
  });
  test('an alias claimed by two agencies', () => {
    const dir = brokenCopy('agencies.json', (d) => { d.agencies.find((a: any) => a.id === 'police').aliases.push('health visiting'); });
    expect(() => loadProfileLexicon(dir)).toThrow(/agencies\.json: entry "police": alias "health visiting" is also an alias of "health_visitor"/);
  });
  test('a harm entry without a phrase', () => {
    const dir = brokenCopy('profile.json', (d) => { delete d.harm.entries[0].phrase; });
    expect(() => loadProfileLexicon(dir)).toThrow(/profile\.json is invalid:[\s\S]*entry "harm\/non_accidental_injury": harm\.entries\[0\]: missing required key "phrase"/);
  });
  test('a stated-count pattern without {n}', () => {
    const dir = brokenCopy('profile.json', (d) => { d.recommendations.stated.push('makes recommendations'); });
    expect(() => loadProfileLexicon(dir)).toThrow(/profile\.json is invalid:[\s\S]*recommendations\.stated\[\d+\]: "makes recommendations" does not match/);
  });
  test('not JSON', () => {
    const dir = brokenCopy('profile.json', () => {});
    writeFileSync(join(dir, 'profile.json'), '{ "version": ');
    expect(() => loadProfileLexicon(dir)).toThrow(/lexicon .*profile\.json: /);
  });
  test('an edit to a profile lexicon changes the lexicon version (so stored documents are profiled again)', () => {
    const dir = brokenCopy('agencies.json', (d) => { d.agencies[0].aliases.push('social services'); });
    expect(loadLexicon(dir).version).not.toBe(loadLexicon().version);
  });
});
