// Outcome (died | seriously_harmed) and the nature of the harm. A death or harm word counts only
// when it is about the subject child: "the death of Baby Q" is, "Ms W died of her injuries" is not.
import type { HarmEntry, ProfileWordings } from './lexicon.js';
import type { Reading } from './child.js';
import { aboutWhom, isSubject } from './subject.js';
import { evidence, PhraseMatcher, phrases, earlierOf, type PhraseMatch, type Sentence } from './text.js';
import type { FieldResult, Outcome } from './types.js';

/** True when the word matched is about the subject: the person after "death of"/"injuries to", else the nearest before. */
function aboutSubject(m: PhraseMatch<string>, list: Sentence[], i: number, r: Reading): boolean {
  const s = list[i];
  const rest = s.text.slice(m.end - s.start);
  if (/\bof$/i.test(m.text) || /^\s+(?:of|to)\s/i.test(rest)) {
    const next = r.people.refs(s).find((x) => x.start >= m.end);
    if (next && next.start - m.end <= 12) return isSubject(next, r.subject);
  }
  return aboutWhom(m.start, s, earlierOf(list, i), r.people, r.subject) === 'subject';
}

/**
 * 'died' when the opening says the subject died (or the rest of the report names the subject right
 * before a death word); else 'seriously_harmed' when a harm word is about the subject; else null.
 */
export function extractOutcome(r: Reading, w: ProfileWordings): FieldResult<Outcome | null> {
  const died = phrases(w.outcome.died);
  const notDied = phrases(w.outcome.not_died);
  // Any kind of harm the lexicon knows ("scalds", "dental abscesses") is a harm word too.
  const harmed = phrases([...new Set([...w.outcome.harmed, ...w.harm.entries.flatMap((e) => e.terms)])]);
  const found = (m: PhraseMatch<string>, value: Outcome, rule: string) => ({ value, evidence: [evidence(r.doc, m.start, m.end, rule)] });
  const first = (list: Sentence[], matcher: PhraseMatcher<string>, about: (m: PhraseMatch<string>, i: number) => boolean, skip?: PhraseMatcher<string>) => {
    for (let i = 0; i < list.length; i++) {
      // The words first: most sentences have none, and then whether to skip them does not matter.
      const words = matcher.find(list[i].text, list[i].start);
      if (words.length === 0 || skip?.test(list[i].text)) continue;
      const m = words.find((x) => about(x, i));
      if (m) return m;
    }
    return null;
  };
  const death = first(r.opening, died, (m, i) => aboutSubject(m, r.opening, i, r), notDied)
    ?? first(r.rest, died, (m, i) => namedRightBefore(m, r.rest[i], r), notDied);
  if (death) return found(death, 'died', 'outcome/died');
  const harm = first(r.opening, harmed, (m, i) => aboutSubject(m, r.opening, i, r)) ?? first(r.rest, harmed, (m, i) => namedRightBefore(m, r.rest[i], r));
  if (harm) return found(harm, 'seriously_harmed', 'outcome/seriously_harmed');
  return { value: null, evidence: [] };
}

/** Outside the opening a word counts only when the subject is the person named nearest before it in the sentence. */
function namedRightBefore(m: PhraseMatch<string>, s: Sentence, r: Reading): boolean {
  const before = r.people.refs(s).filter((x) => x.end <= m.start);
  const last = before[before.length - 1];
  return Boolean(last && last.kind === 'child' && isSubject(last, r.subject));
}

/**
 * The nature of the harm: the lexicon's phrases for the harm terms in the first sentences of the
 * opening that hold one, in the order met.
 */
const harmMatchers = new WeakMap<ProfileWordings, PhraseMatcher<HarmEntry>>();

function harmMatcher(w: ProfileWordings): PhraseMatcher<HarmEntry> {
  let matcher = harmMatchers.get(w);
  if (!matcher) harmMatchers.set(w, (matcher = new PhraseMatcher(w.harm.entries.flatMap((e) => e.terms.map((t) => [t, e] as [string, HarmEntry])))));
  return matcher;
}

export function extractNatureOfHarm(r: Reading, w: ProfileWordings): FieldResult<string | null> {
  const matcher = harmMatcher(w);
  const picked: { phrase: string; m: PhraseMatch<unknown>; id: string }[] = [];
  let sentences = 0;
  for (const s of r.opening) {
    const found = matcher.find(s.text, s.start);
    if (found.length === 0) continue;
    if (sentences++ >= w.harm.max_sentences) break;
    for (const m of found) {
      // "neglect" adds nothing to "chronic neglect", nor "fractures" to "rib fractures".
      const said = picked.some((p) => p.id === m.payload.id || p.phrase.includes(m.payload.phrase));
      if (picked.length < w.harm.max_phrases && !said) picked.push({ phrase: m.payload.phrase, m, id: m.payload.id });
    }
  }
  if (picked.length === 0) return { value: null, evidence: [] };
  return { value: picked.map((p) => p.phrase).join(', '), evidence: picked.map((p) => evidence(r.doc, p.m.start, p.m.end, p.id)) };
}
