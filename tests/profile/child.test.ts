// The child's age, gender and ethnicity: sentences that must give a value, and ones that must give
// null (not stated, or about someone else).
import { describe, expect, test } from 'vitest';
import { extractAge, extractEthnicity, extractGender, findAges } from '../../pipeline/profile/child.js';
import { evidenceHolds, profileOf, readingOfDoc, report, wordings } from './helpers.js';

const TITLE = 'Serious Case Review: Child A';

describe('age in months', () => {
  const cases: [string, number | null][] = [
    ['Child A was aged 14 months when the fractures were found.', 14],
    ['Child A was aged four years and five months when she was admitted.', 53],
    ['Child A, a 2-year-old, was found alone in the flat.', 24],
    ['Child A was two years and two months old when he died.', 26],
    ['Child A was nine weeks old when he was shaken.', 2],
    ['Child A was 13 years and seven months old at the time.', 163],
    ['On 14 April 2013 Child A, a boy aged six years and four months, was injured.', 76],
    ['Child A was three months old.', 3],
    ['Child A, then aged four years, was taken to hospital.', 48],
    ['Child A was four and a half years old.', 54],
    ['Child A, an 18-month-old girl, was admitted.', 18],
    ['Child A was aged 10 days when she was admitted.', 0],
    // not stated, or not an age
    ['Child A lived with his mother.', null],
    ['Ms A was 23 when Child A was born.', null],
    ['The family had lived at the address for 18 months.', null],
    ['Ms A booked with the midwife at 10 weeks.', null],
    ['Two years later the case was closed.', null],
  ];
  for (const [sentence, months] of cases) {
    test(`${JSON.stringify(sentence)} → ${months}`, () => {
      const doc = report([TITLE, sentence]);
      const r = extractAge(readingOfDoc(doc), wordings);
      expect(r.value).toBe(months);
      if (months !== null) expect(r.evidence[0].text).toMatch(/\d|year|month|week|day/);
    });
  }

  test('a sibling\'s age is not the child\'s: the child the harm is about is the subject', () => {
    const doc = report([
      'Serious Case Review: the K children',
      'This review concerns Child K1 (a girl, then aged nine), Child K2 (a boy, then aged six years and five months) and Child K3 (a boy, then aged two). On 11 December 2013 Child K2 was admitted to hospital with a fractured skull.',
    ]);
    const reading = readingOfDoc(doc);
    expect(reading.subject.name).toBe('Child K2');
    expect(extractAge(reading, wordings).value).toBe(77);
  });

  test('a pronoun after the child is named carries the age to the child', () => {
    const doc = report(['Serious Case Review about Child A', 'We call her Child A. She was badly hurt when she was 14 months old.']);
    expect(extractAge(readingOfDoc(doc), wordings).value).toBe(14);
  });

  test('a parent\'s age with a unit is not the child\'s', () => {
    const doc = report([TITLE, 'Ms A was 19 years old when she met Mr B.']);
    expect(extractAge(readingOfDoc(doc), wordings).value).toBeNull();
  });

  test('number words and digits both read', () => {
    const s = (text: string) => ({ segment: report([text]).segments[0], start: 0, end: text.length, text });
    expect(findAges(s('aged twenty-two months'), wordings).map((a) => a.months)).toEqual([22]);
    expect(findAges(s('a 15-year-old'), wordings).map((a) => a.months)).toEqual([180]);
    expect(findAges(s('aged 15 years and 2 months'), wordings).map((a) => a.months)).toEqual([182]);
  });

  test('the words around an age come from the lexicon', () => {
    const s = (text: string) => ({ segment: report([text]).segments[0], start: 0, end: text.length, text });
    const months = (text: string, w = wordings) => findAges(s(text), w).map((a) => a.months);
    const age = { ...wordings.age, old_words: ['alt'], hyphenated_suffix: 'alt', hedge_words: ['circa'] };
    const other = { ...wordings, age };
    expect(months('nine weeks old')).toEqual([2]);
    expect(months('nine weeks old', other)).toEqual([]);
    expect(months('nine weeks alt', other)).toEqual([2]);
    expect(months('a 2-year-alt', other)).toEqual([24]);
    expect(months('aged circa seven', other)).toEqual([84]);
    expect(months('aged about seven', other)).toEqual([]);
  });
});

describe('gender', () => {
  const cases: [string[], string | null][] = [
    [[TITLE, 'On 14 April 2013 Child A, a boy aged six, was seriously injured.'], 'male'],
    [[TITLE, 'Child A was a White British girl.'], 'female'],
    [['Serious Case Review: Baby Q', 'Baby Q was three months old. He was admitted to hospital.'], 'male'],
    [[TITLE, 'Child A was taken to hospital. She was found to be seriously underweight.'], 'female'],
    [[TITLE, 'Ms A phoned about Child A\'s temperature and went to the walk-in centre, which she did the next morning. Child A died in June. His mother was arrested.'], 'male'],
    [[TITLE, 'Child A lived with Ms A. She was a nurse.'], null],
    [[TITLE, 'The review considers how agencies worked together.'], null],
  ];
  for (const [lines, gender] of cases) {
    test(`${JSON.stringify(lines[1])} → ${gender}`, () => {
      expect(extractGender(readingOfDoc(report(lines)), wordings).value).toBe(gender);
    });
  }
});

describe('ethnicity, as worded', () => {
  const cases: [string, string | null][] = [
    ['Child A is White British.', 'White British'],
    ['Child A was a White British boy who was two years old.', 'White British'],
    ['The family are British Pakistani.', 'British Pakistani'],
    ['Child A was 13. She is of mixed White British and Black Caribbean heritage.', 'mixed White British and Black Caribbean heritage'],
    ['Child A and Child B are White British.', 'White British'],
    ["Child A's ethnicity is Mixed White and Black African.", 'Mixed White and Black African'],
    ['Ms A is Black British of Caribbean heritage.', 'Black British of Caribbean heritage'],
    ['Ms A grew up in Pakistan and came to the United Kingdom in 2006.', null],
    ['Child A lived in a mostly white town.', null],
    ['The family are British citizens.', null],
  ];
  for (const [sentence, ethnicity] of cases) {
    test(`${JSON.stringify(sentence)} → ${ethnicity}`, () => {
      const doc = report([TITLE, sentence]);
      const r = extractEthnicity(readingOfDoc(doc), wordings);
      expect(r.value).toBe(ethnicity);
      if (ethnicity) expect(r.evidence[0].text).toBe(ethnicity);
    });
  }

  test('the child\'s own ethnicity wins over a parent\'s stated earlier', () => {
    const doc = report([TITLE, 'Mr A is White Irish.', 'Child A is of mixed White Irish and Black African heritage.']);
    expect(extractEthnicity(readingOfDoc(doc), wordings).value).toBe('mixed White Irish and Black African heritage');
  });

  test('every value\'s evidence is its own text', () => {
    const doc = report([TITLE, 'Child A, a boy aged six years, is White British. He was seriously injured.']);
    expect(evidenceHolds(doc, profileOf(doc))).toBe(true);
  });
});
