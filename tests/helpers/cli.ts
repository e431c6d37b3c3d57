import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'scrcode.js');
export { DEV_CORPUS } from './devCorpus.js';
export const BROKEN = join(ROOT, 'tests', 'fixtures', 'broken');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI (compiled by `npm test` before vitest starts). */
export function scrcode(args: string[], cwd = ROOT): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 300_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts the CLI without waiting, for kill tests. */
export function scrcodeAsync(args: string[], cwd = ROOT) {
  return spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function tempDir(prefix = 'scrcode-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Copies files into a fresh folder (the shared corpus is read-only). */
export function folderWith(files: string[]): string {
  const dir = tempDir('scrcode-in-');
  mkdirSync(dir, { recursive: true });
  for (const f of files) copyFileSync(f, join(dir, basename(f)));
  return dir;
}
