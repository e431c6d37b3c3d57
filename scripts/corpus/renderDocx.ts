// Writes a report as DOCX with the docx package: Title/Heading1/Heading2 styles, bullet
// numbering, real tables, and header/footer parts with PAGE / NUMPAGES fields.
import {
  AlignmentType, Document, Footer, Header, HeadingLevel, LevelFormat, Packer, PageNumber, Paragraph,
  Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import JSZip from 'jszip';
import type { Report, ReportBlock } from './model.js';

function tableOf(block: Extract<ReportBlock, { kind: 'table' }>): Table {
  const row = (cells: string[], header: boolean) => new TableRow({
    tableHeader: header,
    children: cells.map((c, i) => new TableCell({
      width: { size: Math.round(block.widths[i] * 100), type: WidthType.PERCENTAGE },
      children: [new Paragraph({ children: [new TextRun({ text: c, bold: header })] })],
    })),
  });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [row(block.header, true), ...block.rows.map((r) => row(r, false))],
  });
}

function bodyOf(block: ReportBlock): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'title': return [new Paragraph({ text: block.text, heading: HeadingLevel.TITLE })];
    case 'heading': return [new Paragraph({ text: block.text, heading: block.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2 })];
    case 'paragraph': return [new Paragraph({ text: block.text, spacing: { after: 120 } })];
    case 'list_item': return [new Paragraph({ text: block.text, numbering: { reference: 'bullets', level: 0 } })];
    case 'table': return [tableOf(block), new Paragraph({ text: '' })];
  }
}

function footerOf(report: Report): Footer | undefined {
  const run = (children: (string | (typeof PageNumber)[keyof typeof PageNumber])[]) => new Footer({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children, size: 18 })] })],
  });
  switch (report.footer) {
    case 'page_n_of_m': return run(['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES]);
    case 'bare': return run([PageNumber.CURRENT]);
    case 'dash': return run(['- ', PageNumber.CURRENT, ' -']);
    case 'none': return undefined;
  }
}

function documentOf(report: Report): Document {
  const header = report.header
    ? new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: report.header, size: 18 })] })] })
    : undefined;
  const footer = footerOf(report);
  return new Document({
    creator: `${report.profile.area} (fictional)`,
    title: report.blocks[0].kind === 'title' ? report.blocks[0].text : report.id,
    description: 'Fictional report written by the scrcode corpus generator',
    numbering: {
      config: [{
        reference: 'bullets',
        levels: [{ level: 0, format: LevelFormat.BULLET, text: '\u2022', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }],
      }],
    },
    sections: [{
      headers: header ? { default: header } : undefined,
      footers: footer ? { default: footer } : undefined,
      children: report.blocks.flatMap(bodyOf),
    }],
  });
}

/**
 * docx stamps the current time into core.xml and zip entries and gives some relationships
 * random ids; rewrite those so the same report always gives the same bytes.
 */
async function normalise(bytes: Buffer, created: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const stamp = `${created}T09:00:00Z`;
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir).sort();
  const texts = new Map<string, string>();
  for (const n of names) texts.set(n, await zip.file(n)!.async('string'));
  const randomIds = new Set<string>();
  for (const [n, t] of texts) {
    if (!n.endsWith('.rels')) continue;
    for (const m of t.matchAll(/Id="([^"]+)"/g)) if (!/^rId\d+$/.test(m[1])) randomIds.add(m[1]);
  }
  const renames = [...randomIds].sort().map((id, i) => [id, `rIdN${i + 1}`] as const);
  const out = new JSZip();
  for (const n of names) {
    let t = texts.get(n)!;
    for (const [from, to] of renames) t = t.split(`"${from}"`).join(`"${to}"`);
    if (n === 'docProps/core.xml') {
      t = t.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, `$1${stamp}`);
    }
    out.file(n, t, { date: new Date(stamp), createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
}

export async function renderDocx(report: Report): Promise<Buffer> {
  return normalise(await Packer.toBuffer(documentOf(report)), report.created);
}
