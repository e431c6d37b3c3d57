// Agencies involved with the family, normalised to the canonical list in lexicons/agencies.json
// ("HV", "health visiting" and "health visitor" are one agency). Where the report lists the
// agencies that took part (individual management reviews, agency reports), the agencies are the
// ones it names; a report with no such list is read whole. (Adding the agencies the opening names
// was measured on the dev corpus and lowered F1, 0.891 → 0.877: openings name services the
// reviews did not count as involved.) Never from the sections that name agencies asked to act
// (recommendations), nor from a sentence saying the family was not known to a service.
import type { SegmentedDoc } from '../types.js';
import type { AgencyEntry, AgencyList } from './lexicon.js';
import { tokenize } from '../tag/tokenize.js';
import { evidence, phrases, sentencesOf, TokenPhraseMatcher, type PhraseMatch } from './text.js';
import type { FieldResult, ProfileEvidence } from './types.js';

/** Every alias of every agency, one matcher: where aliases overlap, the leftmost and then the longest wins. */
export interface AgencyMatcher {
  find(text: string, offset?: number): PhraseMatch<AgencyEntry>[];
  /** False only when `text` cannot name an agency that `wanted` accepts: a test that needs no tokens. */
  mayName(text: string, wanted: (agency: AgencyEntry) => boolean): boolean;
}

const agencyMatchers = new WeakMap<AgencyList, AgencyMatcher>();

export function agencyMatcher(list: AgencyList): AgencyMatcher {
  let matcher = agencyMatchers.get(list);
  if (!matcher) agencyMatchers.set(list, (matcher = buildAgencyMatcher(list)));
  return matcher;
}

function buildAgencyMatcher(list: AgencyList): AgencyMatcher {
  const aliases = new TokenPhraseMatcher(list.agencies.flatMap((a) => a.aliases.map((alias) => [alias, a] as [string, AgencyEntry])), { plural: true });
  const names = new TokenPhraseMatcher(list.agencies.flatMap((a) => (a.proper_names ?? []).map((n) => [n, a] as [string, AgencyEntry])), { caseSensitive: true });
  return {
    find(text, offset = 0) {
      // A text is tokenised once for both lists, and not at all when neither can occur in it.
      const lower = text.toLowerCase();
      const inAliases = aliases.mayOccur(text, lower);
      const inNames = names.mayOccur(text, lower);
      if (!inAliases && !inNames) return [];
      const tokens = tokenize(text, offset);
      const all = [
        ...(inAliases ? aliases.findInTokens(tokens, text, offset) : []),
        ...(inNames ? names.findInTokens(tokens, text, offset) : []),
      ].sort((a, b) => a.start - b.start || b.end - a.end);
      return all.filter((m, i) => !all.slice(0, i).some((p) => m.start < p.end && m.end > p.start));
    },
    mayName(text, wanted) {
      const lower = text.toLowerCase();
      return aliases.mayOccur(text, lower, wanted) || names.mayOccur(text, lower, wanted);
    },
  };
}

/** Canonical names in the order first met, each with its first mention as evidence. */
export function extractAgencies(doc: SegmentedDoc, list: AgencyList, matcher = agencyMatcher(list), sentences = sentencesOf(doc)): FieldResult<string[] | null> {
  const skip = new Set(list.skip_sections);
  const notInvolved = phrases(list.not_involved.terms);
  const contributors = phrases(list.contributors.terms);
  const all = sentences.filter((s) => !skip.has(s.segment.section));
  // A sentence that lists contributors names at least one agency ("In place of IMRs, …" names none).
  const listed = all.filter((s) => contributors.test(s.text) && !notInvolved.test(s.text) && matcher.find(s.text).length > 0);
  const read = listed.length ? listed : all;
  const rule = listed.length ? 'contributors' : 'whole_report';
  const names: string[] = [];
  const ev: ProfileEvidence[] = [];
  const unnamed = (a: AgencyEntry) => !names.includes(a.name);
  for (const s of read) {
    // A sentence adds only agencies not named yet: one that can name none of them is passed over
    // without being tokenised (most of a report, once the agencies it names have been met).
    if (!matcher.mayName(s.text, unnamed)) continue;
    const matches = matcher.find(s.text, s.start);
    // A sentence naming no agency adds nothing whether or not it says "not known to".
    if (matches.length === 0 || notInvolved.test(s.text)) continue;
    for (const m of matches) {
      if (names.includes(m.payload.name)) continue;
      names.push(m.payload.name);
      ev.push(evidence(doc, m.start, m.end, `agencies/${m.payload.id}(${rule})`));
    }
  }
  return names.length ? { value: names, evidence: ev } : { value: null, evidence: [] };
}

