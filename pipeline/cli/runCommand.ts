import { availableParallelism } from 'node:os';
import { relative, resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import { loadCodebook } from '../codebook.js';
import { codeReports, type DocumentResult } from '../codeReports.js';
import { loadHeadingLexicon } from '../segment/headings.js';
import { loadAbbreviations } from '../segment/sentences.js';
import { loadLexicon } from '../tag/index.js';
import { loadProfileLexicon, profileContext } from '../profile/index.js';
import { pdfLexiconFor } from '../extract/pdfLexicon.js';
import { startRun, finishRun } from '../store/runs.js';
import { unsupportedDecisions, type UnsupportedDecision } from '../store/decisions.js';
import { listInputFiles } from './inputs.js';
import { segmentationVersion } from '../versions.js';
import { EXIT, openDb, parseOptions, UsageError } from './common.js';
import { formatDatabaseSummary } from './summary.js';

export async function runCommand(args: string[], defaultDb: string): Promise<number> {
  const { values, positionals } = parseOptions(
    args,
    {
      db: { type: 'string', default: defaultDb },
      concurrency: { type: 'string' },
      timeout: { type: 'string', default: '120' },
      memory: { type: 'string', default: '1024' },
      'allow-skipped': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      lexicons: { type: 'string' },
    },
    true,
  );
  if (positionals.length === 0) throw new UsageError('name at least one file or folder');
  const concurrency = positiveInt(values.concurrency ?? String(Math.min(4, availableParallelism())), '--concurrency');
  const timeoutMs = positiveInt(values.timeout!, '--timeout') * 1000;
  const memoryMb = positiveInt(values.memory!, '--memory');

  const inputs = listInputFiles(positionals);
  if (inputs.missing.length) throw new UsageError(`no such file or folder: ${inputs.missing.join(', ')}`);
  if (inputs.documents.length === 0) throw new Error(`no PDF, DOCX or TXT report found in ${positionals.join(', ')}`);
  // Load every lexicon before touching the database: a bad lexicon stops the run with its file and entry.
  const lexiconDir = values.lexicons ? resolve(values.lexicons) : undefined;
  const lexicon = loadLexicon(lexiconDir);
  const segmentLexicon = { headings: loadHeadingLexicon(lexiconDir), abbreviations: loadAbbreviations(lexiconDir) };
  // The extraction workers read it too; a bad one would otherwise fail every PDF as unreadable.
  pdfLexiconFor(lexiconDir);
  const codebook = loadCodebook(lexiconDir);
  const profile = profileContext(loadProfileLexicon(lexiconDir), codebook.riskFactors);
  const db = openDb(values.db!);
  try {
    const runId = startRun(db, lexicon.version);
    const progress = createProgress(inputs.documents.length, values.quiet!);
    for (const f of inputs.ignored) progress.log(`skipped ${rel(f)}: unsupported type (not a PDF, DOCX or TXT report)`);
    const results = await codeReports(inputs.documents, {
      db, lexicon, segmentLexicon, profile, concurrency, timeoutMs, memoryMb, lexiconDir,
      segmentationVersion: segmentationVersion(lexiconDir),
      onDocument: (r) => progress.done(r),
    });
    progress.stop();
    const { documentsDuplicate, ...counts } = runCounts(results);
    finishRun(db, runId, { ...counts, documentsUnchanged: counts.documentsUnchanged + documentsDuplicate });
    if (!values.quiet) console.log('');
    console.log(formatRunLine(results, inputs.ignored.length));
    console.log(formatDatabaseSummary(db, codebook));
    console.log(formatUnsupportedDecisions(unsupportedDecisions(db)));
    const failed = results.filter((r) => r.outcome === 'not_analysed').length;
    return failed > 0 && !values['allow-skipped'] ? EXIT.notAllAnalysed : EXIT.ok;
  } finally {
    db.close();
  }
}

function positiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} takes a whole number of at least 1, not "${value}"`);
  return n;
}

const rel = (p: string) => relative(process.cwd(), p) || p;

function describe(r: DocumentResult): string {
  switch (r.outcome) {
    case 'coded':
      return `coded (${r.segments} segments, ${r.findings} codes)`;
    case 'retagged':
      return `re-tagged with the new lexicon (${r.segments} segments, ${r.findings} codes)`;
    case 'unchanged':
      return 'unchanged since the last run, skipped';
    case 'duplicate':
      return `same bytes as ${rel(r.of ?? '')}, skipped`;
    case 'not_analysed':
      return `NOT ANALYSED: ${r.status} — ${r.reason}`;
  }
}

/** A bar on a terminal; one plain line per document otherwise (logs, CI, pipes). */
function createProgress(total: number, quiet: boolean) {
  const tty = process.stderr.isTTY && !quiet;
  const bar = tty ? new SingleBar({ format: 'coding [{bar}] {value}/{total} {file}', stream: process.stderr, hideCursor: true }) : null;
  bar?.start(total, 0, { file: '' });
  let n = 0;
  return {
    log(line: string) {
      if (quiet) return;
      if (bar) process.stderr.write(`\r\x1b[K${line}\n`);
      else console.log(line);
    },
    done(r: DocumentResult) {
      n++;
      if (bar) {
        bar.increment(1, { file: rel(r.path) });
        if (r.outcome === 'not_analysed') this.log(`${rel(r.path)}: ${describe(r)}`);
      } else if (!quiet || r.outcome === 'not_analysed') {
        console.log(`[${n}/${total}] ${rel(r.path)}: ${describe(r)}`);
      }
    },
    stop() {
      bar?.stop();
    },
  };
}

function runCounts(results: DocumentResult[]) {
  const count = (o: DocumentResult['outcome']) => results.filter((r) => r.outcome === o).length;
  const sum = (k: 'segments' | 'findings') =>
    results.reduce((a, r) => a + (r.outcome === 'coded' || r.outcome === 'retagged' ? r[k] : 0), 0);
  return {
    documentsSeen: results.length,
    documentsCoded: count('coded'),
    documentsRetagged: count('retagged'),
    documentsUnchanged: count('unchanged'),
    documentsDuplicate: count('duplicate'),
    documentsFailed: count('not_analysed'),
    segmentsStored: sum('segments'),
    proposalsStored: sum('findings'),
  };
}

function formatRunLine(results: DocumentResult[], ignored: number): string {
  const c = runCounts(results);
  return (
    `This run: ${c.documentsSeen} document(s): ${c.documentsCoded} coded, ${c.documentsRetagged} re-tagged, ` +
    `${c.documentsUnchanged} unchanged, ${c.documentsDuplicate ? `${c.documentsDuplicate} duplicate(s) of another file, ` : ''}${c.documentsFailed} not analysed` +
    (ignored ? `; ${ignored} other file(s) skipped (unsupported type)` : '') + '.\n'
  );
}

/** Decisions are never dropped; those the current data no longer supports are listed for a reviewer. */
function formatUnsupportedDecisions(list: UnsupportedDecision[]): string {
  if (list.length === 0) return '';
  const why = { segment_changed: 'the segment changed', no_proposal: 'the current lexicon no longer proposes it', document_revised: 'the file was revised since; decide again on the new version' };
  return [
    `\n${list.length} human decision(s) kept but no longer supported (review them):`,
    ...list.map((d) => `  ${d.fileName} segment ${d.segmentIndex}: ${d.action} ${d.code} by ${d.reviewer} — ${why[d.reason]}`),
  ].join('\n');
}
