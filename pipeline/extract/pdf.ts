// PDF extraction: engine (bytes → positioned text) then layout (positioned text → blocks).

import type { ExtractedDoc, PdfTextEngine, PositionedPage } from '../types.js';
import { ExtractError } from './errors.js';
import { isWhitespaceCode } from './normalise.js';
import { pdfjsTextEngine } from './pdfEngine.js';
import { layoutPdfPages, type PdfLexicon } from './pdfLayout.js';
import { pdfLexiconFor } from './pdfLexicon.js';

export { loadHyphenationLexicon, loadPageNumberLexicon, pdfLexiconFor } from './pdfLexicon.js';

/** Fewer visible characters per page than this means the pages are images: the PDF needs OCR. */
const MIN_CHARS_PER_PAGE = 10;

/**
 * Are there at least `wanted` visible (non-whitespace) characters? Counting stops there, which
 * in a report with a text layer is within its first pages; stripping the whitespace from every
 * item of the whole report only to count it was 9% of PDF layout time.
 */
function hasVisibleChars(pages: PositionedPage[], wanted: number): boolean {
  let n = 0;
  for (const page of pages) {
    for (const item of page.items) {
      const s = item.str;
      for (let i = 0; i < s.length; i++) if (!isWhitespaceCode(s.charCodeAt(i))) n++;
      if (n >= wanted) return true;
    }
  }
  return false;
}

/** Extracts the body text of a PDF as blocks in reading order. Throws ExtractError for files that cannot be analysed. */
export async function extractPdf(
  bytes: Uint8Array,
  engine: PdfTextEngine = pdfjsTextEngine,
  lexicon: PdfLexicon = pdfLexiconFor(),
): Promise<ExtractedDoc> {
  const pages = await engine(bytes);
  if (!hasVisibleChars(pages, Math.max(1, MIN_CHARS_PER_PAGE * pages.length))) {
    throw new ExtractError('needs_ocr', `PDF has no text layer (${pages.length} pages, no extractable text): needs OCR`);
  }
  const { blocks, removedFurniture } = layoutPdfPages(pages, lexicon);
  return { format: 'pdf', pageCount: pages.length, blocks, removedFurniture };
}
