// Runs inside a worker thread: receives one file at a time, answers with its ExtractOutcome.
// The pool runs this compiled file (dist/pipeline/extract/worker.js).

import { parentPort, workerData } from 'node:worker_threads';
import { extractBytes } from './extractBytes.js';

export interface ExtractJobMessage {
  id: number;
  fileName: string;
  /** The file's bytes, transferred (not copied) from the main thread. */
  buffer: ArrayBuffer;
}

if (!parentPort) throw new Error('worker.js must be started by the extraction pool');
const port = parentPort;

port.on('message', async (job: ExtractJobMessage) => {
  const outcome = await extractBytes(job.fileName, new Uint8Array(job.buffer), { lexiconDir: (workerData as { lexiconDir?: string } | undefined)?.lexiconDir });
  port.postMessage({ id: job.id, outcome });
});
