// Per-document facts for crosstabs, from the profile sheet (profile_fields, migration 005) with
// reviewers' corrections (profile_decisions) applied. A field the report does not state is
// null and shows as "not stated" — never guessed.
import { type Db, statement } from '../store/db.js';

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

interface FieldRow { documentId: number; fileName: string; field: string | null; value: string | null }

const FIELDS_SQL = `
  WITH corrected AS (
    SELECT * FROM (
      SELECT pd.*, row_number() OVER (PARTITION BY pd.document_sha256, pd.field ORDER BY pd.id DESC) AS recency
      FROM profile_decisions pd)
    WHERE recency = 1)
  SELECT d.id AS documentId, d.file_name AS fileName, f.field,
         CASE WHEN c.id IS NOT NULL THEN c.value ELSE f.value END AS value
  FROM documents d
  LEFT JOIN profile_fields f ON f.document_id = d.id
  LEFT JOIN corrected c ON c.document_sha256 = d.sha256 AND c.field = f.field
  WHERE d.status = 'coded'
  UNION ALL
  -- A correction of a field the extractor did not store at all.
  SELECT d.id, d.file_name, c.field, c.value
  FROM corrected c JOIN documents d ON d.sha256 = c.document_sha256 AND d.status = 'coded'
  WHERE NOT EXISTS (SELECT 1 FROM profile_fields f WHERE f.document_id = d.id AND f.field = c.field)`;

export function documentFacts(db: Db): DocumentFacts[] {
  const byDoc = new Map<number, { fileName: string; fields: Map<string, unknown> }>();
  for (const r of statement(db, FIELDS_SQL).all() as FieldRow[]) {
    let doc = byDoc.get(r.documentId);
    if (!doc) byDoc.set(r.documentId, (doc = { fileName: r.fileName, fields: new Map() }));
    if (r.field !== null) doc.fields.set(r.field, r.value === null ? null : JSON.parse(r.value));
  }
  return [...byDoc].map(([documentId, { fileName, fields }]) => factsOf(documentId, fileName, fields))
    .sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : a.documentId - b.documentId));
}

function factsOf(documentId: number, fileName: string, fields: Map<string, unknown>): DocumentFacts {
  const str = (k: string) => (typeof fields.get(k) === 'string' ? (fields.get(k) as string) : null);
  const num = (k: string) => (typeof fields.get(k) === 'number' ? (fields.get(k) as number) : null);
  const date = str('review_completed') ?? str('review_commissioned');
  const year = date && /^\d{4}/.test(date) ? Number(date.slice(0, 4)) : null;
  const agencies = fields.get('agencies');
  return {
    documentId, fileName, area: str('area'), year, childAgeMonths: num('child_age_months'), ageBand: ageBand(num('child_age_months')),
    gender: str('gender'), ethnicity: str('ethnicity'), outcome: str('outcome'), natureOfHarm: str('nature_of_harm'), agencies: Array.isArray(agencies) ? agencies.filter((a): a is string => typeof a === 'string') : [],
    recommendationsCount: num('recommendations_count'), reviewDurationDays: num('review_duration_days'),
  };
}
