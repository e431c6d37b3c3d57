// The generator's own description of a report: what it writes, and what it therefore knows
// (risk-factor contexts per paragraph, headings, recommendation count).

export type NonPresentContext = 'negated' | 'hypothetical' | 'generic';

/** Risk-factor annotations for one paragraph, in the dev-corpus gold convention. */
export interface RiskTags {
  present: string[];
  nonPresent: Record<string, NonPresentContext>;
}

export type ReportBlock =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; text: string; tags: RiskTags; recommendation?: boolean; number?: string }
  | { kind: 'list_item'; text: string; tags: RiskTags; recommendation?: boolean }
  | { kind: 'table'; header: string[]; rows: string[][]; rowTags: RiskTags[]; widths: number[]; recommendations: boolean };

export type FooterStyle = 'page_n_of_m' | 'bare' | 'dash' | 'none';
export type NumberingStyle = 'section' | 'continuous' | 'none';

export interface PdfLayoutOptions {
  bodyFont: 'Times-Roman' | 'Helvetica';
  bodySize: number;
  justify: boolean;
  hyphenate: boolean;
  /** Heading of the section whose pages are set in two columns. */
  twoColumnSection?: string;
  /** Paragraph numbers set in a hanging indent instead of inline. */
  hangingNumbers: boolean;
  /** Render every page as glyph outlines only: no text layer ("scanned"). */
  scanned: boolean;
}

export interface Profile {
  area: string;
  child_age_months: number;
  gender: 'male' | 'female';
  ethnicity: string | null;
  outcome: 'died' | 'seriously_harmed';
  nature_of_harm: string;
  agencies: string[];
  review_commissioned: string;
  review_completed: string;
}

export interface Report {
  id: string;
  fileName: string;
  format: 'pdf' | 'docx';
  /** One-line description of the case for the README. */
  summary: string;
  header: string | null;
  footer: FooterStyle;
  numbering: NumberingStyle;
  pdf: PdfLayoutOptions;
  profile: Profile;
  blocks: ReportBlock[];
  /** Creation date written into the file's metadata (fixed, for byte-identical output). */
  created: string;
}

export const RISK_FACTORS = [
  'bme', 'domestic_violence', 'mental_ill_health', 'substance_misuse', 'temporary_accommodation',
  'learning_disability', 'neglect', 'young_parent', 'non_engagement', 'immigration',
  'previous_cp_history', 'unknown_adult',
] as const;
