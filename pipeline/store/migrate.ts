// Forward-only runner for the numbered plain-SQL migrations in pipeline/store/migrations/.
// Each file is applied in its own transaction and recorded with its SHA-256; a database whose
// recorded history does not match the files is refused rather than "repaired".
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { packageRoot } from '../paths.js';



export interface Migration {
  /** The number in the file name (001 → 1). */
  id: number;
  /** The file name, e.g. "001_initial.sql". */
  name: string;
  sha256: string;
  sql: string;
}

const MIGRATION_FILE = /^(\d{3})_[a-z0-9_]+\.sql$/;

export function defaultMigrationsDir(): string {
  return join(packageRoot(), 'pipeline', 'store', 'migrations');
}

/** Reads the migration files in order, refusing gaps, duplicates and stray .sql names. */
export function readMigrations(dir: string = defaultMigrationsDir()): Migration[] {
  const files = readdirSync(dir).filter((name) => name.endsWith('.sql')).sort();
  const migrations = files.map((name, position) => {
    const match = MIGRATION_FILE.exec(name);
    if (!match) throw new Error(`migration file ${join(dir, name)} is not named NNN_name.sql`);
    const id = Number(match[1]);
    if (id !== position + 1) {
      throw new Error(`migrations in ${dir} must be numbered 001, 002, … without gaps; found ${name} at position ${position + 1}`);
    }
    // Hash with LF line ends so a Windows checkout (CRLF) does not look like a changed migration.
    const sql = readFileSync(join(dir, name), 'utf8').replace(/\r\n/g, '\n');
    return { id, name, sha256: createHash('sha256').update(sql).digest('hex'), sql };
  });
  if (migrations.length === 0) throw new Error(`no migrations found in ${dir}`);
  return migrations;
}

interface AppliedMigration {
  id: number;
  name: string;
  sha256: string;
}

function ensureHistoryTable(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    sha256     TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  )`);
}

function appliedMigrations(db: Database.Database): AppliedMigration[] {
  return db.prepare('SELECT id, name, sha256 FROM schema_migrations ORDER BY id').all() as AppliedMigration[];
}

/** Throws when the recorded history is not a prefix of the migration files. */
export function checkHistory(applied: AppliedMigration[], files: Migration[], where = 'database'): void {
  for (const [position, record] of applied.entries()) {
    const file = files[position];
    if (!file) {
      throw new Error(
        `${where} records migration ${record.name}, which this version of scrcode does not have ` +
          `(a database from a newer version?). Refusing to open it.`,
      );
    }
    if (record.id !== file.id || record.name !== file.name) {
      throw new Error(`${where} records migration ${record.name} where the files have ${file.name}: the history does not match. Refusing to open it.`);
    }
    if (record.sha256 !== file.sha256) {
      throw new Error(
        `migration ${file.name} was changed after it was applied to ${where} ` +
          `(recorded sha256 ${record.sha256}, file ${file.sha256}). Migrations are frozen: add a new one instead.`,
      );
    }
  }
}

/** Applies pending migrations, one transaction each; returns the names applied now. */
export function migrate(db: Database.Database, options: { dir?: string } = {}): string[] {
  const files = readMigrations(options.dir);
  ensureHistoryTable(db);
  checkHistory(appliedMigrations(db), files, db.name);
  const record = db.prepare('INSERT INTO schema_migrations (id, name, sha256) VALUES (?, ?, ?)');
  const appliedNow: string[] = [];
  for (const file of files) {
    // IMMEDIATE takes the write lock first, so two processes opening one database cannot both apply a file.
    db.transaction(() => {
      const applied = appliedMigrations(db);
      checkHistory(applied, files, db.name);
      if (applied.some((m) => m.id === file.id)) return;
      db.exec(file.sql);
      record.run(file.id, file.name, file.sha256);
      appliedNow.push(file.name);
    }).immediate();
  }
  return appliedNow;
}
