// The child: age in months, gender and ethnicity as the report words them. Each is read only
// where it is about the subject child (see subject.ts): a sibling's or a parent's age is not the
// child's. The opening of the report is read first, then the rest.
import type { SegmentedDoc } from '../types.js';
import type { GenderWords, ProfileWordings } from './lexicon.js';
import { aboutWhom, isSubject, type People, type Subject } from './subject.js';
import { evidence, numberSource, parseNumber, PhraseMatcher, phraseSource, earlierOf, type Sentence } from './text.js';
import type { FieldResult } from './types.js';

/** The sentences to read, opening first, each with the sentence before it (for pronouns). */
export interface Reading {
  doc: SegmentedDoc;
  people: People;
  subject: Subject;
  opening: Sentence[];
  rest: Sentence[];
}

// ------------------------------------------------------------------ age

interface AgeMatch { start: number; end: number; months: number; rule: string }

const DAYS_PER_MONTH = 30.4375;
const alt = (list: string[]) => [...list].sort((a, b) => b.length - a.length).map(phraseSource).join('|');

interface AgePatterns {
  hyphenated: RegExp; unitForm: RegExp; lead: RegExp; bare: RegExp;
  /** What a sentence must hold for each pattern to give an age: looked for first, as most sentences hold none. */
  mayHyphenate: RegExp; mayFollowLead: RegExp; mayEndOld: RegExp;
}

// Built once per lexicon: findAges runs on every sentence about the child, and compiling these
// alternations per sentence cost more than matching them. The global ones are only used through
// matchAll, which works on a copy, so sharing them is safe.
const agePatternCache = new WeakMap<ProfileWordings, AgePatterns>();

function agePatterns(w: ProfileWordings): AgePatterns {
  let p = agePatternCache.get(w);
  if (p) return p;
  const num = numberSource(w.numbers);
  const u = w.age.units;
  const unit = `(${alt(u.years)}|${alt(u.months)}|${alt(u.weeks)}|${alt(u.days)})`;
  const half = `(?:\\s+(${alt(w.age.half)}))?`;
  const hedge = `(?:(?:${alt(w.age.hedge_words)})\\s+)?`;
  const old = alt(w.age.old_words);
  const hyphenOld = phraseSource(w.age.hyphenated_suffix);
  p = {
    hyphenated: new RegExp(`\\b(${num})-${unit}-${hyphenOld}\\b`, 'gi'),
    unitForm: new RegExp(`\\b(${num})${half}\\s+${unit}(?:\\s*(?:,|and|,\\s*and)\\s*(${num})\\s+${unit})?(?:\\s+(${old}))?\\b`, 'gi'),
    lead: new RegExp(`(?:${alt(w.age.lead_words)})\\s+${hedge}$`, 'i'),
    bare: new RegExp(`\\b(?:${alt(w.age.lead_words)})\\s+${hedge}(${num})\\b(?!\\s*(?:-|${unit}))`, 'gi'),
    // Parts of the patterns above, with the same flags, that a sentence must hold for each to give
    // an age: the old word ends every hyphenated age; a lead word and a space come before every bare
    // age; a number-and-unit age has that before it or an old word after it.
    mayHyphenate: new RegExp(`-${hyphenOld}\\b`, 'i'),
    mayFollowLead: new RegExp(`(?:${alt(w.age.lead_words)})\\s`, 'i'),
    mayEndOld: new RegExp(`\\s(?:${old})\\b`, 'i'),
  };
  agePatternCache.set(w, p);
  return p;
}

/** Ages in a sentence, as whole months: "14 months", "four years and five months old", "a 2-year-old", "aged nine". */
export function findAges(s: Sentence, w: ProfileWordings): AgeMatch[] {
  const { hyphenated, unitForm, lead, bare, mayHyphenate, mayFollowLead, mayEndOld } = agePatterns(w);
  const out: AgeMatch[] = [];
  const hyphen = mayHyphenate.test(s.text);
  const afterLead = mayFollowLead.test(s.text);
  const endsOld = mayEndOld.test(s.text);
  if (!hyphen && !afterLead && !endsOld) return out;
  const taken = (a: number, b: number) => out.some((m) => a < m.end - s.start && b > m.start - s.start);
  const push = (start: number, end: number, months: number, rule: string) => out.push({ start: s.start + start, end: s.start + end, months, rule });

  // "2-year-old", "two-year-old", "18-month-old"
  for (const m of hyphen ? s.text.matchAll(hyphenated) : []) {
    const months = toMonths(m[1], m[2], null, null, null, w);
    if (months !== null) push(m.index!, m.index! + m[0].length, months, 'age/hyphenated');
  }
  // "14 months", "two years and two months old", "four and a half years"
  for (const m of afterLead || endsOld ? s.text.matchAll(unitForm) : []) {
    if (taken(m.index!, m.index! + m[0].length)) continue;
    const isAge = Boolean(m[6]) || lead.test(s.text.slice(0, m.index!));
    if (!isAge) continue;
    const months = toMonths(m[1], m[3], m[2] ?? null, m[4] ?? null, m[5] ?? null, w);
    if (months !== null) push(m.index!, m.index! + m[0].length, months, 'age/number_and_unit');
  }
  // "aged nine", "aged 6": years, for a child's age only
  for (const m of afterLead ? s.text.matchAll(bare) : []) {
    if (taken(m.index!, m.index! + m[0].length)) continue;
    const n = parseNumber(m[1], w.numbers);
    if (n !== null && n <= w.age.max_bare_years) push(m.index!, m.index! + m[0].length, n * 12, 'age/aged_bare_years');
  }
  return out.sort((a, b) => a.start - b.start);
}

function toMonths(n1: string, u1: string, half: string | null, n2: string | null, u2: string | null, w: ProfileWordings): number | null {
  const first = inMonths(parseNumber(n1, w.numbers), u1, w);
  if (first === null) return null;
  const halfMonths = half ? (inMonths(1, u1, w) ?? 0) / 2 : 0;
  const second = n2 && u2 ? inMonths(parseNumber(n2, w.numbers), u2, w) : 0;
  if (second === null) return null;
  return Math.floor(first + halfMonths + second);
}

function inMonths(n: number | null, unit: string, w: ProfileWordings): number | null {
  if (n === null) return null;
  const u = unit.toLowerCase();
  if (w.age.units.years.includes(u)) return n * 12;
  if (w.age.units.months.includes(u)) return n;
  if (w.age.units.weeks.includes(u)) return (n * 7) / DAYS_PER_MONTH;
  if (w.age.units.days.includes(u)) return n / DAYS_PER_MONTH;
  return null;
}

/** The first age that belongs to the subject; else the first age in the opening that belongs to no one named. */
export function extractAge(r: Reading, w: ProfileWordings): FieldResult<number | null> {
  let unattached: AgeMatch | null = null;
  for (const [list, opening] of [[r.opening, true], [r.rest, false]] as const) {
    for (let i = 0; i < list.length; i++) {
      for (const age of findAges(list[i], w)) {
        const who = aboutWhom(age.start, list[i], earlierOf(list, i), r.people, r.subject);
        if (who === 'subject') return { value: age.months, evidence: [evidence(r.doc, age.start, age.end, age.rule)] };
        if (who === 'none' && opening && !unattached) unattached = age;
      }
    }
  }
  if (!unattached) return { value: null, evidence: [] };
  return { value: unattached.months, evidence: [evidence(r.doc, unattached.start, unattached.end, `${unattached.rule}(unattributed)`)] };
}

// ------------------------------------------------------------------ gender

type Gender = 'male' | 'female';

/** A gender noun about the subject ("Child R, a boy"), else the majority of the first pronouns that stand for the subject. */
export function extractGender(r: Reading, w: ProfileWordings): FieldResult<Gender | null> {
  const { nouns, pronouns } = genderWords(w);
  for (const list of [r.opening, r.rest]) {
    for (let i = 0; i < list.length; i++) {
      for (const m of nouns.find(list[i].text, list[i].start)) {
        if (aboutWhom(m.start, list[i], earlierOf(list, i), r.people, r.subject) === 'subject' && mentionsSubject(list[i], r)) {
          return { value: m.payload, evidence: [evidence(r.doc, m.start, m.end, `gender/noun_${m.payload}`)] };
        }
      }
    }
  }
  const votes: { gender: Gender; start: number; end: number }[] = [];
  for (const list of [r.opening, r.rest]) {
    for (let i = 0; i < list.length && votes.length < 5; i++) {
      for (const m of pronouns.find(list[i].text, list[i].start)) {
        if (votes.length < 5 && aboutWhom(m.start, list[i], earlierOf(list, i), r.people, r.subject, true) === 'subject') votes.push({ gender: m.payload, start: m.start, end: m.end });
      }
    }
  }
  const male = votes.filter((v) => v.gender === 'male');
  const female = votes.filter((v) => v.gender === 'female');
  if (male.length === female.length) return { value: null, evidence: [] };
  const winner = male.length > female.length ? male : female;
  return { value: winner[0].gender, evidence: winner.map((v) => evidence(r.doc, v.start, v.end, `gender/pronoun_${v.gender}`)) };
}

// The gender words and the ethnicity patterns are compiled once per lexicon, not once per report.
const genderWordCache = new WeakMap<ProfileWordings, { nouns: PhraseMatcher<Gender>; pronouns: PhraseMatcher<Gender> }>();

function genderWords(w: ProfileWordings): { nouns: PhraseMatcher<Gender>; pronouns: PhraseMatcher<Gender> } {
  let words = genderWordCache.get(w);
  if (words) return words;
  const matcher = (kind: keyof GenderWords) => new PhraseMatcher<Gender>([
    ...w.gender.male[kind].map((n) => [n, 'male'] as [string, Gender]),
    ...w.gender.female[kind].map((n) => [n, 'female'] as [string, Gender]),
  ]);
  words = { nouns: matcher('nouns'), pronouns: matcher('pronouns') };
  genderWordCache.set(w, words);
  return words;
}

function mentionsSubject(s: Sentence, r: Reading): boolean {
  return r.people.refs(s).some((ref) => isSubject(ref, r.subject) || ref.kind === 'pronoun');
}

// ------------------------------------------------------------------ ethnicity

interface EthnicityMatch { start: number; end: number; text: string; rule: string }

interface EthnicityPatterns { run: RegExp; core: RegExp; anyCore: RegExp; copula: RegExp; noun: RegExp; group: RegExp; parent: RegExp }

// `run` is global and only used through matchAll, which works on a copy; the others keep no state.
const ethnicityPatternCache = new WeakMap<ProfileWordings, EthnicityPatterns>();

function ethnicityPatterns(w: ProfileWordings): EthnicityPatterns {
  let p = ethnicityPatternCache.get(w);
  if (p) return p;
  const e = w.ethnicity;
  const word = `(?:${alt(e.words)})`;
  p = {
    run: new RegExp(`${word}(?:(?:,?\\s+(?:${alt(e.connectors)})\\s+|\\s+|-)${word})*(?![\\p{L}])`, 'gu'),
    core: new RegExp(`(?<![\\p{L}])(?:${alt(e.core)})(?![\\p{L}])`, 'u'),
    // `core` without its boundaries: a sentence where it finds nothing holds no core word.
    anyCore: new RegExp(`(?:${alt(e.core)})`, 'u'),
    copula: new RegExp(`(?:^|\\s)(?:${alt(e.copulas)})\\s+(?:(?:a|an)\\s+)?$`, 'i'),
    noun: new RegExp(`^\\s+(?:${alt(e.nouns)})\\b`, 'i'),
    group: new RegExp(`(?:${alt(e.group_subjects)})\\s+(?:${alt(e.copulas)})\\s+(?:(?:a|an)\\s+)?$`, 'i'),
    parent: new RegExp(`(?:${alt(e.parent_subjects)})(?:\\s+[A-Z]\\b)?\\s+(?:${alt(e.copulas)})\\s+(?:(?:a|an)\\s+)?$`, 'i'),
  };
  ethnicityPatternCache.set(w, p);
  return p;
}

/**
 * Ethnicity as worded: a run of ethnicity words after "is/are/was (of)" whose subject is the child,
 * a named child or the family, or right before "boy", "girl", "family"…; a parent's only when the
 * children's is not stated.
 */
export function extractEthnicity(r: Reading, w: ProfileWordings): FieldResult<string | null> {
  const { run, core, anyCore, copula, noun, group, parent } = ethnicityPatterns(w);
  let parentMatch: EthnicityMatch | null = null;
  for (const list of [r.opening, r.rest]) {
    for (let i = 0; i < list.length; i++) {
      const s = list[i];
      // A run is read only when it holds a core word; a sentence with none is passed over unread.
      if (!anyCore.test(s.text)) continue;
      for (const m of s.text.matchAll(run)) {
        const text = m[0].replace(/(?:\s+(?:and|of))+$/, '');
        if (!core.test(text)) continue;
        const before = s.text.slice(0, m.index!);
        const after = s.text.slice(m.index! + text.length);
        const start = s.start + m.index!;
        const found = (rule: string) => ({ value: text, evidence: [evidence(r.doc, start, start + text.length, rule)] });
        if (group.test(before)) return found('ethnicity/family_is');
        const who = aboutWhom(start, s, earlierOf(list, i), r.people, r.subject);
        const lastRef = r.people.refs(s).filter((x) => x.end <= start).pop();
        const aboutAChild = who === 'subject' || lastRef?.kind === 'child' || lastRef?.kind === 'child_word';
        if (copula.test(before) && aboutAChild) return found('ethnicity/child_is');
        if (noun.test(after) && (aboutAChild || who === 'none')) return found('ethnicity/before_noun');
        if (!parentMatch && parent.test(before)) parentMatch = { start, end: start + text.length, text, rule: 'ethnicity/parent_is' };
      }
    }
  }
  if (!parentMatch) return { value: null, evidence: [] };
  return { value: parentMatch.text, evidence: [evidence(r.doc, parentMatch.start, parentMatch.end, parentMatch.rule)] };
}
