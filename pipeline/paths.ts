import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
let cachedRoot: string | null = null;

/**
 * The scrcode package folder: the nearest folder above `from` holding package.json. Works
 * whether the code runs as TS source (vitest) or compiled in dist/.
 */
export function packageRoot(from: string = here): string {
  if (from === here && cachedRoot) return cachedRoot;
  let dir = dirname(from);
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`scrcode: no package.json above ${from}`);
    dir = parent;
  }
  if (from === here) cachedRoot = dir;
  return dir;
}

export const lexiconDir = (): string => join(packageRoot(), 'lexicons');
