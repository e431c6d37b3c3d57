// Findings over the whole dev corpus keep the evidence contract.
import { describe, expect, test } from 'vitest';
import { loadLexicon, type CodeDef, type ContextTrigger, type Lexicon } from '../../pipeline/tag/lexicon.js';
import type { SectionId, SegmentedDoc } from '../../pipeline/types.js';
import { tagDocument } from '../../pipeline/tag/tag.js';
import { goldSegmentedDocs } from '../helpers/goldDocs.js';

const lexicon = loadLexicon();
const docs = goldSegmentedDocs();

test.skipIf(docs.length === 0)('every finding: text.slice(start, end) === evidence, inside its segment, one per (segment, code, context)', () => {
  let n = 0;
  for (const doc of docs) {
    const seen = new Set<string>();
    for (const f of tagDocument(doc, lexicon)) {
      n++;
      expect(doc.text.slice(f.start, f.end)).toBe(f.evidence);
      const seg = doc.segments[f.segment];
      expect(f.start >= seg.start && f.end <= seg.end).toBe(true);
      expect(f.lexiconVersion).toBe(lexicon.version);
      expect(f.confidence).toBeGreaterThan(0);
      expect(f.confidence).toBeLessThanOrEqual(1);
      const key = `${f.segment}/${f.code}/${f.context}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
      if (lexicon.codes.find((c) => c.code === f.code)!.kind === 'theme') expect(f.context).toBe('asserted');
    }
  }
  expect(n).toBeGreaterThan(500);
});

test('look-alikes carry no code of their own', () => {
  const text = 'The court made a supervision order. The recording of the 999 call was clear. The culture of the department has changed. She went to a temporary foster placement.';
  const doc = { text, segments: [{ index: 0, kind: 'paragraph' as const, section: 'analysis' as const, heading: null, paragraph: null, page: null, start: 0, end: text.length, text, sentences: [{ start: 0, end: text.length }] }] };
  const codes = tagDocument(doc, lexicon).map((f) => f.code);
  expect(codes).not.toContain('supervision');
  expect(codes).not.toContain('recording');
  expect(codes).not.toContain('faith_culture');
  expect(codes).not.toContain('temporary_accommodation');
});

// The engine's scoring and data features, on a small lexicon built here so that each test
// shows one behaviour whatever the real lexicon files say.

function oneSegment(text: string, section: SectionId = 'analysis'): SegmentedDoc {
  const sentences = [...text.matchAll(/[^.]+\.?\s*/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].trimEnd().length }));
  return { text, segments: [{ index: 0, kind: 'paragraph', section, heading: null, paragraph: null, page: null, start: 0, end: text.length, text, sentences }] };
}

function miniLexicon(code: Partial<CodeDef>, triggers: ContextTrigger[] = []): Lexicon {
  const def: CodeDef = { code: 'assessment', kind: 'theme', description: 'test', entries: [{ id: 'assessment/assessment', terms: ['assessment'] }], ...code };
  return { version: 'test', codes: [def], context: { triggers, section_rules: [] } };
}

const found = (lex: Lexicon, text: string, section?: SectionId) => tagDocument(oneSegment(text, section), lex);

describe('scoring', () => {
  const lex = miniLexicon({
    threshold: 1,
    entries: [
      { id: 'assessment/assessment', terms: ['assessment'], weight: 1 },
      { id: 'assessment/analysis', terms: ['analysis of risk'], weight: 0.5 },
      { id: 'assessment/in_passing', terms: ['was completed'], weight: -0.6 },
    ],
    section_bonus: { analysis: 0.3 },
  });
  test('a penalty subtracts even from a single positive cue', () => {
    expect(found(lex, 'An assessment was completed.')).toEqual([]);
    expect(found(lex, 'The assessment was thorough.')).toHaveLength(1);
  });
  test('positive cues, bonus and penalty add up: 1 + 0.5 + 0.3 - 0.6 = 1.2 fires', () => {
    const [f] = found(lex, 'An assessment with an analysis of risk was completed.');
    expect(f.rule).toBe('assessment/assessment');
    expect(f.evidence).toBe('assessment');
  });
  test('penalties alone never fire', () => expect(found(lex, 'The work was completed.')).toEqual([]));
});

describe('section-conditional cues', () => {
  const lex = miniLexicon({
    entries: [
      { id: 'assessment/assessment', terms: ['assessment'], not_sections: ['chronology'] },
      { id: 'assessment/core', terms: ['core assessment'], sections: ['chronology'] },
    ],
    proximity: [{ id: 'assessment/weighed', a: ['risk'], b: ['weighed'], window: 3, sections: ['analysis'] }],
  });
  test('not_sections: the cue does not count there', () => {
    expect(found(lex, 'An assessment followed.', 'chronology')).toEqual([]);
    expect(found(lex, 'An assessment followed.', 'findings')).toHaveLength(1);
  });
  test('sections: the cue counts only there', () => {
    expect(found(lex, 'A core assessment followed.', 'chronology').map((f) => f.rule)).toEqual(['assessment/core']);
    expect(found(lex, 'A core assessment followed.', 'findings').map((f) => f.rule)).toEqual(['assessment/assessment']);
  });
  test('proximity rules take sections too', () => {
    expect(found(lex, 'The risk was weighed.', 'analysis')).toHaveLength(1);
    expect(found(lex, 'The risk was weighed.', 'chronology')).toEqual([]);
  });
});

describe('co-occurrence rules', () => {
  const rule = (scope: 'sentence' | 'paragraph', extra = {}) => miniLexicon({
    entries: [{ id: 'assessment/unused', terms: ['zzz'] }],
    exclusions: [{ id: 'assessment/not_plan', terms: ['plan of the building'] }],
    cooccurrence: [{ id: 'assessment/plan_needs', all: [['plan'], ['needs', 'risks'], ['understood', 'analysed']], scope, weight: 1, ...extra }],
  });
  test('paragraph scope: a cue from every list anywhere in the paragraph; evidence is the first list cue', () => {
    const [f] = found(rule('paragraph'), 'The plan was agreed. Her needs were never analysed.');
    expect(f.rule).toBe('assessment/plan_needs');
    expect(f.evidence).toBe('plan');
  });
  test('a missing list, a sentence scope across sentences, an excluded cue: no hit', () => {
    expect(found(rule('paragraph'), 'The plan was agreed. Her needs were met.')).toEqual([]);
    expect(found(rule('sentence'), 'The plan was agreed. Her needs were never analysed.')).toEqual([]);
    expect(found(rule('sentence'), 'The plan did not say whether her needs were understood.')).toHaveLength(1);
    expect(found(rule('paragraph'), 'The plan of the building was old. Her needs were analysed.')).toEqual([]);
  });
  test('sections and negative weight apply to co-occurrence rules', () => {
    expect(found(rule('paragraph', { not_sections: ['chronology'] }), 'The plan set out her needs, which were understood.', 'chronology')).toEqual([]);
    const penalised = miniLexicon({ cooccurrence: [{ id: 'assessment/narrative', all: [['assessment'], ['on', 'dated']], scope: 'sentence', weight: -1 }] });
    expect(found(penalised, 'An assessment was completed on 4 May.')).toEqual([]);
  });
});

test('a "*" in a term stands for any one word', async () => {
  const { TokenTrie } = await import('../../pipeline/tag/trie.js');
  const { tokenize } = await import('../../pipeline/tag/tokenize.js');
  const trie = new TokenTrie<string>();
  trie.add('of child * life', 'stemmed', 'lifetime');
  const found = (text: string) => trie.matchAll(tokenize(text)).map((m) => m.value);
  expect(found('the first months of Child L life')).toEqual(['lifetime']);
  expect(found('the first months of Child life')).toEqual([]);
});

describe('section rules: a recommendations section that also holds conclusions', () => {
  const rf: CodeDef = { code: 'substance_misuse', kind: 'risk_factor', description: 'test', entries: [{ id: 'substance_misuse/drink', terms: ['drinking'] }] };
  const lex: Lexicon = {
    version: 'test',
    codes: [rf],
    context: {
      triggers: [],
      section_rules: [{
        id: 'context/recommendations_generic', sections: ['recommendations'], kinds: ['risk_factor'], context: 'generic',
        mixed_sections: { heading_words: ['conclusions'], paragraph_cues: ['should', 'asked to'], not_cues: ['should have'] },
      }],
    },
  };
  const contextUnder = (heading: string, text: string, kind: 'paragraph' | 'table_row' = 'paragraph') => {
    const doc = oneSegment(text, 'recommendations');
    doc.segments[0] = { ...doc.segments[0], heading, kind };
    return tagDocument(doc, lex).map((f) => `${f.context}:${f.contextRule}`);
  };

  test.each([
    ['Recommendations', 'Her drinking was known to the GP.', 'generic:context/recommendations_generic'],
    ['9. Conclusions and recommendations', 'Her drinking was known to the GP.', 'asserted:null'],
    ['9. Conclusions and recommendations', 'Services should ask about drinking.', 'generic:context/recommendations_generic'],
    ['9. Conclusions and recommendations', 'The board is asked to review training on drinking.', 'generic:context/recommendations_generic'],
    ['9. Conclusions and recommendations', 'Her drinking should have been explored.', 'asserted:null'],
    ['9. Conclusions and recommendations', 'Her drinking should have been explored, and services should ask about it.', 'generic:context/recommendations_generic'],
  ])('under %j: %j is %s', (heading, text, expected) => {
    expect(contextUnder(heading, text)).toEqual([expected]);
  });

  test('a table row under a mixed heading is a recommendation', () => {
    expect(contextUnder('Conclusions and recommendations', '3 Training on drinking. LSCB 6 months', 'table_row')).toEqual(['generic:context/recommendations_generic']);
  });
});
