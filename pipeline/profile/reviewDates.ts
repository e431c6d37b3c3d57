// When the review was commissioned and completed, and so its duration. Each trigger takes the
// date right after it in its sentence, else the one right before it: "decided on 8 February 2010
// … that a serious case review should be undertaken" is commissioned, "This report was completed
// on 24 September 2010" completed, "on 16 May 2019 they decided" commissioned. A month with no day is kept as "2014-02"
// (ISO 8601 at month precision): the day is never invented, and the duration is then empty.
import type { SegmentedDoc } from '../types.js';
import type { ProfileWordings } from './lexicon.js';
import { daysBetween, evidence, findDates, PhraseMatcher, phrases, type FoundDate, type Sentence } from './text.js';
import type { FieldResult } from './types.js';

type Role = 'commissioned' | 'completed';

export interface ReviewDates {
  review_commissioned: FieldResult<string | null>;
  review_completed: FieldResult<string | null>;
  review_duration_days: FieldResult<number | null>;
}

// Compiled once per lexicon: the triggers are looked for in every sentence of a report.
const triggerCache = new WeakMap<ProfileWordings, PhraseMatcher<Role>>();

function triggersOf(w: ProfileWordings): PhraseMatcher<Role> {
  let triggers = triggerCache.get(w);
  if (!triggers) {
    triggers = new PhraseMatcher<Role>([
      ...w.review_dates.commissioned.triggers.map((t) => [t, 'commissioned'] as [string, Role]),
      ...w.review_dates.completed.triggers.map((t) => [t, 'completed'] as [string, Role]),
    ]);
    triggerCache.set(w, triggers);
  }
  return triggers;
}

export function extractReviewDates(doc: SegmentedDoc, sentences: Sentence[], w: ProfileWordings): ReviewDates {
  const triggers = triggersOf(w);
  const reviewWords = { commissioned: phrases(w.review_dates.commissioned.review_words), completed: phrases(w.review_dates.completed.review_words) };
  const interrupters = phrases(w.review_dates.interrupters);
  // The words between a trigger and its date: few, and no clause of another event between them.
  const near = (s: Sentence, from: number, to: number) => {
    const between = s.text.slice(from - s.start, to - s.start);
    return between.split(/\s+/).filter(Boolean).length <= w.review_dates.max_words_between && !interrupters.test(between);
  };
  const found: Partial<Record<Role, FieldResult<string | null>>> = {};
  for (const s of sentences) {
    const cues = triggers.find(s.text, s.start);
    if (cues.length === 0) continue;
    const dates = findDates(s.text, w.months, s.start);
    const claimed = new Set<FoundDate>();
    // Nothing of another trigger's between a trigger and its date, and no date used twice.
    const free = (d: FoundDate, from: number, to: number) => !claimed.has(d) && near(s, from, to) && !cues.some((c) => c.start >= from && c.end <= to);
    for (const cue of cues) {
      // The date right after the trigger ("decided on 8 February 2010"), else the one right before it ("on 16 May 2019 they decided").
      const date = dates.find((d) => d.start >= cue.end && free(d, cue.end, d.start))
        ?? [...dates].reverse().find((d) => d.end <= cue.start && free(d, d.end, cue.start));
      if (!date) continue;
      claimed.add(date);
      if (found[cue.payload] || !reviewWords[cue.payload].test(s.text)) continue;
      found[cue.payload] = { value: date.iso, evidence: [evidence(doc, cue.start, cue.end, `review_dates/${cue.payload}`), evidence(doc, date.start, date.end, 'review_dates/date')] };
    }
    if (found.commissioned && found.completed) break;
  }
  const commissioned = found.commissioned ?? { value: null, evidence: [] };
  const completed = found.completed ?? { value: null, evidence: [] };
  const days = daysBetween(commissioned.value, completed.value);
  return {
    review_commissioned: commissioned,
    review_completed: completed,
    review_duration_days: days === null || days < 0
      ? { value: null, evidence: [] }
      : { value: days, evidence: [...commissioned.evidence, ...completed.evidence].filter((e) => e.rule === 'review_dates/date').map((e) => ({ ...e, rule: 'review_dates/duration' })) },
  };
}
