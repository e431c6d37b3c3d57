// Turns a report spec (data) into the Report the renderers draw: numbering applied,
// generated sections expanded, tags parsed.
import type { PdfLayoutOptions, Report, ReportBlock, RiskTags } from './model.js';
import type { ItemSpec, ParaSpec, RecSpec, ReportSpec, SectionSpec } from './spec.js';
import { createRng } from './prng.js';
import { noTags, parseTags } from './tags.js';
import { generateParagraph, type GenContext } from './templates.js';

const DEFAULT_PDF: PdfLayoutOptions = {
  bodyFont: 'Times-Roman', bodySize: 11, justify: false, hyphenate: false, hangingNumbers: false, scanned: false,
};

interface Numberer {
  section(heading: string, front: boolean): string;
  paragraph(front: boolean): string | undefined;
}

function makeNumberer(style: ReportSpec['numbering']): Numberer {
  let sectionNo = 0;
  let paraNo = 0;
  return {
    section(heading, front) {
      if (style !== 'section' || front) return heading;
      sectionNo += 1;
      paraNo = 0;
      return `${sectionNo}. ${heading}`;
    },
    paragraph(front) {
      if (style === 'none' || front) return undefined;
      paraNo += 1;
      return style === 'section' ? `${sectionNo}.${paraNo}` : `${paraNo}.`;
    },
  };
}

function para(spec: ParaSpec, where: string): { text: string; tags: RiskTags } {
  return typeof spec === 'string' ? { text: spec, tags: noTags() } : { text: spec[0], tags: parseTags(spec[1], where) };
}

function numbered(text: string, number: string | undefined): string {
  return number ? `${number} ${text}` : text;
}

function recBlocks(recs: RecSpec[], style: string, num: Numberer, front: boolean, where: string): ReportBlock[] {
  const tags = (r: RecSpec) => parseTags(r.tags ?? '', where);
  if (style === 'table') {
    return [{
      kind: 'table', recommendations: true, header: ['No.', 'Recommendation', 'Agency', 'Timescale'], widths: [0.08, 0.56, 0.2, 0.16],
      rows: recs.map((r, i) => [String(i + 1), r.t, r.agency ?? 'LSCB', r.when ?? '6 months']), rowTags: recs.map(tags),
    }];
  }
  if (style === 'bullets') return recs.map((r) => ({ kind: 'list_item', text: r.t, tags: tags(r), recommendation: true }));
  return recs.map((r, i) => {
    const number = num.paragraph(front);
    const text = style === 'prefixed' ? `Recommendation ${i + 1}: ${r.t}` : r.t;
    return { kind: 'paragraph', text: numbered(text, number), tags: tags(r), recommendation: true, number };
  });
}

function itemBlocks(item: ItemSpec, num: Numberer, front: boolean, gen: GenContext, where: string): ReportBlock[] {
  if (typeof item === 'string' || Array.isArray(item)) {
    const p = para(item, where);
    const number = num.paragraph(front);
    return [{ kind: 'paragraph', text: numbered(p.text, number), tags: p.tags, number }];
  }
  if ('sub' in item) return [{ kind: 'heading', level: 2, text: item.sub }];
  if ('bullets' in item) return item.bullets.map((b) => ({ kind: 'list_item', ...para(b, where) }));
  if ('recs' in item) return recBlocks(item.recs, item.style, num, front, where);
  if ('table' in item) {
    const rows = item.table.rows.map((r) => (Array.isArray(r) ? { cells: r, tags: '' } : r));
    return [{
      kind: 'table', recommendations: false, header: item.table.header, widths: item.table.widths,
      rows: rows.map((r) => r.cells), rowTags: rows.map((r) => parseTags(r.tags, where)),
    }];
  }
  // A generated run may restart the chronology at its own period, so dated sub-sections stay in order.
  if (item.from) gen.date = new Date(`${item.from}T00:00:00Z`);
  if (item.stepDays) gen.stepDays = item.stepDays;
  return Array.from({ length: item.count }, () => {
    const p = generateParagraph(item.generate, gen);
    const number = num.paragraph(front);
    return { kind: 'paragraph', text: numbered(p.text, number), tags: p.tags, number } as ReportBlock;
  });
}

function sectionBlocks(section: SectionSpec, num: Numberer, gen: GenContext, where: string): ReportBlock[] {
  const front = section.front ?? false;
  const heading: ReportBlock = { kind: 'heading', level: 1, text: num.section(section.heading, front) };
  return [heading, ...section.items.flatMap((item) => itemBlocks(item, num, front, gen, `${where} / ${section.heading}`))];
}

export function buildReport(spec: ReportSpec): Report {
  const gen: GenContext = {
    rng: createRng(spec.seed), cast: spec.cast, caseRisk: spec.caseRisk, stepDays: spec.chronologyStepDays ?? [4, 38],
    date: new Date(`${spec.chronologyStart ?? spec.profile.review_commissioned}T00:00:00Z`),
  };
  const num = makeNumberer(spec.numbering);
  const blocks: ReportBlock[] = [
    { kind: 'title', text: spec.title },
    ...spec.sections.flatMap((s) => sectionBlocks(s, num, gen, spec.id)),
  ];
  return {
    id: spec.id, fileName: `${spec.id}.${spec.format}`, format: spec.format, summary: spec.summary,
    header: spec.header, footer: spec.footer, numbering: spec.numbering,
    pdf: { ...DEFAULT_PDF, ...spec.pdf }, profile: spec.profile, blocks, created: spec.created,
  };
}
