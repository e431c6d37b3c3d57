// The code-by-document matrix (0/1 and counts), through the real CLI, against hand-counted
// expectations on a small hand-made database, and redacted on a report the real CLI coded.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCodebook } from '../../pipeline/codebook.js';
import { addDecision } from '../../pipeline/store/decisions.js';
import { recordFailedDocument, storeCodedDocument } from '../../pipeline/store/documents.js';
import { openDatabase } from '../../pipeline/store/db.js';
import { listExports } from '../../pipeline/store/exports.js';
import { ROOT, scrcode, tempDir } from '../helpers/cli.js';
import { type TempDb, finding, sampleInput, tempDb } from '../store/fixtures.js';

const codebook = loadCodebook();
let t: TempDb;
const sha: Record<string, string> = {};

/**
 * Report A (path /reports/a_report.pdf), segment by segment:
 *   1 domestic_violence asserted (two mentions), multi_agency_working      — reviewer confirms DV
 *   2 substance_misuse negated                                              — reviewer adds neglect
 *   3 mental_ill_health asserted, information_sharing                       — reviewer rejects IS, sets MIH to negated
 *   4 information_sharing, temporary_accommodation asserted
 *   5 domestic_violence hypothetical
 *   6 information_sharing, temporary_accommodation asserted                 — TA rejected, then the rejection withdrawn
 * Report B, named like a spreadsheet formula: supervision in a generic context (a theme counts in any context).
 * Report C: coded, no code at all. A failed file: no row.
 */
const A_PARAGRAPHS = [
  'Findings',
  'Police were called after an argument. A MARAC referral followed.',
  'There was no evidence that either parent misused drugs.',
  'The mother had depression. The GP did not share this.',
  'Records were not passed on when the family moved to a hostel.',
  'Should domestic abuse be disclosed, a referral would be made.',
  'Information was shared late with the school; the family went to a hostel again.',
];

beforeAll(() => {
  t = tempDb();
  const db = t.db;
  const a = sampleInput('a_report.pdf', A_PARAGRAPHS);
  const f = (seg: number, phrase: string, code: string, context?: 'negated' | 'hypothetical' | 'generic') => finding(a.segmented, seg, phrase, code, { context });
  a.findings = [
    f(1, 'Police were called after an argument', 'domestic_violence'), f(1, 'MARAC', 'domestic_violence'), f(1, 'MARAC referral', 'multi_agency_working'),
    f(2, 'misused drugs', 'substance_misuse', 'negated'),
    f(3, 'depression', 'mental_ill_health'), f(3, 'did not share', 'information_sharing'),
    f(4, 'not passed on', 'information_sharing'), f(4, 'hostel', 'temporary_accommodation'),
    f(5, 'domestic abuse', 'domestic_violence', 'hypothetical'),
    f(6, 'shared late', 'information_sharing'), f(6, 'hostel', 'temporary_accommodation'),
  ];
  const b = sampleInput('=HYPERLINK("http://x")+1.pdf', ['Findings', 'Supervision of the social worker was poor in general.']);
  b.findings = [finding(b.segmented, 1, 'Supervision', 'supervision', { context: 'generic' })];
  const c = sampleInput('c_report.pdf', ['Findings', 'Nothing of note.']);
  for (const doc of [c, b, a]) storeCodedDocument(db, doc);
  recordFailedDocument(db, { sha256: null, fileName: 'broken.pdf', path: '/reports/broken.pdf', status: 'corrupt', reason: 'bad xref' });
  Object.assign(sha, { a: a.sha256, b: b.sha256, c: c.sha256 });

  const decide = (segmentIndex: number, action: 'confirm' | 'reject' | 'add' | 'set_context' | 'withdraw', code: string, extra = {}) =>
    addDecision(db, { documentSha256: a.sha256, segmentIndex, action, code, reviewer: 'r.patel', ...extra });
  decide(1, 'confirm', 'domestic_violence');
  decide(2, 'add', 'neglect');
  decide(3, 'reject', 'information_sharing');
  decide(3, 'set_context', 'mental_ill_health', { context: 'negated' });
  const rejected = decide(6, 'reject', 'temporary_accommodation');
  decide(6, 'withdraw', 'temporary_accommodation', { basedOn: rejected });
  t.db.close();
});

afterAll(() => t.cleanup());

/** Runs the CLI export and returns its rows as cells, the header first. */
function matrix(format: 'matrix' | 'matrix-counts'): string[][] {
  const r = scrcode(['export', '--format', format, '--db', t.path]);
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout.endsWith('\r\n')).toBe(true);
  return r.stdout.slice(0, -2).split('\r\n').map(splitSimpleCsv);
}

/** The matrix holds no commas or line breaks except inside the quoted document name of report B. */
function splitSimpleCsv(line: string): string[] {
  const cells: string[] = [];
  for (const m of line.matchAll(/"((?:[^"]|"")*)"|([^,]*)/g)) {
    if (m.index! > 0 && line[m.index! - 1] !== ',') continue;
    cells.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]);
  }
  return cells;
}

/** A row from the codes given (all others 0), in codebook order. */
const row = (values: Record<string, number>): string[] => codebook.codes.map((c) => String(values[c.id] ?? 0));

describe('scrcode export --format matrix / matrix-counts', () => {
  it('writes 0/1 per code and coded document, with the reviewers\' decisions applied', () => {
    const rows = matrix('matrix');
    expect(rows[0]).toEqual(['document', 'sha256', ...codebook.codes.map((c) => c.id)]);
    expect(rows.slice(1)).toEqual([
      // Rows in path order: "/reports/=HYPERLINK…" sorts before "/reports/a_report.pdf".
      [`'=HYPERLINK("http://x")+1.pdf`, sha.b, ...row({ supervision: 1 })],
      ['a_report.pdf', sha.a, ...row({ domestic_violence: 1, multi_agency_working: 1, neglect: 1, information_sharing: 1, temporary_accommodation: 1 })],
      ['c_report.pdf', sha.c, ...row({})],
    ]);
  });

  it('writes the number of segments per code and coded document', () => {
    expect(matrix('matrix-counts').slice(1)).toEqual([
      [`'=HYPERLINK("http://x")+1.pdf`, sha.b, ...row({ supervision: 1 })],
      // DV: segment 1 only (two mentions, one segment; segment 5 hypothetical). IS: 4 and 6 (3 rejected).
      // TA: 4 and 6 (the rejection withdrawn). MIH: set to negated. Substance misuse: negated.
      ['a_report.pdf', sha.a, ...row({ domestic_violence: 1, multi_agency_working: 1, neglect: 1, information_sharing: 2, temporary_accommodation: 2 })],
      ['c_report.pdf', sha.c, ...row({})],
    ]);
  });

  it('guards the document name against spreadsheet formulas and records each export', () => {
    const line = scrcode(['export', '--format', 'matrix', '--db', t.path]).stdout.split('\r\n')[1];
    expect(line.startsWith(`"'=HYPERLINK(""http://x"")+1.pdf",`)).toBe(true);
    const db = openDatabase(t.path);
    try {
      const records = listExports(db).filter((r) => r.format.startsWith('matrix'));
      expect(records.map((r) => [r.format, r.target, r.rows])).toEqual([
        ['matrix', 'stdout', 3], ['matrix-counts', 'stdout', 3], ['matrix', 'stdout', 3],
      ]);
    } finally {
      db.close();
    }
  });
});

describe('scrcode export --format matrix / matrix-counts --redact', () => {
  // The report's file name carries the family's surname; its text names the people.
  const REPORT = 'fernmoor_scr_child_p_quarrington.txt';
  let dir: string;
  let dbPath: string;
  let sha256: string;
  beforeAll(() => {
    dir = tempDir('scrcode-matrix-redact-');
    dbPath = join(dir, 'redact.db');
    const run = scrcode(['run', join(ROOT, 'tests', 'fixtures', 'redact'), '--db', dbPath, '--quiet']);
    if (run.status !== 0) throw new Error(`coding the redaction fixture failed: ${run.stderr}`);
    const db = openDatabase(dbPath);
    try {
      const doc = db.prepare('SELECT sha256 FROM documents WHERE file_name = ?').get(REPORT) as { sha256: string };
      sha256 = doc.sha256;
      const last = db.prepare(`SELECT s.idx FROM segments s JOIN documents d ON d.id = s.document_id WHERE d.sha256 = ? AND s.paragraph = '4.1'`).pluck().get(sha256) as number;
      addDecision(db, { documentSha256: sha256, segmentIndex: last, action: 'reject', code: 'information_sharing', reviewer: 'r.patel', memo: 'A recommendation, not a finding about Zebedee Quarrington' });
    } finally {
      db.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const exportMatrix = (format: 'matrix' | 'matrix-counts', redact: boolean): string[][] => {
    const r = scrcode(['export', '--format', format, '--db', dbPath, ...(redact ? ['--redact'] : [])]);
    expect(r.status, r.stderr).toBe(0);
    return r.stdout.slice(0, -2).split('\r\n').map((line) => line.split(','));
  };

  it('writes the same cells with the person\'s name taken out of the document name, and records it as redacted', () => {
    // Hand-counted from the fixture's proposals (every one asserted): information sharing in 1.1, 3.1, 3.2 and 4.1, the
    // last rejected; multi-agency working in 1.1, 3.1 and 4.1; temporary accommodation in 2.1 and 3.4; the rest once.
    const counts = row({
      information_sharing: 3, multi_agency_working: 3, temporary_accommodation: 2, recording: 1, communication: 1, challenge_escalation: 1,
      recognising_harm: 1, domestic_violence: 1, mental_ill_health: 1, substance_misuse: 1,
    });
    const presence = counts.map((c) => (c === '0' ? '0' : '1'));
    expect(exportMatrix('matrix-counts', true).slice(1)).toEqual([['fernmoor_scr_child_p_redacted.txt', sha256, ...counts]]);
    expect(exportMatrix('matrix', true).slice(1)).toEqual([['fernmoor_scr_child_p_redacted.txt', sha256, ...presence]]);
    const plain = exportMatrix('matrix', false);
    expect(plain.slice(1)).toEqual([[REPORT, sha256, ...presence]]);
    expect(exportMatrix('matrix', true).flat().join(',').toLowerCase()).not.toContain('quarrington');
    const db = openDatabase(dbPath);
    try {
      expect(listExports(db).map((r) => [r.format, r.redacted, r.rows])).toEqual([
        ['matrix-counts', true, 1], ['matrix', true, 1], ['matrix', false, 1], ['matrix', true, 1],
      ]);
    } finally {
      db.close();
    }
  });
});
