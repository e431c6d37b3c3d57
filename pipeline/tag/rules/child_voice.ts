// The child as speaker or as the one spoken to ("Child K told her teacher…", "nobody asked
// Child M…", "talk with the child about…"): who acts is what marks the child's voice, so this
// needs word order that a term list cannot express. Word lists live in
// lexicons/codes/child_focus.json, rule_params["child_focus/child_voice"].
import type { Token } from '../tokenize.js';
import type { RuleContext, RuleHit, TagRule } from './types.js';

// How reports pseudonymise a child: "Child A", "Child K1", "Baby Q".
const PSEUDONYM = /^[A-Z][A-Z0-9]{0,2}$/;

function words(ctx: RuleContext, key: string): Set<string> {
  const list = ctx.params[key];
  return new Set(Array.isArray(list) ? list.map((w) => w.toLowerCase()) : []);
}

function num(ctx: RuleContext, key: string, fallback: number): number {
  const v = ctx.params[key];
  return typeof v === 'number' ? v : fallback;
}

/** "Child R's mother" names the mother, not the child. */
function possessive(t: Token): boolean {
  return t.end - t.start > t.raw.length;
}

/** End index of a child reference starting at i ("Child A", "the children"), or -1. */
function childRefEnd(tokens: Token[], i: number, heads: Set<string>, nouns: Set<string>): number {
  const t = tokens[i];
  const next = tokens[i + 1];
  if (heads.has(t.lower) && next && PSEUDONYM.test(next.raw)) return possessive(next) ? -1 : i + 2;
  if (nouns.has(t.lower) && !possessive(t)) return i + 1;
  return -1;
}

export const childVoice: TagRule = {
  meta: {
    id: 'child_focus/child_voice',
    code: 'child_focus',
    description: 'A child reference as the subject of a speaking verb, or as the object of asking, talking to or seeing.',
  },
  find(ctx) {
    const heads = words(ctx, 'pseudonym_heads');
    const nouns = words(ctx, 'child_nouns');
    const speech = words(ctx, 'speech_verbs');
    const asking = words(ctx, 'asking_verbs');
    const window = num(ctx, 'window', 3);
    const { tokens, sentenceOf } = ctx;
    const hits: RuleHit[] = [];
    for (let i = 0; i < tokens.length; i++) {
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
