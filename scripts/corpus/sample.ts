// The committed sample corpus: every spec in data/reports/, written into one folder with
// its README and expected.json.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DATA_DIR, readData } from './data.js';
import { writeReport } from './generate.js';
import type { ExpectedFile } from './expected.js';
import type { ReportSpec } from './spec.js';

export async function loadSampleSpecs(): Promise<ReportSpec[]> {
  const names = (await readdir(join(DATA_DIR, 'reports'))).filter((n) => n.endsWith('.json')).sort();
  return names.map((n) => readData<ReportSpec>(join('reports', n)));
}

function features(e: ExpectedFile): string {
  const f: string[] = [e.format.toUpperCase()];
  if (e.pageCount !== null) f.push(`${e.pageCount} pages`);
  if (!e.textLayer) f.push('NO TEXT LAYER (scanned; expect needs_ocr)');
  f.push(e.numbering === 'none' ? 'unnumbered paragraphs' : `${e.numbering} paragraph numbers`);
  if (e.header) f.push(`running header "${e.header}"`);
  if (e.footer !== 'none') f.push(`footer ${e.footer}`);
  if (e.pdfLayout?.twoColumnPages.length) f.push(`two-column page(s) ${e.pdfLayout.twoColumnPages.join(', ')}`);
  if (e.pdfLayout?.hyphenatedLineEnds.length) f.push(`${e.pdfLayout.hyphenatedLineEnds.length} hyphenated line ends, ${e.pdfLayout.compoundLineEnds.length} compounds broken at the hyphen`);
  if (e.counts.tableRows > 0) f.push(`${e.counts.tableRows} table rows`);
  if (e.counts.listItems > 0) f.push(`${e.counts.listItems} bullet items`);
  f.push(`${e.counts.words} words`, `${e.recommendationsCount} recommendations`);
  return f.join('; ');
}

function readme(files: ExpectedFile[]): string {
  return [
    '# corpus-sample: fictional overview reports',
    '',
    'Written by `scripts/make-corpus-sample.ts` (generator in `scripts/corpus/`, report texts in',
    '`scripts/corpus/data/`). Every person, place, borough and board is invented. Regenerate with',
    '`npx tsc -p tsconfig.json && node dist/scripts/make-corpus-sample.js`; the output is deterministic.',
    '`expected.json` lists what the generator knows about each file (pages, headings, paragraph',
    'texts, risk factors asserted or only mentioned, recommendation count), computed from its own data.',
    '',
    '| file | structure | case |',
    '|---|---|---|',
    ...files.map((e) => `| ${e.file} | ${features(e)} | ${e.summary} |`),
    '',
  ].join('\n');
}

export async function makeCorpusSample(dir: string): Promise<ExpectedFile[]> {
  await mkdir(dir, { recursive: true });
  const expected: ExpectedFile[] = [];
  for (const spec of await loadSampleSpecs()) expected.push((await writeReport(spec, dir)).expected);
  await writeFile(join(dir, 'expected.json'), `${JSON.stringify({ files: expected }, null, 1)}\n`);
  await writeFile(join(dir, 'README.md'), readme(expected));
  return expected;
}
