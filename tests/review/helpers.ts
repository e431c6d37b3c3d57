// A workbench database coded from the review fixture report, and a raw HTTP client that can
// send any Host, Origin or body (fetch refuses to forge some of them).
import { request } from 'node:http';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, scrcode, tempDir } from '../helpers/cli.js';

export const REVIEW_FIXTURES = join(ROOT, 'tests', 'fixtures', 'review');

/** Codes the fixture report with the real CLI; returns the database path and a cleanup. */
export function codedReviewDb(): { dir: string; dbPath: string; cleanup(): void } {
  const dir = tempDir('scrcode-review-');
  const dbPath = join(dir, 'review.db');
  const r = scrcode(['run', REVIEW_FIXTURES, '--db', dbPath, '--quiet']);
  if (r.status !== 0) throw new Error(`coding the review fixture failed: ${r.stderr}`);
  return { dir, dbPath, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RawResponse { status: number; headers: Record<string, string | string[] | undefined>; body: string; json(): any }

export function raw(port: number, method: string, path: string, options: { headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { Host: `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode!, headers: res.headers, body, json: () => JSON.parse(body) });
      });
    });
    req.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve({ status: 0, headers: {}, body: '', json: () => null }) : reject(err)));
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** Swaps the one-time URL's token for a session cookie, as a browser's first visit does. */
export async function login(port: number, url: string): Promise<{ cookie: string; setCookie: string; csrf: string }> {
  const res = await raw(port, 'GET', new URL(url).pathname + new URL(url).search);
  if (res.status !== 303) throw new Error(`token swap answered ${res.status}: ${res.body}`);
  const setCookie = String(res.headers['set-cookie']);
  const cookie = setCookie.split(';')[0];
  const session = await raw(port, 'GET', '/api/session', { headers: { Cookie: cookie } });
  return { cookie, setCookie, csrf: session.json().csrfToken };
}
