import { describe, expect, it } from 'vitest';
import { loadAbbreviations, splitSentences } from '../../pipeline/segment/sentences.js';

const abbreviations = loadAbbreviations();
const split = (t: string) => splitSentences(t, abbreviations).map((s) => t.slice(s.start, s.end));

describe('splitSentences', () => {
  const cases: [string, string[]][] = [
    ['The GP saw him. The HV did not.', ['The GP saw him.', 'The HV did not.']],
    ['Dr. Patel saw Mr. Jones on 3 May. He was well.', ['Dr. Patel saw Mr. Jones on 3 May.', 'He was well.']],
    ['Agencies, e.g. the GP and the school, knew. Nobody acted.', ['Agencies, e.g. the GP and the school, knew.', 'Nobody acted.']],
    ['A s.47 enquiry began. It closed.', ['A s.47 enquiry began.', 'It closed.']],
    ['An enquiry under s. 47 began. It closed.', ['An enquiry under s. 47 began.', 'It closed.']],
    ['See recommendation No. 3 below. It matters.', ['See recommendation No. 3 below.', 'It matters.']],
    ['4.12 The social worker visited. Nobody answered.', ['4.12 The social worker visited.', 'Nobody answered.']],
    ['23. The school called. Mother said "he is fine." Then she left.', ['23. The school called.', 'Mother said "he is fine."', 'Then she left.']],
    ['Letters, forms etc. The file was thin.', ['Letters, forms etc.', 'The file was thin.']],
    ['He was seen on 2 Sept. 2009 by J. Smith. Why?  Nobody knows!', ['He was seen on 2 Sept. 2009 by J. Smith.', 'Why?', 'Nobody knows!']],
    ['It was 2009. In 2010 it changed.', ['It was 2009.', 'In 2010 it changed.']],
    ['no final stop here', ['no final stop here']],
  ];
  it.each(cases)('%s', (text, expected) => {
    expect(split(text)).toEqual(expected);
  });

  it('offsets spans by the base', () => {
    const spans = splitSentences('A b. C d.', abbreviations, 100);
    expect(spans).toEqual([{ start: 100, end: 104 }, { start: 105, end: 109 }]);
  });
});

describe('"no" ends a sentence before a capital but not before a number', () => {
  it.each([
    ['The mother said no. Then the police came.', ['The mother said no.', 'Then the police came.']],
    ['See No. 3 below.', ['See No. 3 below.']],
  ])('%s', (text, expected) => expect(split(text)).toEqual(expected));
});
