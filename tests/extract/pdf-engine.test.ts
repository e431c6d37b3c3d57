// The pdf.js engine and extractPdf on real PDF bytes made here with pdfkit, including the
// files that must end with a terminal status instead of text.

import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { ExtractError } from '../../pipeline/extract/errors.js';
import { extractPdf } from '../../pipeline/extract/pdf.js';
import { hasEofMarker, pdfjsTextEngine } from '../../pipeline/extract/pdfEngine.js';

function makePdf(draw: (doc: PDFKit.PDFDocument) => void, options: PDFKit.PDFDocumentOptions = {}): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 72, ...options });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}

const twoPages = (doc: PDFKit.PDFDocument) => {
  doc.font('Helvetica-Bold').fontSize(18).text('Anyshire Safeguarding Board: Serious Case Review', 72, 72);
  doc.font('Times-Roman').fontSize(11).text('1.1 The first paragraph of the report sits near the top of page one.', 72, 140);
  doc.addPage();
  doc.font('Times-Roman').fontSize(11).text('2.1 A paragraph on the second page.', 72, 700);
};

async function statusOf(bytes: Uint8Array): Promise<string> {
  try {
    await extractPdf(bytes);
    return 'coded';
  } catch (err) {
    if (err instanceof ExtractError) return err.status;
    throw err;
  }
}

describe('pdfjsTextEngine', () => {
  it('returns pages with y measured from the page top', async () => {
    const pages = await pdfjsTextEngine(await makePdf(twoPages));
    expect(pages.map((p) => p.pageNumber)).toEqual([1, 2]);
    expect(pages[0].width).toBeCloseTo(595.28, 1);
    const first = pages[0].items.find((i) => i.str.startsWith('1.1'))!;
    const second = pages[1].items.find((i) => i.str.startsWith('2.1'))!;
    expect(first.y).toBeGreaterThan(140);
    expect(first.y).toBeLessThan(160);
    expect(second.y).toBeGreaterThan(700);
    expect(first.fontSize).toBeCloseTo(11, 1);
  });

  it('leaves the caller\'s bytes intact', async () => {
    const bytes = await makePdf(twoPages);
    const copy = bytes.slice();
    await pdfjsTextEngine(bytes);
    expect(bytes).toEqual(copy);
  });
});

describe('extractPdf', () => {
  it('extracts blocks with kinds and pages', async () => {
    const doc = await extractPdf(await makePdf(twoPages));
    expect(doc.format).toBe('pdf');
    expect(doc.pageCount).toBe(2);
    expect(doc.blocks).toEqual([
      { kind: 'title', text: 'Anyshire Safeguarding Board: Serious Case Review', page: 1 },
      { kind: 'paragraph', text: '1.1 The first paragraph of the report sits near the top of page one.', page: 1 },
      { kind: 'paragraph', text: '2.1 A paragraph on the second page.', page: 2 },
    ]);
  });

  it('accepts a custom engine (bytes in, positioned pages out)', async () => {
    const doc = await extractPdf(new Uint8Array([1]), async () => [
      { pageNumber: 1, width: 595, height: 842, items: [{ str: 'Text from another engine.', x: 72, y: 100, width: 120, fontSize: 11, fontName: 'F1', hasEOL: true }] },
    ]);
    expect(doc.blocks.map((b) => b.text)).toEqual(['Text from another engine.']);
  });

  it('needs ten visible characters a page; whitespace of any kind does not count', async () => {
    const pageOf = (strs: string[]) => ({
      pageNumber: 1,
      width: 595,
      height: 842,
      items: strs.map((str, i) => ({ str, x: 72 + 40 * i, y: 100, width: 30, fontSize: 11, fontName: 'F1', hasEOL: false })),
    });
    const ten = ['Ab c', '\u00A0de\u3000', ' \t', 'fgh\u2028ij'];
    const nine = ['Ab c', '\u00A0de\u3000', ' \t', 'fgh\u2028i'];
    expect((await extractPdf(new Uint8Array([1]), async () => [pageOf(ten)])).blocks.map((b) => b.text)).toEqual(['Ab c de fgh ij']);
    await expect(extractPdf(new Uint8Array([1]), async () => [pageOf(nine)])).rejects.toThrow('needs OCR');
    // Counted over the whole document: two pages need twenty.
    await expect(extractPdf(new Uint8Array([1]), async () => [pageOf(ten), { ...pageOf(nine), pageNumber: 2 }])).rejects.toThrow('needs OCR');
  });

  it.each<[string, () => Promise<Uint8Array>, string]>([
    ['a PDF without a text layer', () => makePdf((d) => d.rect(100, 100, 300, 400).fill('#888').addPage().circle(200, 200, 50).fill()), 'needs_ocr'],
    ['an encrypted PDF', () => makePdf(twoPages, { userPassword: 'secret', ownerPassword: 'owner', pdfVersion: '1.7' }), 'encrypted'],
    ['a truncated PDF', async () => (await makePdf(twoPages)).slice(0, 700), 'truncated'],
    ['random bytes', async () => new Uint8Array(Array.from({ length: 4000 }, (_, i) => (i * 7919 + 13) % 251)), 'corrupt'],
    ['a header followed by garbage', async () => new TextEncoder().encode('%PDF-1.4\n' + 'garbage '.repeat(200) + '\n%%EOF\n'), 'corrupt'],
    ['zero bytes', async () => new Uint8Array(0), 'empty'],
  ])('gives %s a terminal status', async (_name, make, expected) => {
    expect(await statusOf(await make())).toBe(expected);
  });

  it('says why an image-only PDF was not analysed', async () => {
    const bytes = await makePdf((d) => d.rect(100, 100, 300, 400).fill());
    await expect(extractPdf(bytes)).rejects.toThrow('PDF has no text layer (1 pages, no extractable text): needs OCR');
  });

  it('finds the end-of-file marker only at the end', async () => {
    const bytes = await makePdf(twoPages);
    expect(hasEofMarker(bytes)).toBe(true);
    expect(hasEofMarker(bytes.slice(0, bytes.length - 10))).toBe(false);
  });
});
