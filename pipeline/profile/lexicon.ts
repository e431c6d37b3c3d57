// Loads and validates the profile lexicons (lexicons/profile.json, lexicons/agencies.json) as the
// tagging lexicon is loaded: schema-checked at load, and a bad file fails naming the file and the
// entry. They are listed in lexicons/manifest.json, so an edit changes the lexicon version and
// re-profiles every stored document on the next run.
import { join } from 'node:path';
import { lexiconDir } from '../paths.js';
import type { SectionId } from '../types.js';
import { validate, type Schema, readLexiconJson } from '../tag/validate.js';

export interface ValueExample { text: string; value: unknown }

export interface AreaBody { id: string; words: string; canonical: string; case_sensitive?: boolean; note?: string }
export interface HarmEntry { id: string; terms: string[]; phrase: string; note?: string }
export interface DateCues { triggers: string[]; review_words: string[] }
export interface GenderWords { nouns: string[]; pronouns: string[] }

export interface ProfileWordings {
  version: string;
  numbers: Record<string, number>;
  months: Record<string, number>;
  subject: { child_labels: string[]; adults: string[]; siblings: string[]; child_words: string[]; alias_not_before: string[]; word_identifiers: string[]; alias_not_after: string[] };
  area: { bodies: AreaBody[]; not_place: string[]; examples: ValueExample[] };
  age: {
    units: { years: string[]; months: string[]; weeks: string[]; days: string[] };
    lead_words: string[];
    /** "aged about nine": words allowed between a lead word and the number. */
    hedge_words: string[];
    half: string[];
    /** "nine weeks old", "four years of age". */
    old_words: string[];
    /** "a 2-year-old". */
    hyphenated_suffix: string;
    max_bare_years: number;
    examples: ValueExample[];
  };
  gender: { male: GenderWords; female: GenderWords; examples: ValueExample[] };
  ethnicity: {
    words: string[]; core: string[]; connectors: string[]; copulas: string[];
    group_subjects: string[]; nouns: string[]; parent_subjects: string[]; examples: ValueExample[];
  };
  outcome: { died: string[]; not_died: string[]; harmed: string[]; examples: ValueExample[] };
  harm: { opening_paragraphs: number; max_sentences: number; max_phrases: number; entries: HarmEntry[]; examples: ValueExample[] };
  review_dates: { max_words_between: number; interrupters: string[]; commissioned: DateCues; completed: DateCues; examples: ValueExample[] };
  recommendations: { stated: string[]; stated_subjects: string[]; none: string[]; item_labels: string[]; modal: string[]; examples: ValueExample[] };
}

export interface AgencyEntry { id: string; name: string; aliases: string[]; proper_names?: string[]; note?: string; examples?: { match?: string[]; no_match?: string[] } }

export interface AgencyList {
  version: string;
  skip_sections: SectionId[];
  not_involved: { terms: string[]; note?: string };
  contributors: { terms: string[]; note?: string };
  agencies: AgencyEntry[];
}

/** Everything the profile extractors read: plain data. */
export interface ProfileLexicon {
  wordings: ProfileWordings;
  agencies: AgencyList;
}

export function loadProfileLexicon(dir = lexiconDir()): ProfileLexicon {
  const manifest = readJson<{ files: Record<string, string> }>(join(dir, 'manifest.json'));
  const wordingsFile = join(dir, manifest.files.profile ?? 'profile.json');
  const agenciesFile = join(dir, manifest.files.agencies ?? 'agencies.json');
  const wordings = checked<ProfileWordings>(wordingsFile, readJson<Schema>(join(dir, 'schema', 'profile.schema.json')));
  const agencies = checked<AgencyList>(agenciesFile, readJson<Schema>(join(dir, 'schema', 'agencies.schema.json')));
  checkWordings(wordings, wordingsFile);
  checkAgencies(agencies, agenciesFile);
  return { wordings, agencies };
}

const readJson = readLexiconJson;

function checked<T>(file: string, schema: Schema): T {
  const data = readJson<Record<string, unknown>>(file);
  const problems = validate(data, schema);
  if (problems.length) throw new Error(`lexicon ${file} is invalid:\n${problems.map((p) => `  ${withEntryName(p, data)}`).join('\n')}`);
  return data as T;
}

/** "agencies[3].aliases[0]: …" → 'entry "gp": agencies[3]…', so the author finds the entry by its id. */
function withEntryName(problem: string, data: Record<string, unknown>): string {
  const m = /^([\w.]+?)\[(\d+)\]/.exec(problem);
  if (!m) return problem;
  const list = m[1].split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], data) as { id?: unknown }[] | undefined;
  const id = list?.[Number(m[2])]?.id;
  return typeof id === 'string' ? `entry "${id}": ${problem}` : problem;
}

function checkWordings(w: ProfileWordings, file: string): void {
  const ids = new Set<string>();
  for (const e of [...w.area.bodies, ...w.harm.entries]) {
    if (ids.has(e.id)) throw new Error(`lexicon ${file}: duplicate id "${e.id}"`);
    ids.add(e.id);
  }
  const terms = new Map<string, string>();
  for (const e of w.harm.entries) {
    for (const t of e.terms) {
      const key = t.toLowerCase();
      const prev = terms.get(key);
      if (prev) throw new Error(`lexicon ${file}: entry "${e.id}": duplicate term "${t}" (also in "${prev}")`);
      terms.set(key, e.id);
    }
  }
  for (const core of w.ethnicity.core) {
    if (!w.ethnicity.words.includes(core)) throw new Error(`lexicon ${file}: ethnicity core word "${core}" is not in ethnicity.words`);
  }
}

function checkAgencies(list: AgencyList, file: string): void {
  const ids = new Set<string>();
  const names = new Set<string>();
  const aliases = new Map<string, string>();
  for (const a of list.agencies) {
    if (ids.has(a.id)) throw new Error(`lexicon ${file}: duplicate agency id "${a.id}"`);
    if (names.has(a.name)) throw new Error(`lexicon ${file}: entry "${a.id}": name "${a.name}" is used by another agency`);
    ids.add(a.id);
    names.add(a.name);
    for (const alias of [...a.aliases, ...(a.proper_names ?? [])]) {
      // An alias in capitals only, or a proper name, is matched as written; any other alias case-insensitively.
      const key = /[a-z]/.test(alias) && !a.proper_names?.includes(alias) ? alias.toLowerCase() : alias;
      const prev = aliases.get(key);
      if (prev) throw new Error(`lexicon ${file}: entry "${a.id}": alias "${alias}" is also an alias of "${prev}"`);
      aliases.set(key, a.id);
    }
  }
}
