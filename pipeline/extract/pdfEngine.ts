// The pdf.js text engine: PDF bytes in, pages of positioned text out. It is the only file
// that knows about pdf.js, so a faster engine can replace it behind PdfTextEngine.

import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PdfTextEngine, PositionedPage, PositionedText } from '../types.js';
import { ExtractError } from './errors.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

// Local folders only: pdf.js must never fetch anything, and never load fonts for rendering.
const documentOptions = {
  isEvalSupported: false,
  disableFontFace: true,
  useSystemFonts: false,
  standardFontDataUrl: path.join(pdfjsRoot, 'standard_fonts') + path.sep,
  cMapUrl: path.join(pdfjsRoot, 'cmaps') + path.sep,
  cMapPacked: true,
  verbosity: 0,
};

let pdfjsModule: Promise<PdfJs> | undefined;
function loadPdfJs(): Promise<PdfJs> {
  pdfjsModule ??= importPdfJsKeepingNatives();
  return pdfjsModule;
}

/**
 * The legacy build's core-js polyfills replace Array.prototype.push, JSON.parse and
 * JSON.stringify in the whole thread with JavaScript versions (forced over V8's own for spec
 * corner cases such as arrays of 2^32 items), which made every push in pdf.js and in our
 * layout several times slower. The natives are correct for all pdf.js needs, so they are put
 * back once pdf.js and its in-thread worker module have loaded. Only added features (those
 * missing from Node 20) stay polyfilled.
 */
async function importPdfJsKeepingNatives(): Promise<PdfJs> {
  const natives = { push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify };
  const pdfjs = (await import(pathToFileURL(path.join(pdfjsRoot, 'legacy/build/pdf.mjs')).href)) as PdfJs;
  // Loading the worker module here (it sets globalThis.pdfjsWorker) makes pdf.js run it in this thread.
  await import(pathToFileURL(path.join(pdfjsRoot, 'legacy/build/pdf.worker.mjs')).href);
  Array.prototype.push = natives.push;
  JSON.parse = natives.parse;
  JSON.stringify = natives.stringify;
  return pdfjs;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A PDF starts with "%PDF-" (readers allow some junk before it). */
export function hasPdfHeader(bytes: Uint8Array): boolean {
  return asBuffer(bytes).subarray(0, 1024).includes('%PDF-');
}

/** A PDF ends with "%%EOF" (a little trailing whitespace or junk is common); a cut-off file does not. */
export function hasEofMarker(bytes: Uint8Array): boolean {
  return asBuffer(bytes).subarray(Math.max(0, bytes.byteLength - 2048)).includes('%%EOF');
}

function errorName(err: unknown): string {
  return err && typeof err === 'object' && 'name' in err ? String((err as { name: unknown }).name) : '';
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Turns whatever pdf.js threw into a terminal status, judged from the error and the file's bytes. */
export function toExtractError(err: unknown, bytes: Uint8Array): ExtractError {
  if (err instanceof ExtractError) return err;
  const name = errorName(err);
  if (name === 'PasswordException') return new ExtractError('encrypted', 'PDF is encrypted with a user password');
  if (hasPdfHeader(bytes) && !hasEofMarker(bytes)) {
    return new ExtractError('truncated', `PDF is truncated (no %%EOF at the end; ${bytes.byteLength} bytes): ${errorMessage(err)}`);
  }
  return new ExtractError('corrupt', `PDF could not be read (${name || 'Error'}): ${errorMessage(err)}`);
}

/** PDF user space (y up from the bottom) to viewport space (y down from the top). */
function toViewport(x: number, y: number, m: number[]): [number, number] {
  return [x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]];
}

function pageItems(items: unknown[], viewportTransform: number[]): PositionedText[] {
  const out: PositionedText[] = [];
  for (const raw of items) {
    const item = raw as { str?: string; transform?: number[]; width?: number; height?: number; fontName?: string; hasEOL?: boolean };
    if (!item.str || !item.transform) continue; // marked-content markers and empty EOL items carry no text
    const t = item.transform;
    const [x, y] = toViewport(t[4], t[5], viewportTransform);
    out.push({
      str: item.str,
      x,
      y,
      width: item.width ?? 0,
      fontSize: item.height || Math.hypot(t[2], t[3]),
      fontName: item.fontName ?? '',
      hasEOL: Boolean(item.hasEOL),
    });
  }
  return out;
}

async function readPage(doc: PdfDocument, pageNumber: number): Promise<PositionedPage> {
  const page = await doc.getPage(pageNumber);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    return {
      pageNumber,
      width: viewport.width,
      height: viewport.height,
      items: pageItems(content.items, viewport.transform),
    };
  } finally {
    page.cleanup();
  }
}

/** pdf.js (legacy build) as a PdfTextEngine. Throws ExtractError for encrypted, truncated or corrupt files. */
export const pdfjsTextEngine: PdfTextEngine = async (bytes) => {
  if (bytes.byteLength === 0) throw new ExtractError('empty', 'PDF file is empty (0 bytes)');
  if (!hasPdfHeader(bytes)) throw new ExtractError('corrupt', 'not a PDF: no %PDF- header in the first 1024 bytes');
  const { getDocument } = await loadPdfJs();
  // pdf.js may transfer (detach) the buffer it is given; the caller keeps its own bytes.
  const task = getDocument({ ...documentOptions, data: bytes.slice() });
  try {
    const doc = await task.promise;
    const pages: PositionedPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) pages.push(await readPage(doc, n));
    if (!hasEofMarker(bytes)) throw new ExtractError('truncated', `PDF is truncated (no %%EOF at the end; ${bytes.byteLength} bytes)`);
    return pages;
  } catch (err) {
    throw toExtractError(err, bytes);
  } finally {
    await task.destroy();
  }
};
