// The record of every export (migration 005): who, when, what, redacted or not, how many rows.
import { type Db, statement } from './db.js';

export interface ExportRecord {
  exportedBy: string;
  format: string;
  /** A file path, or "stdout". */
  target: string;
  redacted: boolean;
  /** What was selected, when the export was narrowed (for example a year); null for everything. */
  scope: string | null;
  rows: number;
}

export function recordExport(db: Db, r: ExportRecord): number {
  return Number(statement(
    db,
    'INSERT INTO exports (exported_by, format, target, redacted, scope, rows) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(r.exportedBy, r.format, r.target, r.redacted ? 1 : 0, r.scope, r.rows).lastInsertRowid);
}

export interface StoredExport extends ExportRecord { id: number; exportedAt: string }

export function listExports(db: Db): StoredExport[] {
  return (statement(
    db,
    `SELECT id, exported_at AS exportedAt, exported_by AS exportedBy, format, target, redacted, scope, rows FROM exports ORDER BY id`,
  ).all() as (Omit<StoredExport, 'redacted'> & { redacted: number })[]).map((r) => ({ ...r, redacted: r.redacted === 1 }));
}
