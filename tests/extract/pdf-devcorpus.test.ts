// Measures PDF extraction against the labelled dev corpus: every gold paragraph must come
// out as exactly one block, and no page furniture may leak into any block.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseText } from '../../pipeline/extract/normalise.js';
import { extractPdf } from '../../pipeline/extract/pdf.js';
import type { ExtractedDoc } from '../../pipeline/types.js';
import { DEV_CORPUS } from '../helpers/devCorpus.js';

const corpusDir = DEV_CORPUS;
const pdfs = existsSync(corpusDir) ? readdirSync(corpusDir).filter((f) => f.endsWith('.pdf')).sort() : [];

// The running headers as printed in each report (see the corpus README); the rest have none.
const RUNNING_HEADERS: Record<string, string> = {
  'hallowfield_scr_baby_q.pdf': 'CONFIDENTIAL – Hallowfield LSCB Serious Case Review',
  'stanbury_scr_child_l.pdf': 'CONFIDENTIAL – Stanbury LSCB Serious Case Review',
  'wexcombe_scr_baby_j.pdf': 'Wexcombe LSCB – Serious Case Review – Baby J',
  'kingsmere_lcspr_child_y.pdf': 'Kingsmere Safeguarding Children Partnership – LCSPR Child Y – Final Report',
  'ellerby_scr_child_z.pdf': 'OFFICIAL – Ellerby LSCB Serious Case Review: Child Z',
};

interface Recovery {
  exact: number;
  substring: number;
  missing: string[];
}

function recovery(doc: ExtractedDoc, gold: string[]): Recovery {
  const blocks = new Set(doc.blocks.map((b) => b.text));
  const all = doc.blocks.map((b) => b.text).join('\n');
  let total = 0;
  let exact = 0;
  let substring = 0;
  const missing: string[] = [];
  for (const paragraph of gold) {
    total += paragraph.length;
    if (blocks.has(paragraph)) exact += paragraph.length;
    else missing.push(paragraph);
    if (all.includes(paragraph)) substring += paragraph.length;
  }
  return { exact: exact / total, substring: substring / total, missing };
}

describe.skipIf(pdfs.length === 0)('PDF extraction on the dev corpus', () => {
  it('has the eight dev PDFs', () => {
    expect(pdfs).toHaveLength(8);
  });

  let pages = 0;
  let ms = 0;

  describe.each(pdfs)('%s', (file) => {
    const load = async () => {
      const bytes = new Uint8Array(readFileSync(path.join(corpusDir, file)));
      const start = performance.now();
      const doc = await extractPdf(bytes);
      ms += performance.now() - start;
      pages += doc.pageCount ?? 0;
      return doc;
    };
    let docPromise: Promise<ExtractedDoc> | undefined;
    const doc = () => (docPromise ??= load());
    const gold = (JSON.parse(readFileSync(path.join(corpusDir, `${file}.gold.json`), 'utf8')).paragraphs as Array<{ text: string }>).map((p) =>
      normaliseText(p.text),
    );

    it('recovers at least 98% of the gold paragraph text as whole blocks', async () => {
      const r = recovery(await doc(), gold);
      console.log(`${file}: exact ${(100 * r.exact).toFixed(1)}%, as substring ${(100 * r.substring).toFixed(1)}%`);
      expect(r.exact, `first missing: ${r.missing.slice(0, 3).join(' | ')}`).toBeGreaterThanOrEqual(0.98);
    });

    it('keeps the running header and page numbers out of every block', async () => {
      const { blocks, removedFurniture } = await doc();
      const header = RUNNING_HEADERS[file];
      for (const block of blocks) {
        if (header) expect(block.text).not.toContain(header);
        expect(block.text).not.toMatch(/\bPage \d+ of \d+\b/);
        expect(block.text).not.toMatch(/^\d{1,3}$/);
      }
      if (header) expect(removedFurniture).toContain(header);
    });

    it('gives every block a page within the document', async () => {
      const { blocks, pageCount } = await doc();
      for (const block of blocks) expect(block.page).toBeGreaterThanOrEqual(1);
      for (const block of blocks) expect(block.page).toBeLessThanOrEqual(pageCount ?? 0);
      expect(blocks[0].kind).toBe('title');
    });
  });

  it('reports throughput', () => {
    console.log(`dev PDFs: ${pages} pages in ${ms.toFixed(0)} ms = ${((1000 * pages) / ms).toFixed(1)} pages/s (engine + layout, one thread)`);
    expect(pages).toBeGreaterThan(0);
  });
});
