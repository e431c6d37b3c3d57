// `scrcode query` and `scrcode sql`: the analysts' questions, and read-only SQL for anything else.
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { loadCodebook } from '../codebook.js';
import { BASES, type Basis } from '../query/coded.js';
import {
  COOCCURRENCE_LEVELS, type CooccurrenceLevel, CROSSTAB_DIMENSIONS, type CrosstabDimension, cooccurrence, crosstab, kwic, prevalence, quality, type QueryResult, recommendations,
} from '../query/queries.js';
import { OUTPUT_FORMATS, type OutputFormat, renderResult } from '../query/render.js';
import type { Db } from '../store/db.js';
import { EXIT, openExistingDb, parseOptions, UsageError } from './common.js';

export const QUERIES = ['prevalence', 'crosstab', 'cooccurrence', 'kwic', 'recommendations', 'quality'] as const;

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string, fallback?: T): T {
  if (value === undefined && fallback !== undefined) return fallback;
  if (!allowed.includes(value as T)) throw new UsageError(`${option} must be one of ${allowed.join(', ')}`);
  return value as T;
}

export function queryCommand(args: string[], defaultDb: string): number {
  const { values, positionals } = parseOptions(args, {
    db: { type: 'string', default: defaultDb }, format: { type: 'string' }, by: { type: 'string' }, level: { type: 'string' },
    basis: { type: 'string' }, code: { type: 'string' }, term: { type: 'string' }, width: { type: 'string' },
  }, true);
  if (positionals.length !== 1) throw new UsageError(`name one query: ${QUERIES.join(', ')}`);
  const query = oneOf(positionals[0], QUERIES, 'the query');
  const format = oneOf<OutputFormat>(values.format, OUTPUT_FORMATS, '--format', 'table');
  const basis = oneOf<Basis>(values.basis, BASES, '--basis', 'in_force');
  const db = openExistingDb(values.db!);
  try {
    process.stdout.write(renderResult(runQuery(db, query, values, basis), format));
    return EXIT.ok;
  } finally {
    db.close();
  }
}

function runQuery(db: Db, query: (typeof QUERIES)[number], values: Record<string, string | boolean | undefined>, basis: Basis): QueryResult {
  const codebook = loadCodebook();
  switch (query) {
    case 'prevalence':
      return prevalence(db, codebook);
    case 'crosstab':
      return crosstab(db, codebook, oneOf<CrosstabDimension>(values.by as string | undefined, CROSSTAB_DIMENSIONS, '--by'), basis);
    case 'cooccurrence':
      return cooccurrence(db, codebook, oneOf<CooccurrenceLevel>(values.level as string | undefined, COOCCURRENCE_LEVELS, '--level', 'segment'), basis);
    case 'kwic': {
      const code = values.code as string | undefined;
      const term = values.term as string | undefined;
      if ((code === undefined) === (term === undefined)) throw new UsageError('kwic needs --code CODE or --term TEXT (one of them)');
      const width = values.width === undefined ? 40 : Number(values.width);
      if (!Number.isInteger(width) || width < 5 || width > 200) throw new UsageError('--width must be a whole number from 5 to 200');
      return kwic(db, codebook, { code, term, width, basis });
    }
    case 'recommendations':
      return recommendations(db, codebook, basis);
    case 'quality':
      return quality(db);
  }
}

/** Read-only SQL: the database is opened read-only and the statement must be one that returns rows. */
export function sqlCommand(args: string[], defaultDb: string): number {
  const { values, positionals } = parseOptions(args, { db: { type: 'string', default: defaultDb }, format: { type: 'string' } }, true);
  if (positionals.length !== 1) throw new UsageError('give one SQL statement in quotes: scrcode sql "SELECT …"');
  const format = oneOf<OutputFormat>(values.format, OUTPUT_FORMATS, '--format', 'table');
  openExistingDb(values.db!).close(); // the same checks and messages as every command, then a read-only handle
  const db = new Database(resolve(values.db!), { readonly: true, fileMustExist: true });
  try {
    db.pragma('query_only = ON');
    const statement = db.prepare(positionals[0]);
    if (!statement.reader) throw new Error('only statements that read (SELECT, WITH … SELECT, read-only PRAGMA) are allowed');
    const rows = statement.raw(true).all() as unknown[][];
    const columns = statement.columns().map((c) => c.name);
    const cells = rows.map((r) => r.map((v) => (v === null || typeof v === 'number' || typeof v === 'string' ? v : typeof v === 'bigint' ? Number(v) : '<blob>')));
    process.stdout.write(renderResult({ title: `${rows.length} row(s)`, basis: null, columns, rows: cells, notes: [] }, format));
    return EXIT.ok;
  } finally {
    db.close();
  }
}
