// The risk-factor checklist as the profile states it: the risk factors the tagger asserts present
// in at least one segment, in codebook order, each with its first asserted evidence. Reviewers'
// segment decisions are applied when the profile is read (store/profiles.ts), not here.
import type { Finding, SegmentedDoc } from '../types.js';
import { evidence } from './text.js';
import type { FieldResult, ProfileEvidence } from './types.js';

export function extractRiskFactors(doc: SegmentedDoc, findings: Pick<Finding, 'code' | 'context' | 'start' | 'end' | 'rule'>[], riskFactors: readonly string[]): FieldResult<string[]> {
  const firstAsserted = new Map<string, ProfileEvidence>();
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    if (f.context !== 'asserted' || !riskFactors.includes(f.code) || firstAsserted.has(f.code)) continue;
    firstAsserted.set(f.code, evidence(doc, f.start, f.end, f.rule));
  }
  const present = riskFactors.filter((rf) => firstAsserted.has(rf));
  return { value: present, evidence: present.map((rf) => firstAsserted.get(rf)!) };
}
