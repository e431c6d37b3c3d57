// Profiles export: one JSON line per coded document — the document profile sheet with reviewers'
// corrections applied — with exactly the gold files' field names, in their order.
import { type RedactedDocument, redactFreeText } from '../redact/index.js';
import { currentProfiles, profileValues, STRING_FIELDS } from '../store/profiles.js';
import type { Db } from '../store/db.js';
import type { ExportOptions } from './formats.js';
import { type ExportTarget, writePieces } from './output.js';
import { redactStoredDocument } from './redaction.js';

/** Writes the export; resolves to the number of lines (documents) written. */
export function exportProfiles(db: Db, out: ExportTarget, options: ExportOptions = { redact: false }): Promise<number> {
  return writePieces(out, profileLines(db, options));
}

function* profileLines(db: Db, options: ExportOptions = { redact: false }): Generator<string> {
  for (const profile of currentProfiles(db)) {
    const values = profileValues(profile);
    yield `${JSON.stringify(options.redact ? redactProfile(values, redactStoredDocument(db, profile.documentId)) : values)}\n`;
  }
}

/**
 * The values as a redacted export shows them: the file name loses the names the report gives,
 * and each free-text value is redacted like a quote from the report (a reviewer's correction
 * may name someone: "scalded by Smith"). Numbers, dates of the review, the outcome, agencies
 * (canonical names) and risk-factor codes name no one and stay.
 */
function redactProfile<T extends { document: string }>(values: T, doc: RedactedDocument): T {
  const out: Record<string, unknown> = { ...values, document: doc.redactFileName(values.document) };
  for (const field of STRING_FIELDS) if (typeof out[field] === 'string') out[field] = redactFreeText(doc, out[field] as string);
  return out as T;
}

