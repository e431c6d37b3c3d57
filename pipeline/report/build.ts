// The annual report as plain data: sections of tables, bar charts, a co-occurrence grid and
// quotes, each saying what it counts. render.ts turns it into HTML and Markdown; nothing here
// knows about either, so both say exactly the same.
import type { Codebook } from '../codebook.js';
import { type Db, statement } from '../store/db.js';
import { type Basis, BASIS_TEXT, codedPairs, counts, type CodedPair } from '../query/coded.js';
import { AGE_BAND_ORDER, type DocumentFacts, documentFacts } from '../query/facts.js';
import { addressedTo, quality, recommendationSegments, STANDARD_SECTIONS, type Cell } from '../query/queries.js';
import { agencyMatcher } from '../profile/agencies.js';
import { loadProfileLexicon } from '../profile/index.js';
import { SECONDARY_MARKER, suppressPartition, suppressSmallCounts } from '../redact/index.js';
import { loadTrainingPriorities } from './training.js';

export interface ReportTable { kind: 'table'; caption: string; basis: string | null; columns: string[]; rows: Cell[][]; notes: string[] }
export interface ReportBars { kind: 'bars'; caption: string; basis: string; bars: { label: string; value: number; shown: string }[]; of: number }
export interface ReportGrid { kind: 'grid'; caption: string; basis: string; labels: string[]; cells: number[][]; shown: string[][] }
export interface ReportQuotes { kind: 'quotes'; caption: string; quotes: { text: string; source: string }[] }
export type ReportBlock = ReportTable | ReportBars | ReportGrid | ReportQuotes;
export interface ReportSection { id: string; title: string; intro: string[]; blocks: ReportBlock[] }

export interface ReportModel {
  title: string;
  year: number | null;
  generatedAt: string;
  basis: Basis;
  redacted: boolean;
  suppressBelow: number;
  reviews: number;
  notAnalysed: { fileName: string; status: string }[];
  sections: ReportSection[];
}

export interface Redactor {
  /** A quote [start, end) of a document's text (names → role labels; dates of birth, addresses, phones removed). */
  quote(documentId: number, start: number, end: number): string;
  /** A document's file name: the document's people's names replaced. */
  text(documentId: number, text: string): string;
  /**
   * A free-text value about a document (a profile value: nature of harm, area, ethnicity,
   * gender, outcome) redacted like a quote: people, dates of birth, addresses, phones, e-mail.
   */
  freeText(documentId: number, text: string): string;
}

export interface ReportOptions {
  /** Only reviews completed (or, failing that, commissioned) in this year. */
  year?: number;
  basis: Basis;
  /** Counts from 1 to suppressBelow − 1 show as "<N" (0: show every count). */
  suppressBelow: number;
  /** What the report shows of a document's own words; identity functions when not redacting. */
  redactor: Redactor;
  redacted: boolean;
  now?: Date;
}

interface Context { db: Db; codebook: Codebook; options: ReportOptions; facts: DocumentFacts[]; pairs: CodedPair[]; labelOf: (code: string) => string }

export function buildReport(db: Db, codebook: Codebook, options: ReportOptions): ReportModel {
  const { redactor } = options;
  const free = (id: number, value: string | null) => value && redactor.freeText(id, value);
  // Every profile string the report shows goes through the redactor, not only the nature of harm.
  const facts = documentFacts(db).filter((f) => options.year === undefined || f.year === options.year)
    .map((f) => ({
      ...f, fileName: redactor.text(f.documentId, f.fileName), natureOfHarm: free(f.documentId, f.natureOfHarm),
      area: free(f.documentId, f.area), gender: free(f.documentId, f.gender), ethnicity: free(f.documentId, f.ethnicity), outcome: free(f.documentId, f.outcome),
    }));
  const ids = new Set(facts.map((f) => f.documentId));
  const pairs = codedPairs(db, codebook).filter((p) => ids.has(p.documentId) && counts(p, options.basis));
  const labels = new Map(codebook.codes.map((c) => [c.id, c.label]));
  const ctx: Context = { db, codebook, options, facts, pairs, labelOf: (c) => labels.get(c) ?? c };
  // Files that were not analysed have no text to find names in: their names are shown as "a file".
  const notAnalysed = (statement(db, `SELECT file_name AS fileName, status FROM documents WHERE status <> 'coded' ORDER BY file_name`).all() as ReportModel['notAnalysed'])
    .map((d) => (options.redacted ? { ...d, fileName: 'a file' } : d));
  return {
    title: options.year === undefined ? 'Serious case reviews: what recurs' : `Serious case reviews ${options.year}: what recurs`,
    year: options.year ?? null,
    generatedAt: (options.now ?? new Date()).toISOString(),
    basis: options.basis, redacted: options.redacted, suppressBelow: options.suppressBelow, reviews: facts.length,
    notAnalysed: options.year === undefined ? notAnalysed : [],
    sections: [reviewsSection(ctx), riskFactorSection(ctx), themeSection(ctx), recommendationsSection(ctx), qualitySection(ctx), trainingSection(ctx)],
  };
}

/** A count as shown: small non-zero counts are suppressed when asked (re-identification in small areas). */
function shown(n: number, suppressBelow: number): string {
  return String(suppressSmallCounts(n, suppressBelow));
}

/** A bar or a grid cell: a suppressed count is drawn as nothing, so its size does not give it away. */
function drawn(n: number, suppressBelow: number): number {
  return n > 0 && n < suppressBelow ? 0 : n;
}

const suppressing = (ctx: Context) => ctx.options.suppressBelow > 1;
const PER_REVIEW_WITHHELD = 'Not shown while small counts are suppressed: a row per review would show what the suppressed counts hide.';

function tally(values: (string | null)[], order?: string[]): [string, number][] {
  const m = new Map<string, number>();
  for (const v of values) m.set(v ?? 'not stated', (m.get(v ?? 'not stated') ?? 0) + 1);
  const rank = (k: string) => (k === 'not stated' ? 1e9 : order ? order.indexOf(k) : 0);
  return [...m].sort((a, b) => rank(a[0]) - rank(b[0]) || b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** Every review is in one row and the number of reviews is published: hiding a small count takes more than one cell. */
function countTable(caption: string, heading: string, values: (string | null)[], ctx: Context, order?: string[]): ReportTable {
  const rows = tally(values, order);
  const table: ReportTable = { kind: 'table', caption, basis: null, columns: [heading, 'reviews'], rows: [], notes: [] };
  if (!suppressing(ctx)) return { ...table, rows: rows.map(([k, n]) => [k, String(n)]) };
  const cells = suppressPartition(rows.map(([, n]) => n), ctx.options.suppressBelow);
  if (!cells) return { ...table, notes: [PARTITION_WITHHELD] };
  return { ...table, rows: rows.map(([k], i) => [k, String(cells[i])]), notes: cells.includes(SECONDARY_MARKER) ? [SECONDARY_NOTE] : [] };
}

const PARTITION_WITHHELD = 'Not shown while small counts are suppressed: with so few reviews, any count shown with the total would give a suppressed one away.';
const SECONDARY_NOTE = `"${SECONDARY_MARKER}": a count hidden so that a suppressed one cannot be worked out from the total.`;

function reviewsSection(ctx: Context): ReportSection {
  const { facts } = ctx;
  const list: ReportTable = {
    kind: 'table', caption: 'The reviews', basis: null,
    columns: ['review', 'area', 'child age (months)', 'gender', 'outcome', 'nature of harm', 'review days', 'recommendations'],
    rows: facts.map((f) => [f.fileName, f.area, f.childAgeMonths, f.gender, f.outcome, f.natureOfHarm, f.reviewDurationDays, f.recommendationsCount]),
    notes: ['From each report\'s profile sheet, with reviewers\' corrections; empty where the report does not say.'],
  };
  return {
    id: 'reviews', title: 'The reviews and the children',
    intro: [`${facts.length} review(s) are included.`, ...(suppressing(ctx) ? [`The list of reviews: ${PER_REVIEW_WITHHELD}`] : [])],
    blocks: [
      ...(suppressing(ctx) ? [] : [list]),
      countTable('Age of the child', 'age band', facts.map((f) => f.ageBand), ctx, AGE_BAND_ORDER),
      countTable('Gender', 'gender', facts.map((f) => f.gender), ctx),
      countTable('Ethnicity, as the reports state it', 'ethnicity', facts.map((f) => f.ethnicity), ctx),
      countTable('Outcome', 'outcome', facts.map((f) => f.outcome), ctx),
    ],
  };
}

function documentsWith(ctx: Context, code: string): Set<number> {
  return new Set(ctx.pairs.filter((p) => p.code === code).map((p) => p.documentId));
}

function riskFactorSection(ctx: Context): ReportSection {
  const { facts, codebook, options } = ctx;
  const basis = BASIS_TEXT[options.basis];
  const present = new Map(codebook.riskFactors.map((rf) => [rf, documentsWith(ctx, rf)]));
  const checklist: ReportTable = {
    kind: 'table', caption: 'Risk-factor checklist for every review', basis,
    columns: ['review', ...codebook.riskFactors.map(ctx.labelOf)],
    rows: facts.map((f) => [f.fileName, ...codebook.riskFactors.map((rf) => (present.get(rf)!.has(f.documentId) ? 'X' : ''))]),
    notes: ['X = asserted present for this family in at least one paragraph.'],
  };
  const bars: ReportBars = {
    kind: 'bars', caption: 'Reviews in which each risk factor was present', basis, of: facts.length,
    bars: codebook.riskFactors.map((rf) => ({ label: ctx.labelOf(rf), value: drawn(present.get(rf)!.size, options.suppressBelow), shown: shown(present.get(rf)!.size, options.suppressBelow) }))
      .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label)),
  };
  if (suppressing(ctx)) return { id: 'risk-factors', title: 'Risk factors', intro: [`The checklist of each review: ${PER_REVIEW_WITHHELD}`], blocks: [bars] };
  return { id: 'risk-factors', title: 'Risk factors', intro: [], blocks: [checklist, bars] };
}

function themeSection(ctx: Context): ReportSection {
  const { codebook, options, facts } = ctx;
  const basis = BASIS_TEXT[options.basis];
  const themes = codebook.themes;
  const docs = new Map(themes.map((t) => [t, documentsWith(ctx, t)]));
  const bars: ReportBars = {
    kind: 'bars', caption: 'Reviews discussing each theme', basis, of: facts.length,
    bars: themes.map((t) => ({ label: ctx.labelOf(t), value: drawn(docs.get(t)!.size, options.suppressBelow), shown: shown(docs.get(t)!.size, options.suppressBelow) }))
      .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label)),
  };
  const segments: ReportTable = {
    kind: 'table', caption: 'Themes: reviews and segments (paragraphs, list items, table rows)', basis, columns: ['theme', 'reviews', 'segments'],
    rows: themes.map((t) => [ctx.labelOf(t), shown(docs.get(t)!.size, options.suppressBelow), shown(ctx.pairs.filter((p) => p.code === t).length, options.suppressBelow)]),
    notes: [],
  };
  const counts = themes.map((a) => themes.map((b) => [...docs.get(a)!].filter((d) => docs.get(b)!.has(d)).length));
  const grid: ReportGrid = {
    kind: 'grid', caption: 'Themes discussed in the same review', basis, labels: themes.map(ctx.labelOf),
    cells: counts.map((row) => row.map((n) => drawn(n, options.suppressBelow))),
    shown: counts.map((row) => row.map((n) => shown(n, options.suppressBelow))),
  };
  return { id: 'themes', title: 'Practice themes', intro: [], blocks: [bars, segments, grid] };
}

/** The recommendations (as the profile sheet counts them) by the themes they address and the agencies they are addressed to. */
function recommendationsSection(ctx: Context): ReportSection {
  const { db, codebook, options, facts } = ctx;
  const ids = new Set(facts.map((f) => f.documentId));
  const lexicon = loadProfileLexicon();
  const recs = recommendationSegments(db, lexicon).filter((r) => ids.has(r.documentId));
  const themesOf = new Map<number, string[]>();
  for (const p of ctx.pairs) if (p.kind === 'theme') themesOf.set(p.segmentId, [...(themesOf.get(p.segmentId) ?? []), p.code]);
  const count = (hits: typeof recs) => [shown(hits.length, options.suppressBelow), shown(new Set(hits.map((h) => h.documentId)).size, options.suppressBelow)];
  const byTheme: ReportTable = {
    kind: 'table', caption: 'Recommendations by the theme they address', basis: BASIS_TEXT[options.basis], columns: ['theme', 'recommendations', 'reviews'],
    rows: codebook.themes.map((t) => [ctx.labelOf(t), ...count(recs.filter((r) => themesOf.get(r.segmentId)?.includes(t)))]).filter((row) => row[1] !== '0'),
    notes: ['A recommendation counts under every theme it addresses.'],
  };
  const matcher = agencyMatcher(lexicon.agencies);
  const agenciesOf = new Map(recs.map((r) => [r.segmentId, addressedTo(r, matcher)]));
  const agencies = [...new Set([...agenciesOf.values()].flat())].sort();
  const byAgency: ReportTable = {
    kind: 'table', caption: 'Recommendations by the agency they are addressed to', basis: null, columns: ['agency', 'recommendations', 'reviews'],
    rows: [...agencies.map((a) => [a, ...count(recs.filter((r) => agenciesOf.get(r.segmentId)!.includes(a)))]),
      ['not named (the board, a partnership, all agencies)', ...count(recs.filter((r) => agenciesOf.get(r.segmentId)!.length === 0))]],
    notes: ['Named before "should", or in the Agency column of a recommendations table; normalised by lexicons/agencies.json.'],
  };
  const recurring = codebook.themes
    .map((t) => ({ t, docs: new Set(recs.filter((r) => themesOf.get(r.segmentId)?.includes(t)).map((r) => r.documentId)).size }))
    .filter((x) => x.docs >= 2).sort((a, b) => b.docs - a.docs).slice(0, 3);
  const quotes: ReportQuotes = {
    kind: 'quotes', caption: 'Recurring recommendations (themes addressed by two or more reviews), one example each',
    quotes: recurring.map(({ t }) => {
      const r = recs.find((x) => themesOf.get(x.segmentId)?.includes(t))!;
      return { text: options.redactor.quote(r.documentId, r.start, r.end), source: `${ctx.labelOf(t)} — ${options.redactor.text(r.documentId, r.fileName)}${r.paragraph ? `, ${r.paragraph}` : ''}` };
    }),
  };
  return { id: 'recommendations', title: 'Recommendations', intro: [`${recs.length} recommendation(s) in ${new Set(recs.map((r) => r.documentId)).size} review(s).`], blocks: [byTheme, byAgency, quotes] };
}

function qualitySection(ctx: Context): ReportSection {
  const ids = new Set(ctx.facts.map((f) => f.documentId));
  const q = quality(ctx.db);
  const shownName = new Map(documentFacts(ctx.db).map((f) => [f.fileName, ctx.facts.find((x) => x.documentId === f.documentId)?.fileName]));
  const rows = q.rows.filter((r) => shownName.get(String(r[0])) !== undefined).map((r) => [shownName.get(String(r[0]))!, ...r.slice(1)]);
  const complete = rows.filter((r) => r[1] === `${STANDARD_SECTIONS.length}/${STANDARD_SECTIONS.length}`).length;
  return {
    id: 'quality', title: 'Quality of the reports',
    intro: [`${complete} of ${ids.size} report(s) have all ${STANDARD_SECTIONS.length} standard sections.`],
    blocks: [{ kind: 'table', caption: q.title, basis: null, columns: q.columns, rows, notes: q.notes }],
  };
}

function trainingSection(ctx: Context): ReportSection {
  const { codebook, options, facts } = ctx;
  const priorities = loadTrainingPriorities(codebook);
  const table: ReportTable = {
    kind: 'table', caption: 'Training priorities and the reviews that evidence them', basis: BASIS_TEXT[options.basis],
    columns: ['priority', 'themes', 'reviews', 'segments'],
    rows: priorities.map((p) => {
      const hits = ctx.pairs.filter((x) => p.themes.includes(x.code));
      return [p.label, p.themes.map(ctx.labelOf).join(', '), shown(new Set(hits.map((h) => h.documentId)).size, options.suppressBelow), shown(new Set(hits.map((h) => h.segmentId)).size, options.suppressBelow)];
    }),
    notes: [`Out of ${facts.length} review(s). The mapping of themes to priorities is lexicons/training.json.`],
  };
  return { id: 'training', title: 'Training priorities for the multi-agency framework', intro: priorities.map((p) => `${p.label}: ${p.note}`), blocks: [table] };
}
