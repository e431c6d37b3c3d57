// Every broken fixture ends with its terminal status and a one-line reason naming the problem,
// whether extracted in-process or through the isolated worker pool.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractBytes, sha256Hex } from '../../pipeline/extract/extractBytes.js';
import { createExtractPool } from '../../pipeline/extract/pool.js';
import type { ExtractOutcome } from '../../pipeline/types.js';

const BROKEN = path.join(import.meta.dirname, '../fixtures/broken');

const CASES: [file: string, status: string, reason: RegExp][] = [
  ['zero-bytes.pdf', 'empty', /empty \(0 bytes\)/],
  ['truncated.pdf', 'truncated', /truncat/i],
  ['encrypted.pdf', 'encrypted', /encrypt|password/i],
  ['random-bytes.pdf', 'corrupt', /no %PDF- header/],
  ['no-text-layer.pdf', 'needs_ocr', /text layer|OCR/i],
  ['legacy.doc', 'legacy_doc', /Word 97-2003 \.doc is not supported: save as \.docx/],
  ['encrypted-office.docx', 'encrypted', /password-protected Office document/],
  ['not-word.docx', 'not_word', /zip archive but not a Word document/],
  ['really-a-pdf.docx', 'wrong_extension', /named \.docx but is a PDF/],
  ['truncated.docx', 'truncated', /DOCX is truncated/],
  ['zip-bomb.docx', 'resource_limit', /DOCX expands to \d+ MB .*\(zip bomb\?\)/],
  ['empty.docx', 'empty', /DOCX holds no text/],
  ['unsupported.xlsx', 'unsupported_type', /\.xlsx not read/],
];

function expectOutcome(outcome: ExtractOutcome, bytes: Uint8Array, status: string, reason: RegExp): void {
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return;
  expect({ status: outcome.status, reason: outcome.reason }).toEqual({ status, reason: expect.stringMatching(reason) });
  expect(outcome.reason).not.toMatch(/[\r\n]/);
  expect(outcome.reason).not.toMatch(/\bat .*:\d+:\d+/); // no stack frames
  expect(outcome.sha256).toBe(sha256Hex(bytes));
}

describe('broken files through extractBytes', () => {
  it.each(CASES)('%s → %s', async (file, status, reason) => {
    const bytes = readFileSync(path.join(BROKEN, file));
    expectOutcome(await extractBytes(file, bytes), bytes, status, reason);
  });

  it('keeps the fixture folder small', () => {
    const total = CASES.reduce((sum, [file]) => sum + readFileSync(path.join(BROKEN, file)).length, 0);
    expect(total).toBeLessThan(1024 * 1024);
    expect(readFileSync(path.join(BROKEN, 'zip-bomb.docx')).length).toBeLessThanOrEqual(200 * 1024);
  });
});

describe('broken files through the worker pool', () => {
  const pool = createExtractPool({ concurrency: 2, timeoutMs: 60_000 });
  afterAll(() => pool.close());

  it('gives every file the same status as in-process extraction, all at once', async () => {
    const outcomes = await Promise.all(CASES.map(([file]) => pool.extract(file, readFileSync(path.join(BROKEN, file)))));
    outcomes.forEach((outcome, i) => {
      const [file, status, reason] = CASES[i]!;
      expectOutcome(outcome, readFileSync(path.join(BROKEN, file)), status, reason);
    });
  }, 60_000);
});
