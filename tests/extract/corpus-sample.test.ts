// The shipped sample reports through the real extractors: every block the generator wrote
// comes back as one block, in order, with no running header or footer, on a two-column page,
// and across hyphenated line ends (syllable breaks joined, real compounds kept).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractBytes } from '../../pipeline/extract/extractBytes.js';
import { normaliseText } from '../../pipeline/extract/normalise.js';
import { packageRoot } from '../../pipeline/paths.js';

interface ExpectedFile {
  file: string;
  expectedStatus: string;
  header: string | null;
  pageCount: number | null;
  blocks: { kind: string; text: string }[];
  pdfLayout: { twoColumnPages: number[]; hyphenatedLineEnds: string[]; compoundLineEnds: string[] } | null;
}

const dir = join(packageRoot(), 'corpus-sample');
const expected = (JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { files: ExpectedFile[] }).files;

describe.each(expected)('$file', (e) => {
  it('extracts every written block once, in reading order, without page furniture', async () => {
    const outcome = await extractBytes(e.file, new Uint8Array(readFileSync(join(dir, e.file))));
    if (e.expectedStatus !== 'coded') {
      expect(outcome).toMatchObject({ ok: false, status: e.expectedStatus });
      return;
    }
    if (!outcome.ok) throw new Error(`${e.file}: ${outcome.status} ${outcome.reason}`);
    expect(outcome.doc.pageCount).toBe(e.pageCount);
    expect(outcome.doc.blocks.map((b) => b.text)).toEqual(e.blocks.map((b) => normaliseText(b.text)));
    if (e.header) for (const b of outcome.doc.blocks) expect(b.text).not.toContain(normaliseText(e.header));
  });

});

const hyphenated = expected.filter((e) => e.pdfLayout && e.pdfLayout.hyphenatedLineEnds.length + e.pdfLayout.compoundLineEnds.length > 0);

describe.each(hyphenated)('$file', (e) => {
  it('joins words broken at a syllable and keeps compounds broken at their hyphen', async () => {
    const outcome = await extractBytes(e.file, new Uint8Array(readFileSync(join(dir, e.file))));
    if (!outcome.ok) throw new Error(outcome.reason);
    const text = outcome.doc.blocks.map((b) => b.text).join('\n');
    for (const broken of e.pdfLayout!.hyphenatedLineEnds) expect(text).toContain(broken.replace('-', '').replace(/[,.;:]$/, ''));
    for (const compound of e.pdfLayout!.compoundLineEnds) expect(text).toContain(compound);
  });
});

it('the sample corpus has hyphenated line ends to test', () => expect(hyphenated.length).toBeGreaterThan(0));
