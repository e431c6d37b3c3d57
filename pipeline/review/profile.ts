// The profile sheet in the workbench (API.md): each field of a document's profile as a reviewer
// reads it — the extracted value and the evidence that gave it, the correction in force, the
// value in force — and a reviewer's correction, stored through store/profiles.ts, which keeps
// corrections append-only and refuses one made on a stale view.
import type { Codebook } from '../codebook.js';
import type { Db } from '../store/db.js';
import { currentProfile, decideProfileField, type ProfileDecision, profileDecisions, StaleProfileError } from '../store/profiles.js';
import { PROFILE_FIELDS, type ProfileEvidence, type ProfileField } from '../profile/types.js';
import { codedDocument, ReviewError } from './workbench.js';

/** What a field takes: requests.ts checks a value by it, and the page offers the control that fits. */
export type ProfileFieldKind = 'text' | 'count' | 'date' | 'outcome' | 'list' | 'risk_factors';

export const PROFILE_FIELD_KINDS: Record<ProfileField, ProfileFieldKind> = {
  area: 'text',
  child_age_months: 'count',
  gender: 'text',
  ethnicity: 'text',
  outcome: 'outcome',
  nature_of_harm: 'text',
  agencies: 'list',
  review_commissioned: 'date',
  review_completed: 'date',
  review_duration_days: 'count',
  recommendations_count: 'count',
  risk_factors_present: 'risk_factors',
};

export const OUTCOMES = ['died', 'seriously_harmed'] as const;
/** Longest text value, and longest item of a list: a profile value is a short fact, not a memo. */
export const PROFILE_TEXT_MAX = 500;
/** Most items in a list value (agencies, risk factors); the request body is bounded anyway. */
export const PROFILE_LIST_MAX = 100;

export interface ProfileCorrectionView { id: number; value: unknown; memo: string | null; reviewer: string; decidedAt: string; basedOn: number | null }

export interface ProfileFieldView {
  field: ProfileField;
  kind: ProfileFieldKind;
  /** The value in force: the latest correction, else the extracted value (null: the report does not state it). */
  value: unknown;
  extracted: unknown;
  evidence: ProfileEvidence[];
  /** The correction in force; its id is what a new correction of this field sends as basedOn. */
  correction: ProfileCorrectionView | null;
  /** The value follows other decisions: corrected review dates, or reviewers' decisions on risk-factor codes. */
  derivedFrom: ProfileField[] | null;
}

export interface ProfileInput { documentId: number; field: ProfileField; value: unknown; memo: string | null; basedOn: number | null }

const toCorrectionView = (d: Pick<ProfileDecision, 'id' | 'value' | 'memo' | 'reviewer' | 'decidedAt' | 'basedOn'>): ProfileCorrectionView => ({
  id: d.id, value: d.value, memo: d.memo, reviewer: d.reviewer, decidedAt: d.decidedAt, basedOn: d.basedOn,
});

/** Every profile field of a coded document, in the gold files' order. */
export function profileView(db: Db, documentId: number, codebook: Codebook): ProfileFieldView[] {
  const doc = codedDocument(db, documentId);
  const profile = currentProfile(db, { id: doc.id, fileName: doc.fileName, sha256: doc.sha256 }, codebook.riskFactors);
  return PROFILE_FIELDS.map((field) => {
    const f = profile.fields[field];
    return {
      field, kind: PROFILE_FIELD_KINDS[field], value: f.value, extracted: f.extracted, evidence: f.evidence,
      correction: f.correction ? toCorrectionView(f.correction) : null, derivedFrom: f.derivedFrom ?? null,
    };
  });
}

/**
 * Stores a reviewer's correction of one field (request already checked by requests.ts); a view
 * that no longer shows the latest correction is refused as stale with the current one. Returns
 * the new correction and the whole profile, since a corrected date also moves the duration.
 */
export function correctProfileField(db: Db, input: ProfileInput, reviewer: string, codebook: Codebook): { correction: ProfileCorrectionView; profile: ProfileFieldView[] } {
  const doc = codedDocument(db, input.documentId);
  if (input.field === 'risk_factors_present' && Array.isArray(input.value)) {
    const unknown = input.value.filter((rf) => !codebook.riskFactors.includes(rf));
    if (unknown.length) throw new ReviewError('invalid', `"risk_factors_present": ${unknown.join(', ')} not a risk factor of the codebook (${codebook.riskFactors.join(', ')})`);
  }
  let id: number;
  try {
    id = decideProfileField(db, { documentSha256: doc.sha256, field: input.field, value: input.value, memo: input.memo, reviewer, basedOn: input.basedOn });
  } catch (err) {
    // The store's `current` is the latest correction, or nothing when the one the page showed does not exist.
    if (err instanceof StaleProfileError) throw new ReviewError('stale', err.message, err.current ? toCorrectionView(err.current) : null);
    throw err;
  }
  // Read back as stored (values are normalised: trimmed, risk factors in codebook order).
  const stored = profileDecisions(db, doc.sha256).find((d) => d.id === id)!;
  return { correction: toCorrectionView(stored), profile: profileView(db, input.documentId, codebook) };
}
