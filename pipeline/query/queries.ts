// The analysts' questions (issue 4), each answered as one table that says what it counts.
import type { Codebook } from '../codebook.js';
import type { Segment, SectionId } from '../types.js';
import { type Db, statement } from '../store/db.js';
import { tokenize } from '../tag/tokenize.js';
import { BASIS_TEXT, type Basis, type CodedPair, codedDocuments, codedPairs, counts } from './coded.js';
import { AGE_BAND_ORDER, type DocumentFacts, documentFacts } from './facts.js';
import { agencyMatcher, type AgencyMatcher } from '../profile/agencies.js';
import { loadProfileLexicon, type ProfileLexicon } from '../profile/index.js';
import { recommendationItems } from '../profile/recommendations.js';

export type Cell = string | number | null;

export interface QueryResult {
  title: string;
  /** What the counts are based on; null when the table holds no code counts. */
  basis: string | null;
  columns: string[];
  rows: Cell[][];
  notes: string[];
}

const NOT_STATED = 'not stated';

// ---------------------------------------------------------------------------------------------
// Prevalence

export function prevalence(db: Db, codebook: Codebook): QueryResult {
  const pairs = codedPairs(db, codebook);
  const documents = codedDocuments(db).length;
  const rows = codebook.codes.map((c) => {
    const mine = pairs.filter((p) => p.code === c.id);
    const tally = (basis: Basis) => {
      const hits = mine.filter((p) => counts(p, basis));
      return [new Set(hits.map((p) => p.documentId)).size, hits.length];
    };
    return [c.id, c.kind === 'theme' ? 'theme' : 'risk factor', ...tally('proposed'), ...tally('confirmed'), ...tally('in_force')];
  });
  return {
    title: `Prevalence of each theme and risk factor across ${documents} coded document(s)`,
    basis: 'proposed, confirmed and in force shown apart',
    columns: ['code', 'kind', 'documents (proposed)', 'segments (proposed)', 'documents (confirmed)', 'segments (confirmed)', 'documents (in force)', 'segments (in force)'],
    rows,
    notes: [
      'Themes count where a segment discusses them; risk factors only where asserted present for this family.',
      `proposed = ${BASIS_TEXT.proposed}; confirmed = ${BASIS_TEXT.confirmed}; in force = ${BASIS_TEXT.in_force}.`,
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Crosstabs

export const CROSSTAB_DIMENSIONS = ['area', 'year', 'age_band', 'outcome', 'agency', 'section'] as const;
export type CrosstabDimension = (typeof CROSSTAB_DIMENSIONS)[number];

/** Codes by a document dimension (cells: documents) or by section (cells: segments). */
export function crosstab(db: Db, codebook: Codebook, by: CrosstabDimension, basis: Basis): QueryResult {
  return by === 'section' ? crosstabBySection(db, codebook, basis) : crosstabByDocument(db, codebook, by, basis);
}

function groupsOf(f: DocumentFacts, by: Exclude<CrosstabDimension, 'section'>): string[] {
  const one = (v: string | number | null) => [v === null ? NOT_STATED : String(v)];
  switch (by) {
    case 'area': return one(f.area);
    case 'year': return one(f.year);
    case 'age_band': return one(f.ageBand);
    case 'outcome': return one(f.outcome);
    case 'agency': return f.agencies.length ? [...new Set(f.agencies)] : [NOT_STATED];
  }
}

function orderGroups(groups: Set<string>, by: CrosstabDimension): string[] {
  const order = (g: string) => (by === 'age_band' ? AGE_BAND_ORDER.indexOf(g) : 0);
  return [...groups].sort((a, b) => Number(a === NOT_STATED) - Number(b === NOT_STATED) || order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function crosstabByDocument(db: Db, codebook: Codebook, by: Exclude<CrosstabDimension, 'section'>, basis: Basis): QueryResult {
  const facts = documentFacts(db);
  const groupsByDoc = new Map(facts.map((f) => [f.documentId, groupsOf(f, by)]));
  const columns = orderGroups(new Set([...groupsByDoc.values()].flat()), by);
  const present = new Map<string, Set<number>>();
  for (const p of codedPairs(db, codebook)) if (counts(p, basis)) (present.get(p.code) ?? present.set(p.code, new Set()).get(p.code)!).add(p.documentId);
  const docsIn = (g: string) => facts.filter((f) => groupsByDoc.get(f.documentId)!.includes(g));
  const rows: Cell[][] = [['documents in group', ...columns.map((g) => docsIn(g).length)]];
  for (const c of codebook.codes) {
    const docs = present.get(c.id) ?? new Set<number>();
    rows.push([c.id, ...columns.map((g) => docsIn(g).filter((f) => docs.has(f.documentId)).length)]);
  }
  const notes = [`Cells count documents in which the code applies (${BASIS_TEXT[basis]}).`];
  if (by === 'agency') notes.push('A document counts under every agency involved, so columns overlap.');
  return { title: `Codes by ${by.replace('_', ' ')} (documents)`, basis: BASIS_TEXT[basis], columns: ['code', ...columns], rows, notes };
}

function crosstabBySection(db: Db, codebook: Codebook, basis: Basis): QueryResult {
  const pairs = codedPairs(db, codebook).filter((p) => counts(p, basis));
  const columns = [...new Set(pairs.map((p) => p.section))].sort();
  const rows: Cell[][] = codebook.codes.map((c) => [c.id, ...columns.map((s) => pairs.filter((p) => p.code === c.id && p.section === s).length)]);
  return {
    title: 'Codes by section (segments)', basis: BASIS_TEXT[basis], columns: ['code', ...columns], rows,
    notes: [`Cells count segments of that standard section in which the code applies (${BASIS_TEXT[basis]}).`],
  };
}

// ---------------------------------------------------------------------------------------------
// Co-occurrence

export const COOCCURRENCE_LEVELS = ['segment', 'paragraph', 'document'] as const;
export type CooccurrenceLevel = (typeof COOCCURRENCE_LEVELS)[number];

/** A segment's unit at each level: itself; its paragraph (coded.ts paragraphUnits: unnumbered list items and table rows belong to the paragraph before them); its document. */
function unitOf(p: CodedPair, level: CooccurrenceLevel): string {
  if (level === 'document') return String(p.documentId);
  if (level === 'paragraph') return p.paragraphUnit;
  return `${p.documentId}:${p.segmentId}`;
}

export function cooccurrence(db: Db, codebook: Codebook, level: CooccurrenceLevel, basis: Basis): QueryResult {
  const codesByUnit = new Map<string, Set<string>>();
  for (const p of codedPairs(db, codebook)) {
    if (!counts(p, basis)) continue;
    const unit = unitOf(p, level);
    (codesByUnit.get(unit) ?? codesByUnit.set(unit, new Set()).get(unit)!).add(p.code);
  }
  const single = new Map<string, number>();
  const both = new Map<string, number>();
  for (const codes of codesByUnit.values()) {
    const list = [...codes].sort((a, b) => codebook.codes.findIndex((c) => c.id === a) - codebook.codes.findIndex((c) => c.id === b));
    for (const c of list) single.set(c, (single.get(c) ?? 0) + 1);
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) {
      const key = `${list[i]}\0${list[j]}`;
      both.set(key, (both.get(key) ?? 0) + 1);
    }
  }
  const rows: Cell[][] = [...both].map(([key, n]) => {
    const [a, b] = key.split('\0');
    const union = single.get(a)! + single.get(b)! - n;
    return [a, b, n, single.get(a)!, single.get(b)!, Math.round((n / union) * 1000) / 1000];
  }).sort((x, y) => (y[2] as number) - (x[2] as number) || (y[5] as number) - (x[5] as number) || String(x[0]).localeCompare(String(y[0])) || String(x[1]).localeCompare(String(y[1])));
  return {
    title: `Co-occurrence of codes in the same ${level}`, basis: BASIS_TEXT[basis],
    columns: ['code A', 'code B', `${level}s with both`, `${level}s with A`, `${level}s with B`, 'Jaccard'], rows,
    notes: [`Units are ${level}s in which at least one code applies (${BASIS_TEXT[basis]}); Jaccard = both / either.`],
  };
}

// ---------------------------------------------------------------------------------------------
// Keyword in context

export interface KwicOptions { code?: string; term?: string; width?: number; basis: Basis }

interface SegmentText { id: number; documentId: number; fileName: string; section: SectionId; page: number | null; paragraph: string | null; start: number; text: string }

const SEGMENT_TEXT_SQL = `SELECT s.id, s.document_id AS documentId, d.file_name AS fileName, s.section, s.page, s.paragraph, s.char_start AS start, s.text
  FROM segments s JOIN documents d ON d.id = s.document_id`;

export function kwic(db: Db, codebook: Codebook, options: KwicOptions): QueryResult {
  const width = options.width ?? 40;
  const lines = options.code !== undefined ? codeSpans(db, codebook, options.code, options.basis) : termSpans(db, options.term ?? '');
  const rows = lines.map(({ seg, start, end }) => {
    const from = start - seg.start;
    const to = end - seg.start;
    const left = seg.text.slice(Math.max(0, from - width), from);
    return [seg.fileName, seg.section, seg.page, seg.paragraph, oneLine(left).padStart(width), oneLine(seg.text.slice(from, to)), oneLine(seg.text.slice(to, to + width))];
  });
  const what = options.code !== undefined ? `code ${options.code}` : `"${options.term}"`;
  return {
    title: `Keyword in context: ${what} (${rows.length})`, basis: options.code !== undefined ? BASIS_TEXT[options.basis] : null,
    columns: ['document', 'section', 'page', 'paragraph', 'left', 'keyword', 'right'], rows,
    notes: options.code !== undefined ? ['The keyword is the first evidence the pipeline matched in the segment (any context), or the whole segment for a code only a reviewer applied.'] : [],
  };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

function codeSpans(db: Db, codebook: Codebook, code: string, basis: Basis): { seg: SegmentText; start: number; end: number }[] {
  if (!codebook.kindOf(code)) throw new Error(`unknown code "${code}"`);
  const wanted = new Set(codedPairs(db, codebook).filter((p) => p.code === code && counts(p, basis)).map((p) => p.segmentId));
  const segs = new Map((statement(db, SEGMENT_TEXT_SQL + ' ORDER BY d.file_name, s.idx').all() as SegmentText[]).filter((s) => wanted.has(s.id)).map((s) => [s.id, s]));
  const evidence = statement(db, `SELECT segment_id AS segmentId, min(char_start) AS start, char_end AS "end" FROM proposals WHERE code = ? GROUP BY segment_id`).all(code) as { segmentId: number; start: number; end: number }[];
  const bySegment = new Map(evidence.map((e) => [e.segmentId, e]));
  return [...segs.values()].map((seg) => {
    const e = bySegment.get(seg.id);
    return e ? { seg, start: e.start, end: e.end } : { seg, start: seg.start, end: seg.start + seg.text.length };
  });
}

/** Word runs matching the term by Porter stem, found through the full-text index first. */
function termSpans(db: Db, term: string): { seg: SegmentText; start: number; end: number }[] {
  const words = tokenize(term).map((t) => t.stem);
  if (!words.length) throw new Error('give a term with at least one word');
  // Each word as its own quoted FTS term (all must occur): the index splits "children's" into
  // "children" and "s", so a phrase query built from our tokens would miss it. The word run is
  // then confirmed by stem below.
  const allWords = tokenize(term).map((t) => `"${t.lower.replace(/"/g, '""')}"`).join(' ');
  const candidates = statement(db, `${SEGMENT_TEXT_SQL} WHERE s.id IN (SELECT rowid FROM segments_fts WHERE segments_fts MATCH ?) ORDER BY d.file_name, s.idx`).all(allWords) as SegmentText[];
  const out: { seg: SegmentText; start: number; end: number }[] = [];
  for (const seg of candidates) {
    const tokens = tokenize(seg.text, seg.start);
    for (let i = 0; i + words.length <= tokens.length; i++) {
      if (words.every((w, k) => tokens[i + k].stem === w)) out.push({ seg, start: tokens[i].start, end: tokens[i + words.length - 1].end });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Recommendations

export interface RecommendationRow { segmentId: number; documentId: number; fileName: string; paragraph: string | null; kind: string; text: string; start: number; end: number }

/** The recommendations of the coded reports, as the profile sheet counts them (its items: no table headers or introductions). */
export function recommendationSegments(db: Db, lexicon: ProfileLexicon = loadProfileLexicon()): RecommendationRow[] {
  const rows = statement(db, `SELECT s.id AS segmentId, s.document_id AS documentId, d.file_name AS fileName, s.paragraph, s.kind, s.section, s.text, s.char_start AS start, s.char_end AS "end"
    FROM segments s JOIN documents d ON d.id = s.document_id AND d.status = 'coded' AND d.superseded_by IS NULL
    WHERE s.section = 'recommendations' ORDER BY d.file_name, s.idx`).all() as (RecommendationRow & { section: SectionId; kind: Segment['kind'] })[];
  const wordings = lexicon.wordings;
  const byDoc = new Map<number, typeof rows>();
  for (const r of rows) byDoc.set(r.documentId, [...(byDoc.get(r.documentId) ?? []), r]);
  return [...byDoc.values()].flatMap((docRows) => recommendationItems(docRows, wordings));
}

/**
 * The agencies a recommendation is addressed to, normalised by lexicons/agencies.json: those
 * named before its first "should" ("Corrowby Police should ensure … reach children's social
 * care" is for the police); in a recommendations table, the last one named (its Agency column);
 * otherwise every agency it names.
 */
export function addressedTo(r: Pick<RecommendationRow, 'text' | 'kind'>, matcher: AgencyMatcher): string[] {
  const named = matcher.find(r.text);
  const should = r.text.search(/\bshould\b/i);
  const before = should < 0 ? [] : named.filter((m) => m.end <= should);
  const chosen = before.length ? before : r.kind === 'table_row' && named.length ? [named[named.length - 1]] : named;
  return [...new Set(chosen.map((m) => m.payload.name))];
}

/**
 * Every recommendation under each theme it addresses and each agency it names (a table row's
 * Agency column included); "no theme" / "no agency named" where there is none.
 */
export function recommendations(db: Db, codebook: Codebook, basis: Basis): QueryResult {
  const themesOf = new Map<number, string[]>();
  for (const p of codedPairs(db, codebook)) if (p.kind === 'theme' && counts(p, basis)) themesOf.set(p.segmentId, [...(themesOf.get(p.segmentId) ?? []), p.code]);
  // One load: the agency matcher is compiled once per lexicon object.
  const lexicon = loadProfileLexicon();
  const matcher = agencyMatcher(lexicon.agencies);
  const rows: Cell[][] = [];
  const recs = recommendationSegments(db, lexicon);
  for (const r of recs) {
    const agencies = addressedTo(r, matcher);
    for (const theme of themesOf.get(r.segmentId) ?? ['no theme']) {
      for (const agency of agencies.length ? agencies : ['not named']) rows.push([theme, agency, r.fileName, r.paragraph, r.text.replace(/\s+/g, ' ')]);
    }
  }
  const order = (t: Cell) => { const i = codebook.themes.indexOf(String(t)); return i < 0 ? codebook.themes.length : i; };
  rows.sort((a, b) => order(a[0]) - order(b[0]) || String(a[1]).localeCompare(String(b[1])) || String(a[2]).localeCompare(String(b[2])));
  return {
    title: `Recommendations by theme and agency (${recs.length} recommendations)`, basis: BASIS_TEXT[basis],
    columns: ['theme', 'addressed to', 'document', 'paragraph', 'recommendation'], rows,
    notes: ['A recommendation is listed under every theme it addresses and every agency it is addressed to (named before "should", or in a table\'s Agency column); agencies are normalised by lexicons/agencies.json.'],
  };
}

// ---------------------------------------------------------------------------------------------
// Report quality

/** The codebook's standard sections (its "Standard headings"), in report order. */
export const STANDARD_SECTIONS: SectionId[] = [
  'introduction', 'family_background', 'chronology', 'organisational_issues', 'findings', 'analysis', 'child_focus', 'care_pathway', 'conclusions', 'recommendations',
];

export function quality(db: Db): QueryResult {
  const sections = statement(db, `SELECT DISTINCT s.document_id AS documentId, s.section FROM segments s`).all() as { documentId: number; section: SectionId }[];
  const has = (id: number, section: SectionId) => sections.some((s) => s.documentId === id && s.section === section);
  const rows = documentFacts(db).map((f) => {
    const present = STANDARD_SECTIONS.filter((s) => has(f.documentId, s));
    return [f.fileName, `${present.length}/${STANDARD_SECTIONS.length}`, ...STANDARD_SECTIONS.map((s) => (has(f.documentId, s) ? 'X' : '.')), f.recommendationsCount, f.reviewDurationDays];
  });
  return {
    title: 'Report quality: standard sections, recommendations, review duration', basis: null,
    columns: ['document', 'sections', ...STANDARD_SECTIONS, 'recommendations (count)', 'review days'], rows,
    notes: ['X = the report has a section the pipeline recognised as this standard heading; recommendations and duration come from the profile sheet (empty when not stated).'],
  };
}
