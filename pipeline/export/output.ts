// Writing an export to a stream or a file: chunked, with backpressure, and a file appears
// only when complete (written beside it, then renamed).
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export type ExportTarget = Writable | string;

const CHUNK_CHARS = 64 * 1024;

/** Writes the pieces in order; returns how many pieces were written. A caller's stream is left open. */
export async function writePieces(target: ExportTarget, pieces: Iterable<string>): Promise<number> {
  const counter = { count: 0 };
  if (typeof target !== 'string') {
    await pipeline(Readable.from(chunks(pieces, counter)), target, { end: false });
    return counter.count;
  }
  const partial = `${target}.partial-${process.pid}`;
  try {
    await pipeline(Readable.from(chunks(pieces, counter)), createWriteStream(partial));
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return counter.count;
}

/** Joins small pieces into ~64 KB chunks: one write per piece would be mostly overhead. */
function* chunks(pieces: Iterable<string>, counter: { count: number }): Generator<string> {
  let buffer = '';
  for (const piece of pieces) {
    buffer += piece;
    counter.count += 1;
    if (buffer.length >= CHUNK_CHARS) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}
