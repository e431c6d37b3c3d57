// The pool runs the compiled worker (dist/pipeline/extract/worker.js): build first
// (`npm test` does; by hand: npx tsc -p tsconfig.json).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { extractBytes, sha256Hex } from '../../pipeline/extract/extractBytes.js';
import { createExtractPool, workerScriptPath } from '../../pipeline/extract/pool.js';
import { DEV_CORPUS } from '../helpers/devCorpus.js';

// The labelled dev reports live beside the repository (../shared/dev-corpus).
const DEV = DEV_CORPUS;
const devDocx = readdirSync(DEV).filter((f) => f.endsWith('.docx')).sort();
const devMixed = [...devDocx, 'stanbury_scr_child_l.pdf', 'selbrook_scr_child_a.pdf'];
const read = (f: string) => new Uint8Array(readFileSync(path.join(DEV, f)));

/** High-ratio DOCX that stays under the zip-bomb guard but needs a few hundred MB of heap to parse. */
async function heavyDocx(paragraphs: number): Promise<Uint8Array> {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const body = '<w:p><w:r><w:t>Child T was seen at home.</w:t></w:r></w:p>'.repeat(paragraphs);
  const zip = new JSZip();
  zip.file('_rels/.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file('word/document.xml', `<?xml version="1.0"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

describe('createExtractPool', () => {
  it('finds the compiled worker script from the package root', () => {
    expect(workerScriptPath()).toMatch(/dist[\\/]pipeline[\\/]extract[\\/]worker\.js$/);
  });

  it('returns the same outcomes as in-process extraction, and leaves the caller\'s bytes intact', async () => {
    const pool = createExtractPool({ concurrency: 2 });
    try {
      const inputs = devMixed.map(read);
      const outcomes = await Promise.all(devMixed.map((f, i) => pool.extract(f, inputs[i]!)));
      for (const [i, f] of devMixed.entries()) {
        expect(inputs[i]!.byteLength).toBeGreaterThan(0); // transferred a copy, not the caller's buffer
        expect(outcomes[i]).toEqual(await extractBytes(f, read(f)));
      }
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('ends an over-long extraction as timeout, with the budget in the reason', async () => {
    const pool = createExtractPool({ concurrency: 1, timeoutMs: 5 });
    try {
      const bytes = read('kingsmere_lcspr_child_y.pdf');
      const outcome = await pool.extract('kingsmere_lcspr_child_y.pdf', bytes);
      expect(outcome).toEqual({ ok: false, sha256: sha256Hex(bytes), status: 'timeout', reason: 'extraction took longer than 0.005 s' });
    } finally {
      await pool.close();
    }
  }, 30_000);

  it('ends a file that exhausts the memory cap as resource_limit, and the next file still extracts', async () => {
    const pool = createExtractPool({ concurrency: 1, memoryMb: 64 });
    try {
      const heavy = await heavyDocx(300_000);
      const outcome = await pool.extract('heavy.docx', heavy);
      expect(outcome).toMatchObject({ ok: false, status: 'resource_limit', reason: 'extraction ran out of memory (cap 64 MB)' });
      const next = await pool.extract(devDocx[0]!, read(devDocx[0]!));
      expect(next.ok).toBe(true);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('replaces a timed-out worker and goes on with the queue', async () => {
    const pool = createExtractPool({ concurrency: 1, timeoutMs: 3_000 });
    try {
      const heavy = await heavyDocx(300_000); // ~15 s of parsing on this machine
      const results = await Promise.all([pool.extract('slow.docx', heavy), ...devDocx.map((f) => pool.extract(f, read(f)))]);
      expect(results[0]).toMatchObject({ status: 'timeout' });
      expect(results.slice(1).every((r) => r.ok)).toBe(true);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('refuses new work after close', async () => {
    const pool = createExtractPool();
    await pool.close();
    await expect(pool.extract('a.txt', new Uint8Array([0x61]))).rejects.toThrow(/closed/);
  });
});
