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

export interface RedactionLexicon {
  version: string;
  titles: { male: string[]; female: string[]; neutral: string[] };
  pseudonym_heads: string[];
  roles: RedactionRole[];
  gendered_role_words: { female: string[]; male: string[] };
  introductions: string[];
  determiners: string[];
  /** Lowercase (or Irish) words that open a surname: "van der Merwe", "de Villiers", "Ó Súilleabháin". */
  surname_particles: string[];
  first_names: string[];
  not_names: string[];
  not_alone: string[];
  /** Role labels after which a single unknown capitalised word is a given name: "the grandmother, Perpetua". */
  lone_name_roles: string[];
  /** Places a run of capitalised words may name ("Milton Keynes", "Merthyr Tydfil"): never a name nobody introduced. */
  place_names: string[];
  /** Words around a capitalised word that make it a place or an organisation, not a person: "in Selbrook", "Selbrook LSCB". */
  place_evidence: { before: string[]; after: string[] };
  /** Spelled-out "@" and "." of an obfuscated e-mail: "x [at] example [dot] com", "x at example dot com". */
  email: { at_words: string[]; dot_words: string[] };
  date_of_birth: { triggers: string[]; connectors: string[]; gap_words: number; gap_breakers: string[]; month_names: string[] };
  address: {
    unit_words: string[];
    street_words: string[];
    introducers: string[];
    /** Street words that name a street without a number after a preposition: "in Ashcombe Road" (not "Court", "House", "Park"). */
    unnumbered_street_words: string[];
    street_prepositions: string[];
    /** Street words that close a numbered address written in lower case: "14 elm road". */
    lowercase_street_words: string[];
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
    for (const n of names) if (!['name', 'role', 'det'].includes(n)) problems.push(`introductions[${i}]: unknown placeholder {${n}}; allowed: {name}, {role}, {det}`);
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
