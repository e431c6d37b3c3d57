// The document profile sheet (codebook "Document profile"): one value per field, each with the
// evidence that gave it. A field the report does not state has the value null — never a guess.

/** The profile fields, in the order of the gold files and of `scrcode export --format profiles`. */
export const PROFILE_FIELDS = [
  'area',
  'child_age_months',
  'gender',
  'ethnicity',
  'outcome',
  'nature_of_harm',
  'agencies',
  'review_commissioned',
  'review_completed',
  'review_duration_days',
  'recommendations_count',
  'risk_factors_present',
] as const;

export type ProfileField = (typeof PROFILE_FIELDS)[number];

export type Outcome = 'died' | 'seriously_harmed';

/** What each field holds: JSON values only, so a profile can be stored and diffed as JSON. */
export interface ProfileValues {
  area: string | null;
  child_age_months: number | null;
  gender: string | null;
  ethnicity: string | null;
  outcome: Outcome | null;
  nature_of_harm: string | null;
  agencies: string[] | null;
  /** ISO date (2014-02-10), or year and month (2014-02) when the report gives no day. */
  review_commissioned: string | null;
  review_completed: string | null;
  review_duration_days: number | null;
  recommendations_count: number | null;
  risk_factors_present: string[] | null;
}

/** A span of the document's text that supports a value: text === doc.text.slice(start, end). */
export interface ProfileEvidence {
  start: number;
  end: number;
  text: string;
  /** The lexicon entry or rule that read it, e.g. "area/lscb", "review_dates/commissioned". */
  rule: string;
}

export interface FieldResult<T> {
  value: T;
  evidence: ProfileEvidence[];
}

/** A whole extracted profile: every field, each with its evidence. */
export type ExtractedProfile = { [F in ProfileField]: FieldResult<ProfileValues[F]> };

export const notStated = <T>(): FieldResult<T | null> => ({ value: null, evidence: [] });
