import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEV_CORPUS, folderWith, scrcode, scrcodeAsync, tempDir } from '../helpers/cli.js';

const reports = readdirSync(DEV_CORPUS).filter((f) => /\.(pdf|docx)$/.test(f)).map((f) => join(DEV_CORPUS, f));

function counts(db: string) {
  const d = new Database(db, { readonly: true });
  const r = {
    documents: (d.prepare(`SELECT count(*) AS n FROM documents WHERE status = 'coded'`).get() as { n: number }).n,
    rows: (d.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n,
    perDocument: Object.fromEntries(
      (d.prepare('SELECT d.file_name AS f, count(s.id) AS n FROM documents d LEFT JOIN segments s ON s.document_id = d.id GROUP BY d.id').all() as { f: string; n: number }[]).map((x) => [x.f, x.n]),
    ),
    proposals: (d.prepare('SELECT count(*) AS n FROM proposals').get() as { n: number }).n,
  };
  d.close();
  return r;
}

describe('a run killed with SIGKILL and started again', () => {
  it('finishes the job with no duplicate and no missing document', async () => {
    const input = folderWith(reports);
    const clean = join(tempDir(), 'clean.db');
    expect(scrcode(['run', input, '--db', clean, '--quiet']).status).toBe(0);

    const db = join(tempDir(), 'killed.db');
    const child = scrcodeAsync(['run', input, '--db', db, '--concurrency', '2']);
    await new Promise<void>((resolve) => {
      let out = '';
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        // Kill mid-batch: some documents stored, others in flight.
        if (/\[3\/\d+\]/.test(out)) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => resolve());
    });
    await new Promise((r) => child.on('close', r));
    const partial = counts(db);
    expect(partial.documents).toBeGreaterThan(0);
    expect(partial.documents).toBeLessThan(reports.length);

    const resumed = scrcode(['run', input, '--db', db]);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/unchanged since the last run/);
    expect(counts(db)).toEqual(counts(clean));
  });
});
