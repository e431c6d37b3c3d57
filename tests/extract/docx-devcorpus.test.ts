import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDocx } from '../../pipeline/extract/docx.js';
import { normaliseText } from '../../pipeline/extract/normalise.js';
import { DEV_CORPUS } from '../helpers/devCorpus.js';

// The labelled dev reports live beside the repository (../shared/dev-corpus).

const docxFiles = readdirSync(DEV_CORPUS).filter((f) => f.endsWith('.docx')).sort();
// Running headers and footers of the dev reports: page furniture, never body text.
const FURNITURE = [/CONFIDENTIAL\s+[–-]/, /RESTRICTED$/, /^Page \d+ of \d+$/, /Page\s+\d+\s+of\s+\d+/];

interface Gold {
  paragraphs: { text: string }[];
}

describe('DOCX extraction against the dev corpus gold paragraphs', () => {
  it('finds the eight dev DOCX files', () => {
    expect(docxFiles.length).toBe(8);
  });

  for (const file of docxFiles) {
    it(`${file}: block texts equal the gold paragraphs, in order`, async () => {
      const gold = JSON.parse(readFileSync(path.join(DEV_CORPUS, `${file}.gold.json`), 'utf8')) as Gold;
      const doc = await extractDocx(readFileSync(path.join(DEV_CORPUS, file)));
      expect(doc.blocks.map((b) => b.text)).toEqual(gold.paragraphs.map((p) => normaliseText(p.text)));
    });

    it(`${file}: no running header or footer in any block`, async () => {
      const doc = await extractDocx(readFileSync(path.join(DEV_CORPUS, file)));
      const leaked = doc.blocks.filter((b) => FURNITURE.some((re) => re.test(b.text)));
      expect(leaked).toEqual([]);
    });
  }
});
