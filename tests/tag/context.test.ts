// ConText behaviour as a table: [sentence, target, expected context], plus every trigger's
// own examples from lexicons/context.json.
import { describe, expect, test } from 'vitest';
import { contextOf, triggerHits } from '../../pipeline/tag/context.js';
import { loadLexicon, type CodeDef, type ContextTrigger, type Lexicon } from '../../pipeline/tag/lexicon.js';
import { compile, tagDocument } from '../../pipeline/tag/tag.js';
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
  ['Care leavers are more likely than their peers to become parents young.', 'Care leavers', 'generic'],
  ['Families placed in bed and breakfast often lose contact with their health visitor.', 'bed and breakfast', 'generic'],
  ['Domestic abuse is defined as any incident of controlling or threatening behaviour.', 'Domestic abuse', 'generic'],
  ['There had been no incidents of domestic abuse reported to any agency.', 'domestic abuse', 'negated'],
  ['None of the agencies held any record of drug use by the father.', 'drug use', 'negated'],
  ['The mother had moved to a hostel after the eviction.', 'hostel', 'asserted'],
  // What professionals knew or would have found is conditional or negated; the circumstance is not.
  ['Had the GP known that the father had been violent to a former partner, he would have referred.', 'violent', 'asserted'],
  ['If the health visitor had been told about the violence, she would have acted.', 'violence', 'asserted'],
  ["The school did not know about the mother's drinking.", 'drinking', 'asserted'],
  ["The GP was never told about the father's heroin use.", 'heroin', 'asserted'],
  ['A police check would have revealed his convictions for violence.', 'violence', 'asserted'],
  ['Had the midwife known of any drug use, she would have referred.', 'drug use', 'hypothetical'],
  ['If the mother had been drinking, the baby would have been at risk.', 'drinking', 'hypothetical'],
  ['There was no evidence that the father used drugs.', 'drugs', 'negated'],
  // Round 8 (lexD): negative results, negative-polarity "any", indefinite parents, questions, hedges.
  ['The parents were testing negative for illicit drugs.', 'illicit drugs', 'negated'],
  ['Neither the school nor the GP had any concerns about neglect.', 'neglect', 'negated'],
  ["Ms W's drinking was within normal limits.", 'drinking', 'negated'],
  ["Information about the father's drug use was held by the police and not shared.", 'drug use', 'asserted'],
  ['Her asylum claim was considered by the Home Office for two years.', 'asylum claim', 'asserted'],
  ['Alcohol consumption by a parent who shares a sofa with a baby increases the risk of death.', 'Alcohol consumption', 'generic'],
  ['How confident are you that you would recognise parental alcohol misuse?', 'alcohol misuse', 'generic'],
  ['Fathers and male partners are too often invisible to services.', 'invisible', 'generic'],
  ['Many care leavers are wary of professionals and may avoid contact.', 'avoid contact', 'hypothetical'],
  ['Women with insecure immigration status face barriers to leaving.', 'insecure immigration status', 'generic'],
];

describe('context table', () => {
  for (const [sentence, target, expected] of TABLE) test(`${expected}: ${sentence}`, () => expect(contextIn(sentence, target)).toBe(expected));
});

describe('trigger examples', () => {
  for (const t of lexicon.context.triggers) {
    for (const ex of t.examples ?? []) test(`${t.id}: ${ex.sentence}`, () => expect(contextIn(ex.sentence, ex.target)).toBe(ex.context));
  }
});

describe('paragraph-scope generic triggers and assert triggers', () => {
  const triggers: ContextTrigger[] = [
    { id: 'context/t_research', terms: ['research shows'], category: 'generic', direction: 'forward', max_scope: 5, scope: 'paragraph' },
    { id: 'context/t_studies', terms: ['studies'], category: 'generic', direction: 'bidirectional', max_scope: 30 },
    { id: 'context/t_this_case', terms: ['in this case'], category: 'assert', direction: 'none' },
    { id: 'context/t_no', terms: ['no'], category: 'negated', direction: 'forward', max_scope: 3 },
  ];
  const code: CodeDef = { code: 'substance_misuse', kind: 'risk_factor', description: 'test', entries: [{ id: 'substance_misuse/drink', terms: ['drinking'] }] };
  const lex: Lexicon = { version: 'test', codes: [code], context: { triggers, section_rules: [] } };
  const contexts = (text: string) => {
    const sentences = [...text.matchAll(/[^.]+\.?\s*/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].trimEnd().length }));
    const doc = { text, segments: [{ index: 0, kind: 'paragraph' as const, section: 'analysis' as const, heading: null, paragraph: null, page: null, start: 0, end: text.length, text, sentences }] };
    return tagDocument(doc, lex).map((f) => `${f.context}@${f.evidence}:${text.slice(0, f.start).split('.').length - 1}`).sort();
  };
  test('opened by a paragraph trigger, every sentence is generic', () => {
    expect(contexts('Research shows that harm is common. Heavy drinking by carers raises the risk.')).toEqual(['generic@drinking:1']);
  });
  test('an assert trigger restores asserted from its sentence onward', () => {
    expect(contexts('Research shows that drinking is common. Carers sleep deeply. In this case the parents had been drinking.').sort())
      .toEqual(['asserted@drinking:2', 'generic@drinking:0']);
  });
  test('only the first sentence opens a paragraph scope', () => {
    expect(contexts('The parents were drinking. Research shows that drinking is common.')).toEqual(['asserted@drinking:0', 'generic@drinking:1']);
  });
  test('a sentence-level negation still wins', () => {
    expect(contexts('Research shows that harm is common. There was no drinking.')).toEqual(['negated@drinking:1']);
  });
  test('an assert trigger ends a generic scope within its sentence', () => {
    expect(contexts('Studies describe carers and in this case drinking.')).toEqual(['asserted@drinking:0']);
    expect(contexts('Studies describe carers and their drinking.')).toEqual(['generic@drinking:0']);
  });
});

test('a longer trigger that contains a pseudo-trigger still applies', () => {
  const pseudo = { id: 'p', terms: ['no one'], category: 'pseudo', direction: 'none' } as const;
  const negation = { id: 'n', terms: ['no one in the family'], category: 'negated', direction: 'forward' } as const;
  const short = { id: 's', terms: ['no'], category: 'negated', direction: 'forward' } as const;
  const sentenceOf = new Int32Array(8);
  const hits = triggerHits(
    [
      { from: 0, to: 2, value: pseudo },
      { from: 0, to: 5, value: negation },
      { from: 0, to: 1, value: short },
    ] as never,
    sentenceOf,
  );
  expect(hits.map((h) => h.trigger.id)).toEqual(['n']);
});
