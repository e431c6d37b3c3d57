import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { openDatabase, type Db } from '../store/db.js';

/** Exit statuses, so a script can tell what happened. */
export const EXIT = {
  ok: 0,
  /** A fatal error: bad lexicon, database refused, unreadable gold files. */
  error: 1,
  /** The command line was wrong. */
  usage: 2,
  /** `run` finished, but at least one document could not be analysed (see the summary). */
  notAllAnalysed: 3,
} as const;

export class UsageError extends Error {}

/** parseArgs that turns its errors into UsageError. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

/** Opens (creating if needed) the database a run writes to. */
export function openDb(path: string): Db {
  return openDatabase(resolve(path));
}

/** Opens a database that must already exist: a mistyped --db on a read command is an error, not an empty database. */
export function openExistingDb(path: string): Db {
  const full = resolve(path);
  if (!existsSync(full) || !statSync(full).isFile()) throw new Error(`no scrcode database at ${full} (run \`scrcode run\` first, or give --db)`);
  return openDatabase(full);
}

