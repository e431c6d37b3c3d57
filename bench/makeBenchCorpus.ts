// Writes (or reuses) the benchmark corpus: a year's worth of fictional overview reports of
// 60–120 pages, mostly PDF, from the same generator as corpus-sample/.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildReport } from '../scripts/corpus/build.js';
import { DATA_DIR } from '../scripts/corpus/data.js';
import { renderReport } from '../scripts/corpus/generate.js';
import { layoutReport } from '../scripts/corpus/pdfLayout.js';
import { createRng, type Rng } from '../scripts/corpus/prng.js';
import { benchSpec, PARAGRAPHS_PER_PAGE } from '../scripts/corpus/benchSpec.js';

export interface BenchCorpusOptions { count?: number; minPages?: number; maxPages?: number; seed?: number }
export interface BenchFile { file: string; format: 'pdf' | 'docx'; pages: number | null; bytes: number; words: number }
export interface BenchCorpus { dir: string; files: BenchFile[]; reused: boolean; seconds: number }

const MANIFEST = 'manifest.json';
const PDF_SHARE = 0.85;

// Any edit to the generator's data changes the corpus, so it is part of the reuse key.
function dataVersion(): string {
  const h = createHash('sha256');
  for (const f of ['templates.json', 'bench.json', 'hyphenation.json']) h.update(readFileSync(join(DATA_DIR, f)));
  return h.digest('hex').slice(0, 16);
}

function reusable(dir: string, params: object): BenchFile[] | null {
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) return null;
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { params: object; files: BenchFile[] };
  if (JSON.stringify(manifest.params) !== JSON.stringify(params)) return null;
  const intact = manifest.files.every((f) => existsSync(join(dir, f.file)) && statSync(join(dir, f.file)).size === f.bytes);
  return intact ? manifest.files : null;
}

/** Builds one report near its target length; a PDF is laid out, measured and rescaled once if off target. */
async function benchReport(index: number, rng: Rng, minPages: number, maxPages: number) {
  const target = rng.int(minPages, maxPages);
  const format = rng.chance(PDF_SHARE) ? 'pdf' : 'docx';
  const specRng = createRng(rng.int(1, 2 ** 31));
  const build = (paragraphs: number) => buildReport(benchSpec(index, createRng(specRng.next() * 2 ** 31), paragraphs, format));
  let paragraphs = Math.round(target * PARAGRAPHS_PER_PAGE);
  let report = build(paragraphs);
  if (format === 'docx') return renderReport(report);
  let layout = layoutReport(report);
  if (layout.pages.length < minPages || layout.pages.length > maxPages) {
    paragraphs = Math.round((paragraphs * target) / layout.pages.length);
    report = build(paragraphs);
    layout = layoutReport(report);
  }
  return renderReport(report, layout);
}

export async function makeBenchCorpus(dir: string, options: BenchCorpusOptions = {}): Promise<BenchCorpus> {
  const { count = 40, minPages = 60, maxPages = 120, seed = 20240 } = options;
  const started = performance.now();
  const params = { count, minPages, maxPages, seed, data: dataVersion() };
  const existing = reusable(dir, params);
  if (existing) return { dir, files: existing, reused: true, seconds: (performance.now() - started) / 1000 };
  await mkdir(dir, { recursive: true });
  const rng = createRng(seed);
  const files: BenchFile[] = [];
  for (let i = 0; i < count; i++) {
    const g = await benchReport(i, rng, minPages, maxPages);
    await writeFile(join(dir, g.report.fileName), g.bytes);
    files.push({ file: g.report.fileName, format: g.report.format, pages: g.expected.pageCount, bytes: g.bytes.length, words: g.expected.counts.words });
  }
  await writeFile(join(dir, MANIFEST), `${JSON.stringify({ params, files }, null, 1)}\n`);
  return { dir, files, reused: false, seconds: (performance.now() - started) / 1000 };
}
