// `npm run bench`: a year's reviews (40 reports of 60–120 pages), coded end to end with two
// extraction workers, side by side with poppler's pdftotext run as two processes over the same
// files. Prints figures (medians over --runs); asserts nothing.
import { execFile, spawnSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import PQueue from 'p-queue';
import { codeReports, type StageTimings } from '../pipeline/codeReports.js';
import { createExtractPool } from '../pipeline/extract/pool.js';
import { packageRoot } from '../pipeline/paths.js';
import { loadHeadingLexicon } from '../pipeline/segment/headings.js';
import { loadAbbreviations } from '../pipeline/segment/sentences.js';
import { openDatabase } from '../pipeline/store/db.js';
import { loadLexicon } from '../pipeline/tag/index.js';
import { readFile } from 'node:fs/promises';
import { makeBenchCorpus } from './makeBenchCorpus.js';
import { segmentationVersion } from '../pipeline/versions.js';

const run = promisify(execFile);
const WORKERS = 2;

interface Options {
  runs: number;
  count: number;
}

function parseOptions(argv: string[]): Options {
  const get = (name: string, dflt: number) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? Number(argv[i + 1]) : dflt;
  };
  return { runs: get('runs', 3), count: get('count', 40) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x: number, d = 1) => x.toFixed(d);

async function timePdftotext(pdfs: string[]): Promise<number | null> {
  if (spawnSync('pdftotext', ['-v']).error) return null;
  const queue = new PQueue({ concurrency: WORKERS });
  const t0 = performance.now();
  await Promise.all(pdfs.map((f) => queue.add(() => run('pdftotext', ['-layout', f, '-'], { maxBuffer: 1 << 28 }))));
  return performance.now() - t0;
}

async function timeExtractOnly(files: string[]): Promise<{ ms: number; pages: number }> {
  const pool = createExtractPool({ concurrency: WORKERS });
  const queue = new PQueue({ concurrency: WORKERS * 2 });
  let pages = 0;
  const t0 = performance.now();
  await Promise.all(
    files.map((f) =>
      queue.add(async () => {
        const outcome = await pool.extract(f, await readFile(f));
        if (outcome.ok) pages += outcome.doc.pageCount ?? 0;
      }),
    ),
  );
  const ms = performance.now() - t0;
  await pool.close();
  return { ms, pages };
}

async function timeEndToEnd(files: string[], dbPath: string) {
  rmSync(dbPath, { force: true });
  rmSync(`${dbPath}-wal`, { force: true });
  rmSync(`${dbPath}-shm`, { force: true });
  const db = openDatabase(dbPath);
  const lexicon = loadLexicon();
  const segmentLexicon = { headings: loadHeadingLexicon(), abbreviations: loadAbbreviations() };
  const timings: StageTimings = { segmentMs: 0, tagMs: 0, profileMs: 0, storeMs: 0, pages: 0, segments: 0 };
  const rssByDocs: number[] = [];
  const t0 = performance.now();
  await codeReports(files, {
    db, lexicon, segmentLexicon, segmentationVersion: segmentationVersion(), concurrency: WORKERS, timings,
    onDocument: () => rssByDocs.push(process.memoryUsage().rss),
  });
  const ms = performance.now() - t0;

  // A lexicon change: same files, new version, so every document is re-tagged from the database.
  const changed = { ...lexicon, version: `${lexicon.version}-bench-${Date.now()}` };
  const r0 = performance.now();
  await codeReports(files, { db, lexicon: changed, segmentLexicon, segmentationVersion: segmentationVersion(), concurrency: WORKERS });
  const retagMs = performance.now() - r0;
  const rows = (db.prepare('SELECT (SELECT count(*) FROM segments) + (SELECT count(*) FROM proposals) AS n').get() as { n: number }).n;
  db.close();
  return { ms, retagMs, timings, rows, rssByDocs };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const dir = join(packageRoot(), '.bench-corpus');
  const g0 = performance.now();
  await makeBenchCorpus(dir, { count: options.count, minPages: 60, maxPages: 120, seed: 2026 });
  const files = readdirSync(dir).filter((f) => /\.(pdf|docx)$/.test(f)).sort().map((f) => join(dir, f));
  const pdfs = files.filter((f) => f.endsWith('.pdf'));
  const mb = files.reduce((a, f) => a + statSync(f).size, 0) / 1e6;
  console.log(`Benchmark corpus: ${files.length} reports (${pdfs.length} PDF), ${fmt(mb)} MB, ready in ${fmt((performance.now() - g0) / 1000)} s`);
  console.log(`Machine: ${process.version}, ${WORKERS} extraction workers, ${options.runs} run(s); medians shown.\n`);

  const popplerMs: number[] = [];
  const extract: { ms: number; pages: number }[] = [];
  const e2e: Awaited<ReturnType<typeof timeEndToEnd>>[] = [];
  const pdfOnlyE2eMs: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const p = await timePdftotext(pdfs);
    if (p !== null) popplerMs.push(p);
    extract.push(await timeExtractOnly(pdfs));
    e2e.push(await timeEndToEnd(files, join(dir, 'bench.db')));
    const pdfRun = await timeEndToEnd(pdfs, join(dir, 'bench-pdf.db'));
    pdfOnlyE2eMs.push(pdfRun.ms);
    console.log(`run ${i + 1}: pdftotext ${p === null ? 'n/a' : fmt(p / 1000, 2) + ' s'}, extract ${fmt(extract[i].ms / 1000, 2)} s, end to end ${fmt(e2e[i].ms / 1000, 2)} s, re-tag ${fmt(e2e[i].retagMs / 1000, 2)} s`);
  }

  const pages = e2e[0].timings.pages;
  const pdfPages = extract[0].pages;
  const mExtract = median(extract.map((x) => x.ms));
  const mE2e = median(e2e.map((x) => x.ms));
  const stage = (k: 'segmentMs' | 'tagMs' | 'profileMs' | 'storeMs') => median(e2e.map((x) => x.timings[k]));
  const segments = e2e[0].timings.segments;
  console.log('\nThroughput (medians; segmentation, tagging and storing run on the main thread while both cores extract)');
  console.log(`  extraction:      ${fmt((pdfPages / mExtract) * 1000)} pages/s (${pdfs.length} PDFs, ${pdfPages} pages, in ${fmt(mExtract / 1000, 2)} s)`);
  console.log(`  segmentation:    ${fmt((segments / stage('segmentMs')) * 1000, 0)} segments/s (${fmt(stage('segmentMs'), 0)} ms)`);
  console.log(`  tagging:         ${fmt((segments / stage('tagMs')) * 1000, 0)} segments/s (${fmt(stage('tagMs'), 0)} ms)`);
  console.log(`  profile sheets:  ${fmt((segments / stage('profileMs')) * 1000, 0)} segments/s (${fmt(stage('profileMs'), 0)} ms)`);
  console.log(`  storing:         ${fmt((e2e[0].rows / stage('storeMs')) * 1000, 0)} rows/s (${e2e[0].rows} segment + proposal rows, ${fmt(stage('storeMs'), 0)} ms)`);
  console.log(`  end to end:      ${files.length} reports (${pages} PDF pages and ${files.length - pdfs.length} DOCX), ${segments} segments in ${fmt(mE2e / 1000, 2)} s; PDFs alone ${fmt((pdfPages / median(pdfOnlyE2eMs)) * 1000)} pages/s`);
  console.log(`  re-tag after a lexicon change: ${fmt(median(e2e.map((x) => x.retagMs)) / 1000, 2)} s for the whole year (target < 5 s)`);
  if (popplerMs.length) {
    const mPop = median(popplerMs);
    const mPdf = median(pdfOnlyE2eMs);
    const popRate = pdfPages / mPop;
    console.log(`  pdftotext (2 processes): ${fmt(popRate * 1000)} pages/s over the same ${pdfs.length} PDFs`);
    console.log(`  ratio to pdftotext's pages/s: extraction alone ${fmt(mPop / mExtract, 3)}x, end to end ${fmt(mPop / mPdf, 3)}x (target >= 0.15x)`);
  } else {
    console.log('  pdftotext not installed (apt-get install poppler-utils): no ratio');
  }
  const rss = e2e[0].rssByDocs;
  const at = (n: number) => fmt(rss[Math.min(rss.length, n) - 1] / 1e6, 0);
  console.log(`\nMemory (RSS of the process, workers included): after 10 docs ${at(10)} MB, 20 docs ${at(20)} MB, ${rss.length} docs ${at(rss.length)} MB; peak ${fmt(process.resourceUsage().maxRSS / 1e3, 0)} MB`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
