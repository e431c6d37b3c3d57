import { describe, expect, test } from 'vitest';
import { loadLexicon } from '../../pipeline/tag/lexicon.js';
import { compile, findHits } from '../../pipeline/tag/tag.js';
import { sentenceOfTokens, tokenize } from '../../pipeline/tag/tokenize.js';
import type { Segment } from '../../pipeline/types.js';

const lexicon = loadLexicon();

/** Ids of the entries, exclusions-surviving proximity rules and rule modules that fire on a sentence. */
export function firedIds(sentence: string): Set<string> {
  const seg: Segment = { index: 0, kind: 'paragraph', section: 'analysis', heading: null, paragraph: null, page: null, start: 0, end: sentence.length, text: sentence, sentences: [{ start: 0, end: sentence.length }] };
  const tokens = tokenize(sentence);
  return new Set(findHits(seg, tokens, sentenceOfTokens(tokens, seg.sentences), compile(lexicon)).map((h) => h.id));
}


/**
 * A rule's table of cases (as ESLint's RuleTester): each sentence in `fires` must make the rule
 * or entry `id` fire, each in `doesNotFire` must not. `fired` turns a text into the ids that fire.
 */
export function describeRule(id: string, cases: { fires: string[]; doesNotFire: string[] }, fired: (text: string) => Set<string> = firedIds, label = ''): void {
  describe(`${id}${label}`, () => {
    for (const s of cases.fires) test(`fires: ${s}`, () => expect(fired(s)).toContain(id));
    for (const s of cases.doesNotFire) test(`does not fire: ${s}`, () => expect(fired(s)).not.toContain(id));
  });
}
