// Extraction isolated in worker threads: each document gets a time budget and a memory cap,
// so a hostile or pathological file ends as 'timeout' / 'resource_limit' instead of hanging or
// killing the run. The same workers give parallelism. Workers are reused between files and
// replaced when one is terminated or dies.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../paths.js';
import type { ExtractOutcome } from '../types.js';
import { oneLine, sha256Hex } from './extractBytes.js';

export interface ExtractPoolOptions {
  /** Worker threads run at once (default 2: both cores). */
  concurrency?: number;
  /** Time budget per document (default 120 s). */
  timeoutMs?: number;
  /** Old-generation heap cap per worker (default 1024 MB). */
  memoryMb?: number;
  /** Lexicon folder the extractors read their data from (default: the package's lexicons/). */
  lexiconDir?: string;
}

export interface ExtractPool {
  extract(fileName: string, bytes: Uint8Array): Promise<ExtractOutcome>;
  /** Waits for the files already handed in, then stops the workers. */
  close(): Promise<void>;
}

type Failure = Extract<ExtractOutcome, { ok: false }>;

interface Job {
  id: number;
  fileName: string;
  bytes: Uint8Array;
  sha256: string;
  resolve: (outcome: ExtractOutcome) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

/** The young generation is only scratch space; most of the cap goes to the old generation. */
const YOUNG_GENERATION_SHARE = 16;
const MAX_YOUNG_GENERATION_MB = 64;

export function createExtractPool(options: ExtractPoolOptions = {}): ExtractPool {
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const timeoutMs = options.timeoutMs ?? 120_000;
  const memoryMb = options.memoryMb ?? 1024;
  const workerFile = workerScriptPath();
  const queue: Job[] = [];
  const slots = new Set<Slot>();
  let nextId = 1;
  let closing = false;
  let drained: (() => void) | null = null;

  function spawn(): Slot {
    const worker = new Worker(workerFile, {
      workerData: { lexiconDir: options.lexiconDir },
      resourceLimits: {
        maxOldGenerationSizeMb: memoryMb,
        maxYoungGenerationSizeMb: Math.min(MAX_YOUNG_GENERATION_MB, Math.max(4, Math.floor(memoryMb / YOUNG_GENERATION_SHARE))),
      },
    });
    const slot: Slot = { worker, job: null, timer: null };
    worker.on('message', (msg: { id: number; outcome: ExtractOutcome }) => {
      if (slot.job?.id === msg.id) finish(slot, msg.outcome);
    });
    worker.on('error', (err: Error & { code?: string }) => retire(slot, crashOutcome(slot, err)));
    worker.on('exit', (code) => retire(slot, slot.job && failure(slot.job, 'failed', `extraction worker exited with code ${code}`)));
    slots.add(slot);
    return slot;
  }

  function crashOutcome(slot: Slot, err: Error & { code?: string }): Failure | null {
    if (!slot.job) return null;
    if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      return failure(slot.job, 'resource_limit', `extraction ran out of memory (cap ${memoryMb} MB)`);
    }
    return failure(slot.job, 'failed', oneLine(`extraction worker crashed: ${err.message}`));
  }

  function run(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      retire(slot, failure(job, 'timeout', `extraction took longer than ${formatSeconds(timeoutMs)}`));
    }, timeoutMs);
    const buffer = new ArrayBuffer(job.bytes.byteLength);
    new Uint8Array(buffer).set(job.bytes);
    slot.worker.postMessage({ id: job.id, fileName: job.fileName, buffer }, [buffer]);
  }

  function finish(slot: Slot, outcome: ExtractOutcome): void {
    const job = slot.job;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = null;
    slot.timer = null;
    slot.worker.unref(); // an idle worker must not keep the process alive
    job?.resolve(outcome);
    pump();
  }

  /** Takes a worker out of service (it timed out, crashed or exited), settling its job. */
  function retire(slot: Slot, outcome: ExtractOutcome | null): void {
    if (!slots.delete(slot)) return;
    const job = slot.job;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = null;
    void slot.worker.terminate();
    if (job && outcome) job.resolve(outcome);
    pump();
  }

  function pump(): void {
    while (queue.length > 0) {
      const idle = [...slots].find((s) => s.job === null);
      if (!idle && slots.size >= concurrency) break;
      run(idle ?? spawn(), queue.shift()!);
    }
    if (closing && queue.length === 0 && [...slots].every((s) => s.job === null)) drained?.();
  }

  return {
    extract(fileName, bytes) {
      if (closing) return Promise.reject(new Error('extraction pool is closed'));
      return new Promise<ExtractOutcome>((resolve) => {
        queue.push({ id: nextId++, fileName, bytes, sha256: sha256Hex(bytes), resolve });
        pump();
      });
    },
    async close() {
      closing = true;
      await new Promise<void>((resolve) => {
        drained = resolve;
        pump();
      });
      const workers = [...slots].map((s) => s.worker);
      slots.clear();
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

function failure(job: Job, status: Failure['status'], reason: string): Failure {
  return { ok: false, sha256: job.sha256, status, reason };
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/**
 * Workers must run compiled JavaScript even when the caller runs TypeScript sources (vitest),
 * so the script is found from the package root rather than next to this file.
 */
export function workerScriptPath(): string {
  const script = path.join(packageRoot(), 'dist', 'pipeline', 'extract', 'worker.js');
  if (!existsSync(script)) throw new Error(`extraction pool: ${script} is missing; run "npx tsc -p tsconfig.json" first`);
  return script;
}
