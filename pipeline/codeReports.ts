// The pipeline, composed in order: read → extract (isolated workers) → segment → tag → store.
// One document at a time is segmented, tagged and stored in the main thread while the workers
// extract the next ones; every document is stored in its own transaction.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import PQueue from 'p-queue';
import type { DocStatus, ExtractOutcome } from './types.js';
import { createExtractPool } from './extract/pool.js';
import { oneLine, sha256Hex } from './extract/extractBytes.js';
import { segmentReport, type SegmentLexicon } from './segment/segmentReport.js';
import { tagDocument, type Lexicon } from './tag/index.js';
import type { Db } from './store/db.js';
import { findDocument, loadSegmentedDocument, makeCurrentAtPath, recordFailedDocument, replaceProposals, storeCodedDocument } from './store/documents.js';
import { loadCodebook } from './codebook.js';
import { extractProfile, extractRiskFactorsOnly, loadProfileLexicon, profileContext, type ProfileContext } from './profile/index.js';
import { storedProfileVersion } from './store/profiles.js';

export interface CodeReportsOptions {
  db: Db;
  lexicon: Lexicon;
  segmentLexicon: SegmentLexicon;
  /** Version of extraction + segmentation (pipeline/versions.ts): stored documents of another version are extracted again. */
  segmentationVersion: string;
  /** The profile sheet's lexicon and risk-factor order; loaded from `lexiconDir` when not given. */
  profile?: ProfileContext;
  /** Lexicon folder for the extractors' own data; the package's lexicons/ by default. */
  lexiconDir?: string;
  concurrency: number;
  timeoutMs?: number;
  memoryMb?: number;
  /** Called once per document as it finishes. */
  onDocument?: (result: DocumentResult) => void;
  /** When given, milliseconds spent in each main-thread stage are added to it (for the benchmark). */
  timings?: StageTimings;
}

export interface StageTimings {
  segmentMs: number;
  tagMs: number;
  /** The profile sheet (reading the report for area, age, dates, agencies …). */
  profileMs: number;
  storeMs: number;
  pages: number;
  segments: number;
}

export type DocumentResult =
  | { path: string; outcome: 'coded' | 'retagged'; segments: number; findings: number }
  | { path: string; outcome: 'unchanged' | 'duplicate'; of?: string }
  | { path: string; outcome: 'not_analysed'; status: Exclude<DocStatus, 'coded'>; reason: string };

export async function codeReports(paths: string[], options: CodeReportsOptions): Promise<DocumentResult[]> {
  // Loaded before any document: a bad profile lexicon stops the run naming its file and entry.
  options = { ...options, profile: options.profile ?? profileContext(loadProfileLexicon(options.lexiconDir), loadCodebook(options.lexiconDir).riskFactors) };
  const pool = createExtractPool({
    concurrency: options.concurrency,
    timeoutMs: options.timeoutMs,
    memoryMb: options.memoryMb,
    lexiconDir: options.lexiconDir,
  });
  // Enough reads in flight to keep every worker busy, few enough to bound memory.
  const queue = new PQueue({ concurrency: options.concurrency * 2 });
  const seen = new Map<string, string>();
  const results: DocumentResult[] = [];
  const finish = (r: DocumentResult) => {
    results.push(r);
    options.onDocument?.(r);
  };
  try {
    const batch: Batch = { options, pool, seen };
    await Promise.all(paths.map((path) => queue.add(async () => finish(await codeOneReportSafely(path, batch)))));
  } finally {
    await pool.close();
  }
  return results;
}

/** What every document of one run shares: the options, the extraction pool, and the bytes seen so far (sha256 → first path). */
interface Batch {
  options: CodeReportsOptions;
  pool: ReturnType<typeof createExtractPool>;
  seen: Map<string, string>;
}

/** One document's unexpected failure (a database error, a broken invariant) is that document's status, not the batch's end. */
async function codeOneReportSafely(path: string, batch: Batch): Promise<DocumentResult> {
  const { options } = batch;
  try {
    return await codeOneReport(path, batch);
  } catch (err) {
    const reason = oneLine(`could not be coded: ${err instanceof Error ? err.message : String(err)}`);
    try {
      recordFailedDocument(options.db, { sha256: null, fileName: basename(path), path, status: 'failed', reason });
    } catch {
      // The database itself is failing: the result line still tells the user.
    }
    return { path, outcome: 'not_analysed', status: 'failed', reason };
  }
}

async function codeOneReport(path: string, { options, pool, seen }: Batch): Promise<DocumentResult> {
  const { db, lexicon } = options;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const reason = `cannot read file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`;
    recordFailedDocument(db, { sha256: null, fileName: basename(path), path, status: 'failed', reason });
    return { path, outcome: 'not_analysed', status: 'failed', reason };
  }
  const sha256 = sha256Hex(bytes);
  const firstPath = seen.get(sha256);
  if (firstPath) return { path, outcome: 'duplicate', of: firstPath };
  seen.set(sha256, path);

  const stored = findDocument(db, sha256);
  // Segments made by another version of extraction or segmentation are made again, then tagged.
  if (stored?.status === 'coded' && stored.segmentationVersion === options.segmentationVersion) {
    // These bytes are what the file holds now, even if a later version was analysed meanwhile (a reverted file).
    db.transaction(() => makeCurrentAtPath(db, stored.id, path)).immediate();
    if (stored.lexiconVersion === lexicon.version) return { path, outcome: 'unchanged' };
    return retagStored(db, stored.id, path, lexicon, options.profile!);
  }
  return storeOutcome(path, await pool.extract(basename(path), bytes), options);
}

/** A changed lexicon re-tags the stored segments; the file is not extracted again. */
function retagStored(db: Db, documentId: number, path: string, lexicon: Lexicon, profile: ProfileContext): DocumentResult {
  const segmented = loadSegmentedDocument(db, documentId);
  const findings = tagDocument(segmented, lexicon);
  // Profile fields other than the risk factors depend on the text and the profile lexicon only.
  const unchanged = profile.version !== undefined && storedProfileVersion(db, documentId) === profile.version;
  replaceProposals(db, documentId, findings, lexicon.version, unchanged
    ? { kind: 'risk_factors', result: extractRiskFactorsOnly(segmented, findings, profile) }
    : { kind: 'whole', profile: extractProfile(segmented, findings, profile), version: profile.version ?? null });
  return { path, outcome: 'retagged', segments: segmented.segments.length, findings: findings.length };
}

function storeOutcome(path: string, outcome: ExtractOutcome, options: CodeReportsOptions): DocumentResult {
  const fileName = basename(path);
  if (!outcome.ok) {
    recordFailedDocument(options.db, { sha256: outcome.sha256, fileName, path, status: outcome.status, reason: outcome.reason });
    return { path, outcome: 'not_analysed', status: outcome.status, reason: outcome.reason };
  }
  const t = options.timings;
  const t0 = performance.now();
  const segmented = segmentReport(outcome.doc, options.segmentLexicon);
  const t1 = performance.now();
  const findings = tagDocument(segmented, options.lexicon);
  const t2 = performance.now();
  const profile = extractProfile(segmented, findings, options.profile!);
  const t3 = performance.now();
  storeCodedDocument(options.db, {
    sha256: outcome.sha256,
    fileName,
    path,
    format: outcome.doc.format,
    pageCount: outcome.doc.pageCount,
    segmented,
    findings,
    lexiconVersion: options.lexicon.version,
    segmentationVersion: options.segmentationVersion,
    profile,
    profileVersion: options.profile!.version ?? null,
  });
  if (t) {
    t.segmentMs += t1 - t0;
    t.tagMs += t2 - t1;
    t.profileMs += t3 - t2;
    t.storeMs += performance.now() - t3;
    t.pages += outcome.doc.pageCount ?? 0;
    t.segments += segmented.segments.length;
  }
  return { path, outcome: 'coded', segments: segmented.segments.length, findings: findings.length };
}
