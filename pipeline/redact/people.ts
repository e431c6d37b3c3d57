// People in a report: who is named, how each person is referred to, and the role label each
// one gets. Found once per document, so "Jane Smith", "Ms Smith", "Jane" and (when it can only
// be her) "Ms S" all get the same label wherever they appear.
//
// Candidates come from three places: a title and a surname or initial ("Dr Patel", "Mr R"); a
// given name the compromise lexicon (or first_names in the redaction lexicon) knows, followed
// by a capitalised word ("Jane Smith"); and the introduction templates of the lexicon, which
// also give the role ("the mother, Jane Smith", "Dr Patel, the GP"). A bare given name or
// surname is redacted only once the person was introduced in one of those ways.
import { createRequire } from 'node:module';
import type { RedactionLexicon } from './lexicon.js';
import type { Replacement } from './offsets.js';
import { INITIAL, NAME_WORD, SP, alternation, capitalisable, eitherCaseFirst } from './regex.js';

type Gender = 'male' | 'female' | null;

/** A mention that is a name but could be more than one person ("Smith" with two Smiths). */
export const AMBIGUOUS_LABEL = '[name]';

export interface PersonSummary {
  /** The label every mention of the person gets, e.g. "[mother]", "[social worker 2]", "[person 1]". */
  label: string;
  /** The role label from the lexicon, or null when the report gives none. */
  role: string | null;
}

interface Candidate {
  start: number;
  title: string | null;
  words: string[];
  role: string | null;
  /** What the role phrase says of the person's sex ("older sister"), null when nothing. */
  roleGender: Gender;
  /** Index of the introduction template that gave the role (lower is stronger). */
  rolePriority: number;
}

interface Person {
  first: string | null;
  middle: string[];
  surname: string | null;
  gender: Gender;
  titles: Set<string>;
  role: { label: string; priority: number; at: number } | null;
  firstSeen: number;
  label: string;
}

interface Compiled {
  titleGender: Map<string, Gender>;
  notNames: Set<string>;
  /** Never a name alone (not_names and not_alone): "May", "Young" are redacted only within a name. */
  notAlone: Set<string>;
  givenNames: Map<string, Gender>;
  roleByPhrase: Map<string, string>;
  genderOfRoleWord: Map<string, Gender>;
  titled: RegExp;
  run: RegExp;
  word: RegExp;
  introductions: RegExp[];
  /** Templates where only a space joins role and name ("the social worker Jane Smith"): a weaker sign. */
  spaceJoined: boolean[];
  titleAndRest: RegExp;
}

const compiled = new WeakMap<RedactionLexicon, Compiled>();

function compile(lex: RedactionLexicon): Compiled {
  const cached = compiled.get(lex);
  if (cached) return cached;
  const titleGender = new Map<string, Gender>();
  for (const t of lex.titles.male) titleGender.set(t, 'male');
  for (const t of lex.titles.female) titleGender.set(t, 'female');
  for (const t of lex.titles.neutral) titleGender.set(t, null);
  const titles = alternation([...titleGender.keys()]);
  const name = particledNameWord(lex);
  const roleByPhrase = new Map<string, string>();
  for (const r of lex.roles) for (const p of r.phrases) roleByPhrase.set(p.toLowerCase(), r.label);
  const c: Compiled = {
    titleGender,
    notNames: new Set([...lex.not_names, ...lex.pseudonym_heads]),
    notAlone: new Set([...lex.not_names, ...lex.pseudonym_heads, ...lex.not_alone]),
    givenNames: givenNameGenders(lex),
    roleByPhrase,
    genderOfRoleWord: new Map<string, Gender>([
      ...lex.gendered_role_words.female.map((w): [string, Gender] => [w.toLowerCase(), 'female']),
      ...lex.gendered_role_words.male.map((w): [string, Gender] => [w.toLowerCase(), 'male']),
    ]),
    // A name word before an initial: "Ms Ó Súilleabháin" is a surname, not the initial Ó.
    titled: new RegExp(`(?<![\\p{L}\\p{N}])(?<title>${titles})\\.?${SP}(?:(?<w1>${name})(?:${SP}(?<w2>${name}))?|(?<initial>${INITIAL}))`, 'gud'),
    run: new RegExp(`(?<![\\p{L}\\p{N}'’-])${NAME_WORD}(?:${SP}${name}){1,3}`, 'gu'),
    word: new RegExp(name, 'gu'),
    introductions: introductionPatterns(lex, titles, name),
    spaceJoined: lex.introductions.map((t) => /\{role\} \{name\}|\{name\} (?:\{det\})?\{role\}/.test(t)),
    titleAndRest: new RegExp(`^(?:(?<title>${titles})\\.?${SP})?(?<rest>[^]*)$`, 'u'),
  };
  compiled.set(lex, c);
  return c;
}

/** The lexicon's introduction templates as patterns with a `name` and a `role` group. */
function introductionPatterns(lex: RedactionLexicon, titles: string, nameWord: string): RegExp[] {
  const titledName = `${titles}\\.?${SP}(?:${nameWord}(?:${SP}${nameWord})?|${INITIAL})`;
  const name = `(?:${titledName}|${NAME_WORD}(?:${SP}${nameWord}){0,2})`;
  const role = `(?<![\\p{L}])${alternation(lex.roles.flatMap((r) => r.phrases), capitalisable)}(?![\\p{L}])`;
  const possessive = "\\p{Lu}\\p{L}*(?:[^\\S\\n]+\\p{Lu}\\p{L}*)?['’]s";
  // A determiner is not taken where a role phrase starts: "her partner" is a role of its own.
  const det = `(?:(?!${role})(?:${alternation(lex.determiners, eitherCaseFirst)}(?![\\p{L}])|${possessive})${SP})?`;
  return lex.introductions.map((template) => {
    const source = template
      .split(/(\{\w+\}| )/)
      .map((part) => {
        if (part === '{name}') return `(?<name>${name})`;
        if (part === '{role}') return `(?<role>${role})`;
        if (part === '{det}') return det;
        if (part === ' ') return SP;
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('');
    return new RegExp(`(?<![\\p{L}\\p{N}'’-])${source}`, 'gud');
  });
}

/** A name word with the surname particles that open it: "Merwe", "van der Merwe", "Ó Súilleabháin". */
function particledNameWord(lex: RedactionLexicon): string {
  const particle = `(?<![\\p{L}\\p{N}'’-])${alternation(lex.surname_particles)}`;
  return `(?:${particle}${SP})*${NAME_WORD}`;
}

// compromise's lexicon knows about 3,000 given names, tagged by sex. It is loaded on first use
// (its CommonJS build, ~150 ms) rather than imported at the top: every CLI command loads the
// export registry, and only a redacted export needs the names. The tagger itself is not run.
const require = createRequire(import.meta.url);
let compromiseNames: Map<string, Gender> | null = null;

function compromiseGivenNames(): Map<string, Gender> {
  if (compromiseNames) return compromiseNames;
  const nlp = require('compromise/two') as { model(): { one: { lexicon: Record<string, string | string[]> } } };
  const names = new Map<string, Gender>();
  for (const [word, tags] of Object.entries(nlp.model().one.lexicon)) {
    const list = Array.isArray(tags) ? tags : [tags];
    if (list.includes('MaleName')) names.set(word, 'male');
    else if (list.includes('FemaleName')) names.set(word, 'female');
    else if (list.includes('FirstName')) names.set(word, null);
  }
  compromiseNames = names;
  return names;
}

function givenNameGenders(lex: RedactionLexicon): Map<string, Gender> {
  const names = new Map(compromiseGivenNames());
  for (const n of lex.first_names) if (!names.has(n.toLowerCase())) names.set(n.toLowerCase(), null);
  for (const n of lex.not_names) names.delete(n.toLowerCase());
  return names;
}

/** The people a document names, with their labels: what a later text about the document is redacted against. */
export interface KnownPeople {
  readonly people: readonly Person[];
}

export interface FoundPeople {
  people: PersonSummary[];
  mentions: Replacement[];
  /** Every word of the people's names (not particles, not not_alone words), for file names. */
  nameWords: Set<string>;
  known: KnownPeople;
}

/**
 * Finds the people of a whole text and every mention of them, as replacements with their
 * labels. With `known` (another text's people, such as the document a profile value is about)
 * those people keep their labels and are matched first; people new in this text get labels
 * numbered after them. `known` itself is not changed.
 */
export function findPeople(text: string, lex: RedactionLexicon, known: KnownPeople = { people: [] }): FoundPeople {
  const c = compile(lex);
  const candidates = [...titledCandidates(text, c), ...fullNameCandidates(text, c), ...introducedCandidates(text, c)];
  const prior = known.people.map(copyPerson);
  const people = buildPeople(candidates, c, [...prior]);
  labelPeople(people.slice(prior.length), prior);
  const mentions = [...formMentions(text, people, c), ...initialMentions(text, people, c)];
  const particles = new Set(lex.surname_particles);
  const nameWords = new Set(
    people
      .flatMap((p) => [p.first, p.surname, ...p.middle])
      .filter((w): w is string => !!w && !c.notAlone.has(w))
      .flatMap((w) => w.split(/\s+/))
      .filter((w) => !particles.has(w)),
  );
  const inOrder = [...people].sort((a, b) => a.firstSeen - b.firstSeen);
  return { people: inOrder.map((p) => ({ label: p.label, role: p.role?.label ?? null })), mentions, nameWords, known: { people } };
}

function copyPerson(p: Person): Person {
  return { ...p, middle: [...p.middle], titles: new Set(p.titles), role: p.role && { ...p.role } };
}

function titledCandidates(text: string, c: Compiled): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(c.titled)) {
    const g = m.groups!;
    if (g.initial) continue; // initials are resolved against the people found, below
    const words = [g.w1, g.w2].filter((w): w is string => !!w && !c.notNames.has(w));
    // After a title the word is a surname even if it is an ordinary word ("Mr Young").
    if (!words.length) words.push(g.w1);
    out.push({ start: m.index!, title: g.title, words, role: null, roleGender: null, rolePriority: Infinity });
  }
  return out;
}

/** A given name the lexicon knows, then a surname: "Jane Smith"; "Sarah Jane Smith" when the middle word is a given name too. */
function fullNameCandidates(text: string, c: Compiled): Candidate[] {
  const out: Candidate[] = [];
  for (const run of text.matchAll(c.run)) {
    const words = [...run[0].matchAll(c.word)].map((w) => ({ word: w[0], at: run.index! + w.index! }));
    for (let i = 0; i + 1 < words.length; i++) {
      if (!isGivenName(words[i].word, c)) continue;
      const length = i + 2 < words.length && isGivenName(words[i + 1].word, c) && !c.notNames.has(words[i + 2].word) ? 3 : 2;
      const picked = words.slice(i, i + length).map((w) => w.word);
      if (picked.some((w) => c.notNames.has(w) || c.titleGender.has(w))) continue;
      out.push({ start: words[i].at, title: null, words: picked, role: null, roleGender: null, rolePriority: Infinity });
      i += length - 1;
    }
  }
  return out;
}

function isGivenName(word: string, c: Compiled): boolean {
  return !c.notNames.has(word) && c.givenNames.has(word.toLowerCase());
}

function introducedCandidates(text: string, c: Compiled): Candidate[] {
  const out: Candidate[] = [];
  c.introductions.forEach((pattern, priority) => {
    for (const m of text.matchAll(pattern)) {
      const [nameStart] = m.indices!.groups!.name!;
      const parsed = c.titleAndRest.exec(m.groups!.name)!.groups!;
      const title = parsed.title ?? null;
      let words = [...parsed.rest.matchAll(c.word)].map((w) => w[0]);
      if (!title) {
        // Sentence openers ("When Jane Smith, the GP, ...") are not part of the name.
        while (words.length && c.notNames.has(words[0])) words = words.slice(1);
        // An institution ("the social worker, Harrowgate Council") is no one's name; a single
        // unknown capitalised word may be a place, so one word must be a known given name.
        if (!words.length || words.some((w) => c.notNames.has(w))) continue;
        if (words.length === 1 && !isGivenName(words[0], c)) continue;
        // "National Child Measurement Programme": a capitalised role word run into capitalised
        // words is a proper noun, not an introduction, unless a given name says otherwise.
        if (c.spaceJoined[priority] && !/^\p{Ll}/u.test(m.groups!.role) && !isGivenName(words[0], c)) continue;
      } else if (!words.length) continue; // "Mr R": an initial, resolved later
      const phrase = m.groups!.role.replace(/\s+/g, ' ').toLowerCase();
      const roleGender = c.genderOfRoleWord.get(phrase.split(' ').pop()!) ?? null;
      out.push({ start: nameStart, title, words, role: c.roleByPhrase.get(phrase) ?? null, roleGender, rolePriority: priority });
    }
  });
  return out;
}

/** The title says it, else the role ("her older sister"), else the given name compromise knows. */
function candidateGender(cand: Candidate, c: Compiled): Gender {
  const fromTitle = cand.title ? c.titleGender.get(cand.title) ?? null : null;
  const fromName = !cand.title && cand.words.length ? c.givenNames.get(cand.words[0].toLowerCase()) ?? null : null;
  return fromTitle ?? cand.roleGender ?? fromName;
}

function compatible(person: Person, gender: Gender): boolean {
  return person.gender === null || gender === null || person.gender === gender;
}

/** Full names first (they tie given name to surname), then surnames after a title, then given names alone. */
function buildPeople(candidates: Candidate[], c: Compiled, people: Person[] = []): Person[] {
  const kind = (cand: Candidate) => (cand.words.length >= 2 ? 0 : cand.title ? 1 : 2);
  const ordered = [...candidates].sort((a, b) => kind(a) - kind(b) || a.start - b.start);
  for (const cand of ordered) {
    const person = personFor(cand, people, c);
    if (!person) continue;
    person.firstSeen = Math.min(person.firstSeen, cand.start);
    if (cand.title) person.titles.add(cand.title);
    if (cand.role && (!person.role || cand.rolePriority < person.role.priority || (cand.rolePriority === person.role.priority && cand.start < person.role.at))) {
      person.role = { label: cand.role, priority: cand.rolePriority, at: cand.start };
    }
  }
  return people;
}

function personFor(cand: Candidate, people: Person[], c: Compiled): Person | null {
  const gender = candidateGender(cand, c);
  const adopt = (p: Person) => {
    if (p.gender === null) p.gender = gender;
    return p;
  };
  if (cand.words.length >= 2) {
    const first = cand.words[0];
    const surname = cand.words[cand.words.length - 1];
    const same = people.filter((p) => p.surname === surname && compatible(p, gender) && (p.first === null || p.first === first));
    const match = same.find((p) => p.first === first) ?? same[0];
    if (match) {
      match.first = first;
      if (!match.middle.length) match.middle = cand.words.slice(1, -1);
      return adopt(match);
    }
    return newPerson(people, { first, surname, middle: cand.words.slice(1, -1), gender, at: cand.start });
  }
  const word = cand.words[0];
  const asSurname = Boolean(cand.title);
  const same = people.filter((p) => (asSurname ? p.surname === word : p.first === word) && compatible(p, gender));
  if (same.length === 1) return adopt(same[0]);
  if (same.length > 1) return null; // ambiguous: its mentions get AMBIGUOUS_LABEL
  return newPerson(people, { first: asSurname ? null : word, surname: asSurname ? word : null, middle: [], gender, at: cand.start });
}

function newPerson(people: Person[], p: { first: string | null; surname: string | null; middle: string[]; gender: Gender; at: number }): Person {
  const person: Person = { ...p, titles: new Set(), role: null, firstSeen: p.at, label: '' };
  people.push(person);
  return person;
}

/**
 * "[mother]" for the one mother; "[social worker 1]", "[social worker 2]" when there are
 * several; "[person 1]" always numbered. People already labelled (`labelled`) keep their
 * labels and the new ones are numbered after them.
 */
function labelPeople(people: Person[], labelled: Person[] = []): void {
  const roleOf = (p: Person) => p.role?.label ?? 'person';
  const byRole = new Map<string, Person[]>();
  for (const p of [...people].sort((a, b) => a.firstSeen - b.firstSeen)) {
    byRole.set(roleOf(p), [...(byRole.get(roleOf(p)) ?? []), p]);
  }
  for (const [role, group] of byRole) {
    const before = labelled.filter((p) => roleOf(p) === role).length;
    group.forEach((p, i) => {
      p.label = role === 'person' || before + group.length > 1 ? `[${role} ${before + i + 1}]` : `[${role}]`;
    });
  }
}

/** Every place a person's full name, surname or given name appears, with or without a title. */
function formMentions(text: string, people: Person[], c: Compiled): Replacement[] {
  const forms = new Map<string, Set<Person>>();
  const add = (form: string, p: Person) => forms.set(form, (forms.get(form) ?? new Set()).add(p));
  for (const p of people) {
    if (p.first && p.surname) {
      add(`${p.first} ${p.surname}`, p);
      if (p.middle.length) add([p.first, ...p.middle, p.surname].join(' '), p);
    }
    // A word that is not a name on its own ("May", "Young") is redacted only as part of one.
    if (p.surname && !c.notAlone.has(p.surname)) {
      add(p.surname, p);
      // "de Villiers" opens a sentence as "De Villiers".
      if (/^\p{Ll}/u.test(p.surname)) add(p.surname[0].toUpperCase() + p.surname.slice(1), p);
    }
    if (p.first && !c.notAlone.has(p.first)) add(p.first, p);
  }
  // After a title, the surname even when it is an ordinary word: "Mr Young".
  const titledForms = people.filter((p) => p.surname && c.notAlone.has(p.surname) && p.titles.size);
  if (!forms.size && !titledForms.length) return [];
  const titles = alternation([...c.titleGender.keys()]);
  const plain = forms.size ? `(?:(?<title>${titles})\\.?${SP})?(?<form>${alternation([...forms.keys()])})` : '(?!)';
  const titledOnly = titledForms.length ? `(?<title2>${titles})\\.?${SP}(?<form2>${alternation(titledForms.map((p) => p.surname!))})` : '(?!)';
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}'’-])(?:${plain}|${titledOnly})(?![\\p{L}\\p{N}])`, 'gu');
  const out: Replacement[] = [];
  for (const m of text.matchAll(pattern)) {
    const g = m.groups!;
    const title = g.title ?? g.title2 ?? null;
    const form = (g.form ?? g.form2).replace(/\s+/g, ' ');
    const candidates = g.form ? [...forms.get(form)!] : titledForms.filter((p) => p.surname === form);
    out.push({ start: m.index!, end: m.index! + m[0].length, label: labelFor(candidates, title, c), kind: 'person' });
  }
  return out;
}

function labelFor(candidates: Person[], title: string | null, c: Compiled): string {
  let fitting = candidates;
  if (title) {
    const gender = c.titleGender.get(title) ?? null;
    const sameTitle = candidates.filter((p) => p.titles.has(title));
    fitting = sameTitle.length ? sameTitle : candidates.filter((p) => compatible(p, gender));
  }
  return fitting.length === 1 ? fitting[0].label : AMBIGUOUS_LABEL;
}

/**
 * "Ms S" is redacted only when it can stand for a named person: one whose surname starts with
 * S and who was called "Ms" too, or whose known sex matches the title. Otherwise it is the
 * report's own pseudonym ("Mr R", "Ms K" throughout most SCRs) and stays, as "Child K" does.
 */
function initialMentions(text: string, people: Person[], c: Compiled): Replacement[] {
  const out: Replacement[] = [];
  for (const m of text.matchAll(c.titled)) {
    const g = m.groups!;
    if (!g.initial) continue;
    const gender = c.titleGender.get(g.title) ?? null;
    const fitting = people.filter(
      (p) => p.surname?.startsWith(g.initial) && (p.titles.has(g.title) || (gender !== null && p.gender === gender)),
    );
    if (!fitting.length) continue;
    const label = fitting.length === 1 ? fitting[0].label : AMBIGUOUS_LABEL;
    out.push({ start: m.index!, end: m.index! + m[0].length, label, kind: 'person' });
  }
  return out;
}
