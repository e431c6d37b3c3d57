// DOCX → blocks: mammoth turns the body into semantic HTML (headings, lists, tables; no
// headers/footers), and a real HTML parser walks that HTML into blocks.

import mammoth from 'mammoth';
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import type { Block, BlockKind, ExtractedDoc } from '../types.js';
import { ExtractError } from './errors.js';
import { normaliseText } from './normalise.js';
import { readZipDirectory, type ZipEntry } from './detect.js';

/** Real reports stay far below these; a file that declares more is refused before parsing. */
const MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;
const MAX_RATIO = 100;
const RATIO_CHECK_FLOOR_BYTES = 20 * 1024 * 1024;
const MB = 1024 * 1024;

const STYLE_MAP = [
  "p[style-name='Title'] => h1.docx-title:fresh",
  "p[style-name='Subtitle'] => p:fresh",
  ...[1, 2, 3, 4, 5, 6].map((n) => `p[style-name='Heading ${n}'] => h${n}:fresh`),
];
const TITLE_CLASS = 'docx-title';

export async function extractDocx(bytes: Uint8Array): Promise<ExtractedDoc> {
  guardZip(bytes);
  const html = await convertToHtml(bytes);
  return { format: 'docx', pageCount: null, blocks: htmlToBlocks(html), removedFurniture: [] };
}

/** Refuse truncated, non-Word and bomb-shaped zips from the central directory alone. */
export function guardZip(bytes: Uint8Array): ZipEntry[] {
  const entries = readZipDirectory(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (!entries) throw new ExtractError('truncated', 'DOCX is truncated: the zip central directory is missing');
  if (!entries.some((e) => e.name === 'word/document.xml')) {
    throw new ExtractError('not_word', 'zip archive but not a Word document (no word/document.xml)');
  }
  const expanded = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  const compressed = Math.max(1, entries.reduce((sum, e) => sum + e.compressedSize, 0));
  const absurdRatio = expanded > RATIO_CHECK_FLOOR_BYTES && expanded / compressed > MAX_RATIO;
  if (expanded > MAX_UNCOMPRESSED_BYTES || absurdRatio) {
    const size = Number.isFinite(expanded) ? `${Math.round(expanded / MB)} MB` : 'over 4 GB';
    throw new ExtractError('resource_limit', `DOCX expands to ${size} from ${(bytes.length / 1024).toFixed(0)} KB (zip bomb?)`);
  }
  return entries;
}

async function convertToHtml(bytes: Uint8Array): Promise<string> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    const result = await mammoth.convertToHtml(
      { buffer },
      {
        externalFileAccess: false,
        styleMap: STYLE_MAP,
        // Images carry no body text; skipping their base64 encoding saves time and memory.
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      },
    );
    return result.value;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new ExtractError('corrupt', `DOCX could not be read: ${message.split('\n')[0]}`);
  }
}

// ---------------------------------------------------------------- HTML → blocks

const HEADING_TAGS: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
/** Elements whose text is one block; anything else is walked through. */
const BLOCK_TAGS = new Set(['p', 'li', 'tr', ...Object.keys(HEADING_TAGS)]);
/** Elements whose content is a separate run of text inside a block (joined with a space). */
const SEPARATED_TAGS = new Set(['p', 'li', 'td', 'th', 'br', 'ul', 'ol', 'table', 'tr', ...Object.keys(HEADING_TAGS)]);

export function htmlToBlocks(html: string): Block[] {
  const blocks: Block[] = [];
  walk(parseDocument(html).children, blocks);
  return blocks;
}

function walk(nodes: ChildNode[], blocks: Block[]): void {
  for (const node of nodes) {
    if (node.type !== 'tag') continue;
    if (isNote(node)) continue;
    if (node.name === 'table') {
      walkTable(node, blocks);
    } else if (node.name === 'li') {
      pushBlock(blocks, 'list_item', ownListText(node));
      walk(node.children, blocks); // nested lists become blocks of their own
    } else if (BLOCK_TAGS.has(node.name)) {
      pushBlock(blocks, kindOf(node), textOf(node.children), HEADING_TAGS[node.name]);
    } else {
      walk(node.children, blocks);
    }
  }
}

/** Only the rows of this table; a nested table's text stays inside its cell. */
function walkTable(table: Element, blocks: Block[]): void {
  for (const row of rowsOf(table)) {
    const cells = row.children.filter((c): c is Element => c.type === 'tag' && (c.name === 'td' || c.name === 'th'));
    pushBlock(blocks, 'table_row', cells.map((c) => textOf(c.children)).join(' '));
  }
}

function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of table.children) {
    if (child.type !== 'tag') continue;
    if (child.name === 'tr') rows.push(child);
    else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') rows.push(...rowsOf(child));
  }
  return rows;
}

function kindOf(el: Element): BlockKind {
  if (el.name === 'li') return 'list_item';
  if (el.name in HEADING_TAGS) return hasClass(el, TITLE_CLASS) ? 'title' : 'heading';
  return 'paragraph';
}

/** A list item's own text, without the items of lists nested in it. */
function ownListText(li: Element): string {
  return textOf(li.children.filter((c) => !(c.type === 'tag' && (c.name === 'ul' || c.name === 'ol'))));
}

function textOf(nodes: ChildNode[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += node.data;
    else if (node.type === 'tag' && !isNote(node) && !isNoteReference(node)) {
      const inner = textOf(node.children);
      out += SEPARATED_TAGS.has(node.name) ? ` ${inner} ` : inner;
    }
  }
  return out;
}

function pushBlock(blocks: Block[], kind: BlockKind, raw: string, headingLevel?: number): void {
  const text = normaliseText(raw);
  if (!text) return;
  const block: Block = { kind, text, page: null };
  if (kind === 'heading' && headingLevel) block.level = headingLevel;
  blocks.push(block);
}

function hasClass(el: Element, name: string): boolean {
  return (el.attribs.class ?? '').split(/\s+/).includes(name);
}

/** mammoth appends footnotes/endnotes as `<li id="footnote-1">` items: not body text. */
function isNote(el: Element): boolean {
  const id = el.attribs.id ?? '';
  return id.startsWith('footnote-') || id.startsWith('endnote-') || id.startsWith('comment-');
}

/** The "[1]" marker mammoth writes where a note is referenced. */
function isNoteReference(el: Element): boolean {
  const id = el.attribs.id ?? '';
  return el.name === 'a' && (id.startsWith('footnote-ref-') || id.startsWith('endnote-ref-') || id.startsWith('comment-ref-'));
}
