import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTopLevelHeading, loadHeadingLexicon, sectionForHeading } from '../../pipeline/segment/headings.js';
import { lexiconDir } from '../../pipeline/paths.js';

const lex = loadHeadingLexicon();

describe('heading wordings (lexicons/headings.json)', () => {
  const data = JSON.parse(readFileSync(join(lexiconDir(), 'headings.json'), 'utf8')) as {
    sections: { id: string; examples: { match: string[]; no_match: string[] } }[];
  };
  for (const s of data.sections) {
    it.each(s.examples.match)(`${s.id} matches %s`, (h) => expect(sectionForHeading(h, lex)).toBe(s.id));
    it.each(s.examples.no_match)(`${s.id} does not match %s`, (h) => expect(sectionForHeading(h, lex)).not.toBe(s.id));
  }

  const more: [string, string | null][] = [
    ['Part Seven: Recommendations', 'recommendations'],
    ['6. Concluding comments', 'conclusions'],
    ['Summary of key findings', 'findings'],
    ['3. Appraisal of practice: a summary', 'chronology'],
    ['Domestic abuse and mental illness', null],
    ['Recording and supervision', null],
    ['Pregnancy', null],
  ];
  it.each(more)('%s → %s', (h, section) => expect(sectionForHeading(h, lex)).toBe(section));
});

describe('top-level headings', () => {
  it.each([
    ['5. Analysis', true],
    ['5 Analysis', true],
    ['Part Three: The family', true],
    ['Section 2 Background', true],
    ['2009 to 2011', false],
    ['14 March 2013', false],
    ['14. March events', true],
    ['5.3 The school', false],
    ['The school', false],
  ])('%s → %s', (text, top) => expect(isTopLevelHeading(text, undefined, lex)).toBe(top));
});
