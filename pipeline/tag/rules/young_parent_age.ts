// A parent's age given as a number ("a 19-year-old father", "she was 17 when he was born"):
// the numeric comparison is what data cannot say. The word lists and age range are data
// (lexicons/codes/young_parent.json, rule_params["young_parent/age_at_birth"]).
import type { RuleContext, RuleHit, TagRule } from './types.js';

function words(ctx: RuleContext, key: string): Set<string> {
  const list = ctx.params[key];
  return new Set(Array.isArray(list) ? list.map((w) => w.toLowerCase()) : []);
}

function num(ctx: RuleContext, key: string, fallback: number): number {
  const v = ctx.params[key];
  return typeof v === 'number' ? v : fallback;
}

export const youngParentAge: TagRule = {
  meta: {
    id: 'young_parent/age_at_birth',
    code: 'young_parent',
    description: 'A teenage age next to an age word, in a sentence about a parent or a birth.',
  },
  find(ctx) {
    const min = num(ctx, 'min_age', 13);
    const max = num(ctx, 'max_age', 19);
    const ageWords = words(ctx, 'age_words');
    const anchors = words(ctx, 'parent_or_birth_words');
    const window = num(ctx, 'window', 3);
    const { tokens, sentenceOf } = ctx;
    const hits: RuleHit[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const age = /^\d{2}$/.test(tokens[i].raw) ? Number(tokens[i].raw) : NaN;
      if (!(age >= min && age <= max)) continue;
      const near = (set: Set<string>, w: number) => {
        for (let j = Math.max(0, i - w); j <= Math.min(tokens.length - 1, i + w); j++) {
          if (j !== i && sentenceOf[j] === sentenceOf[i] && set.has(tokens[j].lower)) return true;
        }
        return false;
      };
      if (near(ageWords, window) && near(anchors, 12)) hits.push({ from: i, to: i + 1, weight: 1 });
    }
    return hits;
  },
};
