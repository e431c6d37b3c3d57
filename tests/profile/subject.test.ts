// Who a word is about: the subject child named in full ("Child B") or by its bare identifier
// ("B"), through a chain of pronouns, and never a parent or a document part that shares the letter.
import { describe, expect, test } from 'vitest';
import { extractAge } from '../../pipeline/profile/child.js';
import { extractOutcome } from '../../pipeline/profile/outcome.js';
import { aboutWhom } from '../../pipeline/profile/subject.js';
import { earlierOf } from '../../pipeline/profile/text.js';
import { readingOfDoc, report, wordings } from './helpers.js';

const TITLE = 'Serious Case Review: Child B';

/** Who the first occurrence of `word` in the paragraph is about. */
function whoIs(paragraph: string, word: string, title = TITLE): string {
  const r = readingOfDoc(report([title, paragraph]));
  const list = [...r.opening, ...r.rest];
  const i = list.findIndex((s) => s.text.includes(word));
  const s = list[i];
  return aboutWhom(s.start + s.text.indexOf(word), s, earlierOf(list, i), r.people, r.subject);
}

describe('the subject by its bare identifier', () => {
  test.each([
    ['B was taken to hospital with a fracture.', 'fracture', 'subject'],
    ['The partner said that B was unwell and had a fracture.', 'fracture', 'subject'],
    ['Then B was found to have a fracture.', 'fracture', 'subject'],
    ["B's mother had a fracture.", 'fracture', 'other'],
    ['Ms B had a fracture.', 'fracture', 'other'],
    ['The visit was to Ms B and she had a fracture.', 'fracture', 'other'],
    ['The injuries listed in Appendix B include a fracture.', 'fracture', 'none'],
    ['Appendix B lists a fracture.', 'fracture', 'none'],
    ['The letter in Part B mentions a fracture.', 'fracture', 'none'],
    ['The B family moved; a fracture was seen.', 'fracture', 'none'],
  ])('%j: %s is about %s', (paragraph, word, expected) => {
    expect(whoIs(paragraph, word)).toBe(expected);
  });
});

describe('an identifier that is also a word ("Child A")', () => {
  const whoIsA = (paragraph: string, word: string) => whoIs(paragraph, word, 'Serious Case Review: Child A');
  test.each([
    ['A neighbour who was 45 years old called the police.', '45 years', 'none'],
    ['The paramedic said that A was cold and had a fracture.', 'fracture', 'subject'],
    ['Child A was admitted. A nurse saw a fracture.', 'fracture', 'none'],
  ])('%j: %s is about %s', (paragraph, word, expected) => {
    expect(whoIsA(paragraph, word)).toBe(expected);
  });
});

describe('pronoun chains within a paragraph', () => {
  test.each([
    ['B was taken to hospital. He was dehydrated. He had a fracture.', 'subject'],
    // A sentence that mentions no one may be about someone unlisted: the chain stops there.
    ['Child B was admitted. He was dehydrated. The ward was busy. He had a fracture.', 'none'],
    ['Child B was seen at home. The health visitor noted bruising. She made a referral about the fracture.', 'none'],
    ['Child B was admitted. His father arrived later. He had a fracture.', 'other'],
  ])('%j: the fracture is about %s', (paragraph, expected) => {
    expect(whoIs(paragraph, 'fracture')).toBe(expected);
  });

  test('a pronoun does not reach into the paragraph before', () => {
    const r = readingOfDoc(report([TITLE, 'Child B was admitted.', 'He had a fracture.']));
    const list = [...r.opening, ...r.rest];
    const i = list.findIndex((s) => s.text.includes('fracture'));
    expect(aboutWhom(list[i].start + list[i].text.indexOf('fracture'), list[i], earlierOf(list, i), r.people, r.subject)).toBe('none');
  });
});

describe('profile fields that depend on it', () => {
  test('a report that calls the child "B" after the first mention', () => {
    const paragraph = 'On 14 August 2012 an ambulance was called for Child B, a boy of eleven years and four months. B was taken to hospital. He was severely dehydrated. He had a fracture of his thigh which was ten days old.';
    const r = readingOfDoc(report([TITLE, paragraph]));
    expect(extractAge(r, wordings).value).toBe(136);
    expect(extractOutcome(r, wordings).value).toBe('seriously_harmed');
  });
});
