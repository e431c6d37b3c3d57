// Draws a laid-out report with pdfkit: real text operators, or (for the "scanned" report)
// glyph outlines only, so the file has no text layer at all.
import PDFDocument from 'pdfkit';
import { createRequire } from 'node:module';
import type { Report } from './model.js';
import { PAGE, type PageLayout, type PlacedLine, type ReportLayout } from './pdfLayout.js';

const FURNITURE_FONT = 'Helvetica';

export function footerText(style: Report['footer'], page: number, total: number): string | null {
  switch (style) {
    case 'page_n_of_m': return `Page ${page} of ${total}`;
    case 'bare': return String(page);
    case 'dash': return `- ${page} -`;
    case 'none': return null;
  }
}

function furnitureLines(report: Report, page: number, total: number): PlacedLine[] {
  const lines: PlacedLine[] = [];
  const centred = (text: string, y: number): PlacedLine => {
    const w = measure(text);
    return { text, x: (PAGE.width - w) / 2, y, font: FURNITURE_FONT, size: 8.5, wordSpacing: 0 };
  };
  if (report.header) lines.push(centred(report.header, 40));
  const footer = footerText(report.footer, page, total);
  if (footer) lines.push(centred(footer, 795));
  return lines;
}

const measurer = new PDFDocument({ autoFirstPage: false });
const measure = (text: string): number => measurer.font(FURNITURE_FONT).fontSize(8.5).widthOfString(text);

/** Metadata is fixed by the report, so a re-run writes the same bytes. */
function newDocument(report: Report): PDFKit.PDFDocument {
  const created = new Date(`${report.created}T09:00:00Z`);
  return new PDFDocument({
    autoFirstPage: false,
    compress: true,
    info: {
      Title: report.blocks[0].kind === 'title' ? report.blocks[0].text : report.id,
      Author: `${report.profile.area} (fictional)`,
      Creator: 'scrcode corpus generator',
      Producer: 'scrcode corpus generator (pdfkit)',
      CreationDate: created,
      ModDate: created,
    },
  });
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

function drawTextPage(doc: PDFKit.PDFDocument, lines: PlacedLine[]): void {
  for (const l of lines) {
    doc.font(l.font).fontSize(l.size).text(l.text, l.x, l.y, { lineBreak: false, wordSpacing: l.wordSpacing });
  }
}

function drawRects(doc: PDFKit.PDFDocument, page: PageLayout): void {
  if (page.rects.length === 0) return;
  doc.lineWidth(0.5).strokeColor('#444444');
  for (const r of page.rects) doc.rect(r.x, r.y, r.w, r.h).stroke();
}

export async function renderPdf(report: Report, layout: ReportLayout): Promise<Buffer> {
  const doc = newDocument(report);
  const done = collect(doc);
  const total = layout.pages.length;
  for (const [i, page] of layout.pages.entries()) {
    doc.addPage({ size: 'A4', margin: 0 });
    drawRects(doc, page);
    const lines = [...page.lines, ...furnitureLines(report, i + 1, total)];
    if (report.pdf.scanned) drawOutlinedPage(doc, lines, i);
    else drawTextPage(doc, lines);
  }
  doc.end();
  return done;
}

// ---------------------------------------------------------------- "scanned" pages

interface OutlineFont { unitsPerEm: number; layout(text: string): { glyphs: { path: GlyphPath; codePoints: number[] }[]; positions: { xAdvance: number }[] } }
interface GlyphPath { translate(x: number, y: number): GlyphPath; toSVG(): string }

// Liberation Sans is metric-compatible with Helvetica, so the Helvetica layout holds. The
// fonts ship with pdfjs-dist; pdfkit opens them with its own fontkit and exposes the outlines.
const require = createRequire(import.meta.url);
const fontDir = require.resolve('pdfjs-dist/package.json').replace(/package\.json$/, 'standard_fonts/');
const outlineFonts = new Map<string, OutlineFont>();
function outlineFont(name: string): OutlineFont {
  const file = /Bold/.test(name) ? 'LiberationSans-Bold.ttf' : 'LiberationSans-Regular.ttf';
  let font = outlineFonts.get(file);
  if (!font) {
    const scratch = new PDFDocument({ autoFirstPage: false }).font(fontDir + file);
    font = (scratch as unknown as { _font: { font: OutlineFont } })._font.font;
    outlineFonts.set(file, font);
  }
  return font;
}

function lineOutline(line: PlacedLine): string {
  const font = outlineFont(line.font);
  const run = font.layout(line.text);
  const spaceExtra = (line.wordSpacing * font.unitsPerEm) / line.size;
  let x = 0;
  const parts: string[] = [];
  run.glyphs.forEach((g, i) => {
    parts.push(g.path.translate(x, 0).toSVG());
    x += run.positions[i].xAdvance + (g.codePoints.includes(32) ? spaceExtra : 0);
  });
  return parts.join(' ');
}

/** Draws each line as filled outlines, slightly skewed and on a grey ground like a photocopy. */
function drawOutlinedPage(doc: PDFKit.PDFDocument, lines: PlacedLine[], pageIndex: number): void {
  doc.save();
  doc.rect(0, 0, PAGE.width, PAGE.height).fill('#f4f2ec');
  doc.rotate(pageIndex % 2 === 0 ? 0.35 : -0.25, { origin: [PAGE.width / 2, PAGE.height / 2] });
  for (const line of lines) {
    const scale = line.size / outlineFont(line.font).unitsPerEm;
    const baseline = line.y + line.size * 0.8;
    doc.save();
    doc.transform(scale, 0, 0, -scale, line.x, baseline);
    doc.path(lineOutline(line)).fill('#1d1d1d');
    doc.restore();
  }
  doc.restore();
}
