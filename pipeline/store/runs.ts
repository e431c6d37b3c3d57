// One row per `scrcode run`, so the database says what produced it.
import { type Db, statement } from './db.js';

export interface RunCounts {
  documentsSeen: number;
  documentsCoded: number;
  documentsRetagged: number;
  documentsUnchanged: number;
  documentsFailed: number;
  segmentsStored: number;
  proposalsStored: number;
}

export function startRun(db: Db, lexiconVersion: string): number {
  return Number(statement(db, 'INSERT INTO runs (lexicon_version) VALUES (?)').run(lexiconVersion).lastInsertRowid);
}

export function finishRun(db: Db, runId: number, counts: RunCounts): void {
  const result = statement(
    db,
    `UPDATE runs SET finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
       documents_seen = @documentsSeen, documents_coded = @documentsCoded, documents_retagged = @documentsRetagged,
       documents_unchanged = @documentsUnchanged, documents_failed = @documentsFailed,
       segments_stored = @segmentsStored, proposals_stored = @proposalsStored
     WHERE id = @runId`,
  ).run({ ...counts, runId });
  if (result.changes !== 1) throw new Error(`no run ${runId} to finish`);
}
