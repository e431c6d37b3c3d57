// Information that did not pass between professionals is the core of the theme, but chronology
// paragraphs say it in plain narrative ("did not notify the health visitor", "no one told the
// GP", "no records followed them") with no evaluative word for the lexicon to weigh. The rule
// wants a communication act, a negator or a "should" just before it, and either a professional
// recipient after it or an information carrier (records, letter, copy) before it. A negator
// after "could" ("she could not tell professionals what she saw") is a parent's inability to
// speak, which is the communication theme, so it starts no hit. The word lists are data (lexicons/codes/information_sharing.json, rule_params["information_sharing/information_not_passed"]).
import { derived, paramNumber, paramStemPhraseIndex, paramStems, paramWords, WordClasses } from './params.js';
import type { RuleContext, RuleHit, TagRule } from './types.js';

/** Length of the longest phrase (as stems) of the index matching at token i, or 0. */
function phraseAt(ctx: RuleContext, i: number, index: ReadonlyMap<string, readonly string[][]>): number {
  let best = 0;
  for (const p of index.get(ctx.tokens[i].stem) ?? []) {
    let k = 0;
    while (k < p.length && ctx.tokens[i + k]?.stem === p[k] && ctx.sentenceOf[i + k] === ctx.sentenceOf[i]) k++;
    if (k === p.length) best = Math.max(best, k);
  }
  return best;
}

/** The nearest token of the set (by lower form or stem) within `window` tokens, in the same sentence, on one side of [from, to); -1 if none. */
function nearby(ctx: RuleContext, from: number, to: number, window: number, side: 'before' | 'after', set: ReadonlySet<string>): number {
  const { tokens, sentenceOf } = ctx;
  const sentence = sentenceOf[from];
  const [lo, hi] = side === 'before' ? [Math.max(0, from - window), from] : [to, Math.min(tokens.length, to + window)];
  const has = (j: number) => sentenceOf[j] === sentence && (set.has(tokens[j].lower) || set.has(tokens[j].stem));
  if (side === 'before') {
    for (let j = hi - 1; j >= lo; j--) if (has(j)) return j;
  } else {
    for (let j = lo; j < hi; j++) if (has(j)) return j;
  }
  return -1;
}

export const informationNotPassed: TagRule = {
  meta: {
    id: 'information_sharing/information_not_passed',
    code: 'information_sharing',
    description: 'A communication act that did not happen (or should happen) between professionals: a negator or "should" before the act and a professional recipient after it, or an information carrier before it.',
  },
  find(ctx) {
    const { acts, carrierActs, triggers, recipients, carriers, before, after, weight, determiners, inability, firstStems } = paramsOf(ctx);
    const hits: RuleHit[] = [];
    for (let i = 0; i < ctx.tokens.length; i++) {
      // Most words start no act: one array read skips them.
      if (firstStems.of(ctx.tokens[i]) === WordClasses.NONE) continue;
      const act = phraseAt(ctx, i, acts);
      const carried = act ? 0 : phraseAt(ctx, i, carrierActs);
      // "no contact with any professional" names a noun, not an act that did not happen.
      const len = act && determiners.has(ctx.tokens[i - 1]?.lower ?? '') ? 0 : act || carried;
      const trigger = len ? nearby(ctx, i, i + len, before, 'before', triggers) : -1;
      if (trigger < 0 || inability.has(ctx.tokens[trigger - 1]?.lower ?? '')) continue;
      const found = act ? nearby(ctx, i, i + len, after, 'after', recipients) : nearby(ctx, i, i + len, before, 'before', carriers);
      // The hit spans trigger (or carrier) to the act, so an entry term inside the act ("followed") cannot swallow it,
      // and the recipient is left free for entry terms of its own.
      if (found >= 0) hits.push({ from: Math.min(trigger, found), to: i + len, weight });
      i += len - 1;
    }
    return hits;
  },
};

/** The rule's parameters as sets and phrase indexes, built once per parameter object. */
const paramsOf = derived((ctx) => {
  const acts = paramStemPhraseIndex(ctx, 'acts');
  const carrierActs = paramStemPhraseIndex(ctx, 'carrier_acts');
  return {
    acts, carrierActs,
    triggers: paramWords(ctx, 'triggers'),
    recipients: paramStems(ctx, 'recipients'),
    carriers: paramStems(ctx, 'carriers'),
    before: paramNumber(ctx, 'trigger_window', 6),
    after: paramNumber(ctx, 'recipient_window', 8),
    weight: paramNumber(ctx, 'weight', 1),
    determiners: paramWords(ctx, 'noun_determiners'),
    /** Words that make the negator after them an inability ("could not"), not an act left undone. */
    inability: paramWords(ctx, 'inability_before_trigger'),
    /** Stems that begin an act of either list. */
    firstStems: new WordClasses([new Set([...acts.keys(), ...carrierActs.keys()])], 'stem'),
  };
});
