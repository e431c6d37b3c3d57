// ConText (Chapman et al.; medspaCy's context component) over tokens: a trigger modifies a
// target that lies inside its scope — after it (forward), before it (backward) or either —
// within max_scope tokens, inside one sentence, and not across a terminator. A generic trigger
// with scope "paragraph" in a paragraph's first sentence (research, national guidance) makes the
// whole paragraph generic, until an assert trigger turns back to this family.
import type { Context } from '../types.js';
import type { ContextTrigger, TriggerCategory } from './lexicon.js';
import type { SentenceOf } from './tokenize.js';
import type { TrieMatch } from './trie.js';

export interface TriggerHit { from: number; to: number; trigger: ContextTrigger; sentence: number }

export interface ContextResult { context: Context; rule: string | null }

const DEFAULT_SCOPE = 12;
const PRIORITY: Record<TriggerCategory, number> = { negated: 3, hypothetical: 2, generic: 1, terminate: 0, pseudo: 0, assert: 0 };

/**
 * Trigger occurrences in a segment, with those a pseudo-trigger ("not only", "no one") covers
 * dropped. A longer trigger that contains the pseudo-trigger ("no one in the family") is a
 * trigger in its own right and stays, as in ConText, where the longest match wins.
 */
export function triggerHits(matches: TrieMatch<ContextTrigger>[], sentenceOf: SentenceOf): TriggerHit[] {
  const pseudo = matches.filter((m) => m.value.category === 'pseudo');
  return matches
    .filter((m) => m.value.category !== 'pseudo' && !pseudo.some((p) => p.from < m.to && m.from < p.to && !containsLonger(m, p)))
    .map((m) => ({ from: m.from, to: m.to, trigger: m.value, sentence: sentenceOf[m.from] }));
}

function containsLonger(m: { from: number; to: number }, p: { from: number; to: number }): boolean {
  return m.from <= p.from && m.to >= p.to && m.to - m.from > p.to - p.from;
}

/** The context of a target token range: the nearest trigger whose scope covers it, else asserted. */
export function contextOf(from: number, to: number, hits: TriggerHit[], sentenceOf: SentenceOf): ContextResult {
  const sentence = sentenceOf[from];
  let best: TriggerHit | null = null;
  let bestDistance = Infinity;
  for (const h of hits) {
    const cat = h.trigger.category;
    if (h.sentence !== sentence || cat === 'terminate' || cat === 'assert' || h.from < to && from < h.to) continue;
    const distance = h.to <= from ? from - h.to : h.from - to;
    if (!inScope(h, from, distance)) continue;
    if (terminatedBetween(h, from, to, hits)) continue;
    if (distance < bestDistance || (distance === bestDistance && PRIORITY[cat] > PRIORITY[best!.trigger.category])) {
      best = h;
      bestDistance = distance;
    }
  }
  return best ? { context: best.trigger.category as Context, rule: best.trigger.id } : { context: 'asserted', rule: null };
}

function inScope(h: TriggerHit, from: number, distance: number): boolean {
  if (distance > (h.trigger.max_scope ?? DEFAULT_SCOPE)) return false;
  const before = h.to <= from;
  const dir = h.trigger.direction;
  return dir === 'bidirectional' || (dir === 'forward' && before) || (dir === 'backward' && !before);
}

/** True when a terminator (category terminate, or one this trigger names) lies between trigger and target. */
function terminatedBetween(h: TriggerHit, from: number, to: number, hits: TriggerHit[]): boolean {
  const lo = h.to <= from ? h.to : to;
  const hi = h.to <= from ? from : h.from;
  const names = h.trigger.terminated_by;
  for (const t of hits) {
    if (t === h || t.sentence !== h.sentence || t.from < lo || t.to > hi) continue;
    if (t.trigger.category === 'terminate' || names?.includes(t.trigger.id) || names?.includes(t.trigger.category)) return true;
    if (t.trigger.category === 'assert' && h.trigger.category === 'generic') return true;
  }
  return false;
}

/**
 * Generic for a target in sentence s when a paragraph-scope trigger sits in the paragraph's first
 * sentence and no assert trigger appears in sentences 0..s ("Research shows… In this case…").
 * Null when no such trigger applies (the caller falls back to section rules).
 */
export function paragraphContext(from: number, hits: TriggerHit[], sentenceOf: SentenceOf): ContextResult | null {
  const opener = hits.find((h) => h.sentence === 0 && h.trigger.scope === 'paragraph');
  if (!opener) return null;
  const sentence = sentenceOf[from];
  if (hits.some((h) => h.trigger.category === 'assert' && h.sentence <= sentence)) return null;
  return { context: 'generic', rule: opener.trigger.id };
}
