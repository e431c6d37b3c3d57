// The child as speaker or as the one spoken to ("Child K told her teacher…", "nobody asked
// Child M…", "talk with the child about…"): who acts is what marks the child's voice, so this
// needs word order that a term list cannot express. A pseudonym's possessive ("Child A's daily
// life", "Baby Q's own experience") names the child's world the way "the child's" does in the
// term lists, but the letter between them defeats a fixed phrase. Word lists live in
// lexicons/codes/child_focus.json, rule_params["child_focus/child_voice"].
// Voice sentences often do not name the child ("he told his teacher…", "nobody asked him…"):
// a he/she/him/her whose nearest compatible antecedent in the paragraph is the child counts as
// the child. Gender comes from titles and kin words only; a role named on its own ("the social
// worker") takes any pronoun, but "his teacher" is part of the child's world and names no one new.
// A passive turns the child from speaker into the one spoken about ("Child S was reported
// missing", "Child M was described as…"), so a speech verb after was/were is no voice, while an
// asking verb there still is ("Child S was asked", "he was never spoken to alone"). Seeing a
// child ("the GP saw Baby Q") is contact, the routine stuff of every chronology, rather than the
// child heard: its hits weigh `seeing_weight`, so they need another cue to carry a paragraph.
import type { SentenceOf, Token } from '../tokenize.js';
import { derived, paramNumber, paramWords, WordClasses } from './params.js';
import type { RuleHit, TagRule } from './types.js';

// How reports pseudonymise a child: "Child A", "Child K1", "Baby Q".
const PSEUDONYM = /^[A-Z][A-Z0-9]{0,2}$/;

/** "Child R's mother" names the mother, not the child. */
function possessive(t: Token): boolean {
  return t.end - t.start > t.raw.length;
}

/** End index of a child reference starting at i ("Child A", "the children"), or -1. */
function childRefEnd(tokens: Token[], i: number, heads: ReadonlySet<string>, nouns: ReadonlySet<string>): number {
  const t = tokens[i];
  const next = tokens[i + 1];
  if (heads.has(t.lower) && next && PSEUDONYM.test(next.raw)) return possessive(next) ? -1 : i + 2;
  if (nouns.has(t.lower) && !possessive(t)) return i + 1;
  return -1;
}

/** "the first year of Child A's life", "throughout Child A's life": the life as a span of time. */
function lifetime(tokens: Token[], i: number, timeWords: ReadonlySet<string>): boolean {
  const before = tokens[i - 1]?.lower;
  if (before && before !== 'of') return timeWords.has(before);
  return before === 'of' && timeWords.has(tokens[i - 2]?.lower ?? '');
}

/** "Child A's [own] life": a pseudonym in the possessive followed, within `gap` words, by a word of the child's world. */
function possessedEnd(tokens: Token[], i: number, heads: ReadonlySet<string>, possessed: ReadonlySet<string>, gap: number, timeWords: ReadonlySet<string>): number {
  const next = tokens[i + 1];
  if (!heads.has(tokens[i].lower) || !next || !PSEUDONYM.test(next.raw) || !possessive(next) || lifetime(tokens, i, timeWords)) return -1;
  for (let j = i + 2; j < Math.min(tokens.length, i + 3 + gap); j++) if (possessed.has(tokens[j].lower)) return j + 1;
  return -1;
}

type Gender = 'm' | 'f' | '?' | 'p';
interface Referent { child: boolean; gender: Gender }
interface SeenReferent extends Referent { sentence: number }
interface PersonWords { male: ReadonlySet<string>; female: ReadonlySet<string>; roles: ReadonlySet<string>; titlesMale: ReadonlySet<string>; titlesFemale: ReadonlySet<string>; owners: ReadonlySet<string> }

// The word sets a token's lower-case form is tested against, as WordClasses bits.
const HEAD = 1 << 0;
const CHILD_NOUN = 1 << 1;
const TITLE_MALE = 1 << 2;
const TITLE_FEMALE = 1 << 3;
const ADULT_MALE = 1 << 4;
const ADULT_FEMALE = 1 << 5;
const ROLE = 1 << 6;
const PRONOUN_MALE = 1 << 7;
const PRONOUN_FEMALE = 1 << 8;
/** A child reference starts only at one of these. */
const CHILD_START = HEAD | CHILD_NOUN;
/** childPronouns does something only at one of these. */
const PERSON = HEAD | CHILD_NOUN | TITLE_MALE | TITLE_FEMALE | ADULT_MALE | ADULT_FEMALE | ROLE | PRONOUN_MALE | PRONOUN_FEMALE;

/** The rule's parameters as sets, built once per parameter object. */
const wordsOf = derived((ctx) => {
  const w: PersonWords = {
    male: paramWords(ctx, 'adult_male'), female: paramWords(ctx, 'adult_female'), roles: paramWords(ctx, 'adult_roles'),
    titlesMale: paramWords(ctx, 'titles_male'), titlesFemale: paramWords(ctx, 'titles_female'), owners: paramWords(ctx, 'possessive_determiners'),
  };
  const heads = paramWords(ctx, 'pseudonym_heads');
  const nouns = paramWords(ctx, 'child_nouns');
  const pronounsMale = paramWords(ctx, 'pronouns_male');
  const pronounsFemale = paramWords(ctx, 'pronouns_female');
  return {
    person: w, heads, nouns, pronounsMale, pronounsFemale,
    subjects: paramWords(ctx, 'pronouns_subject'),
    plurals: paramWords(ctx, 'plural_child_nouns'),
    compounds: paramWords(ctx, 'compound_heads'),
    preps: paramWords(ctx, 'prepositions'),
    speech: paramWords(ctx, 'speech_verbs'),
    asking: paramWords(ctx, 'asking_verbs'),
    seeing: paramWords(ctx, 'seeing_verbs'),
    seeingWeight: paramNumber(ctx, 'seeing_weight', 1),
    passives: paramWords(ctx, 'passive_auxiliaries'),
    possessed: paramWords(ctx, 'possessed_nouns'),
    gap: paramNumber(ctx, 'possessed_gap', 1),
    timeWords: paramWords(ctx, 'time_before'),
    window: paramNumber(ctx, 'window', 3),
    classes: new WordClasses([heads, nouns, w.titlesMale, w.titlesFemale, w.male, w.female, w.roles, pronounsMale, pronounsFemale], 'lower'),
  };
});
type Words = ReturnType<typeof wordsOf>;

/** The adult a token names, if any: "Mr T", "mother", "the health visitor" (not "his teacher"). */
function adultAt(tokens: Token[], i: number, w: PersonWords): Referent | null {
  const t = tokens[i];
  const next = tokens[i + 1];
  if (next && /^[A-Z]/.test(next.raw)) {
    if (w.titlesMale.has(t.lower)) return { child: false, gender: 'm' };
    if (w.titlesFemale.has(t.lower)) return { child: false, gender: 'f' };
  }
  if (possessive(t)) return null;
  if (w.male.has(t.lower)) return { child: false, gender: 'm' };
  if (w.female.has(t.lower)) return { child: false, gender: 'f' };
  if (!w.roles.has(t.lower)) return null;
  const before = tokens[i - 1];
  const owned = before && (w.owners.has(before.lower) || (PSEUDONYM.test(before.raw) && possessive(before)));
  return owned ? null : { child: false, gender: '?' };
}

/** A pronoun can take a referent of its gender or of unknown gender ("p", plural, takes none). */
function agrees(r: Referent, gender: Gender): boolean {
  return r.gender === '?' || r.gender === gender;
}

/**
 * The referent of a pronoun: a sentence-initial subject pronoun prefers the previous sentence's
 * subject (its first person named: "Mr K took Baby Q to hospital. He said…"); an object pronoun
 * cannot be its own sentence's subject, taken as the first person the sentence names ("No
 * professional asked him"); otherwise the nearest.
 */
function antecedent(seen: SeenReferent[], gender: Gender, sentence: number, object: boolean): Referent | null {
  const here = seen.filter((r) => r.sentence === sentence);
  if (!here.length && !object) {
    const prev = seen.filter((r) => r.sentence === sentence - 1);
    if (prev.length && agrees(prev[0], gender)) return prev[0];
  }
  for (let k = seen.length - 1; k >= 0; k--) {
    if (object && seen[k] === here[0]) continue;
    if (agrees(seen[k], gender)) return seen[k];
  }
  return null;
}


/** Token indexes of he/she/him/her that refer back to a child named earlier in the paragraph. */
function childPronouns(tokens: Token[], sentenceOf: SentenceOf, words: Words): Set<number> {
  const { heads, nouns, classes, person: w, subjects, pronounsMale: male, pronounsFemale: female, plurals, compounds, preps } = words;
  // No child named in the paragraph, no pronoun can stand for one: most paragraphs stop here.
  if (!tokens.some((t, i) => (classes.of(t) & CHILD_NOUN) !== 0 || ((classes.of(t) & HEAD) !== 0 && PSEUDONYM.test(tokens[i + 1]?.raw ?? '')))) return new Set();
  const seen: SeenReferent[] = [];
  const found = new Set<number>();
  const see = (r: Referent, i: number) => seen.push({ child: r.child, gender: r.gender, sentence: sentenceOf[i] });
  for (let i = 0; i < tokens.length; i++) {
    // A word that names no person and is no pronoun changes nothing below.
    if ((classes.of(tokens[i]) & PERSON) === 0) continue;
    const t = tokens[i];
    const next = tokens[i + 1];
    if (heads.has(t.lower) && next && PSEUDONYM.test(next.raw)) {
      // "at the time of Child D's admission she said": a possessive child inside a phrase is not the one who speaks next.
      if (!(possessive(next) && preps.has(tokens[i - 1]?.lower ?? ''))) see({ child: true, gender: '?' }, i);
      i++;
      continue;
    }
    // "children's services", "child protection": the child as a modifier names a service, not a person.
    if (nouns.has(t.lower) && !possessive(t) && !(next && compounds.has(next.lower))) { see({ child: true, gender: plurals.has(t.lower) ? 'p' : '?' }, i); continue; }
    const adult = adultAt(tokens, i, w);
    if (adult) { see(adult, i); continue; }
    const gender: Gender | null = male.has(t.lower) ? 'm' : female.has(t.lower) ? 'f' : null;
    if (!gender) continue;
    // "her mother", "her social worker": a possessive her, not a person.
    const owned = [tokens[i + 1], tokens[i + 2]].some((n) => n && (w.roles.has(n.lower) || w.male.has(n.lower) || w.female.has(n.lower)));
    if (t.lower === 'her' && owned) continue;
    const r = antecedent(seen, gender, sentenceOf[i], !subjects.has(t.lower));
    if (!r) continue;
    if (r.child) found.add(i);
    see({ child: r.child, gender }, i);
  }
  return found;
}

export const childVoice: TagRule = {
  meta: {
    id: 'child_focus/child_voice',
    code: 'child_focus',
    description: "A child reference as the subject of a speaking verb, or as the object of asking, talking to or seeing; a pseudonym's possessive before a word of the child's world.",
  },
  find(ctx) {
    const words = wordsOf(ctx);
    const { heads, nouns, speech, asking, seeing, seeingWeight, passives, possessed, gap, timeWords, window, classes } = words;
    const askWeight = (verb: Token) => (seeing.has(verb.lower) ? seeingWeight : 1);
    const { tokens, sentenceOf } = ctx;
    // Every hit starts at a child reference (a pseudonym head or a child noun) or at a pronoun
    // that refers back to one: a paragraph with neither has none.
    let start = 0;
    while (start < tokens.length && (classes.of(tokens[start]) & CHILD_START) === 0) start++;
    if (start === tokens.length) return [];
    const pronouns = childPronouns(tokens, sentenceOf, words);
    const hits: RuleHit[] = [];
    for (let i = 0; i < tokens.length; i++) {
      if ((classes.of(tokens[i]) & CHILD_START) === 0 && !pronouns.has(i)) continue;
      const owned = possessedEnd(tokens, i, heads, possessed, gap, timeWords);
      if (owned > 0 && sentenceOf[owned - 1] === sentenceOf[i]) hits.push({ from: i, to: owned, weight: 1 });
      const end = pronouns.has(i) ? i + 1 : childRefEnd(tokens, i, heads, nouns);
      if (end < 0) continue;
      let passive = false;
      for (let j = end; j < Math.min(tokens.length, end + window); j++) {
        if (sentenceOf[j] !== sentenceOf[i]) break;
        const verb = tokens[j];
        if (passives.has(verb.lower)) passive = true;
        else if (passive && asking.has(verb.lower)) { hits.push({ from: i, to: j + 1, weight: askWeight(verb) }); break; }
        else if (passive && speech.has(verb.lower)) break;
        else if (speech.has(verb.lower)) { hits.push({ from: i, to: j + 1, weight: 1 }); break; }
      }
      for (let k = i - 1; k >= Math.max(0, i - window); k--) {
        if (sentenceOf[k] !== sentenceOf[i]) break;
        if (asking.has(tokens[k].lower)) { hits.push({ from: k, to: end, weight: askWeight(tokens[k]) }); break; }
      }
    }
    return hits;
  },
};
