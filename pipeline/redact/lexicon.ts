// lexicons/redaction.json: the wording redaction relies on (titles, roles, the patterns that
// introduce a name, month and street words), loaded once and checked against its schema and
// for what a schema cannot say, so a bad edit fails at load naming the file and the reason.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lexiconDir } from '../paths.js';
import { type Schema, validate } from '../tag/validate.js';

export interface RedactionRole {
  label: string;
  phrases: string[];
  note?: string;
}

/** A plural role before a list of names ("the half-siblings, Ruby and Mason"): each name gets `label`, or the label its sex says. */
export interface PluralRole {
  phrases: string[];
  label: string;
  female?: string;
  male?: string;
}

export interface RedactionLexicon {
  version: string;
  titles: { male: string[]; female: string[]; neutral: string[] };
  pseudonym_heads: string[];
  roles: RedactionRole[];
  gendered_role_words: { female: string[]; male: string[] };
  introductions: string[];
  /**
   * Phrases before a nickname or a name used alone: openers ("known … as", "called"; "…" is up to
   * four lower-case words) before a quoted word, a known given name or a word that is no
   * ordinary word; given-name openers ("called") before a quoted word or a known given name
   * only ("an app called Kik" is no one); naming phrases ("call her") before any capitalised word that may be a name.
   */
  aliases: { openers: string[]; given_name_openers: string[]; naming: string[] };
  /** What {where} in an introduction matches: a preposition and an agency between role and name ("the support worker from Action for Children, Lorna,"). */
  agency_phrase: { prepositions: string[]; joiners: string[]; max_words: number };
  /** Plural roles followed by a list of names, and the words that join the list's last name. */
  plural_roles: { conjunctions: string[]; roles: PluralRole[] };
  determiners: string[];
  /** Lowercase (or Irish) words that open a surname: "van der Merwe", "de Villiers", "Ó Súilleabháin". */
  surname_particles: string[];
  first_names: string[];
  not_names: string[];
  /** Words after which a not_alone word that is someone's name is the ordinary word: "the Summer term", "a Will". */
  ordinary_after: string[];
  not_alone: string[];
  /** Role labels after which a single unknown capitalised word is a given name: "the grandmother, Perpetua". */
  lone_name_roles: string[];
  /** Places a run of capitalised words may name ("Milton Keynes", "Merthyr Tydfil"): never a name nobody introduced. */
  place_names: string[];
  /** Words around a capitalised word that make it a place or an organisation, not a person: "in Selbrook", "Selbrook LSCB". */
  place_evidence: { before: string[]; after: string[] };
  /** Spelled-out "@" and "." of an obfuscated e-mail: "x [at] example [dot] com", "x at example dot com". */
  email: { at_words: string[]; dot_words: string[] };
  date_of_birth: {
    triggers: string[];
    connectors: string[];
    /** Triggers that are participles ("born"): words about where and how may follow before the date. */
    participles: string[];
    /** The connectors that may end a gap of words: after a participle ("born at 32 weeks on"), after a noun ("date of birth is recorded by the police as"). */
    gap_connectors: { participle: string[]; noun: string[] };
    gap_words: number;
    gap_breakers: string[];
    /** A date before its trigger: at the start of a chronology row or after an opener ("03/03/2013 | Child T born", "On 3 March 2013 Child K was born"). */
    date_first: { openers: string[]; triggers: string[]; gap_words: number; breakers: string[] };
    /** A second date of birth for the same person later in the sentence ("as 1985-06-30 and by the GP as 30/6/85"). */
    second_date: { openers: string[]; connectors: string[]; gap_words: number };
    /** A family-composition row: a name, a role of these and a full date, nothing else ("Kayleigh Dunmore  mother  21.07.1994"). */
    table_row: { roles: string[]; words: string[]; max_words: number };
    month_names: string[];
  };
  address: {
    unit_words: string[];
    street_words: string[];
    /** Street words that also end districts ("Golders Green", "Muswell Hill"): a street only with a house number. */
    district_words: string[];
    /** Institutions named like a street or building ("Great Ormond Street", "Ronald McDonald House"): never an address. */
    not_addresses: string[];
    /** Verbs after which a street name without a number is an institution ("transferred to Great Ormond Street"). */
    institution_verbs: string[];
    introducers: string[];
    /** Street words that name a street without a number after a preposition: "in Ashcombe Road" (not "Court", "House", "Park"). */
    unnumbered_street_words: string[];
    street_prepositions: string[];
    /** Street words that close a numbered address written in lower case: "14 elm road". */
    lowercase_street_words: string[];
    /** Building words that close a flat's address in lower case ("flat 6 albion house") or after a capitalised name ("9 Marlowe court"). */
    lowercase_building_words: string[];
    /** Words that open a street named after a saint, which has no street word: "31 Saint Aldates". */
    street_prefixes: string[];
  };
}

const cache = new Map<string, RedactionLexicon>();

/** The redaction lexicon in `dir` (default: the package's lexicons/), checked, cached per folder. */
export function loadRedactionLexicon(dir = lexiconDir()): RedactionLexicon {
  const cached = cache.get(dir);
  if (cached) return cached;
  const file = join(dir, 'redaction.json');
  const schema = readJson<Schema>(join(dir, 'schema', 'redaction.schema.json'));
  const lexicon = checkRedactionLexicon(readJson<unknown>(file), schema, file);
  cache.set(dir, lexicon);
  return lexicon;
}

function readJson<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (e) {
    throw new Error(`redaction lexicon ${file}: ${(e as Error).message}`);
  }
}

/** Throws one line naming the file and every problem; returns the data typed when it is sound. */
export function checkRedactionLexicon(data: unknown, schema: Schema, file: string): RedactionLexicon {
  const problems = validate(data, schema);
  if (!problems.length) problems.push(...semanticProblems(data as RedactionLexicon));
  if (problems.length) throw new Error(`redaction lexicon ${file} is invalid: ${problems.join('; ')}`);
  return data as RedactionLexicon;
}

const PLACEHOLDER = /\{(\w+)\}/g;

function semanticProblems(lex: RedactionLexicon): string[] {
  const problems: string[] = [];
  lex.introductions.forEach((template, i) => {
    const names = [...template.matchAll(PLACEHOLDER)].map((m) => m[1]);
    for (const n of names) if (!['name', 'role', 'det', 'where'].includes(n)) problems.push(`introductions[${i}]: unknown placeholder {${n}}; allowed: {name}, {role}, {det}, {where}`);
    for (const n of ['name', 'role']) {
      if (names.filter((x) => x === n).length !== 1) problems.push(`introductions[${i}]: needs {${n}} exactly once`);
    }
  });
  problems.push(...duplicates(lex.roles.map((r) => r.label), 'roles: label'));
  problems.push(...duplicates(lex.roles.flatMap((r) => r.phrases.map((p) => p.toLowerCase())), 'roles: phrase'));
  problems.push(...duplicates(lex.not_names, 'not_names'));
  problems.push(...duplicates(lex.not_alone, 'not_alone'));
  for (const word of lex.not_alone) if (lex.not_names.includes(word)) problems.push(`not_alone: "${word}" is also in not_names`);
  problems.push(...duplicates(lex.first_names, 'first_names'));
  problems.push(...duplicates(lex.surname_particles, 'surname_particles'));
  problems.push(...duplicates([...lex.titles.male, ...lex.titles.female, ...lex.titles.neutral], 'titles'));
  problems.push(...duplicates([...lex.gendered_role_words.female, ...lex.gendered_role_words.male], 'gendered_role_words'));
  for (const name of lex.first_names) if (lex.not_names.includes(name)) problems.push(`first_names: "${name}" is also in not_names`);
  const labels = new Set(lex.roles.map((r) => r.label));
  for (const label of lex.lone_name_roles) if (!labels.has(label)) problems.push(`lone_name_roles: "${label}" is not a role label`);
  problems.push(...duplicates(lex.lone_name_roles, 'lone_name_roles'));
  problems.push(...duplicates(lex.place_names, 'place_names'));
  for (const word of lex.address.unnumbered_street_words) if (!lex.address.street_words.includes(word)) problems.push(`address.unnumbered_street_words: "${word}" is not in street_words`);
  for (const word of lex.address.district_words) if (!lex.address.street_words.includes(word)) problems.push(`address.district_words: "${word}" is not in street_words`);
  lex.plural_roles.roles.forEach((r, i) => {
    for (const key of ['label', 'female', 'male'] as const) {
      const label = r[key];
      if (label !== undefined && !labels.has(label)) problems.push(`plural_roles.roles[${i}].${key}: "${label}" is not a role label`);
    }
  });
  problems.push(...duplicates(lex.plural_roles.roles.flatMap((r) => r.phrases.map((p) => p.toLowerCase())), 'plural_roles: phrase'));
  for (const word of lex.date_of_birth.participles) if (!lex.date_of_birth.triggers.includes(word)) problems.push(`date_of_birth.participles: "${word}" is not in triggers`);
  for (const label of lex.date_of_birth.table_row.roles) if (!labels.has(label)) problems.push(`date_of_birth.table_row.roles: "${label}" is not a role label`);
  return problems;
}

function duplicates(items: string[], what: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of items) {
    if (seen.has(item)) out.push(`${what} "${item}" is listed twice`);
    seen.add(item);
  }
  return out;
}
