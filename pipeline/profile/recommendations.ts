// The number of recommendations. A count the report states wins ("The full report makes seven
// recommendations", "this report does not make recommendations" → 0): it is the report's own
// figure, and a summary version may list fewer. Otherwise the items of the recommendations
// section are counted — numbered table rows, list items or numbered paragraphs that ask someone to
// act — never paragraphs of prose. No statement and no recommendations section: not stated.
import type { Segment, SegmentedDoc } from '../types.js';
import type { ProfileWordings } from './lexicon.js';
import { evidence, numberSource, parseNumber, phrases, phraseSource, sentencesOf, type Sentence } from './text.js';
import type { FieldResult } from './types.js';

export function extractRecommendationsCount(doc: SegmentedDoc, w: ProfileWordings, sentences?: Sentence[]): FieldResult<number | null> {
  return statedCount(doc, w, sentences ?? sentencesOf(doc)) ?? countedItems(doc, w) ?? { value: null, evidence: [] };
}

// Compiled once per lexicon: a new pattern this size costs more to compile than a report's
// sentences that name recommendations cost to search. Global, used only through matchAll.
const statedPatterns = new WeakMap<ProfileWordings, RegExp>();

function statedPattern(w: ProfileWordings): RegExp {
  let stated = statedPatterns.get(w);
  if (!stated) {
    const num = `(${numberSource(w.numbers)})`;
    stated = new RegExp(w.recommendations.stated.map((p) => p.split('{n}').map((part) => (part.trim() ? phraseSource(part) : '')).join(`\\s*${num}\\s*`)).map((p) => `(?:${p})`).join('|'), 'gi');
    statedPatterns.set(w, stated);
  }
  return stated;
}

function statedCount(doc: SegmentedDoc, w: ProfileWordings, sentences: Sentence[]): FieldResult<number> | null {
  const r = w.recommendations;
  const stated = statedPattern(w);
  const subjects = phrases(r.stated_subjects);
  const none = phrases(r.none);
  // Every stated-count and no-recommendations wording names "recommendations": other sentences are skipped unread.
  const key = [...r.stated, ...r.none].every((p) => /recommendation/i.test(p)) ? /recommendation/i : null;
  for (const s of sentences) {
    if (key && !key.test(s.text)) continue;
    const zero = none.find(s.text, s.start)[0];
    if (zero) return { value: 0, evidence: [evidence(doc, zero.start, zero.end, 'recommendations/none_stated')] };
    for (const m of s.text.matchAll(stated)) {
      const n = m.slice(1).find((g) => g !== undefined);
      const value = n === undefined ? null : parseNumber(n, w.numbers);
      // "This report makes …", "The panel makes the following …": the report's own count, not another review's.
      if (value !== null && subjects.test(s.text.slice(0, m.index! + m[0].length))) {
        return { value, evidence: [evidence(doc, s.start + m.index!, s.start + m.index! + m[0].length, 'recommendations/stated_count')] };
      }
    }
  }
  return null;
}

function countedItems(doc: SegmentedDoc, w: ProfileWordings): FieldResult<number> | null {
  if (!doc.segments.some((s) => s.section === 'recommendations')) return null;
  const items = recommendationItems(doc.segments, w);
  return { value: items.length, evidence: items.map((s) => evidence(doc, s.start, s.end, `recommendations/counted_${s.kind}`)) };
}

// "3.", "(3)", "b)", and after an item label "Recommendation 3." or "Rec. 3:"; compiled once per lexicon.
const itemNumbers = new WeakMap<ProfileWordings, RegExp>();

function itemNumber(w: ProfileWordings): RegExp {
  let re = itemNumbers.get(w);
  if (!re) {
    // Labels as written or in capitals ("RECOMMENDATION 3"): the rest of the pattern is case-sensitive.
    const labels = w.recommendations.item_labels.flatMap((l) => [l, l.toUpperCase()]).map(phraseSource).join('|');
    re = new RegExp(`^\\s*(?:(?:${labels})\\s*\\d{1,2}[.):]?|\\(?\\d{1,2}[.)]?|[a-z][.)])\\s+\\S`);
    itemNumbers.set(w, re);
  }
  return re;
}

type ItemCandidate = Pick<Segment, 'section' | 'kind' | 'paragraph' | 'text'>;

/**
 * The recommendations themselves among a report's segments: numbered table rows and list items
 * (often imperative: "Agree a protocol…"); numbered paragraphs only when they ask someone to act,
 * so "9.1 The harm was caused by…" does not count. Where a section has both, the itemised ones
 * are the recommendations. Table header rows and introductions are never items.
 */
export function recommendationItems<S extends ItemCandidate>(segments: S[], w: ProfileWordings): S[] {
  const section = segments.filter((s) => s.section === 'recommendations' && s.kind !== 'heading' && s.kind !== 'title');
  const modal = phrases(w.recommendations.modal);
  const numbered = (s: ItemCandidate) => s.paragraph !== null || itemNumber(w).test(s.text);
  const itemised = section.filter((s) => (s.kind === 'table_row' && numbered(s)) || (s.kind === 'list_item' && (numbered(s) || modal.test(s.text))));
  return itemised.length ? itemised : section.filter((s) => numbered(s) && modal.test(s.text));
}
