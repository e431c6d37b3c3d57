import type { Context, SegmentedDoc } from '../types.js';
import type { Codebook } from '../codebook.js';
import type { GoldDocument } from './gold.js';
import { alignGoldParagraphs } from './align.js';
import { scoreProfiles, type ProfileReport } from './profile.js';

/** What the pipeline produced for one document, as evaluation needs it. */
export interface PredictedDocument {
  fileName: string;
  segmented: SegmentedDoc;
  findings: { segment: number; code: string; context: Context }[];
  /** The profile sheet as the pipeline extracted it (field → value); null when none was stored. */
  profile?: Record<string, unknown> | null;
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface EvalReport {
  documents: string[];
  /** Gold documents with no coded document of that name. */
  missingDocuments: string[];
  perCode: Record<string, Score>;
  themesMicro: Score;
  riskFactorsMicro: Score;
  checklist: Score;
  /** Share of gold paragraph characters found in the segments' text. */
  textRecovered: number;
  /** Share of gold paragraphs that are exactly one segment. */
  paragraphsExact: number;
  /** Segment text no gold paragraph accounts for, per document. */
  leaked: { document: string; text: string }[];
  nonPresent: { total: number; keptOut: number; share: number; byContext: Record<string, { total: number; keptOut: number }> };
  /** Paragraph-level disagreements, for a lexicon author to study (only filled when asked for). */
  errors: CodingError[];
  /** The document profile sheet against the gold `profile`, per field. */
  profile: ProfileReport;
}

export interface CodingError {
  document: string;
  paragraph: number;
  code: string;
  kind: 'false_positive' | 'false_negative';
  /** For a non-present gold mention coded present: its gold context. */
  goldContext?: string;
  text: string;
}

const PRESENT: ReadonlySet<Context> = new Set(['asserted']);

export function evaluate(gold: GoldDocument[], predicted: PredictedDocument[], codebook: Codebook, errorsFor: ReadonlySet<string> = new Set()): EvalReport {
  const byName = new Map(predicted.map((p) => [p.fileName, p]));
  const counts = new Map<string, Counts>(codebook.codes.map((c) => [c.id, { tp: 0, fp: 0, fn: 0 }]));
  const checklist: Counts = { tp: 0, fp: 0, fn: 0 };
  const nonPresent = { total: 0, keptOut: 0, byContext: {} as Record<string, { total: number; keptOut: number }> };
  const leaked: EvalReport['leaked'] = [];
  let goldChars = 0;
  let foundChars = 0;
  let exact = 0;
  let paragraphs = 0;
  const missingDocuments: string[] = [];
  const documents: string[] = [];
  const errors: CodingError[] = [];

  for (const g of gold) {
    const p = byName.get(g.document);
    if (!p) {
      missingDocuments.push(g.document);
      continue;
    }
    documents.push(g.document);
    const presentBySegment = presentCodes(p);
    const alignment = alignGoldParagraphs(g.paragraphs.map((x) => x.text), p.segmented);
    leaked.push(...alignment.leaked.map((text) => ({ document: g.document, text })));
    g.paragraphs.forEach((para, i) => {
      const a = alignment.paragraphs[i];
      paragraphs++;
      goldChars += para.text.length;
      if (a.match !== 'missing') foundChars += para.text.length;
      if (a.match === 'exact') exact++;
      const predictedCodes = new Set(a.segments.flatMap((s) => [...(presentBySegment.get(s) ?? [])]));
      countCodes(counts, new Set(para.codes), predictedCodes);
      for (const code of errorsFor) {
        const inGold = para.codes.includes(code);
        if (inGold === predictedCodes.has(code)) continue;
        errors.push({ document: g.document, paragraph: i, code, kind: inGold ? 'false_negative' : 'false_positive', goldContext: para.non_present?.[code], text: para.text });
      }
      for (const [code, context] of Object.entries(para.non_present ?? {})) {
        if (para.codes.includes(code)) continue;
        const slot = (nonPresent.byContext[context] ??= { total: 0, keptOut: 0 });
        nonPresent.total++;
        slot.total++;
        if (!predictedCodes.has(code)) {
          nonPresent.keptOut++;
          slot.keptOut++;
        }
      }
    });
    const goldChecklist = new Set(g.profile?.risk_factors_present ?? []);
    const predictedChecklist = new Set([...presentBySegment.values()].flatMap((s) => [...s]).filter((c) => codebook.kindOf(c) === 'risk_factor'));
    addCounts(checklist, goldChecklist, predictedChecklist);
  }

  const perCode = Object.fromEntries([...counts].map(([code, c]) => [code, score(c)]));
  const micro = (ids: string[]) => score(sumCounts(ids.map((id) => counts.get(id)!)));
  return {
    documents,
    missingDocuments,
    perCode,
    themesMicro: micro(codebook.themes),
    riskFactorsMicro: micro(codebook.riskFactors),
    checklist: score(checklist),
    textRecovered: goldChars ? foundChars / goldChars : 0,
    paragraphsExact: paragraphs ? exact / paragraphs : 0,
    leaked,
    errors,
    nonPresent: { ...nonPresent, share: nonPresent.total ? nonPresent.keptOut / nonPresent.total : 1 },
    profile: scoreProfiles(gold.filter((g) => byName.has(g.document)).map((g) => ({ document: g.document, gold: g.profile, predicted: byName.get(g.document)!.profile ?? null }))),
  };
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

/** Codes counted present per segment: every theme finding, and risk factors in an asserted context. */
function presentCodes(p: PredictedDocument): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const f of p.findings) {
    if (!PRESENT.has(f.context)) continue;
    let set = out.get(f.segment);
    if (!set) out.set(f.segment, (set = new Set()));
    set.add(f.code);
  }
  return out;
}

function countCodes(counts: Map<string, Counts>, gold: Set<string>, predicted: Set<string>): void {
  for (const [code, c] of counts) {
    const g = gold.has(code);
    const p = predicted.has(code);
    if (g && p) c.tp++;
    else if (p) c.fp++;
    else if (g) c.fn++;
  }
}

function addCounts(c: Counts, gold: Set<string>, predicted: Set<string>): void {
  for (const x of predicted) if (gold.has(x)) c.tp++; else c.fp++;
  for (const x of gold) if (!predicted.has(x)) c.fn++;
}

function sumCounts(list: Counts[]): Counts {
  return list.reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
}

export function score(c: Counts): Score {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { ...c, precision, recall, f1 };
}
