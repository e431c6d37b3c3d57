// The shape of a report as written in scripts/corpus/data/reports/*.json.
import type { FooterStyle, NumberingStyle, PdfLayoutOptions, Profile } from './model.js';

/** A paragraph: plain text, or [text, tag notation] (see tags.ts). */
export type ParaSpec = string | [string, string];

export interface RecSpec { t: string; agency?: string; when?: string; tags?: string }

export type ItemSpec =
  | ParaSpec
  | { sub: string }
  | { bullets: ParaSpec[] }
  | { table: { header: string[]; widths: number[]; rows: (string[] | { cells: string[]; tags: string })[] } }
  | { recs: RecSpec[]; style: 'table' | 'paragraphs' | 'bullets' | 'prefixed' }
  | { generate: string; count: number; from?: string; stepDays?: [number, number] };

export interface SectionSpec {
  heading: string;
  /** Front matter is never numbered (executive summaries, contents notes). */
  front?: boolean;
  items: ItemSpec[];
}

export interface ReportSpec {
  id: string;
  format: 'pdf' | 'docx';
  summary: string;
  created: string;
  title: string;
  header: string | null;
  footer: FooterStyle;
  numbering: NumberingStyle;
  pdf?: Partial<PdfLayoutOptions>;
  /** Names and places the templates fill in ({child}, {mother}, …). */
  cast: Record<string, string>;
  /** Risk factors present in this case: templates asserting others are never chosen. */
  caseRisk: string[];
  /** Where generated chronologies start (ISO date). */
  chronologyStart?: string;
  /** Days between generated chronology entries, [min, max]. */
  chronologyStepDays?: [number, number];
  seed: number;
  profile: Profile;
  sections: SectionSpec[];
}
