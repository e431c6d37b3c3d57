// People in a report: who is named, how each person is referred to, and the role label each
// one gets. Found once per document, so "Jane Smith", "Ms Smith", "Jane" and (when it can only
// be her) "Ms S" all get the same label wherever they appear.
//
// Candidates come from these places: a title and a surname or initial ("Dr Patel", "Mr R", "PC
// 4471 Marsh"); a given name the compromise lexicon (or first_names in the redaction lexicon)
// knows, followed by a capitalised word ("Jane Smith"); the introduction templates of the
// lexicon, which also give the role ("the mother, Jane Smith", "Dr Patel, the GP", and after a
// family or frontline role a lone given name nobody knows, "the grandmother, Perpetua", or in
// closed apposition even an ordinary word, "her youth worker, Dean,"); a list after a plural
// role ("the half-siblings, Ruby and Mason"); an alias ("known as 'Bigz'"); the name a
// pseudonym stands for ("Child P, Poppy Ashworth,"); a given name before a surname the report
// gives after a title ("Quillon Baker" … "Mr Baker"); and two or three capitalised words none
// of which is an ordinary English word or a place in this report ("Quillon Sparrowhawk was
// seen"). A bare given name or surname is redacted only once the person was found in one of
// those ways. Names written in capitals ("HESTER GRIMSDYKE attended A&E") are found as if
// written "Hester Grimsdyke" (by all ways but the last: headings in capitals are full of
// acronyms), and every form of a known person's name is redacted in capitals too.
import { createRequire } from 'node:module';
import type { RedactionLexicon } from './lexicon.js';
import type { Replacement } from './offsets.js';
import { isOrdinaryWord } from './ordinary.js';
import { escapeRegExp } from '../regexp.js';
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
  /** The one word was written alone as this person's name ("her youth worker, Dean,"): its bare form is theirs even if it is an ordinary word. */
  alone?: boolean;
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
  /** The given name stood alone as the name ("the social worker, Will,"), so it is redacted alone even if it is in not_alone. */
  alone: boolean;
}

interface Compiled {
  titleGender: Map<string, Gender>;
  /** A title as written in capitals ("MRS") to the lexicon's spelling ("Mrs"). */
  titleOfCapitals: Map<string, string>;
  /** Role labels after which a lone unknown word is a given name ("the grandmother, Perpetua"). */
  loneNameRoles: Set<string>;
  pseudonymHeads: Set<string>;
  /** Capitalised words that are never part of a name nobody introduced: street, unit and month words, role words. */
  neverUntitled: Set<string>;
  /** The determiners, as a pattern that ends where a name would start: "the Fallowfield Kingsmere review". */
  afterDeterminer: RegExp;
  /** A run of capitalised words and acronyms ("Fallowfield Cross LSCB"), for place evidence. */
  capitalisedRun: RegExp;
  placeBefore: Set<string>;
  placeAfter: Set<string>;
  placeName: RegExp;
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
  /** Templates where the name stands in apposition after the role ("the youth worker, Dean,"). */
  appositive: boolean[];
  titleAndRest: RegExp;
  /** A plural role and a list of names: "the half-siblings, Ruby (aged 6) and Mason (aged 4)". */
  pluralList: RegExp;
  pluralRoles: Map<string, RedactionLexicon['plural_roles']['roles'][number]>;
  /** One name of such a list, with what follows it in brackets. */
  listItem: RegExp;
  /** The priority a list's names get: that of the apposition "{det}{role}, {name}". */
  listPriority: number;
  monthNames: Set<string>;
  /** A pseudonym, a comma, then the name it stands for: "Child P, Poppy Ashworth,", "Ms K, Crystal Bolton (". */
  pseudonymApposition: RegExp;
  /** An article or demonstrative ending where a word starts: "the |Summer term". */
  ordinaryAfter: RegExp;
  /** Single-word places of the lexicon ("Kent"): a person's surname there is the place before "Police". */
  placeNameWords: Set<string>;
  /** An address introducer ending where a run starts: "moved from |Kirkby Lonsdale". */
  introducerBefore: RegExp;
  /** A street word and a comma ending where a run starts: "Long Lane, |Ashby Parva". */
  streetBefore: RegExp;
  /** A postcode right after a run: "Ashby Parva| LE17 5HY". */
  postcodeAfter: RegExp;
  /** A nickname or a name used alone after an alias phrase: "known to everyone as "Jax"", "call her Summer". */
  alias: RegExp;
  /** A name in quotes ('Mo'), and the name words right before and after it: "Mohammed 'Mo' Rashid". */
  quoted: RegExp;
  nameBefore: RegExp;
  nameAfter: RegExp;
  /** The last words of the address introducers ("at" of "lived at"): a cheap test before introducerBefore. */
  introducerEnds: Set<string>;
}

const compiled = new WeakMap<RedactionLexicon, Compiled>();

/** What a report says is a place: words it uses as places, and where the lexicon's place names stand in it. */
interface Places {
  /** Capitalised words used as places or organisations ("in Selbrook", "Selbrook LSCB"). */
  words: Set<string>;
  /** Offsets of the words that are part of a place name of the lexicon ("Milton Keynes"). */
  named: Set<number>;
}

/** A capitalised word or an acronym ("Selbrook", "LSCB"), apostrophes and hyphens inside. */
const CAPITALISED = "\\p{Lu}[\\p{L}'’-]*(?<!['’-])(?![\\p{L}\\p{N}])";

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
    titleOfCapitals: new Map([...titleGender.keys()].map((t) => [t.toUpperCase(), t])),
    loneNameRoles: new Set(lex.lone_name_roles),
    pseudonymHeads: new Set(lex.pseudonym_heads),
    neverUntitled: new Set([
      ...lex.address.street_words,
      ...lex.address.unit_words,
      ...lex.address.street_prefixes,
      ...lex.date_of_birth.month_names,
      ...lex.roles.flatMap((r) => r.phrases.flatMap((p) => p.split(/[\s-]+/))).map((w) => w[0].toUpperCase() + w.slice(1)),
    ]),
    afterDeterminer: new RegExp(`(?<![\\p{L}])${alternation(lex.determiners, eitherCaseFirst)}${SP}$`, 'u'),
    capitalisedRun: new RegExp(`(?<![\\p{L}\\p{N}'’-])${CAPITALISED}(?:${SP}${CAPITALISED})*`, 'gu'),
    placeBefore: new Set(lex.place_evidence.before),
    placeAfter: new Set(lex.place_evidence.after),
    placeName: new RegExp(`(?<![\\p{L}\\p{N}'’-])${alternation([...lex.place_names, ...lex.address.not_addresses])}(?![\\p{L}\\p{N}])`, 'gu'),
    notNames: new Set([...lex.not_names, ...lex.pseudonym_heads]),
    notAlone: new Set([...lex.not_names, ...lex.pseudonym_heads, ...lex.not_alone]),
    givenNames: givenNameGenders(lex),
    roleByPhrase,
    genderOfRoleWord: new Map<string, Gender>([
      ...lex.gendered_role_words.female.map((w): [string, Gender] => [w.toLowerCase(), 'female']),
      ...lex.gendered_role_words.male.map((w): [string, Gender] => [w.toLowerCase(), 'male']),
    ]),
    // A name word before an initial: "Ms Ó Súilleabháin" is a surname, not the initial Ó.
    // A police officer's collar number may stand between title and name: "PC 4471 Marsh".
    titled: new RegExp(`(?<![\\p{L}\\p{N}])(?<title>${titles})\\.?${SP}(?:\\d{1,6}${SP})?(?:(?<w1>${name})(?:${SP}(?<w2>${name}))?|(?<initial>${INITIAL}))`, 'gud'),
    run: new RegExp(`(?<![\\p{L}\\p{N}'’-])${NAME_WORD}(?:${SP}${name}){1,3}`, 'gu'),
    word: new RegExp(name, 'gu'),
    introductions: introductionPatterns(lex, titles, name),
    spaceJoined: lex.introductions.map((t) => /\{role\} \{name\}|\{name\} (?:\{det\})?\{role\}/.test(t)),
    appositive: lex.introductions.map((t) => /\{(?:role|where)\}, \{name\}/.test(t)),
    titleAndRest: new RegExp(`^(?:(?<title>${titles})\\.?${SP})?(?<rest>[^]*)$`, 'u'),
    pluralList: pluralListPattern(lex, name),
    pluralRoles: new Map(lex.plural_roles.roles.flatMap((r) => r.phrases.map((p): [string, (typeof r)] => [p.toLowerCase(), r]))),
    listItem: new RegExp(`(?<item>${NAME_WORD}(?:${SP}${name}){0,2})(?:${SP}?\\([^()\\n]{1,30}\\))?`, 'gu'),
    listPriority: lex.introductions.includes('{det}{role}, {name}') ? lex.introductions.indexOf('{det}{role}, {name}') : lex.introductions.length,
    monthNames: new Set(lex.date_of_birth.month_names),
    pseudonymApposition: pseudonymAppositionPattern(lex, titles),
    ordinaryAfter: new RegExp(`(?<![\\p{L}])${alternation(lex.ordinary_after, eitherCaseFirst)}${SP}$`, 'u'),
    placeNameWords: new Set(lex.place_names.filter((p) => !/\s/.test(p))),
    introducerBefore: new RegExp(`(?<![\\p{L}])${alternation(lex.address.introducers, eitherCaseFirst)}${SP}$`, 'u'),
    streetBefore: new RegExp(`${NAME_WORD}${SP}${alternation(lex.address.street_words)},${SP}$`, 'u'),
    postcodeAfter: /^[^\S\n]+(?:[A-Z]{1,2}\d[A-Z\d]?) ?\d[A-Z]{2}(?![\p{L}\p{N}])/u,
    alias: aliasPattern(lex),
    quoted: new RegExp(QUOTED_NAME, 'gud'),
    nameBefore: new RegExp(`(?<![\\p{L}\\p{N}'’-])(?<first>${NAME_WORD})${SP}$`, 'u'),
    nameAfter: new RegExp(`^${SP}(?<surname>${NAME_WORD})`, 'u'),
    introducerEnds: new Set(lex.address.introducers.map((i) => i.split(' ').pop()!.toLowerCase())),
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
  // A determiner is not taken where a role phrase starts: "her partner", "mother's partner" are
  // roles of their own. Only phrases a determiner or a possessive could open are looked ahead
  // for: the whole role list twice over would pass the size (20 KB) beyond which V8 stops
  // optimising a regular expression, and matching gets ten times slower.
  const determiners = new Set(lex.determiners.map((d) => d.toLowerCase()));
  const openedByDet = lex.roles
    .flatMap((r) => r.phrases)
    .filter((p) => determiners.has(p.split(' ')[0].toLowerCase()) || p.split(' ').slice(0, 2).some((w) => /['’]s$/u.test(w)));
  const detRole = openedByDet.length ? `(?<![\\p{L}])${alternation(openedByDet, capitalisable)}(?![\\p{L}])` : '(?!)';
  const det = `(?:(?!${detRole})(?:${alternation(lex.determiners, eitherCaseFirst)}(?![\\p{L}])|${possessive})${SP})?`;
  // An agency between role and name: "from Action for Children", "at Kooth".
  const a = lex.agency_phrase;
  const agencyWord = "\\p{Lu}[\\p{L}'’&-]*";
  const joiners = `(?:${alternation(a.joiners)}${SP})*`;
  const where = `${alternation(a.prepositions)}${SP}${joiners}${agencyWord}(?:${SP}${joiners}${agencyWord}){0,${a.max_words - 1}}`;
  return lex.introductions.map((template) => {
    const source = template
      .split(/(\{\w+\}| )/)
      .map((part) => {
        if (part === '{name}') return `(?<name>${name})`;
        if (part === '{role}') return `(?<role>${role})`;
        if (part === '{det}') return det;
        if (part === '{where}') return where;
        if (part === ' ') return SP;
        return escapeRegExp(part);
      })
      .join('');
    return new RegExp(`(?<![\\p{L}\\p{N}'’-])${source}`, 'gud');
  });
}

/** A name word with the surname particles that open it: "Merwe", "van der Merwe", "Ó Súilleabháin". */
function particledNameWord(lex: RedactionLexicon): string {
  const particle = `(?<![\\p{L}\\p{N}'’-])${alternation(lex.surname_particles)}`;
  // "al-Rashid": a particle may be joined by a hyphen.
  return `(?:${particle}(?:${SP}|-))*${NAME_WORD}`;
}

/** A name in quotes: 'Bigz', "Jax", ‘Mo’. */
const QUOTED_NAME = `['‘"“](?<quoted>${NAME_WORD}(?:${SP}${NAME_WORD})?)['’"”]`;

/**
 * An alias phrase of the lexicon, then a name in quotes or one or two capitalised words:
 * "known to everyone as "Jax"", "known at home as Miki", "a worker called Sasha", "call her
 * Summer". In an opener "…" stands for up to four lower-case words ("known … as").
 */
function aliasPattern(lex: RedactionLexicon): RegExp {
  const phrase = (o: string) => o.split('…').map((part) => escapeRegExp(part.trim()).replace(/ /g, SP)).join(`(?:${SP}\\p{Ll}+){0,4}?${SP}`);
  const openers = [...lex.aliases.openers].sort((a, b) => b.length - a.length).map((o) => eitherCaseFirst(phrase(o)));
  const naming = [...lex.aliases.naming].sort((a, b) => b.length - a.length).map((o) => eitherCaseFirst(phrase(o)));
  const givenOnly = [...lex.aliases.given_name_openers].sort((a, b) => b.length - a.length).map((o) => eitherCaseFirst(phrase(o)));
  // Not a possessive: "called Barnardo's", "called Sasha's mother".
  const bare = `(?<bare>${NAME_WORD}(?:${SP}${NAME_WORD})?)(?!['’]s(?![\\p{L}]))`;
  return new RegExp(`(?<![\\p{L}])(?:(?<naming>${naming.join('|')})|(?<givenOnly>${givenOnly.join('|')})|${openers.join('|')})${SP}(?:${QUOTED_NAME}|${bare})`, 'gud');
}

/**
 * A plural role, a comma or not, then two names or more joined by a conjunction, each perhaps
 * followed by something in brackets: "the half-siblings, Ruby (aged 6) and Mason (aged 4)",
 * "the maternal grandparents, Pauline and Clive Ashworth".
 */
function pluralListPattern(lex: RedactionLexicon, nameWord: string): RegExp {
  // In lower case only: capitalised, a plural role is part of a proper noun ("(Department for) Children, Schools and Families").
  const role = alternation(lex.plural_roles.roles.flatMap((r) => r.phrases));
  const item = `${NAME_WORD}(?:${SP}${nameWord}){0,2}(?:${SP}?\\([^()\\n]{1,30}\\))?`;
  const conjunction = alternation(lex.plural_roles.conjunctions);
  // Where the role starts (not inside "grandchildren") is checked by listedCandidates: a lookbehind here doubles the time.
  return new RegExp(`(?<role>${role}),?${SP}(?<list>${item}(?:,${SP}${item})*,?${SP}${conjunction}${SP}${item})`, 'gud');
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
  const { text: folded, foldedAt } = foldCapitalRuns(text, c);
  const places: Places = { words: placeWords(folded, c), named: placeNameOffsets(folded, c) };
  const candidates = [
    ...titledCandidates(folded, c, foldedAt),
    ...fullNameCandidates(folded, c, places, foldedAt),
    ...introducedCandidates(folded, c, places, foldedAt),
    ...listedCandidates(folded, c, places),
    ...aliasCandidates(folded, c, places),
    ...untitledNameCandidates(folded, c, places, { foldedAt, acronyms: acronymsIn(text, c) }),
  ];
  candidates.push(...pseudonymAppositionCandidates(folded, c));
  candidates.push(...givenBeforeTitledSurname(folded, c, places, candidates));
  const prior = known.people.map(copyPerson);
  const people = buildPeople(candidates, c, [...prior]);
  labelPeople(people.slice(prior.length), prior);
  const mentions = [...formMentions(text, people, c, places), ...initialMentions(text, people, c)];
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

function titledCandidates(text: string, c: Compiled, foldedAt: Set<number>): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(c.titled)) {
    const g = m.groups!;
    if (g.initial) continue; // initials are resolved against the people found, below
    // In capitals, "MR AND MRS M" is no Mr And: the word after a title must not be an ordinary one.
    const [w1At] = m.indices!.groups!.w1!;
    if (foldedAt.has(w1At) && (c.notNames.has(g.w1) || isOrdinaryWord(g.w1))) continue;
    const words = [g.w1, g.w2].filter((w): w is string => !!w && !c.notNames.has(w));
    // After a title the word is a surname even if it is an ordinary word ("Mr Young").
    if (!words.length) words.push(g.w1);
    out.push({ start: m.index!, title: g.title, words, role: null, roleGender: null, rolePriority: Infinity });
  }
  return out;
}

/** A given name the lexicon knows, then a surname: "Jane Smith"; "Sarah Jane Smith" when the middle word is a given name too. */
function fullNameCandidates(text: string, c: Compiled, places: Places, foldedAt: Set<number>): Candidate[] {
  const out: Candidate[] = [];
  for (const run of text.matchAll(c.run)) {
    const words = [...run[0].matchAll(c.word)].map((w) => ({ word: w[0], at: run.index! + w.index! }));
    for (let i = 0; i + 1 < words.length; i++) {
      if (!isGivenName(words[i].word, c)) continue;
      const length = i + 2 < words.length && isGivenName(words[i + 1].word, c) && !c.notNames.has(words[i + 2].word) ? 3 : 2;
      const picked = words.slice(i, i + length).map((w) => w.word);
      if (picked.some((w) => c.notNames.has(w) || c.titleGender.has(w))) continue;
      // "Milton Keynes" is a place; "the Lucy Faithfull Foundation" an organisation.
      if (words.slice(i, i + length).every((w) => places.named.has(w.at)) || c.placeAfter.has(words[i + length]?.word)) continue;
      // In capitals, headings abound: "GRACE PERIOD" is not a name, "HESTER GRIMSDYKE" is.
      const last = words[i + length - 1];
      if (foldedAt.has(last.at) && isOrdinaryWord(last.word)) continue;
      out.push({ start: words[i].at, title: null, words: picked, role: null, roleGender: null, rolePriority: Infinity });
      i += length - 1;
    }
  }
  return out;
}

function pseudonymAppositionPattern(lex: RedactionLexicon, titles: string): RegExp {
  const word = "\\p{Lu}\\p{Ll}+(?:[-'’]\\p{Lu}?\\p{Ll}+)*";
  const pseudonym = `(?<head>${alternation(lex.pseudonym_heads)}|${titles})\\.?${SP}\\p{Lu}\\d?`;
  return new RegExp(`(?<![\\p{L}\\p{N}])${pseudonym},${SP}(?<name>${word}(?:${SP}${word}){0,2})(?=${SP}?[,(])`, 'gud');
}

/**
 * The name a pseudonym stands for, given in apposition: "Child P, Poppy Ashworth, was aged
 * three", "Ms K, Crystal Bolton, was 19". The pseudonym says a person is meant, so the words
 * may be ordinary ones ("Poppy", "Crystal", "Ward"); the pseudonym itself stays. A child's
 * pseudonym gives the role; a title's ("Ms K") gives none.
 */
function pseudonymAppositionCandidates(text: string, c: Compiled): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(c.pseudonymApposition)) {
    const words = m.groups!.name.split(/\s+/);
    if (words.some((w) => c.titleGender.has(w) || c.monthNames.has(w) || c.pseudonymHeads.has(w))) continue;
    const role = c.roleByPhrase.get(m.groups!.head.toLowerCase()) ?? null;
    out.push({ start: m.indices!.groups!.name![0], title: null, words, role, roleGender: null, rolePriority: 0 });
  }
  return out;
}

/**
 * A capitalised word before a surname the report gives after a title: "Quillon Baker was seen
 * at the door. Mr Baker said …". The title makes "Baker" a surname even though it is an
 * ordinary word; the word before it must still be one that may be a name ("the Baker" is not).
 */
function givenBeforeTitledSurname(text: string, c: Compiled, places: Places, found: Candidate[]): Candidate[] {
  const surnames = new Set(found.filter((f) => f.title && f.words.length === 1).map((f) => f.words[0]));
  if (!surnames.size) return [];
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}'’-])(?<first>\\p{Lu}\\p{Ll}+)${SP}(?<surname>${alternation([...surnames])})(?![\\p{L}\\p{N}'’-])`, 'gu');
  const out: Candidate[] = [];
  for (const m of text.matchAll(pattern)) {
    const first = m.groups!.first;
    if (c.notNames.has(first) || c.titleGender.has(first) || !(isGivenName(first, c) || mayBeUnknownName(first, c, places))) continue;
    out.push({ start: m.index!, title: null, words: [first, m.groups!.surname], role: null, roleGender: null, rolePriority: Infinity });
  }
  return out;
}

/** A given name the lexicon knows; hyphenated, one of its parts ("Amber-Rose", "Lily-Mae"). */
function isGivenName(word: string, c: Compiled): boolean {
  if (c.notNames.has(word)) return false;
  if (c.givenNames.has(word.toLowerCase())) return true;
  const parts = word.split('-');
  return parts.length > 1 && parts.every((p) => /^\p{Lu}/u.test(p) && !c.notNames.has(p)) && parts.some((p) => c.givenNames.has(p.toLowerCase()));
}

function introducedCandidates(text: string, c: Compiled, places: Places, foldedAt: Set<number>): Candidate[] {
  const out: Candidate[] = [];
  c.introductions.forEach((pattern, priority) => {
    for (const m of text.matchAll(pattern)) {
      const [nameStart] = m.indices!.groups!.name!;
      const parsed = c.titleAndRest.exec(m.groups!.name)!.groups!;
      const title = parsed.title ?? null;
      const written = m.groups!.role.replace(/\s+/g, ' ');
      const phrase = written.toLowerCase();
      const role = c.roleByPhrase.get(phrase) ?? null;
      const restAt = nameStart + m.groups!.name.length - parsed.rest.length;
      const found = [...parsed.rest.matchAll(c.word)];
      // In capitals, "HIS SISTER WAS FOUR" introduces no one: the name must not end in an ordinary word.
      const last = found[found.length - 1];
      if (last && foldedAt.has(restAt + last.index!) && isOrdinaryWord(last[0])) continue;
      let words = found.map((w) => w[0]);
      if (!title) {
        // Sentence openers ("When Jane Smith, the GP, ...") are not part of the name.
        while (words.length && c.notNames.has(words[0])) words = words.slice(1);
        // An institution ("the social worker, Harrowgate Council") is no one's name; a single
        // unknown capitalised word may be a place, so one word must be a known given name,
        // except after a role in lone_name_roles, where a lone capitalised word that is not an ordinary
        // word or a place in the report is a given name ("the grandmother, Perpetua", "half-brother
        // Kester"); a capitalised pseudonym head stays a pseudonym ("Child Kester", "Baby Q").
        // In apposition, closed by a comma or a bracket, the words are the name: even an ordinary
        // word alone ("her youth worker, Dean, said"), or after a known given name a surname that
        // is otherwise never a name ("the community midwife, Ruth Ward, saw").
        const closedAfter = c.appositive[priority] && /^(?:[^\S\n]*[,(;:–]|\))/u.test(text.slice(nameStart + m.groups!.name.length));
        const surnameExcused = closedAfter && words.length >= 2 && isGivenName(words[0], c);
        if (!words.length || words.some((w, i) => c.notNames.has(w) && !(surnameExcused && i > 0))) continue;
        const lone = words.length === 1 && !isGivenName(words[0], c);
        const family = role !== null && c.loneNameRoles.has(role) && !c.pseudonymHeads.has(written);
        const closed = words.length === 1 && closedAfter;
        const kin = lone && family && (mayBeUnknownName(words[0], c, places) || (closed && mayBeOrdinaryName(words[0], c, places)));
        if (lone && !kin) continue;
        // "National Child Measurement Programme": a capitalised role word run into capitalised
        // words is a proper noun, not an introduction, unless a given name says otherwise.
        if (c.spaceJoined[priority] && !/^\p{Ll}/u.test(m.groups!.role) && !isGivenName(words[0], c) && !kin) continue;
      } else if (!words.length) continue; // "Mr R": an initial, resolved later
      const roleGender = c.genderOfRoleWord.get(phrase.split(' ').pop()!) ?? null;
      const alone = !title && words.length === 1 && c.appositive[priority] && c.notAlone.has(words[0]);
      out.push({ start: nameStart, title, words, role, roleGender, rolePriority: priority, alone });
    }
  });
  return out;
}

/**
 * Nicknames and names used alone after an alias phrase, each a person of its own (the label
 * does not say whose nickname it is): in quotes any name ("known as 'Bigz'"); without quotes a
 * given name the lexicon knows or a word that is no ordinary word ("known at home as Miki", "a
 * worker called Sasha"; not "called Barnardo's"), one or two words ("known to the family as
 * Nanny Pat": the last a given name); after a naming phrase any word that may be a name ("call
 * her Summer"). And a nickname in quotes inside a full name: "Mohammed 'Mo' Rashid".
 */
function aliasCandidates(text: string, c: Compiled, places: Places): Candidate[] {
  const out: Candidate[] = [];
  const add = (at: number, words: string[]) =>
    out.push({ start: at, title: null, words, role: null, roleGender: null, rolePriority: Infinity, alone: words.length === 1 && c.notAlone.has(words[0]) });
  const fits = (w: string) => !c.notNames.has(w) && !c.titleGender.has(w) && !c.neverUntitled.has(w) && !places.words.has(w);
  for (const m of text.matchAll(c.alias)) {
    const g = m.groups!;
    const written = g.quoted ?? g.bare!;
    const [at] = m.indices!.groups![g.quoted ? 'quoted' : 'bare']!;
    const words = [...written.matchAll(c.word)].map((w) => w[0]);
    if (!words.length || !words.every(fits)) continue;
    const last = words[words.length - 1];
    const named = g.quoted || g.naming || isGivenName(last, c) || (!g.givenOnly && words.every((w) => mayBeUnknownName(w, c, places)));
    if (named) add(at, words);
  }
  // Found from the quotes (a search from every capitalised word is slow).
  for (const m of text.matchAll(c.quoted)) {
    const start = m.index!;
    const end = start + m[0].length;
    const before = c.nameBefore.exec(text.slice(Math.max(0, start - 40), start));
    const after = c.nameAfter.exec(text.slice(end, end + 40));
    if (!before || !after) continue;
    const words = [...m.groups!.quoted.matchAll(c.word)].map((w) => w[0]);
    const { first } = before.groups!;
    const { surname } = after.groups!;
    if (!isGivenName(first, c) || !words.every(fits) || !fits(surname)) continue;
    add(start - before[0].length, [first, surname]);
    add(m.indices!.groups!.quoted![0], words);
  }
  return out;
}

/**
 * The names in a list after a plural role ("the half-siblings, Ruby (aged 6) and Mason (aged
 * 4)", "the maternal grandparents, Pauline and Clive Ashworth"): each is a person with the
 * role's label, or the label the given name's sex says ("grandmother", "grandfather"). A lone
 * name before a full one shares its surname. A list with a word that is never a name, a title
 * or a place of the report in it is no list of names ("the parents, Mr and Mrs K").
 */
function listedCandidates(text: string, c: Compiled, places: Places): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(c.pluralList)) {
    const plural = c.pluralRoles.get(m.groups!.role.replace(/\s+/g, ' ').toLowerCase());
    if (!plural || /\p{L}/u.test(text[m.index! - 1] ?? '')) continue;
    const [listStart] = m.indices!.groups!.list!;
    const items = [...m.groups!.list.matchAll(c.listItem)].map((i) => ({ words: [...i.groups!.item.matchAll(c.word)].map((w) => w[0]), at: listStart + i.index! }));
    const fits = (w: string) => !c.notNames.has(w) && !c.titleGender.has(w) && !places.words.has(w);
    if (items.length < 2 || !items.every((i) => i.words.length && i.words.every(fits))) continue;
    // Ordinary words ("Mason") are names beside one that is surely a name ("Ruby", "Clive Ashworth").
    const sure = (i: { words: string[] }) => i.words.length > 1 || isGivenName(i.words[0], c) || mayBeUnknownName(i.words[0], c, places);
    if (!items.some(sure) || !items.every((i) => sure(i) || mayBeOrdinaryName(i.words[0], c, places))) continue;
    const surname = items[items.length - 1].words.length > 1 ? items[items.length - 1].words.slice(-1) : [];
    for (const item of items) {
      const words = item.words.length === 1 ? [...item.words, ...surname] : item.words;
      const gender = c.givenNames.get(words[0].toLowerCase()) ?? null;
      const role = (gender && plural[gender]) || plural.label;
      const roleGender = c.genderOfRoleWord.get(role) ?? null;
      out.push({ start: item.at, title: null, words, role, roleGender, rolePriority: c.listPriority, alone: words.length === 1 && c.notAlone.has(words[0]) });
    }
  }
  return out;
}

/**
 * A word that can be part of a name nobody introduced: not an ordinary English word, not a word
 * the lexicon says is never a name or never one alone, not a title, street, month or role word,
 * and not used as a place in this report.
 */
function mayBeUnknownName(word: string, c: Compiled, places: Places): boolean {
  return !c.notAlone.has(word) && !c.titleGender.has(word) && !c.neverUntitled.has(word) && !places.words.has(word) && !isOrdinaryWord(word);
}

/**
 * A word that may be a given name where the sentence says it is one (in apposition after a
 * role, in a list after a plural role), even an ordinary word ("Dean", "Mason", "Summer"): not
 * a word that is never a name, a title, a street, month or role word, or a place of the report.
 */
function mayBeOrdinaryName(word: string, c: Compiled, places: Places): boolean {
  return !c.notNames.has(word) && !c.titleGender.has(word) && !c.neverUntitled.has(word) && !places.words.has(word);
}

/**
 * Two or three capitalised words that may all be names, with no title, given name or role to
 * say so: "Quillon Sparrowhawk was seen at the door". Ordinary words before them are sentence
 * openers ("Later Quillon Sparrowhawk"); an ordinary word among or after them makes a proper
 * noun ("Fallowfield Cross", "Selbrook Kingsmere Partnership"); so does a determiner before
 * them ("the Selbrook Kingsmere review") or an acronym after them ("Selbrook Kingsmere LSCB").
 * Words that were in capitals (`capitals.foldedAt`) must look like names, not acronyms: three
 * letters or more with a vowel, never used as an acronym elsewhere in the report ("a MARAC
 * referral"), and in a sentence, not a heading: a lower-case word follows on the line
 * ("QUILLON SPARROWHAWK attended A&E").
 */
function untitledNameCandidates(text: string, c: Compiled, places: Places, capitals: { foldedAt: Set<number>; acronyms: Set<string> }): Candidate[] {
  const out: Candidate[] = [];
  const looksLikeName = (w: { word: string; at: number }) =>
    !capitals.foldedAt.has(w.at) || (w.word.length >= 3 && /[aeiouy]/iu.test(w.word) && !capitals.acronyms.has(w.word.toUpperCase()));
  for (const run of text.matchAll(c.capitalisedRun)) {
    const words = [...run[0].matchAll(c.word)].map((w) => ({ word: w[0], at: run.index! + w.index! }));
    // An acronym in the run ("Selbrook Kingsmere LSCB") makes it an organisation.
    if (words.map((w) => w.word).join('') !== run[0].replace(/['’]s(?![\p{L}])|\s+/gu, '')) continue;
    let first = 0;
    while (first < words.length && !mayBeUnknownName(words[first].word, c, places)) first++;
    const name = words.slice(first);
    if (name.length < 2 || name.length > 3 || !name.every((w) => mayBeUnknownName(w.word, c, places))) continue;
    if (name.every((w) => places.named.has(w.at))) continue; // "Merthyr Tydfil", "Croydon Kingston Sutton"
    if (first === 0 && c.afterDeterminer.test(text.slice(Math.max(0, run.index! - 12), run.index!))) continue;
    if (!name.every(looksLikeName)) continue;
    const inSentence = /^,?[^\S\n]+\p{Ll}/u.test(text.slice(run.index! + run[0].length));
    if (name.some((w) => capitals.foldedAt.has(w.at)) && !inSentence) continue;
    out.push({ start: name[0].at, title: null, words: name.map((w) => w.word), role: null, roleGender: null, rolePriority: Infinity });
  }
  return out;
}

/**
 * Capitalised words this report uses as places or organisations: after a place preposition
 * ("born in Selbrook", "near Fallowfield Cross"; not "in Quillon Sparrowhawk's care") or
 * before an organisation word or acronym ("Selbrook Council", "Kingsmere LSCB"). They are not
 * taken for names nobody introduced.
 */
function placeWords(text: string, c: Compiled): Set<string> {
  const out = new Set<string>();
  const nameLike = (w: string) => /\p{Ll}/u.test(w) && !c.notAlone.has(w) && !c.titleGender.has(w) && !isOrdinaryWord(w);
  for (const run of text.matchAll(c.capitalisedRun)) {
    const words = run[0].split(/\s+/);
    const before = /(\p{L}+)[^\S\n]+$/u.exec(text.slice(Math.max(0, run.index! - 20), run.index!))?.[1];
    const possessive = /^['’]s(?![\p{L}])/u.test(text.slice(run.index! + run[0].length));
    if (before && c.placeBefore.has(before.toLowerCase()) && !possessive) {
      for (const w of words) {
        if (!nameLike(w)) break;
        out.add(w);
      }
    }
    // Where someone moved or lived ("moved from Kirkby Lonsdale"), the town after a street
    // ("Long Lane, Ashby Parva") or before a postcode: a place, unless a given name says a person.
    const preceding = text.slice(Math.max(0, run.index! - 40), run.index!);
    const introduced = before !== undefined && c.introducerEnds.has(before.toLowerCase()) && c.introducerBefore.test(preceding);
    const afterStreet = /,[^\S\n]+$/u.test(preceding) && c.streetBefore.test(preceding);
    const postcode = c.postcodeAfter.test(text.slice(run.index! + run[0].length, run.index! + run[0].length + 12));
    if ((introduced || afterStreet || postcode) && !possessive && !words.some((w) => isGivenName(w, c))) {
      for (const w of words) if (nameLike(w)) out.add(w);
    }
    words.forEach((w, i) => {
      if (!c.placeAfter.has(w) && !c.placeAfter.has(w.toUpperCase())) return; // "LSCB" may have been read as "Lscb"
      for (let j = i - 1; j >= 0 && nameLike(words[j]); j--) out.add(words[j]);
    });
  }
  return out;
}

/**
 * Words in capitals the report uses as acronyms: on their own after a determiner ("a MARAC
 * referral", "the MASH"), where a name in capitals does not stand ("SPARROWHAWK left").
 */
function acronymsIn(text: string, c: Compiled): Set<string> {
  const word = "\\p{Lu}(?:['’]?\\p{Lu})+";
  const out = new Set<string>();
  for (const m of text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}'’-])${word}(?:[^\\S\\n]+${word})*(?![\\p{L}\\p{N}])`, 'gu'))) {
    if (!/\s/u.test(m[0]) && c.afterDeterminer.test(text.slice(Math.max(0, m.index! - 12), m.index!))) out.add(m[0]);
  }
  return out;
}

/** Offsets of every word that is part of a place name of the lexicon in the text. */
function placeNameOffsets(text: string, c: Compiled): Set<number> {
  const out = new Set<number>();
  for (const m of text.matchAll(c.placeName)) {
    for (const w of m[0].matchAll(/\p{L}[\p{L}'’-]*/gu)) out.add(m.index! + w.index!);
  }
  return out;
}

/**
 * The text with each run of two to four words in capitals written as a name would be ("HESTER
 * GRIMSDYKE attended" → "Hester Grimsdyke attended", "MRS HESTER GRIMSDYKE"), so the ways of
 * finding a name apply to it; every other character stays where it was, so offsets are the
 * text's own. A longer run is a sentence or a heading in capitals, where every word would look
 * like a name ("THE MOTHER WAS SEEN BY THE GP"), and stays. Words of two letters stay in
 * capitals (acronyms: "ED", "AL") unless they are a title ("MR", "MS", "DR"), as do titles that
 * are written in capitals ("PC", "DCI"). `foldedAt` holds where each rewritten word starts.
 */
function foldCapitalRuns(text: string, c: Compiled): { text: string; foldedAt: Set<number> } {
  const word = new RegExp("\\p{Lu}(?:['’]?\\p{Lu})+(?:-\\p{Lu}(?:['’]?\\p{Lu})+)*", 'gu');
  const run = new RegExp(`(?<![\\p{L}\\p{N}'’-])${word.source}(?:${SP}${word.source})+(?![\\p{L}\\p{N}])`, 'gu');
  const foldedAt = new Set<number>();
  const folded = text.replace(run, (found, at: number) =>
    found.match(word)!.length > 4 ? found : found.replace(word, (w, inRun: number) => {
      const asName = nameCase(w, c);
      if (asName !== w) foldedAt.add(at + inRun);
      return asName;
    }),
  );
  return { text: folded, foldedAt };
}

/** A word in capitals as a name would be written: "GRIMSDYKE" → "Grimsdyke", "O'BRIEN" → "O'Brien", "MRS" → "Mrs"; acronyms and "PC" stay. */
function nameCase(w: string, c: Compiled): string {
  if (c.titleGender.has(w)) return w;
  const title = c.titleOfCapitals.get(w);
  if (title) return title.length === w.length ? title : w;
  if (w.replace(/['’-]/g, '').length < 3) return w;
  const asName = w.toLowerCase().replace(/(^|-|['’](?=\p{L}{2}))(\p{L})/gu, (_m, before: string, letter: string) => before + letter.toUpperCase());
  return asName.length === w.length ? asName : w;
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
    if (cand.alone && person.first === cand.words[0]) person.alone = true;
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
  const person: Person = { ...p, titles: new Set(), role: null, firstSeen: p.at, label: '', alone: false };
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
function formMentions(text: string, people: Person[], c: Compiled, places: Places): Replacement[] {
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
    if (p.first && (!c.notAlone.has(p.first) || p.alone)) add(p.first, p);
  }
  // The family by its surname: "the Ashworths", "the Ashworths' home" (any of them: "[name]").
  const plurals = new Set<string>();
  for (const p of people) {
    const plural = p.surname && !c.notAlone.has(p.surname) && !/[sxz]$/u.test(p.surname) ? `${p.surname}s` : null;
    if (plural && !forms.has(plural)) {
      plurals.add(plural);
      add(plural, p);
    }
  }
  // Every form in capitals too ("HESTER GRIMSDYKE", "GRIMSDYKE"), but not a short one that
  // could be an acronym ("ED" for Ed, the emergency department).
  for (const [form, set] of [...forms]) {
    const upper = form.toUpperCase();
    if (upper !== form && upper.replace(/[^\p{L}]/gu, '').length >= 3 && !forms.has(upper)) forms.set(upper, set);
  }
  // After a title, the surname even when it is an ordinary word: "Mr Young".
  const titledForms = people.filter((p) => p.surname && c.notAlone.has(p.surname) && p.titles.size);
  if (!forms.size && !titledForms.length) return [];
  const titles = alternation([...c.titleGender.keys(), ...c.titleOfCapitals.keys()]);
  const plain = forms.size ? `(?:(?<title>${titles})\\.?${SP})?(?<form>${alternation([...forms.keys()])})` : '(?!)';
  const titledOnly = titledForms.length ? `(?<title2>${titles})\\.?${SP}(?<form2>${alternation(titledForms.flatMap((p) => [p.surname!, p.surname!.toUpperCase()]))})` : '(?!)';
  // Not the end of another name ("O'Brien" is no "Brien"), but a name in quotes ("'Mo'").
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}-])(?<!\\p{L}['’])(?:${plain}|${titledOnly})(?![\\p{L}\\p{N}])`, 'gu');
  const out: Replacement[] = [];
  for (const m of text.matchAll(pattern)) {
    const g = m.groups!;
    const written = g.title ?? g.title2 ?? null;
    const title = written && (c.titleGender.has(written) ? written : c.titleOfCapitals.get(written)!);
    const form = (g.form ?? g.form2).replace(/\s+/g, ' ');
    if (!written && !/\s/.test(form) && usedAsOtherWord(text, m.index!, m.index! + m[0].length, form, c, places)) continue;
    if (plurals.has(form)) {
      if (!written && (c.afterDeterminer.test(text.slice(Math.max(0, m.index! - 12), m.index!)) || /^['’]/u.test(text.slice(m.index! + m[0].length)))) {
        out.push({ start: m.index!, end: m.index! + m[0].length, label: AMBIGUOUS_LABEL, kind: 'person' });
      }
      continue;
    }
    const candidates = g.form ? [...forms.get(form)!] : titledForms.filter((p) => p.surname === form || p.surname!.toUpperCase() === form);
    out.push({ start: m.index!, end: m.index! + m[0].length, label: labelFor(candidates, title, c), kind: 'person' });
  }
  return out;
}

/**
 * A name word alone where the text uses it as something else: a month beside a day or a year
 * ("14 Jan 2014" when the school nurse is Jan Whitlock), a season or month before a year
 * ("Summer 2014"), a word after a determiner ("the Summer term"), or a place before a word that
 * makes it one or after a place preposition ("Kent Police" when the chair is Cllr Rosemary Kent,
 * "in Kent").
 */
function usedAsOtherWord(text: string, start: number, end: number, form: string, c: Compiled, places: Places): boolean {
  const before = text.slice(Math.max(0, start - 24), start);
  const after = text.slice(end, end + 24);
  const word = form[0] + form.slice(1).toLowerCase();
  if ((c.monthNames.has(word) || c.notAlone.has(word)) && /^[^\S\n]+\d/u.test(after)) return true;
  if (c.monthNames.has(word) && /(?<!\d)\d{1,2}(?:st|nd|rd|th)?[^\S\n]+$/u.test(before)) return true; // a day, not "2014 Jan saw"
  if (c.notAlone.has(word) && c.ordinaryAfter.test(before)) return true;
  if (c.placeNameWords.has(word) || places.words.has(word)) {
    const next = /^[^\S\n]+(\p{L}+)/u.exec(after)?.[1];
    const previous = /(\p{L}+)[^\S\n]+$/u.exec(before)?.[1];
    if ((next && (c.placeAfter.has(next) || c.placeAfter.has(next.toUpperCase()))) || (previous && c.placeBefore.has(previous.toLowerCase()))) return true;
  }
  return false;
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
