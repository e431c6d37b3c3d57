// Small hand-made SegmentedDocs and Findings for the store and export tests.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context, Finding, SegmentedDoc, SectionId } from '../../pipeline/types.js';
import { type Db, openDatabase } from '../../pipeline/store/db.js';
import type { CodedDocumentInput } from '../../pipeline/store/documents.js';

export interface TempDb {
  db: Db;
  dir: string;
  path: string;
  cleanup(): void;
}

export function tempDb(): TempDb {
  const dir = mkdtempSync(join(tmpdir(), 'scrcode-store-'));
  const path = join(dir, 'nested', 'scrcode.db');
  const db = openDatabase(path);
  return { db, dir, path, cleanup: () => { db.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/** A document whose segments are the given paragraphs joined by "\n\n", as the segmenter builds them. */
export function segmentedDoc(paragraphs: string[], section: SectionId = 'findings'): SegmentedDoc {
  let text = '';
  const segments = paragraphs.map((p, index) => {
    if (index > 0) text += '\n\n';
    const start = text.length;
    text += p;
    return {
      index, kind: index === 0 ? ('heading' as const) : ('paragraph' as const), section,
      heading: index === 0 ? null : paragraphs[0], paragraph: index === 0 ? null : `4.${index}`, page: 1 + Math.floor(index / 3),
      start, end: start + p.length, text: p, sentences: [{ start, end: start + p.length }],
    };
  });
  return { text, segments };
}

/** A finding on the first occurrence of `phrase` in segment `segment`. */
export function finding(
  doc: SegmentedDoc, segment: number, phrase: string, code: string,
  options: { context?: Context; lexiconVersion?: string; confidence?: number; rule?: string } = {},
): Finding {
  const s = doc.segments[segment];
  const at = s.text.indexOf(phrase);
  if (at < 0) throw new Error(`fixture: "${phrase}" not in segment ${segment}`);
  return {
    segment, code, context: options.context ?? 'asserted', start: s.start + at, end: s.start + at + phrase.length,
    evidence: phrase, rule: options.rule ?? `${code}/${phrase.toLowerCase().replace(/\W+/g, '_')}`,
    contextRule: options.context && options.context !== 'asserted' ? `trigger/${options.context}` : null,
    lexiconVersion: options.lexiconVersion ?? 'lex-1', confidence: options.confidence ?? 0.9,
  };
}

export function sha256Of(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export const PARAGRAPHS = [
  'Findings',
  'Police were called to the home after an argument; the mother had a cut lip. A MARAC referral followed.',
  'There was no evidence that either parent misused drugs or alcohol.',
  'Health visitors recorded that the father had depression, which was not assessed.',
  'The family were housed in temporary accommodation, moving three times in a year.',
];

/** The standard two-document input: a coded report with proposals of several contexts. */
export function sampleInput(name = 'child_a.pdf', paragraphs = PARAGRAPHS, lexiconVersion = 'lex-1'): CodedDocumentInput {
  const segmented = segmentedDoc(paragraphs);
  const findings = paragraphs === PARAGRAPHS
    ? [
        finding(segmented, 1, 'Police were called to the home after an argument', 'domestic_violence', { lexiconVersion }),
        finding(segmented, 1, 'MARAC', 'domestic_violence', { lexiconVersion, confidence: 0.95 }),
        finding(segmented, 2, 'misused drugs or alcohol', 'parental_substance_misuse', { context: 'negated', lexiconVersion }),
        finding(segmented, 3, 'depression', 'parental_mental_health', { lexiconVersion }),
        finding(segmented, 4, 'temporary accommodation', 'temporary_accommodation', { lexiconVersion }),
      ]
    : [];
  return {
    sha256: sha256Of(`bytes of ${name} ${paragraphs.join('|')}`), fileName: name, path: `/reports/${name}`,
    format: 'pdf', pageCount: 3, segmented, findings, lexiconVersion,
  };
}
