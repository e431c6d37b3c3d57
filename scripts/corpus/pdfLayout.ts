// Lays a report out on A4 pages ourselves, at fixed positions, so the generator knows every
// page break, column and hyphenated line end it produced. The renderer only draws the result.
import PDFDocument from 'pdfkit';
import type { Report, ReportBlock } from './model.js';
import { readData } from './data.js';

export interface PlacedLine { text: string; x: number; y: number; font: string; size: number; wordSpacing: number }
export interface PlacedRect { x: number; y: number; w: number; h: number }
export interface PageLayout { lines: PlacedLine[]; rects: PlacedRect[]; twoColumn: boolean }
export interface LineBreakRecord { kind: 'hyphenated' | 'compound'; end: string; start: string }
export interface ReportLayout {
  pages: PageLayout[];
  breaks: LineBreakRecord[];
  /** 1-based page on which each report block starts (same order as Report.blocks). */
  blockPages: number[];
}

export const PAGE = { width: 595.28, height: 841.89, left: 72, right: 523.28, top: 78, bottom: 768 };
const GUTTER = 20;
const HEADING_FONT = 'Helvetica-Bold';

// Word widths are measured once per font and size; long reports reuse most words.
const measurer = new PDFDocument({ autoFirstPage: false });
const widthCache = new Map<string, number>();
function widthOf(text: string, font: string, size: number): number {
  const key = `${font}|${size}|${text}`;
  let w = widthCache.get(key);
  if (w === undefined) {
    w = measurer.font(font).fontSize(size).widthOfString(text);
    widthCache.set(key, w);
  }
  return w;
}

let breakPoints: Record<string, string> | null = null;
/** Soft hyphenation points ("as-sess-ment") for the words the hyphenated layout may split. */
function hyphenationOf(word: string): string[] {
  breakPoints ??= readData<Record<string, string>>('hyphenation.json');
  const pattern = breakPoints[word.toLowerCase()];
  return pattern ? pattern.split('-') : [];
}

interface Font { name: string; size: number; leading: number }
interface WrappedLine { words: string[]; width: number; last: boolean }

/** Candidate splits of a word at a line end, longest first: [head ending in "-", tail]. */
function splits(word: string, hyphenate: boolean): { head: string; tail: string; kind: LineBreakRecord['kind'] }[] {
  if (!hyphenate) return [];
  const out: { head: string; tail: string; kind: LineBreakRecord['kind'] }[] = [];
  const m = /^([^A-Za-z]*)([A-Za-z]+)(.*)$/.exec(word);
  if (word.includes('-', 1) && !word.endsWith('-')) {
    const parts = word.split('-');
    for (let i = parts.length - 1; i >= 1; i--) {
      out.push({ head: `${parts.slice(0, i).join('-')}-`, tail: parts.slice(i).join('-'), kind: 'compound' });
    }
  } else if (m) {
    const syllables = hyphenationOf(m[2]);
    for (let i = syllables.length - 1; i >= 1; i--) {
      const head = m[1] + m[2].slice(0, syllables.slice(0, i).join('').length);
      out.push({ head: `${head}-`, tail: word.slice(head.length), kind: 'hyphenated' });
    }
  }
  return out;
}

function wrap(text: string, font: Font, width: number, hyphenate: boolean, breaks: LineBreakRecord[]): WrappedLine[] {
  const space = widthOf(' ', font.name, font.size);
  const lines: WrappedLine[] = [];
  let words: string[] = [];
  let lineWidth = 0;
  const flush = () => { lines.push({ words, width: lineWidth, last: false }); words = []; lineWidth = 0; };
  const queue = text.split(' ').filter(Boolean);
  while (queue.length > 0) {
    const word = queue.shift()!;
    const w = widthOf(word, font.name, font.size);
    const needed = words.length > 0 ? lineWidth + space + w : w;
    if (needed <= width || words.length === 0) {
      words.push(word);
      lineWidth = needed;
      continue;
    }
    const split = splits(word, hyphenate).find((s) => lineWidth + space + widthOf(s.head, font.name, font.size) <= width);
    if (split) {
      words.push(split.head);
      lineWidth += space + widthOf(split.head, font.name, font.size);
      breaks.push({ kind: split.kind, end: split.head, start: split.tail });
      queue.unshift(split.tail);
    } else {
      queue.unshift(word);
    }
    flush();
  }
  if (words.length > 0) flush();
  lines[lines.length - 1].last = true;
  return lines;
}

class Flow {
  pages: PageLayout[] = [];
  breaks: LineBreakRecord[] = [];
  private frame = 0;
  y = PAGE.top;
  twoColumn = false;
  blockPages: number[] = [];
  block = -1;

  constructor(readonly justify: boolean, readonly hyphenate: boolean) { this.newPage(false); }

  get page(): PageLayout {
    this.blockPages[this.block] ??= this.pages.length;
    return this.pages[this.pages.length - 1];
  }
  get frameX(): number { return this.twoColumn && this.frame === 1 ? PAGE.left + this.frameWidth + GUTTER : PAGE.left; }
  get frameWidth(): number {
    const full = PAGE.right - PAGE.left;
    return this.twoColumn ? (full - GUTTER) / 2 : full;
  }

  newPage(twoColumn: boolean): void {
    this.twoColumn = twoColumn;
    this.pages.push({ lines: [], rects: [], twoColumn });
    this.frame = 0;
    this.y = PAGE.top;
  }

  /** Moves to the next column or page when `height` does not fit. */
  ensure(height: number): void {
    if (this.y + height <= PAGE.bottom) return;
    if (this.twoColumn && this.frame === 0) { this.frame = 1; this.y = PAGE.top; return; }
    this.newPage(this.twoColumn);
  }

  pageIsEmpty(): boolean { return this.y === PAGE.top && this.frame === 0; }

  text(text: string, font: Font, indent: number, opts: { justify?: boolean; label?: string; labelIndent?: number } = {}): void {
    const width = this.frameWidth - indent;
    for (const [i, line] of wrap(text, font, width, this.hyphenate, this.breaks).entries()) {
      this.ensure(font.leading);
      const gaps = line.words.length - 1;
      const wordSpacing = opts.justify && !line.last && gaps > 0 ? (width - line.width) / gaps : 0;
      if (i === 0 && opts.label) {
        this.page.lines.push({ text: opts.label, x: this.frameX + (opts.labelIndent ?? 0), y: this.y, font: font.name, size: font.size, wordSpacing: 0 });
      }
      this.page.lines.push({ text: line.words.join(' '), x: this.frameX + indent, y: this.y, font: font.name, size: font.size, wordSpacing });
      this.y += font.leading;
    }
  }
}

function layoutTable(flow: Flow, block: Extract<ReportBlock, { kind: 'table' }>): void {
  const font: Font = { name: 'Helvetica', size: 9.5, leading: 12 };
  const bold: Font = { ...font, name: 'Helvetica-Bold' };
  const pad = 4;
  const rows = [block.header, ...block.rows];
  for (const [r, cells] of rows.entries()) {
    const f = r === 0 ? bold : font;
    const widths = block.widths.map((w) => w * flow.frameWidth);
    const wrapped = cells.map((c, i) => wrap(c, f, widths[i] - 2 * pad, false, []));
    const height = Math.max(...wrapped.map((l) => l.length)) * f.leading + 2 * pad;
    flow.ensure(height);
    let x = flow.frameX;
    for (const [i, lines] of wrapped.entries()) {
      flow.page.rects.push({ x, y: flow.y, w: widths[i], h: height });
      lines.forEach((line, k) => flow.page.lines.push({
        text: line.words.join(' '), x: x + pad, y: flow.y + pad + k * f.leading, font: f.name, size: f.size, wordSpacing: 0,
      }));
      x += widths[i];
    }
    flow.y += height;
  }
  flow.y += 10;
}

function isTwoColumnHeading(block: ReportBlock, section: string | undefined): boolean {
  return section !== undefined && block.kind === 'heading' && block.level === 1 && block.text.endsWith(section);
}

export function layoutReport(report: Report): ReportLayout {
  const o = report.pdf;
  const body: Font = { name: o.bodyFont, size: o.bodySize, leading: Math.round(o.bodySize * 1.28 * 10) / 10 };
  const flow = new Flow(o.justify, o.hyphenate);
  for (const [i, block] of report.blocks.entries()) {
    flow.block = i;
    if (block.kind === 'heading' && block.level === 1 && flow.twoColumn) flow.newPage(false);
    if (isTwoColumnHeading(block, o.twoColumnSection)) flow.newPage(true);
    layoutBlock(flow, block, body, o.hangingNumbers);
  }
  return { pages: flow.pages, breaks: flow.breaks, blockPages: flow.blockPages };
}

function layoutBlock(flow: Flow, block: ReportBlock, body: Font, hanging: boolean): void {
  switch (block.kind) {
    case 'title':
      flow.text(block.text, { name: HEADING_FONT, size: 17, leading: 22 }, 0);
      flow.y += 18;
      return;
    case 'heading': {
      const font: Font = block.level === 1 ? { name: HEADING_FONT, size: 12.5, leading: 16 } : { name: 'Helvetica-BoldOblique', size: 11, leading: 14 };
      if (!flow.pageIsEmpty()) flow.y += block.level === 1 ? 12 : 6;
      flow.ensure(font.leading + 3 * body.leading); // keep a heading with its first lines
      flow.text(block.text, font, 0);
      flow.y += 5;
      return;
    }
    case 'paragraph':
      if (hanging && block.number) {
        flow.text(block.text.slice(block.number.length + 1), body, 40, { justify: flow.justify, label: block.number });
      } else {
        flow.text(block.text, body, 0, { justify: flow.justify });
      }
      flow.y += body.leading * 0.55;
      return;
    case 'list_item':
      flow.text(block.text, body, 22, { justify: flow.justify, label: '•', labelIndent: 9 });
      flow.y += body.leading * 0.3;
      return;
    case 'table':
      flow.y += 4;
      layoutTable(flow, block);
  }
}
