// Reading a rule's parameters (rule_params in a code file). Word sets and stemmed phrases are
// built once per parameter object, not once per segment: rules run on every segment.
import { stem } from '../stem.js';
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
