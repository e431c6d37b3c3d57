// Porter stemming from natural, imported as a single module: `require('natural')` costs
// 400 ms and prints to stdout. Stems are cached per lowercased token because a report
// repeats the same few thousand word forms many times.
import porter from 'natural/lib/natural/stemmers/porter_stemmer.js';

const cache = new Map<string, string>();

export function stem(lower: string): string {
  let s = cache.get(lower);
  if (s === undefined) {
    s = (porter as { stem(w: string): string }).stem(lower);
    cache.set(lower, s);
  }
  return s;
}
