import { readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { isSupportedFile } from '../extract/detect.js';

export interface InputFiles {
  /** Files to read, in path order (duplicates removed). */
  documents: string[];
  /** Files in the given folders that are not a report format: listed as skipped, not read. */
  ignored: string[];
  /** Paths named on the command line that do not exist. */
  missing: string[];
}

/** Expands files and folders (recursively, hidden files left out) into the documents to code. */
export function listInputFiles(paths: string[]): InputFiles {
  const documents = new Set<string>();
  const ignored: string[] = [];
  const missing: string[] = [];
  const visited = new Set<string>();
  for (const p of paths) {
    const full = resolve(p);
    const stat = statSync(full, { throwIfNoEntry: false });
    if (!stat) missing.push(p);
    else if (stat.isDirectory()) walk(full, documents, ignored, visited);
    else documents.add(full); // named explicitly: read it, and let its bytes say what it is
  }
  return { documents: [...documents].sort(), ignored: ignored.sort(), missing };
}

// Folders are entered once by their real path, so a symlink loop or a second link to the
// same folder neither hangs the walk nor lists a file twice.
function walk(dir: string, documents: Set<string>, ignored: string[], visited: Set<string>): void {
  const real = realpathSync(dir);
  if (visited.has(real)) return;
  visited.add(real);
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const full = join(dir, name);
    const stat = statSync(full, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isDirectory()) walk(full, documents, ignored, visited);
    else if (stat.isFile()) (isSupportedFile(basename(full)) ? documents.add(realpathSync(full)) : ignored.push(full));
  }
}
