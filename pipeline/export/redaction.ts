// What `scrcode export --redact` does to one document's texts, for every redactable format
// (jsonl, csv, qdpx, matrix, profiles). The document is redacted once, as a whole (pipeline/redact), so a
// person has one label in every segment, evidence span and selection drawn from it; every
// offset is mapped into the redacted text, so a span still slices out exactly its text.
import { type RedactedDocument, redactDocument } from '../redact/index.js';
import { type Db, statement } from '../store/db.js';
import type { ExportSegment } from './rows.js';

/**
 * The segment cut from the redacted document text: its span mapped with mapSpan (a span that
 * touches part of a name covers the whole label), every evidence span likewise, and each text
 * sliced from the redacted text, so text.slice(evidence.start - start, evidence.end - start)
 * === evidence.text still holds. The file name loses the names the report gives.
 */
export function redactSegment(s: ExportSegment, r: RedactedDocument): ExportSegment {
  const span = r.mapSpan(s.start, s.end);
  const codes = s.codes.map((c) => {
    const evidence = r.mapSpan(c.evidence.start, c.evidence.end);
    return { ...c, evidence: { ...evidence, text: r.text.slice(evidence.start, evidence.end) } };
  });
  return { ...s, document: r.redactFileName(s.document), start: span.start, end: span.end, text: r.text.slice(span.start, span.end), codes };
}

/**
 * Reviewers' notes on a document (memos) have no offsets to map, but name the same people: they
 * are appended to the document's text after a blank line (which no name, address or
 * date-of-birth pattern crosses) and the whole is redacted once, so "Ms Smith" in a memo is
 * "[mother]" as in the report, "Smith said" is replaced because the report introduced her, and
 * phone numbers and addresses go as anywhere else. A name word of the report's people left in any
 * case ("smith") is replaced too, as in a file name. Returns each distinct note, redacted.
 */
export function redactNotes(documentText: string, notes: string[]): Map<string, string> {
  const distinct = [...new Set(notes)];
  if (!distinct.length) return new Map();
  let text = documentText;
  const spans: [number, number][] = [];
  for (const note of distinct) {
    text += NOTE_BREAK;
    spans.push([text.length, text.length + note.length]);
    text += note;
  }
  const r = redactDocument({ text });
  return new Map(distinct.map((note, i) => [note, r.redactFileName(r.redactSlice(...spans[i]).text)]));
}

const NOTE_BREAK = '\n\n';

/** A stored document's whole text, redacted once (its people found in all of it). */
export function redactStoredDocument(db: Db, documentId: number): RedactedDocument {
  const { text } = statement(db, 'SELECT text FROM documents WHERE id = ?').get(documentId) as { text: string };
  return redactDocument({ text });
}
