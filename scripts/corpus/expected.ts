// Facts about a generated file that the generator knows because it wrote them; tests and
// the pipeline's own checks compare against these (corpus-sample/expected.json).
import type { NonPresentContext, Report, ReportBlock, RiskTags } from './model.js';
import type { ReportLayout } from './pdfLayout.js';
import { sortCodes } from './tags.js';

export interface ExpectedBlock {
  kind: 'title' | 'heading' | 'paragraph' | 'list_item' | 'table_row';
  level?: number;
  text: string;
  page: number | null;
  present?: string[];
  nonPresent?: Record<string, NonPresentContext>;
}

export interface ExpectedFile {
  file: string;
  format: 'pdf' | 'docx';
  summary: string;
  expectedStatus: 'coded' | 'needs_ocr';
  textLayer: boolean;
  pageCount: number | null;
  header: string | null;
  footer: Report['footer'];
  numbering: Report['numbering'];
  headings: { level: number; text: string }[];
  /** Paragraphs, list items and table rows (header rows included); titles and headings not counted. */
  paragraphCount: number;
  counts: { paragraphs: number; listItems: number; tableRows: number; words: number };
  recommendationsCount: number;
  riskFactors: { present: string[]; mentionedOnly: Record<string, NonPresentContext[]> };
  profile: Report['profile'] & { review_duration_days: number; recommendations_count: number; risk_factors_present: string[] };
  pdfLayout: { twoColumnPages: number[]; hyphenatedLineEnds: string[]; compoundLineEnds: string[] } | null;
  blocks: ExpectedBlock[];
}

function tagFields(tags: RiskTags): Pick<ExpectedBlock, 'present' | 'nonPresent'> {
  return {
    ...(tags.present.length > 0 ? { present: tags.present } : {}),
    ...(Object.keys(tags.nonPresent).length > 0 ? { nonPresent: tags.nonPresent } : {}),
  };
}

function expectedBlocks(block: ReportBlock, page: number | null): ExpectedBlock[] {
  switch (block.kind) {
    case 'title': return [{ kind: 'title', level: 1, text: block.text, page }];
    case 'heading': return [{ kind: 'heading', level: block.level, text: block.text, page }];
    case 'paragraph':
    case 'list_item': return [{ kind: block.kind, text: block.text, page, ...tagFields(block.tags) }];
    case 'table': return [
      { kind: 'table_row', text: block.header.join(' '), page },
      ...block.rows.map((r, i) => ({ kind: 'table_row' as const, text: r.join(' '), page, ...tagFields(block.rowTags[i]) })),
    ];
  }
}

export function recommendationCount(report: Report): number {
  return report.blocks.reduce((n, b) => {
    if (b.kind === 'table') return n + (b.recommendations ? b.rows.length : 0);
    return n + ((b.kind === 'paragraph' || b.kind === 'list_item') && b.recommendation ? 1 : 0);
  }, 0);
}

function riskSummary(blocks: ExpectedBlock[]): ExpectedFile['riskFactors'] {
  const present = sortCodes([...new Set(blocks.flatMap((b) => b.present ?? []))]);
  const mentioned: Record<string, Set<NonPresentContext>> = {};
  for (const b of blocks) {
    for (const [code, ctx] of Object.entries(b.nonPresent ?? {})) {
      if (!present.includes(code)) (mentioned[code] ??= new Set()).add(ctx);
    }
  }
  return {
    present,
    mentionedOnly: Object.fromEntries(sortCodes(Object.keys(mentioned)).map((c) => [c, [...mentioned[c]].sort()])),
  };
}

const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

export function expectedFor(report: Report, layout: ReportLayout | null): ExpectedFile {
  const blocks = report.blocks.flatMap((b, i) => expectedBlocks(b, layout ? layout.blockPages[i] ?? null : null));
  const body = blocks.filter((b) => b.kind !== 'title' && b.kind !== 'heading');
  const risk = riskSummary(blocks);
  const recs = recommendationCount(report);
  const scanned = report.format === 'pdf' && report.pdf.scanned;
  return {
    file: report.fileName,
    format: report.format,
    summary: report.summary,
    expectedStatus: scanned ? 'needs_ocr' : 'coded',
    textLayer: !scanned,
    pageCount: layout ? layout.pages.length : null,
    header: report.header,
    footer: report.footer,
    numbering: report.numbering,
    headings: blocks.filter((b) => b.kind === 'heading').map((b) => ({ level: b.level!, text: b.text })),
    paragraphCount: body.length,
    counts: {
      paragraphs: body.filter((b) => b.kind === 'paragraph').length,
      listItems: body.filter((b) => b.kind === 'list_item').length,
      tableRows: body.filter((b) => b.kind === 'table_row').length,
      words: blocks.reduce((n, b) => n + b.text.split(/\s+/).filter(Boolean).length, 0),
    },
    recommendationsCount: recs,
    riskFactors: risk,
    profile: {
      ...report.profile,
      review_duration_days: days(report.profile.review_commissioned, report.profile.review_completed),
      recommendations_count: recs,
      risk_factors_present: risk.present,
    },
    pdfLayout: layout ? {
      twoColumnPages: layout.pages.flatMap((p, i) => (p.twoColumn ? [i + 1] : [])),
      hyphenatedLineEnds: layout.breaks.filter((b) => b.kind === 'hyphenated').map((b) => `${b.end}${b.start}`),
      compoundLineEnds: layout.breaks.filter((b) => b.kind === 'compound').map((b) => `${b.end}${b.start}`),
    } : null,
    blocks,
  };
}
