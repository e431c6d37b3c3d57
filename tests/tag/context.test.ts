// ConText behaviour as a table: [sentence, target, expected context], plus every trigger's
// own examples from lexicons/context.json.
import { describe, expect, test } from 'vitest';
import { contextOf, triggerHits } from '../../pipeline/tag/context.js';
import { loadLexicon } from '../../pipeline/tag/lexicon.js';
import { compile } from '../../pipeline/tag/tag.js';
import { sentenceOfTokens, tokenize } from '../../pipeline/tag/tokenize.js';
import type { Context } from '../../pipeline/types.js';

const lexicon = loadLexicon();

function contextIn(sentence: string, target: string): Context {
  const tokens = tokenize(sentence);
  const want = tokenize(target).map((t) => t.lower);
  const from = tokens.findIndex((_, i) => want.every((w, j) => tokens[i + j]?.lower === w));
  if (from < 0) throw new Error(`"${target}" not in "${sentence}"`);
  const sentenceOf = sentenceOfTokens(tokens, [{ start: 0, end: sentence.length }]);
  const hits = triggerHits(compile(lexicon).triggers.matchAll(tokens), sentenceOf);
  return contextOf(from, from + want.length, hits, sentenceOf).context;
}

const TABLE: [string, string, Context][] = [
  ['There was no evidence that either parent misused drugs.', 'drugs', 'negated'],
  ['Mr K denied any violence towards Ms L.', 'violence', 'negated'],
  ['Domestic abuse was not a factor in this case.', 'Domestic abuse', 'negated'],
  ['Ms L had a history of depression.', 'depression', 'asserted'],
  ['She had been depressed as a teenager but was well at booking.', 'depressed', 'asserted'],
  ['Mr D used heroin for ten years before the birth.', 'heroin', 'asserted'],
  ['The mother not only drank heavily but also used cannabis.', 'drank', 'asserted'],
  ['There was no further contact after the mother was evicted.', 'evicted', 'asserted'],
  ['If domestic abuse had been disclosed, a MARAC referral would have followed.', 'domestic abuse', 'hypothetical'],
  ['The panel considered whether the mother may have been depressed.', 'depressed', 'hypothetical'],
  ['The midwife did not ask about domestic abuse at booking.', 'domestic abuse', 'hypothetical'],
  ['Research shows that domestic abuse often starts or escalates in pregnancy.', 'domestic abuse', 'generic'],
  ['Families who live in temporary accommodation move often.', 'temporary accommodation', 'generic'],
  ['Nationally, parental alcohol misuse is a feature of many reviews.', 'alcohol misuse', 'generic'],
  ['All the children in the household were neglected.', 'neglected', 'asserted'],
  ['There was no referral, but police had attended a domestic incident.', 'domestic incident', 'asserted'],
  ['Staff had not received training on domestic abuse.', 'domestic abuse', 'generic'],
];

describe('context table', () => {
  for (const [sentence, target, expected] of TABLE) test(`${expected}: ${sentence}`, () => expect(contextIn(sentence, target)).toBe(expected));
});

describe('trigger examples', () => {
  for (const t of lexicon.context.triggers) {
    for (const ex of t.examples ?? []) test(`${t.id}: ${ex.sentence}`, () => expect(contextIn(ex.sentence, ex.target)).toBe(ex.context));
  }
});
