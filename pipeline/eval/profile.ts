// Scores the document profile sheet against the gold files' `profile`: per field, exact match
// for scalars after light normalisation (case and spacing of strings; dates as ISO strings),
// precision / recall / F1 of the set for agencies and risk factors, and a content-word overlap F1
// for the free-text nature of harm. A field the gold leaves null is right only when the
// prediction is null too: "not stated" is a value to get right.
import { PROFILE_FIELDS, type ProfileField } from '../profile/types.js';

export type ProfileFieldKind = 'exact' | 'set' | 'token_f1';

export const PROFILE_FIELD_KIND: Record<ProfileField, ProfileFieldKind> = {
  area: 'exact',
  child_age_months: 'exact',
  gender: 'exact',
  ethnicity: 'exact',
  outcome: 'exact',
  nature_of_harm: 'token_f1',
  agencies: 'set',
  review_commissioned: 'exact',
  review_completed: 'exact',
  review_duration_days: 'exact',
  recommendations_count: 'exact',
  risk_factors_present: 'set',
};

export interface ProfileFieldScore {
  field: ProfileField;
  kind: ProfileFieldKind;
  /** Documents whose gold profile has the field. */
  documents: number;
  /** exact: documents right; token_f1: sum of per-document F1. */
  correct: number;
  /** exact: share right; token_f1: mean per-document F1; set: micro F1 (as `f1`). */
  accuracy: number;
  /** set fields: counts over all documents' items. */
  tp?: number; fp?: number; fn?: number; precision?: number; recall?: number; f1?: number;
}

export interface ProfileMismatch { document: string; field: ProfileField; gold: unknown; predicted: unknown; score: number }

export interface ProfileReport {
  fields: Record<ProfileField, ProfileFieldScore>;
  /** Mean of the exact fields' accuracies. */
  exactMean: number;
  mismatches: ProfileMismatch[];
}

export interface ProfilePair { document: string; gold: Record<string, unknown> | undefined; predicted: Record<string, unknown> | null }

export function scoreProfiles(pairs: ProfilePair[]): ProfileReport {
  const fields = {} as Record<ProfileField, ProfileFieldScore>;
  const mismatches: ProfileMismatch[] = [];
  for (const field of PROFILE_FIELDS) {
    const kind = PROFILE_FIELD_KIND[field];
    const s: ProfileFieldScore = { field, kind, documents: 0, correct: 0, accuracy: 0, ...(kind === 'set' ? { tp: 0, fp: 0, fn: 0 } : {}) };
    for (const p of pairs) {
      if (!p.gold || !(field in p.gold)) continue;
      s.documents++;
      const gold = p.gold[field] ?? null;
      const predicted = p.predicted?.[field] ?? null;
      const one = kind === 'exact' ? (sameScalar(gold, predicted) ? 1 : 0) : kind === 'token_f1' ? tokenF1(gold, predicted) : addSet(s, gold, predicted);
      s.correct += one;
      if (one < 1) mismatches.push({ document: p.document, field, gold, predicted, score: one });
    }
    if (kind === 'set') {
      const precision = s.tp! + s.fp! ? s.tp! / (s.tp! + s.fp!) : s.fn! ? 0 : 1;
      const recall = s.tp! + s.fn! ? s.tp! / (s.tp! + s.fn!) : 1;
      Object.assign(s, { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 });
      s.accuracy = s.f1!;
    } else {
      s.accuracy = s.documents ? s.correct / s.documents : 0;
    }
    fields[field] = s;
  }
  const exact = PROFILE_FIELDS.filter((f) => PROFILE_FIELD_KIND[f] === 'exact' && fields[f].documents > 0);
  return { fields, exactMean: exact.length ? exact.reduce((a, f) => a + fields[f].accuracy, 0) / exact.length : 0, mismatches };
}

/** Strings compare trimmed, case-folded and with single spaces; everything else as JSON. */
export function sameScalar(gold: unknown, predicted: unknown): boolean {
  const norm = (v: unknown) => (typeof v === 'string' ? `"${v.trim().replace(/\s+/g, ' ').toLowerCase()}"` : JSON.stringify(v ?? null));
  return norm(gold) === norm(predicted);
}

/** Adds one document's set to the counts; returns its own F1 (1 when both are empty). */
function addSet(s: ProfileFieldScore, gold: unknown, predicted: unknown): number {
  const norm = (v: unknown) => new Set((Array.isArray(v) ? v : []).map((x) => String(x).trim().toLowerCase()));
  const g = norm(gold);
  const p = norm(predicted);
  let tp = 0;
  for (const x of p) if (g.has(x)) tp++;
  s.tp! += tp;
  s.fp! += p.size - tp;
  s.fn! += g.size - tp;
  if (g.size === 0 && p.size === 0) return 1;
  return (2 * tp) / (g.size + p.size);
}

// Function words (and the 's of a possessive) carry no meaning of their own in a harm description.
const STOP_WORDS = new Set('s a an the of and with by his her their its in on from to while at for during after as was were he she it that which who'.split(' '));

export function contentTokens(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  return (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((t) => !STOP_WORDS.has(t));
}

/** F1 of the content words two texts share (as multisets); 1 when both are null or empty, 0 when one is. */
export function tokenF1(gold: unknown, predicted: unknown): number {
  const g = contentTokens(gold);
  const p = contentTokens(predicted);
  if (g.length === 0 && p.length === 0) return 1;
  if (g.length === 0 || p.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const t of g) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of p) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      common++;
      counts.set(t, n - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / p.length;
  const recall = common / g.length;
  return (2 * precision * recall) / (precision + recall);
}
