import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The data lives beside the TS sources; compiled code runs from dist/, so find the repo root.
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || existsSync(join(dir, 'tsconfig.json')) === false) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('corpus generator: cannot find the repository root');
    dir = parent;
  }
  return dir;
}

export const DATA_DIR = join(repoRoot(), 'scripts', 'corpus', 'data');

export function readData<T>(name: string): T {
  return JSON.parse(readFileSync(join(DATA_DIR, name), 'utf8')) as T;
}
