import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportCsv, CSV_COLUMNS, csvCell } from '../../pipeline/export/exportCsv.js';
import { exportJsonl } from '../../pipeline/export/exportJsonl.js';
import { addDecision } from '../../pipeline/store/decisions.js';
import { recordFailedDocument, storeCodedDocument } from '../../pipeline/store/documents.js';
import type { Db } from '../../pipeline/store/db.js';
import { PARAGRAPHS, type TempDb, finding, sampleInput, tempDb } from '../store/fixtures.js';

let t: TempDb;
let db: Db;
beforeEach(() => {
  t = tempDb();
  db = t.db;
});
afterEach(() => t.cleanup());

/** Two coded reports (stored out of path order), one failed file, and decisions of each kind. */
function seed() {
  const b = sampleInput('b_child.pdf', ['Introduction', 'The review, "commissioned" by the board,\ncovers 2019-2021.', '=SUM(A1:A9) and -5 are not formulas here']);
  b.findings = [finding(b.segmented, 1, 'commissioned', 'roles_responsibilities')];
  const a = sampleInput('a_child.pdf');
  storeCodedDocument(db, b);
  storeCodedDocument(db, a);
  recordFailedDocument(db, { sha256: null, fileName: 'broken.pdf', path: '/reports/broken.pdf', status: 'corrupt', reason: 'bad xref' });
  const decide = (segmentIndex: number, action: 'confirm' | 'reject' | 'add' | 'set_context', code: string, extra = {}) =>
    addDecision(db, { documentSha256: a.sha256, segmentIndex, action, code, reviewer: 'r.patel', ...extra });
  decide(1, 'confirm', 'domestic_violence');
  decide(3, 'reject', 'parental_mental_health');
  decide(2, 'set_context', 'parental_substance_misuse', { context: 'generic' });
  const s = a.segmented.segments[4];
  const at = s.start + s.text.indexOf('moving three times');
  decide(4, 'add', 'housing_instability', { start: at, end: at + 'moving three times'.length, lexiconVersion: 'lex-1' });
  return { a, b };
}

async function jsonlOf(): Promise<Record<string, any>[]> {
  const sink = new PassThrough();
  let text = '';
  sink.on('data', (chunk) => (text += chunk));
  const written = await exportJsonl(db, sink);
  const lines = text.split('\n');
  expect(lines.pop()).toBe('');
  expect(lines).toHaveLength(written);
  return lines.map((line) => JSON.parse(line));
}

describe('exportJsonl', () => {
  it('writes every segment of every coded document, in document then segment order, in the issue shape', async () => {
    const { a, b } = seed();
    const records = await jsonlOf();
    expect(records.map((r) => [r.document, r.start])).toEqual([
      ...a.segmented.segments.map((s) => ['a_child.pdf', s.start]),
      ...b.segmented.segments.map((s) => ['b_child.pdf', s.start]),
    ]);
    expect(Object.keys(records[0])).toEqual(['document', 'sha256', 'section', 'paragraph', 'page', 'start', 'end', 'text', 'codes']);
    expect(records[0]).toMatchObject({ sha256: a.sha256, section: 'findings', paragraph: null, page: 1, text: 'Findings', codes: [] });
    for (const r of records) {
      for (const c of r.codes) {
        expect(Object.keys(c)).toEqual(['code', 'context', 'rule', 'evidence', 'lexicon_version', 'confidence', 'decision']);
        const docText = r.document === 'a_child.pdf' ? a.segmented.text : b.segmented.text;
        expect(c.evidence.text).toBe(docText.slice(c.evidence.start, c.evidence.end));
        expect(c.evidence.start).toBeGreaterThanOrEqual(r.start);
        expect(c.evidence.end).toBeLessThanOrEqual(r.end);
      }
    }
  });

  it('merges the current human decisions into the machine codes', async () => {
    seed();
    const codesOf = (records: Record<string, any>[], i: number) => records[i].codes.map((c: any) => [c.code, c.context, c.rule, c.decision]);
    const records = await jsonlOf();
    // Two domestic-violence proposals in one segment show as one code, the higher-confidence one.
    expect(codesOf(records, 1)).toEqual([['domestic_violence', 'asserted', 'domestic_violence/marac', 'confirmed']]);
    expect(records[1].codes[0].confidence).toBe(0.95);
    expect(codesOf(records, 2)).toEqual([['parental_substance_misuse', 'generic', expect.any(String), 'confirmed']]);
    expect(codesOf(records, 3)).toEqual([['parental_mental_health', 'asserted', expect.any(String), 'rejected']]);
    expect(codesOf(records, 4)).toEqual([
      ['housing_instability', 'asserted', 'human', 'confirmed'],
      ['temporary_accommodation', 'asserted', expect.any(String), null],
    ]);
    expect(records[4].codes[0]).toMatchObject({ evidence: { text: 'moving three times' }, confidence: null, lexicon_version: 'lex-1' });
  });

  it('treats a withdrawn decision (an undo) as no decision, for proposals and for added codes', async () => {
    const { a } = seed();
    const latest = (code: string) => (db.prepare('SELECT max(id) FROM decisions WHERE code = ?').pluck().get(code) as number);
    addDecision(db, { documentSha256: a.sha256, segmentIndex: 1, action: 'withdraw', code: 'domestic_violence', reviewer: 'r.patel', basedOn: latest('domestic_violence') });
    addDecision(db, { documentSha256: a.sha256, segmentIndex: 4, action: 'withdraw', code: 'housing_instability', reviewer: 'r.patel', basedOn: latest('housing_instability') });
    const records = await jsonlOf();
    expect(records[1].codes.map((c: any) => [c.code, c.decision])).toEqual([['domestic_violence', null]]);
    expect(records[4].codes.map((c: any) => [c.code, c.decision])).toEqual([['temporary_accommodation', null]]);
  });

  it('writes a file only when complete, leaving no partial file', async () => {
    seed();
    const out = join(t.dir, 'export.jsonl');
    const written = await exportJsonl(db, out);
    expect(written).toBe(PARAGRAPHS.length + 3);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(written);
    expect(readdirSync(t.dir).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('fails cleanly for a folder that does not exist', async () => {
    seed();
    const out = join(t.dir, 'missing', 'export.jsonl');
    await expect(exportJsonl(db, out)).rejects.toThrow(/ENOENT/);
    expect(existsSync(join(t.dir, 'missing'))).toBe(false);
  });
});

/** A strict RFC 4180 reader, so the test checks the quoting rather than trusting it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) throw new Error('unterminated quoted cell');
        cell += text.slice(i, quote);
        i = quote + 1;
        if (text[i] === '"') {
          cell += '"';
          i += 1;
        } else break;
      }
    } else {
      const stop = text.slice(i).search(/[,\r]/);
      const end = stop < 0 ? text.length : i + stop;
      cell = text.slice(i, end);
      if (/["\n]/.test(cell)) throw new Error(`unquoted cell holds a quote or newline: ${cell}`);
      i = end;
    }
    row.push(cell);
    if (text[i] === ',') i += 1;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else if (i < text.length) throw new Error(`unexpected character at ${i}`);
  }
  if (row.length) throw new Error('last row has no CRLF');
  return rows;
}

describe('exportCsv', () => {
  it('writes one RFC 4180 row per (segment, code), quoting commas, quotes and newlines', async () => {
    const { b } = seed();
    const out = join(t.dir, 'export.csv');
    const written = await exportCsv(db, out);
    const [header, ...rows] = parseCsv(readFileSync(out, 'utf8'));
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(written);
    expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
    const cell = (r: string[], column: (typeof CSV_COLUMNS)[number]) => r[CSV_COLUMNS.indexOf(column)];
    expect(rows.map((r) => [cell(r, 'document'), cell(r, 'segment'), cell(r, 'code'), cell(r, 'decision')])).toEqual([
      ['a_child.pdf', '1', 'domestic_violence', 'confirmed'],
      ['a_child.pdf', '2', 'parental_substance_misuse', 'confirmed'],
      ['a_child.pdf', '3', 'parental_mental_health', 'rejected'],
      ['a_child.pdf', '4', 'housing_instability', 'confirmed'],
      ['a_child.pdf', '4', 'temporary_accommodation', ''],
      ['b_child.pdf', '1', 'roles_responsibilities', ''],
    ]);
    expect(cell(rows[5], 'text')).toBe(b.segmented.segments[1].text);
    expect(cell(rows[5], 'paragraph')).toBe('4.1');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=SUM(A1:A9) and -5')).toBe("'=SUM(A1:A9) and -5");
    expect(csvCell('+44 20')).toBe("'+44 20");
    expect(csvCell('-5 days')).toBe("'-5 days");
    expect(csvCell('@risk')).toBe("'@risk");
    expect(csvCell('=1,"2"')).toBe(`"'=1,""2"""`);
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell(null)).toBe('');
  });

  it('streams to a caller stream without ending it', async () => {
    seed();
    const sink = new PassThrough();
    let text = '';
    sink.on('data', (chunk) => (text += chunk));
    await exportCsv(db, sink);
    expect(sink.writableEnded).toBe(false);
    expect(parseCsv(text)).toHaveLength(7);
  });
});
