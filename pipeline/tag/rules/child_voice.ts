// The child as speaker or as the one spoken to ("Child K told her teacher…", "nobody asked
// Child M…", "talk with the child about…"): who acts is what marks the child's voice, so this
// needs word order that a term list cannot express. A pseudonym's possessive ("Child A's daily
// life", "Baby Q's own experience") names the child's world the way "the child's" does in the
// term lists, but the letter between them defeats a fixed phrase. Word lists live in
// lexicons/codes/child_focus.json, rule_params["child_focus/child_voice"].
import type { Token } from '../tokenize.js';
import { paramNumber, paramWords } from './params.js';
import type { RuleContext, RuleHit, TagRule } from './types.js';

// How reports pseudonymise a child: "Child A", "Child K1", "Baby Q".
const PSEUDONYM = /^[A-Z][A-Z0-9]{0,2}$/;

/** "Child R's mother" names the mother, not the child. */
function possessive(t: Token): boolean {
  return t.end - t.start > t.raw.length;
}

/** End index of a child reference starting at i ("Child A", "the children"), or -1. */
function childRefEnd(tokens: Token[], i: number, heads: ReadonlySet<string>, nouns: ReadonlySet<string>): number {
  const t = tokens[i];
  const next = tokens[i + 1];
  if (heads.has(t.lower) && next && PSEUDONYM.test(next.raw)) return possessive(next) ? -1 : i + 2;
  if (nouns.has(t.lower) && !possessive(t)) return i + 1;
  return -1;
}

/** "the first year of Child A's life", "throughout Child A's life": the life as a span of time. */
function lifetime(tokens: Token[], i: number, timeWords: ReadonlySet<string>): boolean {
  const before = tokens[i - 1]?.lower;
  if (before && before !== 'of') return timeWords.has(before);
  return before === 'of' && timeWords.has(tokens[i - 2]?.lower ?? '');
}

/** "Child A's [own] life": a pseudonym in the possessive followed, within `gap` words, by a word of the child's world. */
function possessedEnd(tokens: Token[], i: number, heads: ReadonlySet<string>, possessed: ReadonlySet<string>, gap: number, timeWords: ReadonlySet<string>): number {
  const next = tokens[i + 1];
  if (!heads.has(tokens[i].lower) || !next || !PSEUDONYM.test(next.raw) || !possessive(next) || lifetime(tokens, i, timeWords)) return -1;
  for (let j = i + 2; j < Math.min(tokens.length, i + 3 + gap); j++) if (possessed.has(tokens[j].lower)) return j + 1;
  return -1;
}

export const childVoice: TagRule = {
  meta: {
    id: 'child_focus/child_voice',
    code: 'child_focus',
    description: "A child reference as the subject of a speaking verb, or as the object of asking, talking to or seeing; a pseudonym's possessive before a word of the child's world.",
  },
  find(ctx) {
    const heads = paramWords(ctx, 'pseudonym_heads');
    const nouns = paramWords(ctx, 'child_nouns');
    const speech = paramWords(ctx, 'speech_verbs');
    const asking = paramWords(ctx, 'asking_verbs');
    const possessed = paramWords(ctx, 'possessed_nouns');
    const gap = paramNumber(ctx, 'possessed_gap', 1);
    const timeWords = paramWords(ctx, 'time_before');
    const window = paramNumber(ctx, 'window', 3);
    const { tokens, sentenceOf } = ctx;
    const hits: RuleHit[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const owned = possessedEnd(tokens, i, heads, possessed, gap, timeWords);
      if (owned > 0 && sentenceOf[owned - 1] === sentenceOf[i]) hits.push({ from: i, to: owned, weight: 1 });
      const end = childRefEnd(tokens, i, heads, nouns);
      if (end < 0) continue;
      for (let j = end; j < Math.min(tokens.length, end + window); j++) {
        if (sentenceOf[j] !== sentenceOf[i]) break;
        if (speech.has(tokens[j].lower)) { hits.push({ from: i, to: j + 1, weight: 1 }); break; }
      }
      for (let k = i - 1; k >= Math.max(0, i - window); k--) {
        if (sentenceOf[k] !== sentenceOf[i]) break;
        if (asking.has(tokens[k].lower)) { hits.push({ from: k, to: end, weight: 1 }); break; }
      }
    }
    return hits;
  },
};
