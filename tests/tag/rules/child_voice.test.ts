import { describe, expect, test } from 'vitest';
import { describeRule } from '../helpers.js';
import { loadLexicon } from '../../../pipeline/tag/lexicon.js';
import { compile, findHits } from '../../../pipeline/tag/tag.js';
import { sentenceOfTokens, tokenize } from '../../../pipeline/tag/tokenize.js';
import { loadAbbreviations, splitSentences } from '../../../pipeline/segment/sentences.js';
import type { Segment } from '../../../pipeline/types.js';

// Pronouns look back across sentences, so these paragraphs are split into sentences as the segmenter does.
const compiled = compile(loadLexicon());
const abbreviations = loadAbbreviations();
function ruleHits(text: string) {
  const seg: Segment = { index: 0, kind: 'paragraph', section: 'analysis', heading: null, paragraph: null, page: null, start: 0, end: text.length, text, sentences: splitSentences(text, abbreviations) };
  const tokens = tokenize(text);
  return findHits(seg, tokens, sentenceOfTokens(tokens, seg.sentences), compiled);
}
function firedInParagraph(text: string): Set<string> {
  return new Set(ruleHits(text).map((h) => h.id));
}

const ID = 'child_focus/child_voice';
const MUST: string[] = [
  'Child P told her teacher that she was hungry at weekends.',
  'Baby T could not speak for himself.',
  'Child D2 described being frightened when the adults argued.',
  'Nobody asked Child B what happened at home.',
  'The social worker did not speak to the children alone.',
  'Schools should talk with the child about their worries.',
  'The boy said that he did not want to go home.',
  "Nobody found out what Child A's life was like at home.",
  "Baby Q's own experience was not described in the records.",
  'Child S was asked by staff why she kept going back.',
  'The children were never spoken to alone.',
];
const MUST_PARAGRAPH: string[] = [
  'Child P was often hungry at school. In May she told her teacher that there was no food at home.',
  "Child B's bruises were noticed by the nursery. Nobody asked him how he got them.",
  'Child C missed school for weeks. No professional talked with her about why.',
  'Child K2 was often hungry. He was never spoken to alone.',
];
const MUST_NOT: string[] = [
  "Child P's mother told the health visitor that all was well.",
  'The mother said that the children were fine.',
  'The health visitor asked the mother about her mood.',
  'Child P was admitted to hospital on 3 May.',
  'Child protection procedures were followed.',
  "Child A's bedroom was untidy.",
  "Child A's school made a referral.",
  "The family moved three times in the first year of Child B's life.",
  "Mr B lived with the family for most of Child A's life.",
  'Child S was reported missing on four occasions.',
  'Child M was described as a fussy eater by the registrar.',
  'Baby J cried for most of the evening.',
];
const MUST_NOT_PARAGRAPH: string[] = [
  'Mr K took Baby Q to the hospital. He said the baby had rolled off the sofa.',
  "Ms F was interviewed at the time of Child D's admission, and she described drinking every day.",
  'The health visitor weighed Child A at home. She told the mother to come to the clinic.',
  'Child E lived with his father. The father said he had been unwell.',
  'The family had three children, and Mr J said he wanted them to stay at home.',
];

describeRule(ID, { fires: MUST, doesNotFire: MUST_NOT });
describeRule(ID, { fires: MUST_PARAGRAPH, doesNotFire: MUST_NOT_PARAGRAPH }, firedInParagraph, ' (pronouns across sentences)');

// Seeing a child is contact, not the child heard: its hits weigh the code file's seeing_weight
// (below 1, so they need a second cue), while asking and speaking weigh 1.
describe(`${ID} weights`, () => {
  const seeing = compiled.codes.find((c) => c.code === 'child_focus')!.rule_params![ID].seeing_weight as number;
  const weightsOf = (text: string) => ruleHits(text).filter((h) => h.id === ID).map((h) => h.weight);
  test('seeing_weight is set below 1', () => expect(seeing).toBeLessThan(1));
  test('the GP saw the child: seeing weight', () => expect(weightsOf('The GP saw Baby Q on 29 December for a cold.')).toEqual([seeing]));
  test('the child seen, in the passive: seeing weight', () => expect(weightsOf('Child M was seen by a registrar in March.')).toEqual([seeing]));
  test('asking the child: full weight', () => expect(weightsOf('Nobody asked Child B what happened at home.')).toEqual([1]));
  test('the child speaking: full weight', () => expect(weightsOf('Child P told her teacher that she was hungry.')).toEqual([1]));
});
