// The document profile sheet, composed in field order: each field family is one module taking
// the SegmentedDoc (whose sections are known) and the profile lexicon, returning a value with
// its evidence, or null when the report does not state it.
import { createHash } from 'node:crypto';
import type { Finding, SegmentedDoc } from '../types.js';
import { agencyMatcher, extractAgencies } from './agencies.js';
import { extractArea } from './area.js';
import { extractAge, extractEthnicity, extractGender, type Reading } from './child.js';
import type { ProfileLexicon } from './lexicon.js';
import { extractNatureOfHarm, extractOutcome } from './outcome.js';
import { extractRecommendationsCount } from './recommendations.js';
import { extractReviewDates } from './reviewDates.js';
import { extractRiskFactors } from './riskFactors.js';
import { findSubject, People } from './subject.js';
import { openingSegments, phrases, sentencesOf } from './text.js';
import type { ExtractedProfile } from './types.js';

export { PROFILE_FIELDS, type ExtractedProfile, type ProfileField, type ProfileValues, type ProfileEvidence } from './types.js';
export { loadProfileLexicon, type ProfileLexicon } from './lexicon.js';

/** What a profile needs besides the document: its lexicon and the codebook's risk factors, in order. */
export interface ProfileContext {
  lexicon: ProfileLexicon;
  riskFactors: readonly string[];
  /** Hash of both: stored with the fields, so a re-tag knows whether they must be read again. */
  version?: string;
}

/** The profile context of a lexicon folder, with its version. */
export function profileContext(lexicon: ProfileLexicon, riskFactors: readonly string[]): Required<ProfileContext> {
  const version = createHash('sha256').update(JSON.stringify([lexicon, riskFactors])).digest('hex').slice(0, 16);
  return { lexicon, riskFactors, version };
}

/** Only the risk-factor checklist, which follows the proposals: for a re-tag whose profile lexicon is unchanged. */
export function extractRiskFactorsOnly(doc: SegmentedDoc, findings: Finding[], context: ProfileContext): ExtractedProfile['risk_factors_present'] {
  return extractRiskFactors(doc, findings, context.riskFactors);
}

/**
 * Reading the child: who the subject is and the sentences of the opening and the rest, taken from
 * `sentences` (the document's, in order) so that every field family reads the same sentences.
 */
export function readingOf(doc: SegmentedDoc, lexicon: ProfileLexicon, sentences = sentencesOf(doc)): Reading {
  const w = lexicon.wordings;
  const people = new People(w);
  const openingIndexes = new Set(openingSegments(doc, w.harm.opening_paragraphs).map((s) => s.index));
  const opening = sentences.filter((s) => openingIndexes.has(s.segment.index));
  const rest = sentences.filter((s) => !openingIndexes.has(s.segment.index));
  const harmWords = phrases([...w.outcome.harmed, ...w.outcome.died, ...w.harm.entries.flatMap((e) => e.terms)]);
  const subject = findSubject(doc, people, opening, (text) => harmWords.test(text), sentences);
  people.knowSubject(subject);
  return { doc, people, subject, opening, rest };
}

export function extractProfile(doc: SegmentedDoc, findings: Finding[], context: ProfileContext): ExtractedProfile {
  const w = context.lexicon.wordings;
  // The document is split into sentences once; every family reads these.
  const sentences = sentencesOf(doc);
  const reading = readingOf(doc, context.lexicon, sentences);
  const dates = extractReviewDates(doc, [...reading.opening, ...reading.rest], w);
  return {
    area: extractArea(doc, w),
    child_age_months: extractAge(reading, w),
    gender: extractGender(reading, w),
    ethnicity: extractEthnicity(reading, w),
    outcome: extractOutcome(reading, w),
    nature_of_harm: extractNatureOfHarm(reading, w),
    agencies: extractAgencies(doc, context.lexicon.agencies, agencyMatcher(context.lexicon.agencies), sentences),
    ...dates,
    recommendations_count: extractRecommendationsCount(doc, w, sentences),
    risk_factors_present: extractRiskFactors(doc, findings, context.riskFactors),
  };
}

