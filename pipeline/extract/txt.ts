// Plain text → blocks: paragraphs are separated by blank lines; inside a paragraph a line
// break is only wrapping. A short line standing alone without closing punctuation is a heading.

import type { Block, ExtractedDoc } from '../types.js';
import { ExtractError } from './errors.js';
import { decodeText } from './detect.js';
import { normaliseText } from './normalise.js';

const HEADING_MAX_CHARS = 80;
const HEADING_MAX_WORDS = 12;
/** A line ending like this is a sentence (or a lead-in), not a heading. */
const SENTENCE_END = /[.,;:!?"')\]]$/;
/** A blank (or whitespace-only) line, or a form feed, ends a paragraph. */
const PARAGRAPH_BREAK = /(?:\n[ \t\u00A0]*(?=\n)|\f)+\n?/;

export async function extractTxt(bytes: Uint8Array): Promise<ExtractedDoc> {
  const text = decodeText(bytes);
  if (text === null) throw new ExtractError('unsupported_type', 'not text: the file holds binary data');
  return { format: 'txt', pageCount: null, blocks: textToBlocks(text), removedFurniture: [] };
}

export function textToBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const unified = text.replace(/\r\n?/g, '\n');
  // A file with no blank line at all writes one paragraph per line (many exports do):
  // reading it as a single paragraph would make one segment of the whole report.
  const chunks = PARAGRAPH_BREAK.test(unified) ? unified.split(PARAGRAPH_BREAK) : unified.split('\n');
  for (const chunk of chunks) {
    const lines = chunk.split('\n').map((l) => l.trim()).filter(Boolean);
    const paragraph = normaliseText(lines.join(' '));
    if (!paragraph) continue;
    blocks.push({ kind: lines.length === 1 && looksLikeHeading(paragraph) ? 'heading' : 'paragraph', text: paragraph, page: null });
  }
  return blocks;
}

function looksLikeHeading(line: string): boolean {
  return (
    line.length <= HEADING_MAX_CHARS &&
    line.split(' ').length <= HEADING_MAX_WORDS &&
    !SENTENCE_END.test(line) &&
    /\p{L}/u.test(line) // "12" or "* * *" is not a heading
  );
}
