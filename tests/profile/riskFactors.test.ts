// risk_factors_present from the tagger's findings: asserted risk factors only, in codebook order.
import { expect, test } from 'vitest';
import { extractRiskFactors } from '../../pipeline/profile/riskFactors.js';
import { context, report } from './helpers.js';

test('asserted risk factors in codebook order, each with its first asserted evidence; themes and non-asserted left out', () => {
  const doc = report(['Serious Case Review: Child A', 'Police were called after an argument. The mother had depression. Neither parent misused drugs.']);
  const at = (phrase: string) => ({ start: doc.text.indexOf(phrase), end: doc.text.indexOf(phrase) + phrase.length });
  const findings = [
    { code: 'mental_ill_health', context: 'asserted' as const, ...at('depression'), rule: 'mental_ill_health/named' },
    { code: 'domestic_violence', context: 'asserted' as const, ...at('argument'), rule: 'domestic_violence/argument' },
    { code: 'substance_misuse', context: 'negated' as const, ...at('misused drugs'), rule: 'substance_misuse/named' },
    { code: 'information_sharing', context: 'asserted' as const, ...at('Police were called'), rule: 'information_sharing/x' },
  ];
  const r = extractRiskFactors(doc, findings, context.riskFactors);
  expect(r.value).toEqual(['domestic_violence', 'mental_ill_health']);
  expect(r.evidence.map((e) => [e.text, e.rule])).toEqual([['argument', 'domestic_violence/argument'], ['depression', 'mental_ill_health/named']]);
  expect(extractRiskFactors(doc, [], context.riskFactors).value).toEqual([]);
});
