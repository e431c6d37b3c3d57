// The sentinel test: a report whose people, phone numbers, addresses and date of birth are
// distinctive strings, coded and exported with the real CLI. With --redact no sentinel is in
// any output file; without it every one is (so the test can fail). Offsets stay exact.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../pipeline/store/db.js';
import { listExports } from '../../pipeline/store/exports.js';
import { CSV_COLUMNS } from '../../pipeline/export/exportCsv.js';
import { ROOT, scrcode, tempDir } from '../helpers/cli.js';

const FIXTURES = join(ROOT, 'tests', 'fixtures', 'redact');

/** Every identifying string in the fixture report (compared case-insensitively). */
const SENTINELS = [
  'Zebedee', 'Quarrington', 'Ottoline', 'Vanstraaten', 'Barnaby', 'Cordelia', 'Pemberton', 'Skeffington',
  'Peregrine', 'Oddsworth', 'Marisol', 'Thackeray', 'Ignatius', 'Blennerhassett',
  '07700 900461', '01632 960461', '17 Wexley Gardens', 'Wexley', '41 Harrowby Road', 'FM3 7QD',
  '14 February 2013', '14/02/2013', 'p.oddsworth@fernmoor.example.gov.uk',
];

let dir: string;
let dbPath: string;
const files: Record<string, string> = {};

beforeAll(() => {
  dir = tempDir('scrcode-redact-');
  dbPath = join(dir, 'redact.db');
  const run = scrcode(['run', FIXTURES, '--db', dbPath, '--quiet']);
  if (run.status !== 0) throw new Error(`coding the redaction fixture failed: ${run.stderr}`);
  for (const format of ['jsonl', 'csv']) {
    for (const redact of [true, false]) {
      const out = join(dir, `${redact ? 'redacted' : 'plain'}.${format}`);
      const r = scrcode(['export', '--format', format, '--db', dbPath, '--out', out, ...(redact ? ['--redact'] : [])]);
      if (r.status !== 0 || r.stderr.includes('(redacted)') !== redact) throw new Error(`export ${format} failed: ${r.stderr}`);
      files[`${redact ? 'redacted' : 'plain'}.${format}`] = readFileSync(out, 'utf8');
    }
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const found = (text: string) => SENTINELS.filter((s) => text.toLowerCase().includes(s.toLowerCase()));
const jsonl = (name: string) => files[name].trim().split('\n').map((line) => JSON.parse(line));

describe('scrcode export --redact', () => {
  it('leaves no sentinel in the redacted JSONL and CSV, and every sentinel in the plain ones', () => {
    expect(found(files['redacted.jsonl'])).toEqual([]);
    expect(found(files['redacted.csv'])).toEqual([]);
    expect(found(files['plain.jsonl'])).toEqual(SENTINELS);
    expect(found(files['plain.csv'])).toEqual(SENTINELS);
  });

  it('keeps the pseudonym, the guidance and the chronology, and shows the labels', () => {
    const text = files['redacted.jsonl'];
    for (const kept of ['Child P', '2013 Working Together', 'On 3 March 2014', 'Mr R, a neighbour', 'December 2014']) expect(text).toContain(kept);
    for (const label of ['[mother]', "[mother's partner]", '[sibling]', '[social worker]', '[health visitor]', '[GP]', '[reviewer]', '[date of birth]', '[phone]', '[address]', '[email]']) {
      expect(text).toContain(label);
    }
    expect(jsonl('redacted.jsonl')[0].document).toBe('fernmoor_scr_child_p_redacted.txt');
  });

  it('points every offset into the redacted document text, so evidence slices out of the segment text', () => {
    const records = jsonl('redacted.jsonl');
    const plain = jsonl('plain.jsonl');
    expect(records).toHaveLength(plain.length);
    let codes = 0;
    records.forEach((r: any, i: number) => {
      // Segments are cut from one redacted text, joined by a blank line as the original is.
      if (i > 0) expect(r.start).toBe(records[i - 1].end + 2);
      expect(r.end - r.start).toBe(r.text.length);
      for (const c of r.codes) {
        expect(r.text.slice(c.evidence.start - r.start, c.evidence.end - r.start)).toBe(c.evidence.text);
        codes += 1;
      }
      // Redaction changes no code, context, rule or decision.
      expect(r.codes.map((c: any) => [c.code, c.context, c.rule, c.decision])).toEqual(plain[i].codes.map((c: any) => [c.code, c.context, c.rule, c.decision]));
    });
    expect(codes).toBeGreaterThan(8);
    // The names before it shorten the text: the offsets really moved.
    const shifted = records.filter((r: any, i: number) => r.start !== plain[i].start);
    expect(shifted.length).toBeGreaterThan(5);
  });

  it('writes the CSV with the same rows, its texts redacted and its offsets mapped', () => {
    const [header, ...rows] = parseCsv(files['redacted.csv']);
    const [, ...plainRows] = parseCsv(files['plain.csv']);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(plainRows.length);
    const cell = (row: string[], column: (typeof CSV_COLUMNS)[number]) => row[CSV_COLUMNS.indexOf(column)];
    for (const row of rows) {
      const start = Number(cell(row, 'segment_start'));
      const text = cell(row, 'text');
      expect(Number(cell(row, 'segment_end')) - start).toBe(text.length);
      expect(text.slice(Number(cell(row, 'evidence_start')) - start, Number(cell(row, 'evidence_end')) - start)).toBe(cell(row, 'evidence'));
    }
  });

  it('records each export as redacted or not', () => {
    const db = openDatabase(dbPath);
    try {
      expect(listExports(db).map((e) => [e.format, e.redacted])).toEqual([
        ['jsonl', true], ['jsonl', false], ['csv', true], ['csv', false],
      ]);
    } finally {
      db.close();
    }
  });
});

/** A minimal RFC 4180 reader (quoted cells, doubled quotes, CRLF rows). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += ch;
  }
  return rows;
}
