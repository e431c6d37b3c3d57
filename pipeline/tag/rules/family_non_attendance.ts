// Missing, cancelling or refusing appointments and visits counts as non-engagement only when the
// family does it: "Ms F cancelled the visit" is, "the GP did not attend the conference" and
// "the visit was cancelled by the social worker" are not. Who acts is the nearest person word
// before the act in the sentence, or the agent after "by"; a pronoun is resolved to the nearest
// person word earlier in the paragraph. The word lists are data
// (lexicons/codes/non_engagement.json, rule_params["non_engagement/family_non_attendance"]).
import { derived, paramNumber, paramStemPhraseIndex, paramStems, paramWords, WordClasses } from './params.js';
import type { RuleContext, RuleHit, TagRule } from './types.js';

type Actor = 'family' | 'professional' | null;

/** Length of the phrase (as stems) matching at token i, or 0. */
function matchAt(ctx: RuleContext, i: number, phrase: readonly string[]): number {
  for (let k = 0; k < phrase.length; k++) if (ctx.tokens[i + k]?.stem !== phrase[k]) return 0;
  return phrase.length;
}

function longestAct(ctx: RuleContext, i: number, acts: ReadonlyMap<string, readonly string[][]>): number {
  let best = 0;
  for (const a of acts.get(ctx.tokens[i].stem) ?? []) best = Math.max(best, matchAt(ctx, i, a));
  return best;
}

interface Words {
  family: ReadonlySet<string>;
  professional: ReadonlySet<string>;
  pronouns: ReadonlySet<string>;
  prepositions: ReadonlySet<string>;
  /** Words after which a family word names a thing, not a person: "child protection", "parent assessment". */
  modifierHeads: ReadonlySet<string>;
  /** Words after which a family word names an agency: "children's services", "family court". */
  agencyHeads: ReadonlySet<string>;
}

function actorOf(ctx: RuleContext, i: number, w: Words): Actor {
  const t = ctx.tokens[i];
  if (w.professional.has(t.stem)) return 'professional';
  if (!w.family.has(t.stem)) return null;
  const compound = familyCompound(ctx, i, w);
  return compound === undefined ? 'family' : compound;
}

/**
 * A family word that qualifies the next word is not the one who acts: "services did not engage
 * with the child protection process" (no actor), "children's services declined" (an agency).
 * Undefined when the family word stands for a person.
 */
function familyCompound(ctx: RuleContext, i: number, w: Words): Actor | undefined {
  const next = ctx.tokens[i + 1];
  if (next === undefined || ctx.sentenceOf[i + 1] !== ctx.sentenceOf[i]) return undefined;
  if (w.agencyHeads.has(next.stem)) return 'professional';
  return w.modifierHeads.has(next.stem) ? null : undefined;
}

/** The agent of a passive act: "cancelled by the health visitor". */
function agentAfter(ctx: RuleContext, end: number, w: Words): Actor {
  const { tokens, sentenceOf } = ctx;
  if (tokens[end]?.lower !== 'by' || sentenceOf[end] !== sentenceOf[end - 1]) return null;
  for (let j = end + 1; j < Math.min(tokens.length, end + 5) && sentenceOf[j] === sentenceOf[end]; j++) {
    const a = actorOf(ctx, j, w);
    if (a) return a;
  }
  return null;
}

/** A person word right after a preposition ("with her keyworker", "referred to a service") is not the one who acts. */
function afterPreposition(ctx: RuleContext, j: number, w: Words): boolean {
  const { tokens, sentenceOf } = ctx;
  for (let k = j - 1; k >= 0 && j - k <= 4 && sentenceOf[k] === sentenceOf[j]; k--) {
    if (w.prepositions.has(tokens[k].lower)) return true;
    if (actorOf(ctx, k, w)) return false;
  }
  return false;
}

/** The first person word of the nearest earlier sentence that has one: the subject a pronoun most likely points to. */
function subjectBefore(ctx: RuleContext, i: number, w: Words): Actor {
  const { sentenceOf } = ctx;
  let found: Actor = null;
  for (let k = i - 1; k >= 0; k--) {
    if (sentenceOf[k] !== sentenceOf[i] && found && sentenceOf[k] !== sentenceOf[k + 1]) return found;
    if (sentenceOf[k] === sentenceOf[i]) continue;
    const a = afterPreposition(ctx, k, w) ? null : actorOf(ctx, k, w);
    if (a) found = a;
  }
  return found;
}

/** Nearest person word before i within the sentence (not one governed by a preposition); a pronoun defers to the previous subject. */
function actorBefore(ctx: RuleContext, i: number, w: Words, window: number): Actor {
  const { tokens, sentenceOf } = ctx;
  for (let j = i - 1; j >= 0 && i - j <= window && sentenceOf[j] === sentenceOf[i]; j--) {
    const a = actorOf(ctx, j, w);
    if (a && !afterPreposition(ctx, j, w)) return a;
    if (w.pronouns.has(tokens[j].lower)) return subjectBefore(ctx, j, w);
  }
  return null;
}

function hasNear(ctx: RuleContext, from: number, to: number, set: ReadonlySet<string>, window: number): boolean {
  const { tokens, sentenceOf } = ctx;
  for (let j = Math.max(0, from - window); j < Math.min(tokens.length, to + window); j++) {
    if ((j < from || j >= to) && sentenceOf[j] === sentenceOf[from] && set.has(tokens[j].stem)) return true;
  }
  return false;
}

export const familyNonAttendance: TagRule = {
  meta: {
    id: 'non_engagement/family_non_attendance',
    code: 'non_engagement',
    description: 'Appointments or visits missed, cancelled or refused, when the one who acts is the family or the child, not a professional.',
  },
  find(ctx) {
    const { acts, objectActs, w, objects, window, objectWindow, unattributed, firstStems } = paramsOf(ctx);
    const hits: RuleHit[] = [];
    for (let i = 0; i < ctx.tokens.length; i++) {
      // Most words start no act: one array read skips them.
      if (firstStems.of(ctx.tokens[i]) === WordClasses.NONE) continue;
      let len = longestAct(ctx, i, acts);
      if (!len) {
        len = longestAct(ctx, i, objectActs);
        if (!len || !hasNear(ctx, i, i + len, objects, objectWindow)) continue;
      }
      const actor = agentAfter(ctx, i + len, w) ?? actorBefore(ctx, i, w, window);
      if (actor !== 'professional') hits.push({ from: i, to: i + len, weight: actor === 'family' ? 1 : unattributed });
      i += len - 1;
    }
    return hits;
  },
};

/** The rule's parameters as sets and phrase indexes, built once per parameter object. */
const paramsOf = derived((ctx) => {
  const acts = paramStemPhraseIndex(ctx, 'acts');
  const objectActs = paramStemPhraseIndex(ctx, 'acts_needing_object');
  const w: Words = {
    family: paramStems(ctx, 'family_words'),
    professional: paramStems(ctx, 'professional_words'),
    pronouns: paramWords(ctx, 'pronouns'),
    prepositions: paramWords(ctx, 'prepositions'),
    modifierHeads: paramStems(ctx, 'modifier_heads'),
    agencyHeads: paramStems(ctx, 'agency_heads'),
  };
  return {
    acts, objectActs, w,
    objects: paramStems(ctx, 'appointment_words'),
    window: paramNumber(ctx, 'actor_window', 10),
    objectWindow: paramNumber(ctx, 'object_window', 5),
    unattributed: paramNumber(ctx, 'unattributed_weight', 0.6),
    /** Stems that begin an act of either list. */
    firstStems: new WordClasses([new Set([...acts.keys(), ...objectActs.keys()])], 'stem'),
  };
});
