// One file's bytes → an ExtractOutcome. Never throws: every failure becomes a terminal
// status with a one-line reason, so one bad file cannot stop a batch.

import { createHash } from 'node:crypto';
import type { ExtractedDoc, ExtractOutcome, SourceFormat } from '../types.js';
import { detectKind } from './detect.js';
import { extractDocx } from './docx.js';
import { ExtractError } from './errors.js';
import { extractTxt } from './txt.js';

const REASON_MAX_CHARS = 240;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface ExtractOptions {
  /** Lexicon folder for the extractor's own data (PDF hyphenation and page numbers); the package's lexicons/ by default. */
  lexiconDir?: string;
}

export async function extractBytes(fileName: string, input: Uint8Array, options: ExtractOptions = {}): Promise<ExtractOutcome> {
  // pdf.js refuses Node Buffers (a Uint8Array subclass); a plain view over the same memory costs nothing.
  const bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  const sha256 = sha256Hex(bytes);
  const detection = detectKind(fileName, bytes);
  if (!detection.ok) return { ok: false, sha256, status: detection.status, reason: detection.reason };
  try {
    const doc = await extractAs(detection.format, bytes, options);
    if (!doc.blocks.some((b) => b.text.length > 0)) {
      return { ok: false, sha256, status: 'empty', reason: `${detection.format.toUpperCase()} holds no text` };
    }
    return { ok: true, sha256, doc };
  } catch (err) {
    return { ok: false, sha256, ...failureOf(err, detection.format) };
  }
}

async function extractAs(format: SourceFormat, bytes: Uint8Array, options: ExtractOptions): Promise<ExtractedDoc> {
  if (format === 'docx') return extractDocx(bytes);
  if (format === 'txt') return extractTxt(bytes);
  const pdf = await loadPdfExtractor();
  return pdf.extractPdf(bytes, pdf.pdfjsTextEngine, pdf.pdfLexiconFor(options.lexiconDir));
}

/** Loaded on first use: pdf.js is the heaviest module, and a worker may never see a PDF. */
async function loadPdfExtractor(): Promise<typeof import('./pdf.js') & typeof import('./pdfEngine.js')> {
  try {
    return { ...(await import('./pdf.js')), ...(await import('./pdfEngine.js')) };
  } catch (err) {
    throw new ExtractError('failed', `PDF extractor could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function failureOf(err: unknown, format: SourceFormat): Pick<Extract<ExtractOutcome, { ok: false }>, 'status' | 'reason'> {
  if (err instanceof ExtractError) return { status: err.status, reason: oneLine(err.message) };
  // An exception out of a parser means the file did not parse; anything else is our failure.
  if (err instanceof Error) return { status: 'corrupt', reason: oneLine(`${format.toUpperCase()} could not be parsed: ${err.message}`) };
  return { status: 'failed', reason: oneLine(`extraction failed: ${String(err)}`) };
}

export function oneLine(message: string): string {
  const line = message.split(/\r?\n/)[0]!.trim();
  return line.length > REASON_MAX_CHARS ? `${line.slice(0, REASON_MAX_CHARS - 1)}…` : line;
}
