// Loads and validates the lexicon: one JSON file per code plus the context triggers, as the
// manifest names them. A bad lexicon fails at load with the file and the entry id.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeKind, Context, SectionId } from '../types.js';
import { lexiconDir } from '../paths.js';
import { rules } from './rules/index.js';
import { SEGMENTATION_FILE_KEYS } from '../versions.js';
import { tokenizeTerm } from './tokenize.js';
import { validate, type Schema, readLexiconJson } from './validate.js';

export type MatchMode = 'stemmed' | 'exact' | 'acronym';

export interface Examples { match?: string[]; no_match?: string[] }

/** Where a cue counts: only in `sections`, or anywhere but `not_sections` (one of the two at most). */
export interface SectionFilter { sections?: SectionId[]; not_sections?: SectionId[] }

export interface LexiconEntry extends SectionFilter {
  id: string;
  terms: string[];
  match?: MatchMode;
  /** Default 1. A negative weight is a penalty: it subtracts from the score of every paragraph it occurs in. */
  weight?: number;
  note?: string;
  examples?: Examples;
}

export interface Exclusion { id: string; terms: string[]; match?: MatchMode; note?: string; examples?: Examples }

export interface ProximityRule extends SectionFilter {
  id: string;
  a: string[];
  b: string[];
  match?: MatchMode;
  window: number;
  order?: 'any' | 'a_first';
  weight?: number;
  note?: string;
  examples?: Examples;
}

/** A cue from EACH list of `all` in one sentence or one paragraph; the evidence is the first list's cue. */
export interface CooccurrenceRule extends SectionFilter {
  id: string;
  all: string[][];
  scope: 'sentence' | 'paragraph';
  match?: MatchMode;
  weight?: number;
  note?: string;
  examples?: Examples;
}

export interface CodeDef {
  code: string;
  kind: CodeKind;
  description: string;
  threshold?: number;
  section_bonus?: Partial<Record<SectionId, number>>;
  entries: LexiconEntry[];
  exclusions?: Exclusion[];
  proximity?: ProximityRule[];
  cooccurrence?: CooccurrenceRule[];
  /** Rule module id -> parameters; a rule runs only for codes that list it. */
  rule_params?: Record<string, Record<string, string[] | number>>;
  /** Context trigger ids that do not apply to this code, because its own terms are negative in form ("never assessed"). */
  ignore_triggers?: string[];
}

/** assert: "in this case", "for Child K" — the turn from research back to this family; it ends generic scopes. */
export type TriggerCategory = 'negated' | 'hypothetical' | 'generic' | 'terminate' | 'pseudo' | 'assert';

export interface ContextTrigger {
  id: string;
  terms: string[];
  match?: MatchMode;
  category: TriggerCategory;
  direction: 'forward' | 'backward' | 'bidirectional' | 'none';
  max_scope?: number;
  terminated_by?: string[];
  /** paragraph: in a paragraph's first sentence, the trigger makes the whole paragraph generic until an assert trigger. */
  scope?: 'sentence' | 'paragraph';
  note?: string;
  examples?: { sentence: string; target: string; context: Context }[];
}

export interface SectionRule {
  id: string;
  sections: SectionId[];
  kinds: CodeKind[];
  context: Exclude<Context, 'asserted'>;
  /** Under a heading naming another kind of paragraph too, only recommendation-like paragraphs (schema $comment). */
  mixed_sections?: { heading_words: string[]; paragraph_cues: string[]; not_cues?: string[] };
  note?: string;
}

export interface ContextDef { triggers: ContextTrigger[]; section_rules: SectionRule[] }

/** Plain data: everything the tagger needs, plus the version recorded with every finding. */
export interface Lexicon {
  version: string;
  codes: CodeDef[];
  context: ContextDef;
}

interface Manifest { version: string; files: Record<string, string> }

export function loadLexicon(dir = lexiconDir()): Lexicon {
  const manifest = readJson<Manifest>(join(dir, 'manifest.json'));
  const codeSchema = readJson<Schema>(join(dir, 'schema', 'code.schema.json'));
  const contextSchema = readJson<Schema>(join(dir, 'schema', 'context.schema.json'));
  const codesDir = join(dir, manifest.files.codes ?? 'codes');
  const codeFiles = readdirSync(codesDir).filter((f) => f.endsWith('.json')).sort().map((f) => join(codesDir, f));
  const codes = codeFiles.map((file) => checked<CodeDef>(file, codeSchema));
  codes.forEach((c, i) => checkCodeFile(c, codeFiles[i]));
  const contextFile = join(dir, manifest.files.context ?? 'context.json');
  const context = checked<ContextDef>(contextFile, contextSchema);
  checkContextFile(context, contextFile);
  checkUnique(codes, codeFiles, context, contextFile);
  return { version: lexiconVersion(manifest, dir, [...codeFiles, contextFile]), codes, context };
}

const readJson = readLexiconJson;

/** Parses and schema-checks a file; problems name the entry id where the path is inside one. */
function checked<T>(file: string, schema: Schema): T {
  const data = readJson<Record<string, unknown>>(file);
  const problems = validate(data, schema);
  if (problems.length) {
    const lines = problems.map((p) => `  ${withEntryId(p, data)}`);
    throw new Error(`lexicon ${file} is invalid:\n${lines.join('\n')}`);
  }
  return data as T;
}

function withEntryId(problem: string, data: Record<string, unknown>): string {
  const m = /^(\w+)\[(\d+)\]/.exec(problem);
  if (!m) return problem;
  const item = (data[m[1]] as { id?: unknown }[] | undefined)?.[Number(m[2])];
  return typeof item?.id === 'string' ? `entry "${item.id}": ${problem}` : problem;
}

function checkCodeFile(c: CodeDef, file: string): void {
  const base = file.replace(/^.*[\\/]/, '').replace(/\.json$/, '');
  if (c.code !== base) throw new Error(`lexicon ${file}: code "${c.code}" does not match the file name "${base}"`);
  const all = [...c.entries, ...(c.exclusions ?? []), ...(c.proximity ?? []), ...(c.cooccurrence ?? [])];
  for (const e of all) {
    if (!e.id.startsWith(`${c.code}/`)) throw new Error(`lexicon ${file}: entry "${e.id}" must start with "${c.code}/"`);
    const f = e as SectionFilter;
    if (f.sections && f.not_sections) throw new Error(`lexicon ${file}: entry "${e.id}": give "sections" or "not_sections", not both`);
  }
  for (const id of c.ignore_triggers ?? []) {
    if (!id.startsWith('context/')) throw new Error(`lexicon ${file}: ignore_triggers names "${id}", which is not a context trigger id`);
  }
  for (const id of Object.keys(c.rule_params ?? {})) {
    const rule = rules.get(id);
    if (!rule || rule.meta.code !== c.code) throw new Error(`lexicon ${file}: rule_params names "${id}", which is not a rule for ${c.code}; rules: ${[...rules.keys()].join(', ')}`);
  }
}

/** The form a term is keyed on, so two spellings that match the same tokens count as duplicates. */
export function termKey(term: string, mode: MatchMode = 'stemmed'): string {
  return tokenizeTerm(term).map((t) => (t.raw === '*' ? '*' : mode === 'stemmed' ? t.stem : mode === 'exact' ? t.lower : t.raw)).join(' ');
}

function checkUnique(codes: CodeDef[], files: string[], context: ContextDef, contextFile: string): void {
  const ids = new Map<string, string>();
  const claim = (id: string, file: string) => {
    const prev = ids.get(id);
    if (prev) throw new Error(`lexicon ${file}: duplicate id "${id}" (also in ${prev})`);
    ids.set(id, file);
  };
  codes.forEach((c, i) => {
    const terms = new Map<string, string>();
    for (const e of [...c.entries, ...(c.exclusions ?? [])]) {
      claim(e.id, files[i]);
      for (const t of e.terms) uniqueTerm(terms, termKey(t, e.match), t, e.id, files[i]);
    }
    for (const p of [...(c.proximity ?? []), ...(c.cooccurrence ?? [])]) claim(p.id, files[i]);
  });
  const triggerTerms = new Map<string, string>();
  for (const t of context.triggers) {
    claim(t.id, contextFile);
    for (const term of t.terms) uniqueTerm(triggerTerms, termKey(term, t.match ?? 'exact'), term, t.id, contextFile);
  }
  for (const r of context.section_rules) claim(r.id, contextFile);
}

function checkContextFile(context: ContextDef, file: string): void {
  for (const t of context.triggers) {
    if (t.scope === 'paragraph' && t.category !== 'generic') throw new Error(`lexicon ${file}: trigger "${t.id}": scope "paragraph" is only for category generic`);
  }
}

/** True when a cue with this filter counts in a segment of `section`. */
export function countsIn(f: SectionFilter, section: SectionId): boolean {
  if (f.sections) return f.sections.includes(section);
  return !f.not_sections?.includes(section);
}

function uniqueTerm(seen: Map<string, string>, key: string, term: string, id: string, file: string): void {
  if (!key) throw new Error(`lexicon ${file}: entry "${id}": term "${term}" has no words`);
  const prev = seen.get(key);
  if (prev) throw new Error(`lexicon ${file}: entry "${id}": duplicate term "${term}" (same tokens as a term of "${prev}")`);
  seen.set(key, id);
}

/** Manifest version plus a short hash of every lexicon file, so an edit without a bump still shows. */
function lexiconVersion(manifest: Manifest, dir: string, read: string[]): string {
  // Extraction and segmentation data have their own version (pipeline/versions.ts): a change
  // there re-extracts documents, a change here only re-tags them.
  const named = Object.entries(manifest.files)
    .filter(([key]) => !SEGMENTATION_FILE_KEYS.includes(key))
    .map(([, f]) => join(dir, f))
    .filter((f) => existsSync(f) && statSync(f).isFile());
  const files = [...new Set([join(dir, 'manifest.json'), ...named, ...read])].sort();
  const h = createHash('sha256');
  for (const f of files) h.update(f.slice(dir.length)).update('\0').update(readFileSync(f)).update('\0');
  return `${manifest.version}+${h.digest('hex').slice(0, 8)}`;
}
