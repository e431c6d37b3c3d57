import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | null = null;

/** The scrcode package folder, found from this file whether it runs as TS source or as compiled dist/. */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'lexicons'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('scrcode: cannot find the package folder (package.json with lexicons/)');
    dir = parent;
  }
  cachedRoot = dir;
  return dir;
}

export const lexiconDir = (): string => join(packageRoot(), 'lexicons');
