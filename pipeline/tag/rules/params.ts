// Reading a rule's parameters (rule_params in a code file). Word sets and stemmed phrases are
// built once per parameter object, not once per segment: rules run on every segment.
import { stem } from '../stem.js';
import type { Token } from '../tokenize.js';
import type { RuleContext, RuleParams } from './types.js';

/** One cache per kind of derived value, so a lookup is two map reads and builds no key string. */
function cacheOf<T>(): (params: RuleParams, key: string, build: () => T) => T {
  const cache = new WeakMap<RuleParams, Map<string, T>>();
  return (params, key, build) => {
    let byKey = cache.get(params);
    if (!byKey) cache.set(params, (byKey = new Map()));
    let value = byKey.get(key);
    if (value === undefined) byKey.set(key, (value = build()));
    return value;
  };
}

const wordsCache = cacheOf<ReadonlySet<string>>();
const stemsCache = cacheOf<ReadonlySet<string>>();
const phrasesCache = cacheOf<readonly string[][]>();
const phraseIndexCache = cacheOf<ReadonlyMap<string, readonly string[][]>>();

/** A list parameter as given (empty when absent). */
export function paramList(ctx: RuleContext, key: string): string[] {
  const v = ctx.params[key];
  return Array.isArray(v) ? v : [];
}

/** A numeric parameter, or the fallback. */
export function paramNumber(ctx: RuleContext, key: string, fallback: number): number {
  const v = ctx.params[key];
  return typeof v === 'number' ? v : fallback;
}

/** A word-list parameter as a set of lower-case words. */
export function paramWords(ctx: RuleContext, key: string): ReadonlySet<string> {
  return wordsCache(ctx.params, key, () => new Set(paramList(ctx, key).map((w) => w.toLowerCase())));
}

/** A word-list parameter as a set of Porter stems. */
export function paramStems(ctx: RuleContext, key: string): ReadonlySet<string> {
  return stemsCache(ctx.params, key, () => new Set(paramList(ctx, key).map((w) => stem(w.toLowerCase()))));
}

/** A phrase-list parameter as phrases of stems ("did not attend" → ["did", "not", "attend"] stemmed). */
export function paramStemPhrases(ctx: RuleContext, key: string): readonly string[][] {
  return phrasesCache(ctx.params, key, () =>
    paramList(ctx, key).map((p) => p.toLowerCase().split(/[\s-]+/).filter(Boolean).map(stem)),
  );
}

/** A phrase-list parameter as stemmed phrases grouped by their first stem, for a lookup per token. */
export function paramStemPhraseIndex(ctx: RuleContext, key: string): ReadonlyMap<string, readonly string[][]> {
  return phraseIndexCache(ctx.params, key, () => {
    const index = new Map<string, string[][]>();
    for (const phrase of paramStemPhrases(ctx, key)) {
      if (!phrase.length) continue;
      const list = index.get(phrase[0]);
      if (list) list.push(phrase);
      else index.set(phrase[0], [phrase]);
    }
    return index;
  });
}

/**
 * What a rule derives from its parameters (word sets, phrase indexes, numbers), built once per
 * parameter object: one lookup per segment instead of one per list.
 */
export function derived<T>(build: (ctx: RuleContext) => T): (ctx: RuleContext) => T {
  const cache = new WeakMap<RuleParams, T>();
  return (ctx) => {
    let value = cache.get(ctx.params);
    if (value === undefined) cache.set(ctx.params, (value = build(ctx)));
    return value;
  };
}

/**
 * Which of a rule's word sets hold a token's lower-case form (or its stem), as bits: bit k for
 * sets[k]. Worked out once per word form and kept by its interned id, so a rule that looks at
 * every token of a year of reports tests a few tens of thousands of forms against its sets, not
 * millions of tokens, and a token in none of them is skipped with one array read.
 */
export class WordClasses {
  /** By form id: 0 not yet worked out, else NONE plus the bits. */
  private bits = new Int32Array(1024);

  constructor(
    private readonly sets: readonly ReadonlySet<string>[],
    private readonly form: 'lower' | 'stem',
  ) {
    if (sets.length > 30) throw new Error('WordClasses: at most 30 word sets');
  }

  /** The bits of a form in none of the sets. */
  static readonly NONE = 1 << 30;

  of(t: Token): number {
    const id = this.form === 'lower' ? t.lowerId : t.stemId;
    if (id >= this.bits.length) this.grow(id);
    let b = this.bits[id];
    if (b === 0) {
      const word = this.form === 'lower' ? t.lower : t.stem;
      b = WordClasses.NONE;
      for (let k = 0; k < this.sets.length; k++) if (this.sets[k].has(word)) b |= 1 << k;
      this.bits[id] = b;
    }
    return b;
  }

  private grow(id: number): void {
    let size = this.bits.length;
    while (size <= id) size *= 2;
    const bits = new Int32Array(size);
    bits.set(this.bits);
    this.bits = bits;
  }
}
