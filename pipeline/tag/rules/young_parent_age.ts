// A parent's age given as a number ("a 19-year-old father", "she was 17 when he was born"):
// the numeric comparison is what data cannot say. The word lists and age range are data
// (lexicons/codes/young_parent.json, rule_params["young_parent/age_at_birth"]).
import { derived, paramNumber, paramWords } from './params.js';
import type { RuleContext, RuleHit, TagRule } from './types.js';

/** Distance to the nearest token of `set` within `w` tokens (before i, or either side) in the same sentence, or -1. */
function nearest(ctx: RuleContext, i: number, set: ReadonlySet<string>, w: number, side: 'before' | 'both'): number {
  const { tokens, sentenceOf } = ctx;
  for (let d = 1; d <= w; d++) {
    for (const j of side === 'before' ? [i - d] : [i - d, i + d]) {
      if (j >= 0 && j < tokens.length && sentenceOf[j] === sentenceOf[i] && set.has(tokens[j].lower)) return d;
    }
  }
  return -1;
}

export const youngParentAge: TagRule = {
  meta: {
    id: 'young_parent/age_at_birth',
    code: 'young_parent',
    description: 'A teenage age next to an age word, in a sentence about a parent or a birth.',
  },
  find(ctx) {
    const { min, max, ageWords, anchors, window, childWords, durations, units, placeWords } = paramsOf(ctx);
    const { tokens } = ctx;
    const hits: RuleHit[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const age = twoDigits(tokens[i].raw);
      if (!(age >= min && age <= max)) continue;
      if (i > 0 && durations.has(tokens[i - 1].lower)) continue;
      // "booked at 16 weeks", "seen at 15:30": a number with a unit after it is no age.
      if (i + 1 < tokens.length && units.has(tokens[i + 1].lower)) continue;
      // "living at 17 Wexley Gardens", "at 16 March": after "at", a capitalised word makes the number an address or a date.
      if (i > 0 && placeWords.has(tokens[i - 1].lower) && startsUpper(tokens[i + 1]?.raw)) continue;
      if (nearest(ctx, i, ageWords, window, 'both') < 0 || nearest(ctx, i, anchors, 12, 'both') < 0) continue;
      // "Child Y, aged 15, and her mother": the age belongs to the person named before it, here the child.
      const childBefore = nearest(ctx, i, childWords, 12, 'before');
      const parentBefore = nearest(ctx, i, anchors, 12, 'before');
      if (childBefore >= 0 && (parentBefore < 0 || childBefore < parentBefore)) continue;
      hits.push({ from: i, to: i + 1, weight: 1 });
    }
    return hits;
  },
};

/** The number a token of exactly two ASCII digits writes ("17"), else NaN; a character test, not a RegExp, as it runs on every token. */
function twoDigits(raw: string): number {
  if (raw.length !== 2) return NaN;
  const a = raw.charCodeAt(0) - 48;
  const b = raw.charCodeAt(1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : NaN;
}

/** The rule's parameters, built once per parameter object. */
const paramsOf = derived((ctx) => ({
  min: paramNumber(ctx, 'min_age', 13),
  max: paramNumber(ctx, 'max_age', 19),
  ageWords: paramWords(ctx, 'age_words'),
  anchors: paramWords(ctx, 'parent_or_birth_words'),
  window: paramNumber(ctx, 'window', 3),
  childWords: paramWords(ctx, 'child_words'),
  durations: paramWords(ctx, 'duration_words'),
  units: paramWords(ctx, 'unit_words'),
  placeWords: paramWords(ctx, 'place_words'),
}));

/** Whether a word begins with a capital letter (A–Z); a character test, as it runs on every teenage number. */
function startsUpper(raw: string | undefined): boolean {
  if (raw === undefined) return false;
  const c = raw.charCodeAt(0);
  return c >= 65 && c <= 90;
}
