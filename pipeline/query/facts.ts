// Per-document facts for crosstabs and the report, from the profile sheet as it stands — the same
// values the profiles export and the workbench show. A field the report does not state is
// null and shows as "not stated" — never guessed.
import type { Db } from '../store/db.js';
import { currentProfiles } from '../store/profiles.js';

export interface DocumentFacts {
  documentId: number;
  fileName: string;
  area: string | null;
  /** Year the review was completed (or, failing that, commissioned). */
  year: number | null;
  childAgeMonths: number | null;
  ageBand: string | null;
  gender: string | null;
  ethnicity: string | null;
  outcome: string | null;
  natureOfHarm: string | null;
  agencies: string[];
  recommendationsCount: number | null;
  reviewDurationDays: number | null;
}

// The bands the national analyses of serious case reviews use (under 1 is the largest group).
const AGE_BANDS: { label: string; belowMonths: number }[] = [
  { label: 'under 1', belowMonths: 12 },
  { label: '1–4', belowMonths: 60 },
  { label: '5–9', belowMonths: 120 },
  { label: '10–14', belowMonths: 180 },
  { label: '15–17', belowMonths: 216 },
];

export const AGE_BAND_ORDER = [...AGE_BANDS.map((b) => b.label), '18 and over'];

export function ageBand(months: number | null): string | null {
  if (months === null) return null;
  return AGE_BANDS.find((b) => months < b.belowMonths)?.label ?? '18 and over';
}

/** Every coded document's facts, from the profile as it stands (store/profiles.ts currentProfiles: corrections, derived durations). */
export function documentFacts(db: Db): DocumentFacts[] {
  return currentProfiles(db).map((p) => factsOf(p.documentId, p.document, new Map(Object.entries(p.fields).map(([k, f]) => [k, f.value]))));
}

function factsOf(documentId: number, fileName: string, fields: Map<string, unknown>): DocumentFacts {
  const str = (k: string) => (typeof fields.get(k) === 'string' ? (fields.get(k) as string) : null);
  const num = (k: string) => (typeof fields.get(k) === 'number' ? (fields.get(k) as number) : null);
  const date = str('review_completed') ?? str('review_commissioned');
  const year = date && /^\d{4}/.test(date) ? Number(date.slice(0, 4)) : null;
  const agencies = fields.get('agencies');
  return {
    documentId, fileName, area: str('area'), year, childAgeMonths: num('child_age_months'), ageBand: ageBand(num('child_age_months')),
    gender: str('gender'), ethnicity: str('ethnicity'), outcome: str('outcome'), natureOfHarm: str('nature_of_harm'),
    agencies: Array.isArray(agencies) ? agencies.filter((a): a is string => typeof a === 'string') : [],
    recommendationsCount: num('recommendations_count'), reviewDurationDays: num('review_duration_days'),
  };
}
