// From pages of positioned text to blocks in reading order: lines from baselines, columns
// from gutters, page furniture from repetition, paragraphs from gaps, indentation and
// numbering, headings from type size and weight, table rows from aligned cells.
// A pure function of its input, so every rule can be tested on hand-made pages.

import type { Block, BlockKind, PositionedPage, PositionedText } from '../types.js';
import { escapeRegExp } from '../regexp.js';
import { isWhitespaceCode, normaliseText } from './normalise.js';

export interface HyphenationLexicon {
  version: number;
  keep_hyphen_prefixes: string[];
  keep_hyphen_words: string[];
}

/** lexicons/page_numbers.json: the words of page-number lines ("Page 3 of 45", "- 3 -"). */
export interface PageNumberLexicon {
  version: number;
  page_words: string[];
  of_words: string[];
  dashes: string[];
  max_chars: number;
}

/** The data PDF layout reads from lexicons/. */
export interface PdfLexicon {
  hyphenation: HyphenationLexicon;
  pageNumbers: PageNumberLexicon;
}

export interface PdfLayout {
  blocks: Block[];
  removedFurniture: string[];
}

interface Cell {
  x0: number;
  x1: number;
  text: string;
}

interface Line {
  page: number;
  /** Reading-flow region (page and column); indentation is measured against the region's left edge. */
  region: string;
  y: number;
  x0: number;
  x1: number;
  size: number;
  font: string;
  bold: boolean;
  text: string;
  cells: Cell[];
  items: PositionedText[];
  /** Each item's text with the space that precedes it, so a line can be re-cut into table columns. */
  chunks: string[];
  /** First line of a page or column: the vertical gap to the line before says nothing. */
  flowStart: boolean;
}

interface Group {
  table: boolean;
  lines: Line[];
  /** The paragraph opens with a number or bullet, so its continuation lines may hang. */
  marker: boolean;
  /** Left edges of the table's columns (table rows only). */
  cols: number[];
}

interface BodyStats {
  size: number;
  font: string;
  /** Usual baseline distance between lines of one paragraph, by rounded font size. */
  leading: Map<number, number>;
  leftEdge: Map<string, number>;
  rightEdge: Map<string, number>;
}

// ---------------------------------------------------------------- lines

const SPACE_GAP_EM = 0.15; // a gap wider than this between two items is a word space
const CELL_GAP_EM = 1.5; // a gap wider than this separates table cells
const BOLD_FONT = /bold|black|heavy|semibold|demi/i;

/** Nothing but whitespace (what `s.trim() === ''` says, without making the trimmed copy). */
function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isWhitespaceCode(s.charCodeAt(i))) return false;
  return true;
}

/** Numbers compare as the text of a tally key would: NaN equals NaN. */
function sameNumber(a: number, b: number): boolean {
  return a === b || (a !== a && b !== b);
}

/**
 * Characters per font and size on one line, in order of first use. A line holds a handful of
 * fonts at most, so a linear search beats building a "font + size" string key for every item,
 * and one tally is cleared and reused for every line (layout is synchronous).
 */
class FontTally {
  private readonly fonts: string[] = [];
  private readonly sizes: number[] = [];
  private readonly chars: number[] = [];

  clear(): this {
    this.fonts.length = this.sizes.length = this.chars.length = 0;
    return this;
  }

  add(font: string, size: number, chars: number): void {
    let i = 0;
    while (i < this.fonts.length && !(this.fonts[i] === font && sameNumber(this.sizes[i], size))) i++;
    if (i === this.fonts.length) {
      this.fonts.push(font);
      this.sizes.push(size);
      this.chars.push(0);
    }
    this.chars[i] += chars;
  }

  /** The font and size with the most characters; the first one used wins a tie. */
  mostUsed(): { font: string; size: number } {
    let best = 0;
    for (let i = 1; i < this.chars.length; i++) if (this.chars[i] > this.chars[best]) best = i;
    return { font: this.fonts[best], size: this.sizes[best] };
  }
}

const lineFonts = new FontTally();

/** One line from the items on one baseline, ordered by x; spaces from gaps, cells from wide gaps. */
function makeLine(items: PositionedText[], page: number): Line | null {
  items.sort((a, b) => a.x - b.x);
  let text = '';
  let pendingSpace = false;
  let prev: PositionedText | null = null;
  let prevEnd = 0;
  const cells: Cell[] = [];
  const tally = lineFonts.clear();
  const kept: PositionedText[] = [];
  const chunks: string[] = [];
  for (const item of items) {
    if (isBlank(item.str)) {
      pendingSpace = text.length > 0;
      continue;
    }
    // Fake bold: the same string drawn twice a hair apart.
    if (prev && prev.str === item.str && Math.abs(prev.x - item.x) < 1) continue;
    const gap = prev ? item.x - prevEnd : 0;
    const newCell = !prev || gap > CELL_GAP_EM * item.fontSize;
    if (newCell) cells.push({ x0: item.x, x1: item.x + item.width, text: '' });
    const cell = cells[cells.length - 1];
    // No space after whitespace or before it (char codes, not /\s$/ on the growing line).
    const space =
      prev &&
      (pendingSpace || gap > SPACE_GAP_EM * item.fontSize) &&
      !isWhitespaceCode(text.charCodeAt(text.length - 1)) &&
      !isWhitespaceCode(item.str.charCodeAt(0));
    if (space) text += ' ';
    if (space && !newCell) cell.text += ' ';
    chunks.push(space ? ' ' + item.str : item.str);
    text += item.str;
    cell.text += item.str;
    cell.x1 = Math.max(cell.x1, item.x + item.width);
    tally.add(item.fontName, item.fontSize, item.str.length);
    kept.push(item);
    prev = item;
    prevEnd = Math.max(prevEnd, item.x + item.width);
    pendingSpace = false;
  }
  if (!prev) return null;
  const { font, size } = tally.mostUsed();
  return {
    page,
    region: String(page),
    y: kept[0].y,
    x0: kept[0].x,
    x1: prevEnd,
    size,
    font,
    bold: BOLD_FONT.test(font),
    text: text.trim(),
    cells,
    items: kept,
    chunks,
    flowStart: false,
  };
}

/** Items sharing a baseline (within a fraction of the type size) form one line, top to bottom. */
function pageLines(page: PositionedPage): Line[] {
  const items = page.items.filter((i) => i.str.length > 0).sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: Line[] = [];
  let bucket: PositionedText[] = [];
  let bucketY = 0;
  let bucketSize = 0;
  const flush = () => {
    const line = bucket.length ? makeLine(bucket, page.pageNumber) : null;
    if (line) lines.push(line);
    bucket = [];
  };
  for (const item of items) {
    if (bucket.length && item.y - bucketY > 0.45 * Math.max(bucketSize, item.fontSize)) flush();
    if (!bucket.length) {
      bucketY = item.y;
      bucketSize = item.fontSize;
    }
    bucket.push(item);
    bucketSize = Math.max(bucketSize, item.fontSize);
  }
  flush();
  return lines;
}

// ---------------------------------------------------------------- page furniture

const ROMAN = '(?=[mdclxvi])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})';

function alternation(words: string[]): string {
  return `(?:${words.map(escapeRegExp).join('|')})`;
}

/** A test for page-number lines, built from the lexicon's wordings; the shapes are listed in its $comment. */
export function pageNumberMatcher(lexicon: PageNumberLexicon): (text: string) => boolean {
  const page = alternation(lexicon.page_words);
  const of = alternation(lexicon.of_words);
  const dash = alternation(lexicon.dashes);
  const shapes = [
    `(?:${page}\\s*)?\\d{1,4}(?:\\s*${of}\\s*\\d{1,4})?`,
    `${dash}\\s*\\d{1,4}\\s*${dash}`,
    `\\d{1,4}\\s*\\|\\s*${page}`,
    `${page}\\s*\\|\\s*\\d{1,4}`,
    `(?:${page}\\s+)?${ROMAN}`,
  ];
  const re = new RegExp(`^(?:${shapes.join('|')})$`, 'i');
  return (text) => {
    const t = text.trim();
    return t.length > 0 && t.length <= lexicon.max_chars && re.test(t);
  };
}

function furnitureKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

const FURNITURE_ZONE = 0.12; // share of the page height at top and bottom where headers and footers live
const FURNITURE_LINES = 2; // lines looked at from each end of a page

/** The neighbour is the next line of the same paragraph: same size, one line space away. */
function runsOnWith(line: Line, neighbour: Line | undefined): boolean {
  return !!neighbour && Math.abs(line.size - neighbour.size) <= 0.5 && Math.abs(neighbour.y - line.y) <= 1.5 * line.size;
}

/**
 * The first and last lines of each page that sit in the top or bottom margin zone and stand
 * apart from the body: a line that runs on into body text is the start (or end) of a
 * paragraph, however often its words recur. Checked from the body outwards.
 */
function furnitureCandidates(lines: Line[], height: number): Line[] {
  const out = new Set<Line>();
  const n = lines.length;
  for (let i = Math.min(FURNITURE_LINES, n) - 1; i >= 0; i--) {
    const next = lines[i + 1];
    if (lines[i].y <= height * FURNITURE_ZONE && (out.has(next) || !runsOnWith(lines[i], next))) out.add(lines[i]);
  }
  for (let i = Math.max(0, n - FURNITURE_LINES); i < n; i++) {
    const prev = lines[i - 1];
    if (lines[i].y >= height * (1 - FURNITURE_ZONE) && (out.has(prev) || !runsOnWith(lines[i], prev))) out.add(lines[i]);
  }
  return [...out];
}

/** Running headers and footers (repeated, digits aside, on several pages) and page numbers. */
function findFurniture(pages: PositionedPage[], linesByPage: Line[][], isPageNumber: (text: string) => boolean): Set<Line> {
  const candidates = linesByPage.map((lines, i) => furnitureCandidates(lines, pages[i].height));
  const pagesByKey = new Map<string, Set<number>>();
  for (const lines of candidates) {
    for (const line of lines) {
      const key = furnitureKey(line.text);
      let set = pagesByKey.get(key);
      if (!set) pagesByKey.set(key, (set = new Set()));
      set.add(line.page);
    }
  }
  const minRepeats = Math.max(2, Math.min(3, pages.length));
  const furniture = new Set<Line>();
  for (const lines of candidates) {
    for (const line of lines) {
      if (isPageNumber(line.text) || (pagesByKey.get(furnitureKey(line.text))?.size ?? 0) >= minRepeats) furniture.add(line);
    }
  }
  return furniture;
}

// ---------------------------------------------------------------- columns

interface Gutter {
  left: number;
  right: number;
}

const GUTTER_BIN = 2; // points per histogram bin
const MIN_GUTTER_WIDTH = 9;
const MIN_COLUMN_LINES = 5;

/**
 * A vertical strip in the middle of the page that (almost) no text crosses while enough
 * lines of real width sit on each side of it: the page is set in two columns.
 */
function findGutter(lines: Line[], width: number): Gutter | null {
  const bins = Math.ceil(width / GUTTER_BIN) + 1;
  const cover = new Int32Array(bins + 1);
  for (const line of lines) {
    for (const item of line.items) {
      const b0 = Math.max(0, Math.floor(item.x / GUTTER_BIN));
      const b1 = Math.min(bins, Math.ceil((item.x + item.width) / GUTTER_BIN));
      if (b1 > b0) {
        cover[b0]++;
        cover[b1]--;
      }
    }
  }
  for (let b = 1; b <= bins; b++) cover[b] += cover[b - 1];
  const lo = Math.floor((0.3 * width) / GUTTER_BIN);
  const hi = Math.ceil((0.7 * width) / GUTTER_BIN);
  let min = Infinity;
  for (let b = lo; b <= hi; b++) min = Math.min(min, cover[b]);
  if (min > 0.4 * lines.length) return null;
  let bestStart = -1;
  let bestLen = 0;
  for (let b = lo, start = -1; b <= hi + 1; b++) {
    if (b <= hi && cover[b] === min) {
      if (start < 0) start = b;
    } else if (start >= 0) {
      if (b - start > bestLen) [bestStart, bestLen] = [start, b - start];
      start = -1;
    }
  }
  const gutter = { left: bestStart * GUTTER_BIN, right: (bestStart + bestLen) * GUTTER_BIN };
  if (gutter.right - gutter.left < MIN_GUTTER_WIDTH) return null;
  return hasTwoColumnsOfText(lines, gutter, width) ? gutter : null;
}

function hasTwoColumnsOfText(lines: Line[], gutter: Gutter, width: number): boolean {
  const leftWidths: number[] = [];
  const rightWidths: number[] = [];
  for (const line of lines) {
    let left = 0;
    let right = 0;
    for (const item of line.items) {
      if (item.x + item.width <= gutter.left + 1) left = Math.max(left, item.x + item.width);
      else if (item.x >= gutter.right - 1) right = Math.max(right, item.x + item.width);
    }
    const leftStart = line.items[0].x;
    const rightStart = line.items.find((i) => i.x >= gutter.right - 1)?.x ?? 0;
    if (left) leftWidths.push(left - leftStart);
    if (right) rightWidths.push(right - rightStart);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1] ?? 0;
  return (
    leftWidths.length >= MIN_COLUMN_LINES &&
    rightWidths.length >= MIN_COLUMN_LINES &&
    median(leftWidths) >= 0.2 * width &&
    median(rightWidths) >= 0.2 * width
  );
}

/** Lines of one page in reading order: full-width lines as they come, column stretches left column first. */
function readPage(lines: Line[], width: number): Line[] {
  if (!lines.length) return [];
  lines[0].flowStart = true;
  const gutter = findGutter(lines, width);
  if (!gutter) return lines;
  const out: Line[] = [];
  let left: Line[] = [];
  let right: Line[] = [];
  const flushColumns = () => {
    if (right.length) right[0].flowStart = true;
    out.push(...left, ...right);
    left = [];
    right = [];
  };
  const page = lines[0].page;
  for (const line of lines) {
    const crosses = line.items.some((i) => i.x < gutter.right && i.x + i.width > gutter.left);
    if (crosses) {
      flushColumns();
      out.push(line);
      continue;
    }
    const mid = (gutter.left + gutter.right) / 2;
    const l = makeLine(line.items.filter((i) => i.x < mid), page);
    const r = makeLine(line.items.filter((i) => i.x >= mid), page);
    if (l) left.push({ ...l, region: `${page}L` });
    if (r) right.push({ ...r, region: `${page}R` });
  }
  flushColumns();
  out[0].flowStart = true;
  return out;
}

// ---------------------------------------------------------------- statistics

function roundSize(size: number): number {
  return Math.round(size * 2) / 2;
}

/** The leftmost line start that is common (indented first lines and centred lines are less so). */
function commonLeftEdge(x0s: number[]): number {
  const counts = new Map<number, number>();
  let most = 0;
  for (const x of x0s) {
    const n = (counts.get(x) ?? 0) + 1;
    counts.set(x, n);
    most = Math.max(most, n);
  }
  let edge = Infinity;
  for (const [x, n] of counts) if (n >= Math.ceil(0.3 * most) && x < edge) edge = x;
  return edge;
}

function bodyStats(lines: Line[]): BodyStats {
  const chars = new Map<string, number>();
  for (const line of lines) {
    const key = `${line.font}\u0000${roundSize(line.size)}`;
    chars.set(key, (chars.get(key) ?? 0) + line.text.length);
  }
  let bodyKey = '';
  let most = -1;
  for (const [key, n] of chars) if (n > most) [bodyKey, most] = [key, n];
  const [font, size] = bodyKey.split('\u0000');

  const gaps = new Map<number, number[]>();
  for (let i = 1; i < lines.length; i++) {
    const [p, l] = [lines[i - 1], lines[i]];
    if (l.flowStart || p.region !== l.region || Math.abs(p.size - l.size) > 0.25) continue;
    const gap = l.y - p.y;
    if (gap < 0.8 * l.size || gap > 3 * l.size) continue;
    const key = roundSize(l.size);
    let list = gaps.get(key);
    if (!list) gaps.set(key, (list = []));
    list.push(gap);
  }
  const leading = new Map<number, number>();
  for (const [key, list] of gaps) {
    if (list.length < 2) continue;
    list.sort((a, b) => a - b);
    leading.set(key, list[Math.floor(list.length / 4)]); // the tight end: in-paragraph spacing, not paragraph gaps
  }

  const x0s = new Map<string, number[]>();
  const rightEdge = new Map<string, number>();
  for (const line of lines) {
    let list = x0s.get(line.region);
    if (!list) x0s.set(line.region, (list = []));
    list.push(Math.round(line.x0));
    rightEdge.set(line.region, Math.max(rightEdge.get(line.region) ?? 0, line.x1));
  }
  const leftEdge = new Map<string, number>();
  for (const [region, list] of x0s) leftEdge.set(region, commonLeftEdge(list));
  return { size: Number(size) || 0, font: font ?? '', leading, leftEdge, rightEdge };
}

function paragraphGap(stats: BodyStats, size: number): number {
  const leading = stats.leading.get(roundSize(size));
  return leading ? leading + Math.max(2, 0.15 * leading) : 1.45 * size;
}

// ---------------------------------------------------------------- paragraphs

const PARAGRAPH_NUMBER =
  /^(?:[A-Z]{1,3}\d{1,3}(?:\.\d{1,3})*\.?|\d{1,3}(?:\.\d{1,3}){1,3}\.?|\d{1,3}\.|\(?[a-z]\)|\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\))\s+\S/;
const BULLET = /^[\u2022\u25E6\u25AA\u25AB\u25CF\u25CB\u25A0\u25A1\u2023\u2043\u2219\u00B7*\u2013\u2014\u2212\uF0B7\uF0A7\uF0D8\uF076\uF0FC\uF0A8\uF06E-]\s+/;
const MARKER_ONLY = /^(?:\d{1,3}(?:\.\d{1,3})*\.?|[A-Z]{1,3}\d{1,3}(?:\.\d{1,3})*\.?|\(?[a-z]\)|[\u2022\u25CF\u25AA\u2013*-]|\uF0B7)$/;

function startsWithMarker(line: Line): boolean {
  return PARAGRAPH_NUMBER.test(line.text) || BULLET.test(line.text);
}

function endsSentence(text: string): boolean {
  return /[.!?:;]["'\u2019\u201D)\]]*$/.test(text);
}

function startsLowercase(text: string): boolean {
  return /^["'\u2018\u201C(]*[a-z]/.test(text);
}

function sameFontSize(a: Line, b: Line): boolean {
  return Math.abs(a.size - b.size) <= 0.5;
}

function isShortLine(line: Line, stats: BodyStats): boolean {
  return line.x1 < (stats.rightEdge.get(line.region) ?? line.x1) - 3 * line.size;
}

/** Multi-cell lines are table rows; a lone number or bullet before a tab is just a paragraph marker. */
function isTableLine(line: Line): boolean {
  if (line.cells.length >= 3) return true;
  if (line.cells.length !== 2) return false;
  const first = line.items.filter((i) => i.x < line.cells[1].x0).map((i) => i.str).join('').trim();
  return !MARKER_ONLY.test(first) && line.cells[1].x0 - line.cells[0].x1 >= 2.5 * line.size;
}

/** "SW3", "HV2", "TM2": practitioner codes open many sentences and look like "ES3" paragraph numbers. */
const CODE_LIKE_NUMBER = /^[A-Z]{1,3}\d{1,3}\s/;

/** The paragraph's number hangs left of its text, so its next line starts further right than its first. */
function hangingStart(group: Group): number | null {
  const [first, second] = group.lines;
  return group.marker && second && first.x0 < second.x0 - 0.8 * first.size ? first.x0 : null;
}

/**
 * A paragraph number or bullet opens a new paragraph after a line that ended one. Where
 * numbers hang in the margin, a letter-and-digit code at the text's left edge is not a
 * number but a practitioner code ("TM2 signed off ...") running on in the same paragraph.
 */
function opensNumberedParagraph(group: Group, line: Line, prevEnded: boolean): boolean {
  if (!startsWithMarker(line)) return false;
  const hang = hangingStart(group);
  if (hang !== null && CODE_LIKE_NUMBER.test(line.text) && line.x0 > hang + 0.8 * line.size) return false;
  return prevEnded;
}

const FULL_WIDTH_EM = 1; // tighter than isShortLine: ragged-right lines often end an em or two short
const MIN_MEASURE_EM = 15; // a text block narrower than this says nothing about where lines end

/** The line reaches the right edge of a real text block (not merely the widest of a few short lines). */
function isFullWidth(line: Line, stats: BodyStats): boolean {
  const left = stats.leftEdge.get(line.region) ?? line.x0;
  const right = stats.rightEdge.get(line.region) ?? line.x1;
  return right - left >= MIN_MEASURE_EM * line.size && line.x1 >= right - FULL_WIDTH_EM * line.size;
}

/**
 * Across a page or column break the gap says nothing, so the text decides: a paragraph
 * number, bullet or font change opens a new paragraph; an unfinished sentence, a lower-case
 * start or a full-width last line (a paragraph's last line is usually short) continues it.
 */
function continuesAcrossBreak(group: Group, line: Line, stats: BodyStats): boolean {
  const prev = group.lines[group.lines.length - 1];
  if (prev.font !== line.font || opensNumberedParagraph(group, line, true)) return false;
  if (!endsSentence(prev.text) || startsLowercase(line.text)) return true;
  return isFullWidth(prev, stats);
}

function isCentred(line: Line, left: number, right: number): boolean {
  return line.x0 > left + line.size && Math.abs(line.x0 + line.x1 - left - right) < 2 * line.size;
}

/** The line starts further in than the region's left edge while the line before starts at it. */
function isFirstLineIndent(prev: Line, line: Line, stats: BodyStats): boolean {
  const em = line.size;
  const left = stats.leftEdge.get(line.region) ?? line.x0;
  const right = stats.rightEdge.get(line.region) ?? line.x1;
  const indent = line.x0 - left;
  if (indent < 0.8 * em || indent > 5 * em || Math.abs(prev.x0 - left) > 0.5 * em) return false;
  return !(isCentred(prev, left, right) && isCentred(line, left, right));
}

function continuesParagraph(group: Group, line: Line, stats: BodyStats): boolean {
  const prev = group.lines[group.lines.length - 1];
  if (!sameFontSize(prev, line)) return false;
  if (line.flowStart) return continuesAcrossBreak(group, line, stats);
  const gap = line.y - prev.y;
  if (gap <= 0 || gap > paragraphGap(stats, prev.size)) return false;
  const prevEnded = endsSentence(prev.text) || isShortLine(prev, stats);
  if (opensNumberedParagraph(group, line, prevEnded)) return false;
  if (prev.font !== line.font && prevEnded) return false;
  if (!group.marker && isFirstLineIndent(prev, line, stats)) return false;
  const em = line.size;
  if (group.lines.length >= 2 && line.x0 < prev.x0 - 0.8 * em) {
    const before = group.lines[group.lines.length - 2];
    if (group.marker || Math.abs(before.x0 - prev.x0) < 1) return false; // a block quote or hanging item has ended
  }
  return true;
}

function tableColumn(cols: number[], x: number): number {
  let i = 0;
  while (i + 1 < cols.length && cols[i + 1] <= x + 2) i++;
  return i;
}

function continuesTableRow(group: Group, line: Line, stats: BodyStats): boolean {
  const prev = group.lines[group.lines.length - 1];
  if (line.flowStart) return false;
  const gap = line.y - prev.y;
  if (gap <= 0 || gap > paragraphGap(stats, prev.size)) return false;
  // Text in the first column opens the next row; text left of the table ends it.
  return line.x0 >= group.cols[1] - 2;
}

const COLUMN_TOLERANCE = 2; // points: cells of one column start this close together

function columnAt(cols: number[], x: number): boolean {
  return cols.some((c) => Math.abs(c - x) <= COLUMN_TOLERANCE);
}

/** Records the line's cell starts as column edges of its table (kept sorted). */
function addColumns(cols: number[], line: Line): void {
  for (const cell of line.cells) {
    if (columnAt(cols, cell.x0)) continue;
    cols.push(cell.x0);
    cols.sort((a, b) => a - b);
  }
}

/**
 * A line at the table's left edge with text starting at two more of its column edges, each
 * after a gap wider than a word space, is the next row even when its cells run so close
 * that the gaps alone do not separate them (a long cell ending just before the next column).
 */
function opensTableRow(table: Group, line: Line): boolean {
  if (Math.abs(line.x0 - table.cols[0]) > COLUMN_TOLERANCE) return false;
  let aligned = 0;
  for (let i = 1; i < line.items.length; i++) {
    const item = line.items[i];
    const prev = line.items[i - 1];
    if (item.x - (prev.x + prev.width) >= item.fontSize && columnAt(table.cols, item.x)) aligned++;
  }
  return aligned >= 2;
}

function groupLines(lines: Line[], stats: BodyStats): Group[] {
  const groups: Group[] = [];
  let current: Group | null = null;
  for (const line of lines) {
    const table: Group | null = current?.table ? current : null;
    if (table && continuesTableRow(table, line, stats)) {
      table.lines.push(line);
      addColumns(table.cols, line);
      continue;
    }
    const nextRow = table !== null && opensTableRow(table, line);
    if (nextRow || isTableLine(line)) {
      // Rows of one table share one list of column edges, so each row is cut by all of
      // them: a header or another row may show a column that this row's gaps hide.
      const cols: number[] = table && Math.abs(line.x0 - table.cols[0]) <= COLUMN_TOLERANCE ? table.cols : [];
      addColumns(cols, line);
      current = { table: true, lines: [line], marker: false, cols };
      groups.push(current);
      continue;
    }
    if (current && !current.table && continuesParagraph(current, line, stats)) {
      current.lines.push(line);
      continue;
    }
    current = { table: false, lines: [line], marker: startsWithMarker(line), cols: [] };
    groups.push(current);
  }
  return groups;
}

// ---------------------------------------------------------------- hyphenation

interface WordEvidence {
  /** Lower-case words seen in the document, hyphenated compounds split into parts too. */
  words: Set<string>;
  /** Lower-case hyphenated compounds seen inside a line (not at a line end). */
  hyphenated: Set<string>;
}

const WORD = /[A-Za-z]+(?:-[A-Za-z]+)*/g;
const LINE_END_HYPHEN = /([A-Za-z]+(?:-[A-Za-z]+)*)-$/;

function collectWordEvidence(lines: Line[]): WordEvidence {
  const words = new Set<string>();
  const hyphenated = new Set<string>();
  let prevBroken = false;
  for (const line of lines) {
    const tokens = line.text.match(WORD) ?? [];
    const broken = line.text.endsWith('-');
    const first = prevBroken ? 1 : 0; // the tail of a broken word is not evidence of its own
    const last = broken ? tokens.length - 1 : tokens.length;
    for (let i = first; i < last; i++) {
      const token = tokens[i].toLowerCase();
      words.add(token);
      if (token.includes('-')) {
        hyphenated.add(token);
        for (const part of token.split('-')) words.add(part);
      }
    }
    prevBroken = broken;
  }
  return { words, hyphenated };
}

class Hyphenation {
  private evidence: WordEvidence | null = null;
  private readonly prefixes: Set<string>;
  private readonly compounds: Set<string>;

  constructor(
    lexicon: HyphenationLexicon,
    private readonly lines: Line[],
  ) {
    this.prefixes = new Set(lexicon.keep_hyphen_prefixes.map((p) => p.toLowerCase()));
    this.compounds = new Set(lexicon.keep_hyphen_words.map((w) => w.toLowerCase()));
  }

  /** Does the hyphen in "head-" + "tail" belong to the word? */
  keepsHyphen(head: string, tail: string): boolean {
    this.evidence ??= collectWordEvidence(this.lines);
    const h = head.toLowerCase();
    const t = tail.toLowerCase();
    if (this.evidence.hyphenated.has(`${h}-${t}`)) return true;
    if (this.evidence.words.has(h + t)) return false;
    if (this.compounds.has(`${h}-${t}`)) return true;
    const prefix = h.slice(h.lastIndexOf('-') + 1);
    return this.prefixes.has(prefix) && this.evidence.words.has(t);
  }

  /** Joins two pieces of text that a line break separated. */
  join(a: string, b: string): string {
    if (!a) return b;
    if (a.endsWith('\u00AD')) return a.slice(0, -1) + b;
    const broken = a.endsWith('-') ? LINE_END_HYPHEN.exec(a.slice(-80)) : null;
    if (!broken) return `${a} ${b}`;
    const tail = /^[A-Za-z]+/.exec(b)?.[0];
    if (!tail || !/^[a-z]/.test(tail)) return a + b; // "non-" + "English", "mid-" + "2009": a real hyphen
    return this.keepsHyphen(broken[1], tail) ? a + b : a.slice(0, -1) + b;
  }
}

// ---------------------------------------------------------------- blocks

function tableRowText(group: Group, hyphenation: Hyphenation): string {
  const columns: string[] = group.cols.map(() => '');
  for (const line of group.lines) {
    // Cut by the columns' left edges, not by gaps: a long cell can run close to the next one.
    const parts: string[] = group.cols.map(() => '');
    line.items.forEach((item, i) => {
      parts[tableColumn(group.cols, item.x)] += line.chunks[i];
    });
    parts.forEach((part, col) => {
      const text = normaliseText(part);
      if (text) columns[col] = hyphenation.join(columns[col], text);
    });
  }
  return columns.filter((c) => c).join(' ');
}

function paragraphText(group: Group, hyphenation: Hyphenation): string {
  let text = '';
  for (const line of group.lines) text = hyphenation.join(text, line.text);
  return text;
}

function isHeadingLike(group: Group, text: string, stats: BodyStats): boolean {
  const first = group.lines[0];
  const maxLines = first.size >= 1.5 * stats.size ? 6 : 3; // display type wraps a long title over more lines
  if (group.table || group.lines.length > maxLines || text.length > 200 || /[.,;]$/.test(text)) return false;
  if (first.size >= stats.size + 0.75) return true;
  return first.size >= stats.size - 0.25 && (first.bold || first.font !== stats.font);
}

interface Draft {
  kind: BlockKind;
  text: string;
  page: number;
  size: number;
}

function draftBlocks(groups: Group[], stats: BodyStats, hyphenation: Hyphenation): Draft[] {
  const drafts: Draft[] = [];
  for (const group of groups) {
    const page = group.lines[0].page;
    const size = group.lines[0].size;
    if (group.table) {
      drafts.push({ kind: 'table_row', text: normaliseText(tableRowText(group, hyphenation)), page, size });
      continue;
    }
    let text = normaliseText(paragraphText(group, hyphenation));
    let kind: BlockKind = 'paragraph';
    if (isHeadingLike(group, text, stats)) kind = 'heading';
    else if (BULLET.test(text)) {
      kind = 'list_item';
      text = text.replace(BULLET, '');
    } else if (/^\(?[a-z]\)\s/.test(text)) kind = 'list_item';
    if (text) drafts.push({ kind, text, page, size });
  }
  return drafts;
}

/** The document's first heading(s) in big type, larger than every other heading, are its title. */
function markTitle(drafts: Draft[], stats: BodyStats): void {
  const first = drafts[0];
  if (!first || first.kind !== 'heading' || first.size < 1.2 * stats.size) return;
  let lead = 0;
  while (lead < drafts.length && drafts[lead].kind === 'heading' && Math.abs(drafts[lead].size - first.size) <= 0.5) lead++;
  for (let i = lead; i < drafts.length; i++) if (drafts[i].kind === 'heading' && drafts[i].size > first.size - 0.5) return;
  for (let i = 0; i < lead; i++) drafts[i].kind = 'title';
}

function toBlocks(drafts: Draft[]): Block[] {
  const sizes = [...new Set(drafts.filter((d) => d.kind === 'heading').map((d) => roundSize(d.size)))].sort((a, b) => b - a);
  return drafts.map((d) => {
    const block: Block = { kind: d.kind, text: d.text, page: d.page };
    if (d.kind === 'heading') block.level = sizes.indexOf(roundSize(d.size)) + 1;
    return block;
  });
}

/** Blocks in reading order from positioned text, with the page furniture that was dropped. */
export function layoutPdfPages(pages: PositionedPage[], lexicon: PdfLexicon): PdfLayout {
  const linesByPage = pages.map(pageLines);
  const furniture = findFurniture(pages, linesByPage, pageNumberMatcher(lexicon.pageNumbers));
  const flow: Line[] = [];
  linesByPage.forEach((lines, i) => {
    flow.push(...readPage(lines.filter((l) => !furniture.has(l)), pages[i].width));
  });
  const stats = bodyStats(flow);
  const groups = groupLines(flow, stats);
  const drafts = draftBlocks(groups, stats, new Hyphenation(lexicon.hyphenation, flow));
  markTitle(drafts, stats);
  // In page and line order, without first copying every line of the document into one array.
  const removedFurniture: string[] = [];
  for (const lines of linesByPage) for (const line of lines) if (furniture.has(line)) removedFurniture.push(line.text);
  return { blocks: toBlocks(drafts), removedFurniture };
}
