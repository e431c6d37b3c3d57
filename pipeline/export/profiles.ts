// Profiles export: one JSON line per coded document — the document profile sheet with reviewers'
// corrections applied — with exactly the gold files' field names, in their order.
import { currentProfiles, profileValues } from '../store/profiles.js';
import type { Db } from '../store/db.js';
import { type ExportTarget, writePieces } from './output.js';

/** Writes the export; resolves to the number of lines (documents) written. */
export function exportProfiles(db: Db, out: ExportTarget): Promise<number> {
  return writePieces(out, profileLines(db));
}

export function* profileLines(db: Db): Generator<string> {
  for (const profile of currentProfiles(db)) yield `${JSON.stringify(profileValues(profile))}\n`;
}
