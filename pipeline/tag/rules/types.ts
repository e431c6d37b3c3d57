import type { Segment } from '../../types.js';
import type { CodeDef } from '../lexicon.js';
import type { SentenceOf, Token } from '../tokenize.js';

/** Parameters a rule reads from its code file's `rule_params[<rule id>]` (word lists stay data). */
export type RuleParams = Record<string, string[] | number>;

export interface RuleContext {
  segment: Segment;
  tokens: Token[];
  sentenceOf: SentenceOf;
  params: RuleParams;
  code: CodeDef;
}

/** A token range the rule fires on, with the weight it adds to the code's score. */
export interface RuleHit { from: number; to: number; weight: number }

/** One rule, one module (as ESLint's lib/rules/<id>.js): for logic lexicon data cannot express. */
export interface TagRule {
  meta: { id: string; code: string; description: string };
  find(ctx: RuleContext): RuleHit[];
}
