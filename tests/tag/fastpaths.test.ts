// The tagger's fast paths against the plain definitions they replace: the hand-written word
// scanner against the WORD RegExp, pairwise containment against the sorted sweep, cue identity
// by id and stems, per-form word classes, and the trie's first-step cache.
import { describe, expect, test } from 'vitest';
import type { Lexicon } from '../../pipeline/tag/lexicon.js';
import { WordClasses } from '../../pipeline/tag/rules/params.js';
import { dropContained, dropContainedBySweep, tagDocument, type Hit } from '../../pipeline/tag/tag.js';
import { tokenize, WORD } from '../../pipeline/tag/tokenize.js';
import { TokenTrie } from '../../pipeline/tag/trie.js';
import type { SegmentedDoc } from '../../pipeline/types.js';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s % n;
  };
}

/** What the RegExp says the tokens are: spans and the written form less a possessive "'s". */
function byRegExp(text: string, offset: number): { start: number; end: number; raw: string }[] {
  return [...text.matchAll(WORD)].map((m) => ({ start: offset + m.index!, end: offset + m.index! + m[0].length, raw: m[0].replace(/['’]s$/, '') }));
}

const spans = (text: string, offset: number) => tokenize(text, offset).map((t) => ({ start: t.start, end: t.end, raw: t.raw }));

describe('tokenize finds what WORD finds', () => {
  test('hand-counted: apostrophes, hyphens, digits, colons', () => {
    const text = "Child A's mother didn't attend: 3 visits; multi-agency rock'n'roll '90s x'2";
    expect(tokenize(text).map((t) => t.raw)).toEqual(['Child', 'A', 'mother', "didn't", 'attend', ':', '3', 'visits', ';', 'multi', 'agency', "rock'n'roll", '90s', 'x', '2']);
    expect(spans(text, 100)).toEqual(byRegExp(text, 100));
  });

  test('non-ASCII letters and numbers, curly apostrophes, surrogate pairs, lone surrogates', () => {
    const cases = [
      'Zoë’s café — naïve ﬁle',
      'İstanbul ǅemal straße',
      '٣ apples and ²₃ Ⅻ 〇',
      'math 𝐀𝐁𝐂 and emoji 😀 here',
      'lone \uD835 high and \uDC00 low and \uD835x',
      "o’\uD835\uDC00 a'\uD835\uDC00 1’2 é'é",
      "trailing apostrophe' and ’leading",
    ];
    for (const text of cases) expect(spans(text, 7), text).toEqual(byRegExp(text, 7));
  });

  test('20,000 random strings over an awkward alphabet', () => {
    const alphabet = ['a', 'Z', 'é', 'ß', 'İ', '1', '٣', '²', 'Ⅻ', "'", '’', '-', ' ', ';', ':', '*', '\uD835\uDC00', '\uD835', '\uDC00', '😀', 'ǅ', '_', '.', 's', '\n', 'ʼ', '中'];
    const next = random(42);
    for (let k = 0; k < 20_000; k++) {
      let text = '';
      for (let n = next(14); n > 0; n--) text += alphabet[next(alphabet.length)];
      expect(spans(text, 0), JSON.stringify(text)).toEqual(byRegExp(text, 0));
    }
  });

  test('the same word gets the same forms wherever it stands', () => {
    const [a, b] = tokenize('Visits visits').map((t) => t.stemId);
    const c = tokenize('no visits').at(-1)!;
    expect(a).toBe(b);
    expect(c.stemId).toBe(a);
    expect(c.stem).toBe('visit');
  });
});

describe('dropContained', () => {
  const hit = (code: number, from: number, to: number, id = 'x/y'): Hit => ({ code, id, term: true, from, to, weight: 1 });

  test('hand-counted: a shorter hit inside a longer one of its code goes; other codes and equal spans stay', () => {
    const hits = [hit(1, 0, 3), hit(1, 1, 2), hit(2, 1, 2), hit(1, 0, 3, 'x/z'), hit(1, 2, 4), hit(1, 3, 4)];
    expect(dropContained(hits)).toEqual([hits[0], hits[2], hits[3], hits[4]]);
    expect(dropContainedBySweep(hits)).toEqual(dropContained(hits));
  });

  test('agrees with the sorted sweep on 5,000 random hit lists', () => {
    const next = random(7);
    for (let k = 0; k < 5_000; k++) {
      const hits: Hit[] = [];
      for (let n = next(40); n > 0; n--) {
        const from = next(12);
        hits.push(hit(next(3), from, from + 1 + next(4), `x/${next(2)}`));
      }
      expect(dropContained(hits)).toEqual(dropContainedBySweep(hits));
    }
  });
});

describe('distinct cues: one per entry and words (as stems)', () => {
  // Two entries worth 0.5 each, threshold 1: it takes two distinct cues to fire.
  const lexicon: Lexicon = {
    version: 'test',
    codes: [{ code: 'assessment', kind: 'theme', description: 'test', threshold: 1, entries: [{ id: 'assessment/plan', terms: ['plan', 'review'], weight: 0.5 }, { id: 'assessment/risk', terms: ['risk'], weight: 0.5 }] }],
    context: { triggers: [], section_rules: [] },
  };
  const doc = (text: string): SegmentedDoc => ({ text, segments: [{ index: 0, kind: 'paragraph', section: 'analysis', heading: null, paragraph: null, page: null, start: 0, end: text.length, text, sentences: [{ start: 0, end: text.length }] }] });
  const fired = (text: string) => tagDocument(doc(text), lexicon).map((f) => f.confidence);

  test('the same entry on different words counts twice', () => expect(fired('The plan and the review.')).toEqual([0.75]));
  test('the same words again count once, whatever their case or ending', () => {
    expect(fired('The plan and the plan.')).toEqual([]);
    expect(fired('The Plans and the plan.')).toEqual([]);
  });
  test('two entries count as two cues', () => expect(fired('The plan and the risk.')).toEqual([0.75]));
});

describe('WordClasses', () => {
  test('bits by lower-case form: one bit per set, NONE marks a form worked out', () => {
    const classes = new WordClasses([new Set(['child', 'children']), new Set(['said'])], 'lower');
    const bits = tokenize("The Child said the children's").map((t) => classes.of(t));
    expect(bits).toEqual([WordClasses.NONE, WordClasses.NONE | 1, WordClasses.NONE | 2, WordClasses.NONE, WordClasses.NONE | 1]);
  });

  test('bits by stem, and forms first seen after thousands of others', () => {
    const classes = new WordClasses([new Set(['attend'])], 'stem');
    expect(classes.of(tokenize('attended')[0])).toBe(WordClasses.NONE | 1);
    const many = Array.from({ length: 3000 }, (_, i) => `zqform${i}`).join(' ');
    const tokens = tokenize(`${many} attends nothing`);
    expect(classes.of(tokens[3000])).toBe(WordClasses.NONE | 1);
    expect(classes.of(tokens[3001])).toBe(WordClasses.NONE);
  });
});

describe('TokenTrie', () => {
  test('at one token, terms come in the order stemmed, exact, acronym, wildcard', () => {
    const trie = new TokenTrie<string>();
    trie.add('*', 'stemmed', 'W');
    trie.add('Child', 'acronym', 'A');
    trie.add('child', 'exact', 'E');
    trie.add('childs', 'stemmed', 'S');
    expect(trie.matchAll(tokenize('Child')).map((m) => m.value)).toEqual(['S', 'E', 'A', 'W']);
    expect(trie.matchAll(tokenize('child')).map((m) => m.value)).toEqual(['S', 'E', 'W']);
  });

  test('a term added after matching is found (the first-step cache starts again)', () => {
    const trie = new TokenTrie<string>();
    trie.add('home visit', 'stemmed', 'visit');
    expect(trie.matchAll(tokenize('a home visit at home')).map((m) => m.value)).toEqual(['visit']);
    // "visits" started no term when the trie was first walked; now it does.
    trie.add('visits', 'stemmed', 'visits');
    expect(trie.matchAll(tokenize('a home visit at home')).map((m) => `${m.value}@${m.from}-${m.to}`)).toEqual(['visit@1-3', 'visits@2-3']);
  });
});
