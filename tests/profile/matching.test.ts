// The phrase matchers' shortcuts change nothing they find: the word boundary before a phrase is
// checked apart from the pattern, a sentence is tokenised only when a phrase could occur in it,
// and the agencies are looked for only where one not yet named could be. Each expectation here
// was worked out by hand from the whole-pattern definition (`(?<![\p{L}\p{N}])(?:…)(?![\p{L}\p{N}])`).
import { describe, expect, test } from 'vitest';
import { agencyMatcher, extractAgencies } from '../../pipeline/profile/agencies.js';
import type { AgencyEntry } from '../../pipeline/profile/lexicon.js';
import { findDates, PhraseMatcher, TokenPhraseMatcher } from '../../pipeline/profile/text.js';
import { lexicon, report, wordings } from './helpers.js';

const spans = (found: { start: number; end: number; text: string }[]) => found.map((m) => [m.start, m.end, m.text]);

describe('PhraseMatcher: a whole-word match as the one pattern would give it', () => {
  const ab = new PhraseMatcher([['a b', 'ab'], ['b c', 'bc']]);

  test('a phrase glued to a letter before it is passed over, and the search goes on inside it', () => {
    // "a b" at 1 has "x" before it; the pattern then finds "b c" at 3.
    expect(spans(ab.find('xa b c'))).toEqual([[3, 6, 'b c']]);
    // With nothing before it, "a b" wins and "b c" overlaps it.
    expect(spans(ab.find('a b c'))).toEqual([[0, 3, 'a b']]);
    expect(ab.test('xa b')).toBe(false);
    expect(ab.test('xa b c')).toBe(true);
  });

  test('a digit before is a word character too; punctuation, "_" and a combining mark are not', () => {
    const police = new PhraseMatcher([['police', 'police']]);
    expect(police.find('3police')).toEqual([]);
    expect(spans(police.find('_police'))).toEqual([[1, 7, 'police']]);
    expect(spans(police.find('(police)', 10))).toEqual([[11, 17, 'police']]);
  });

  test('with case ignored, a character whose case folding is a letter counts as a letter (U+0345 folds to ι)', () => {
    expect(new PhraseMatcher([['abc', 'x']]).find('\u0345abc')).toEqual([]);
    // An acronym matches as written, and there U+0345 (a combining mark) is no letter.
    expect(spans(new PhraseMatcher([['ABC', 'x']]).find('\u0345ABC'))).toEqual([[1, 4, 'ABC']]);
  });

  test('after an astral character the search moves on by whole code points', () => {
    const abc = new PhraseMatcher([['abc', 'x']]);
    expect(abc.find('\u{1D400}abc')).toEqual([]); // mathematical bold A: a letter
    expect(spans(abc.find('\u{1F600}abc abc'))).toEqual([[2, 5, 'abc'], [6, 9, 'abc']]); // an emoji is not
  });
});

describe('TokenPhraseMatcher: a sentence is tokenised only when a phrase could occur in it', () => {
  const keyWorker = new TokenPhraseMatcher([['key worker', 'kw'], ['GP', 'gp']], { plural: true });

  test('no first word, or a first word not followed by the rest: nothing could occur', () => {
    expect(keyWorker.mayOccur('The family moved house.')).toBe(false);
    expect(keyWorker.mayOccur('The key was lost; the worker came.')).toBe(false); // other words between "key" and "worker"
    expect(keyWorker.mayOccur('the key, worker')).toBe(true); // only what is no letter or digit between them
    expect(keyWorker.find('the key, worker').length).toBe(1);
    expect(keyWorker.mayOccur('a gp')).toBe(false); // an acronym only as written
  });

  test('what the tokens allow between and around words: possessives, hyphens, capitals, the Kelvin sign', () => {
    for (const text of ['the Key-Workers arrived', "the key's worker", 'the KEY / WORKER', 'the \u212Aey worker', 'two GPs', 'the GP\u2019s surgery']) {
      expect(keyWorker.mayOccur(text), text).toBe(true);
      expect(keyWorker.find(text).length, text).toBe(1);
    }
    // "\u212Aey" lower-cases to "key", as the tagger's tokens compare it.
    expect(spans(keyWorker.find('the \u212Aey worker', 100))).toEqual([[104, 114, '\u212Aey worker']]);
  });

  test('with `wanted`, only the wanted payloads are looked for', () => {
    expect(keyWorker.mayOccur('the key worker and the GP', undefined, (p) => p === 'gp')).toBe(true);
    expect(keyWorker.mayOccur('the key worker', undefined, (p) => p === 'gp')).toBe(false);
    expect(keyWorker.mayOccur('the key worker', undefined, (p) => p === 'kw')).toBe(true);
  });

  test('a phrase whose first word is not plain ASCII turns the filter off rather than miss it', () => {
    const cafe = new TokenPhraseMatcher([['café worker', 'c']]);
    expect(cafe.mayOccur('nothing here')).toBe(true);
    expect(spans(cafe.find('the CAFÉ worker'))).toEqual([[4, 15, 'CAFÉ worker']]);
  });
});

describe('Unicode facts the filter rests on', () => {
  // The lower-cased text keeps an ASCII word wherever a token lower-cases to it only if nothing
  // but a letter lower-cases to an ASCII letter or digit (what lies between two tokens stays out
  // of [a-z0-9]). Checked over every code point, so a change in the runtime's case tables shows.
  test('no character that is not a letter lower-cases to an ASCII letter or digit', () => {
    const offenders: string[] = [];
    for (let c = 0; c <= 0x10ffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCodePoint(c);
      if (/[\p{L}\p{N}]/u.test(ch)) continue;
      if (/[a-z0-9]/.test(ch.toLowerCase())) offenders.push(c.toString(16));
    }
    expect(offenders).toEqual([]);
  });

  test('beyond ASCII, only the Kelvin sign lower-cases to a plain ASCII string', () => {
    const toAscii: string[] = [];
    for (let c = 0x80; c <= 0x10ffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      if (/^[\x00-\x7f]+$/.test(String.fromCodePoint(c).toLowerCase())) toAscii.push(c.toString(16));
    }
    expect(toAscii).toEqual(['212a']);
  });
});

describe('agencies: sentences that can only name agencies already met are passed over', () => {
  const matcher = agencyMatcher(lexicon.agencies);
  const named = (...names: string[]) => (a: AgencyEntry) => names.includes(a.name);

  test('mayName looks only for the agencies asked about', () => {
    expect(matcher.mayName('The police and the health visitor met.', named('health visitor'))).toBe(true);
    expect(matcher.mayName('The police visited twice.', named('health visitor'))).toBe(false);
    expect(matcher.mayName('Housing and Homes were told.', named('housing'))).toBe(true); // the proper names, as written
    expect(matcher.mayName('The HEALTH-VISITORS called.', named('health visitor'))).toBe(true);
  });

  test('a later sentence that names a new agency beside known ones is read, with its own evidence', () => {
    const doc = report([
      'Serious Case Review: Child A',
      'The police visited the family.',
      'The police called again the next day.',
      'The police and the health visitor met; the police shared notes.',
      'The GP, the police and the health visitor spoke.',
    ]);
    const r = extractAgencies(doc, lexicon.agencies);
    expect(r.value).toEqual(['police', 'health visitor', 'GP']);
    expect(r.evidence.map((e) => e.text)).toEqual(['police', 'health visitor', 'GP']);
    expect(r.evidence.map((e) => doc.text.indexOf(e.text))).toEqual(r.evidence.map((e) => e.start));
  });
});

describe('dates: a text without a four-digit year has none', () => {
  test('day and month without a year give nothing; with one they do', () => {
    expect(findDates('on 8 February the panel met', wordings.months)).toEqual([]);
    expect(findDates('on 8 February 2010 the panel met', wordings.months, 5).map((d) => [d.start, d.end, d.iso])).toEqual([[8, 23, '2010-02-08']]);
  });
});
