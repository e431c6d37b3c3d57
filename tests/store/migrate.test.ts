import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openDatabase } from '../../pipeline/store/db.js';
import { defaultMigrationsDir, migrate, readMigrations } from '../../pipeline/store/migrate.js';
import { packageRoot } from '../../pipeline/paths.js';

let dir: string;
let migrationsDir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'scrcode-migrate-'));
  migrationsDir = join(dir, 'migrations');
  mkdirSync(migrationsDir);
  for (const name of readdirSync(defaultMigrationsDir())) copyFileSync(join(defaultMigrationsDir(), name), join(migrationsDir, name));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// The shipped migrations, and the numbers a test migration added after them takes.
const shipped = readdirSync(defaultMigrationsDir()).filter((f) => f.endsWith('.sql')).sort();
const number = (n: number) => String(n).padStart(3, '0');
const NEXT = number(shipped.length + 1);
const AFTER_NEXT = number(shipped.length + 2);

function recorded(path: string): { id: number; name: string; sha256: string }[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT id, name, sha256 FROM schema_migrations ORDER BY id').all() as { id: number; name: string; sha256: string }[];
  } finally {
    db.close();
  }
}

describe('openDatabase', () => {
  it('creates the parent folder and sets WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const path = join(dir, 'a', 'b', 'scrcode.db');
    const db = openDatabase(path);
    try {
      expect(existsSync(path)).toBe(true);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });
});

describe('migrations', () => {
  it('applies every file once and records its name and SHA-256', () => {
    const path = join(dir, 'scrcode.db');
    openDatabase(path).close();
    const files = readdirSync(defaultMigrationsDir()).filter((f) => f.endsWith('.sql')).sort();
    expect(recorded(path)).toEqual(
      files.map((name, i) => ({
        id: i + 1, name, sha256: createHash('sha256').update(readFileSync(join(defaultMigrationsDir(), name), 'utf8')).digest('hex'),
      })),
    );
    const db = openDatabase(path);
    try {
      expect(migrate(db)).toEqual([]);
      expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name IN ('documents','segments','proposals','decisions','runs','segments_fts')`).get()).toEqual({ n: 6 });
    } finally {
      db.close();
    }
  });

  it('applies a new migration in a later open and records it', () => {
    const path = join(dir, 'scrcode.db');
    openDatabase(path, { migrationsDir }).close();
    writeFileSync(join(migrationsDir, `${NEXT}_reviewers.sql`), 'CREATE TABLE reviewers (name TEXT PRIMARY KEY);\n');
    openDatabase(path, { migrationsDir }).close();
    expect(recorded(path).map((m) => m.name)).toEqual([...shipped, `${NEXT}_reviewers.sql`]);
  });

  it('refuses a database whose applied migration file was changed', () => {
    const path = join(dir, 'scrcode.db');
    openDatabase(path, { migrationsDir }).close();
    appendFileSync(join(migrationsDir, '001_initial.sql'), '\nCREATE TABLE sneaky (x);\n');
    expect(() => openDatabase(path, { migrationsDir })).toThrow(/001_initial\.sql was changed after it was applied/);
  });

  it('refuses a database from a newer version (a recorded migration the files lack)', () => {
    const path = join(dir, 'scrcode.db');
    writeFileSync(join(migrationsDir, `${NEXT}_reviewers.sql`), 'CREATE TABLE reviewers (name TEXT PRIMARY KEY);\n');
    openDatabase(path, { migrationsDir }).close();
    rmSync(join(migrationsDir, `${NEXT}_reviewers.sql`));
    expect(() => openDatabase(path, { migrationsDir })).toThrow(new RegExp(`${NEXT}_reviewers\\.sql.*newer version`));
  });

  it('refuses a history whose names do not match the files', () => {
    const path = join(dir, 'scrcode.db');
    openDatabase(path, { migrationsDir }).close();
    const db = new Database(path);
    db.prepare(`UPDATE schema_migrations SET name = '001_other.sql' WHERE name = '001_initial.sql'`).run();
    db.close();
    expect(() => openDatabase(path, { migrationsDir })).toThrow(/history does not match/);
  });

  it('rolls back a migration that fails midway and does not record it', () => {
    const path = join(dir, 'scrcode.db');
    writeFileSync(join(migrationsDir, `${NEXT}_broken.sql`), 'CREATE TABLE half_done (x);\nTHIS IS NOT SQL;\n');
    expect(() => openDatabase(path, { migrationsDir })).toThrow();
    const db = new Database(path);
    try {
      expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'half_done'`).get()).toBeUndefined();
      expect(db.prepare('SELECT name FROM schema_migrations ORDER BY id').pluck().all()).toEqual(shipped);
    } finally {
      db.close();
    }
  });

  it('refuses gaps in the numbering and badly named files', () => {
    writeFileSync(join(migrationsDir, `${AFTER_NEXT}_skipped.sql`), 'SELECT 1;');
    expect(() => readMigrations(migrationsDir)).toThrow(/without gaps/);
    rmSync(join(migrationsDir, `${AFTER_NEXT}_skipped.sql`));
    writeFileSync(join(migrationsDir, '2_bad.sql'), 'SELECT 1;');
    expect(() => readMigrations(migrationsDir)).toThrow(/NNN_name\.sql/);
  });

  it('finds the package root, and so the migrations, from source and from dist/', () => {
    const root = packageRoot();
    expect(existsSync(join(root, 'package.json'))).toBe(true);
    expect(packageRoot(join(root, 'dist', 'pipeline', 'store', 'migrate.js'))).toBe(root);
    expect(packageRoot(join(root, 'pipeline', 'store', 'migrate.ts'))).toBe(root);
    expect(existsSync(join(defaultMigrationsDir(), '001_initial.sql'))).toBe(true);
  });
});

describe('migration 004 (review)', () => {
  it('rebuilds decisions with every row, id and based_on kept, accepts withdraw, and stays append-only', () => {
    const path = join(dir, 'scrcode.db');
    for (const name of readdirSync(migrationsDir)) if (name >= '004') rmSync(join(migrationsDir, name));
    const old = openDatabase(path, { migrationsDir });
    old.prepare(`INSERT INTO documents (sha256, file_name, path, status, text, lexicon_version) VALUES (?, 'a.pdf', '/a.pdf', 'coded', 'x', 'v1')`).run('a'.repeat(64));
    const insert = old.prepare(`INSERT INTO decisions (document_sha256, segment_idx, segment_text_sha256, action, code, reviewer, based_on, memo)
                                VALUES (?, 0, 'h', ?, 'recording', ?, ?, ?)`);
    const first = Number(insert.run('a'.repeat(64), 'confirm', 'ann', null, 'looks right').lastInsertRowid);
    insert.run('a'.repeat(64), 'reject', 'bob', first, null);
    expect(() => insert.run('a'.repeat(64), 'withdraw', 'ann', null, null)).toThrow(/CHECK/);
    const columns = 'id, document_sha256, segment_idx, segment_text_sha256, action, code, context, seg_start, seg_end, memo, reviewer, decided_at, lexicon_version, based_on';
    const before = old.prepare(`SELECT ${columns} FROM decisions ORDER BY id`).all();
    old.close();

    const db = openDatabase(path);
    try {
      expect(db.prepare(`SELECT ${columns} FROM decisions ORDER BY id`).all()).toEqual(before);
      expect(db.prepare('SELECT count(*) FROM decisions WHERE undoes IS NOT NULL').pluck().get()).toBe(0);
      db.prepare(`INSERT INTO decisions (document_sha256, segment_idx, segment_text_sha256, action, code, reviewer, based_on) VALUES (?, 0, 'h', 'withdraw', 'recording', 'ann', 2)`).run('a'.repeat(64));
      expect(() => db.prepare('DELETE FROM decisions').run()).toThrow(/append-only/);
      expect(() => db.prepare(`UPDATE decisions SET action = 'confirm'`).run()).toThrow(/append-only/);
      expect(() => db.prepare(`INSERT INTO decisions (document_sha256, segment_idx, segment_text_sha256, action, code, reviewer, based_on) VALUES (?, 0, 'h', 'confirm', 'recording', 'ann', 999)`).run('a'.repeat(64))).toThrow(/FOREIGN KEY/);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name LIKE 'decisions_v%'`).get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
