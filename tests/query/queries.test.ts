// The analysts' queries on corpus-sample, checked against counts made by hand or by independent
// means (the generator's own text in corpus-sample/expected.json), not by the query code.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { loadCodebook } from '../../pipeline/codebook.js';
import { openDatabase, type Db } from '../../pipeline/store/db.js';
import { addDecision } from '../../pipeline/store/decisions.js';
import { cooccurrence, crosstab, kwic, prevalence, quality, recommendations, recommendationSegments } from '../../pipeline/query/queries.js';
import { renderResult } from '../../pipeline/query/render.js';
import { ROOT, scrcode, tempDir } from '../helpers/cli.js';

interface ExpectedFile { file: string; expectedStatus: string; blocks: { text: string }[]; profile: Record<string, unknown>; recommendationsCount: number }
const expected = (JSON.parse(readFileSync(join(ROOT, 'corpus-sample', 'expected.json'), 'utf8')) as { files: ExpectedFile[] }).files.filter((f) => f.expectedStatus === 'coded');
const codebook = loadCodebook();

let dir: string;
let dbPath: string;
let db: Db;

/** Proposed (segment index, code) pairs of a document, from the proposals table directly. */
function proposedPairs(file: string, asserted = true): { sha: string; idx: number; code: string }[] {
  return db.prepare(
    `SELECT DISTINCT d.sha256 AS sha, s.idx, p.code FROM proposals p JOIN segments s ON s.id = p.segment_id JOIN documents d ON d.id = s.document_id
     WHERE d.file_name = ? ${asserted ? "AND p.context = 'asserted'" : ''} ORDER BY s.idx, p.code`,
  ).all(file) as { sha: string; idx: number; code: string }[];
}

beforeAll(() => {
  dir = tempDir('scrcode-query-');
  dbPath = join(dir, 'cs.db');
  const r = scrcode(['run', join(ROOT, 'corpus-sample'), '--db', dbPath, '--quiet', '--allow-skipped']);
  if (r.status !== 0) throw new Error(r.stderr);
  db = openDatabase(dbPath);
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('kwic', () => {
  it('finds every occurrence of a term, counted independently in the generator text', () => {
    const byHand = expected.reduce((n, f) => n + f.blocks.reduce((m, b) => m + (b.text.match(/\btemporary accommodations?\b/gi)?.length ?? 0), 0), 0);
    expect(byHand).toBe(11);
    const r = kwic(db, codebook, { term: 'temporary accommodation', basis: 'proposed' });
    expect(r.rows).toHaveLength(byHand);
    for (const row of r.rows) expect(String(row[5]).toLowerCase()).toMatch(/^temporary accommodations?$/);
    expect(r.columns).toEqual(['document', 'section', 'page', 'paragraph', 'left', 'keyword', 'right']);
  });

  it('finds a multi-word term with a possessive ("children\'s social care"), counted independently', () => {
    const byHand = expected.reduce((n, f) => n + f.blocks.reduce((m, b) => m + (b.text.match(/\bchildren['’]s social care\b/gi)?.length ?? 0), 0), 0);
    expect(byHand).toBeGreaterThan(5);
    expect(kwic(db, codebook, { term: "children's social care", basis: 'proposed' }).rows).toHaveLength(byHand);
  });

  it('shows a code by its evidence, one line per segment that has it', () => {
    const segments = (db.prepare(`SELECT count(DISTINCT segment_id) FROM proposals WHERE code = 'immigration' AND context = 'asserted'`).pluck().get() as number);
    const r = kwic(db, codebook, { code: 'immigration', basis: 'proposed' });
    expect(r.rows).toHaveLength(segments);
    expect(() => kwic(db, codebook, { code: 'no_such_code', basis: 'proposed' })).toThrow(/unknown code/);
  });
});

describe('prevalence, co-occurrence and crosstabs with reviewer decisions', () => {
  beforeAll(() => {
    // Hand-made decisions: confirm two neglect pairs in maddersley and one in corrowby, reject one, add a code to a segment.
    const mad = proposedPairs('maddersley_scr_child_k.pdf').filter((p) => p.code === 'neglect');
    const cor = proposedPairs('corrowby_scr_baby_e.pdf').filter((p) => p.code === 'neglect');
    expect(mad.length).toBeGreaterThanOrEqual(3);
    expect(cor.length).toBeGreaterThanOrEqual(1);
    const decide = (p: { sha: string; idx: number }, code: string, action: 'confirm' | 'reject' | 'add') =>
      addDecision(db, { documentSha256: p.sha, segmentIndex: p.idx, code, action, reviewer: 'ann' });
    decide(mad[0], 'neglect', 'confirm');
    decide(mad[1], 'neglect', 'confirm');
    decide(mad[2], 'neglect', 'reject');
    decide(cor[0], 'neglect', 'confirm');
    // On the first confirmed maddersley segment, a reviewer adds faith_culture: it co-occurs with neglect there.
    decide(mad[0], 'faith_culture', 'add');
  });

  it('counts proposed and confirmed apart', () => {
    const r = prevalence(db, codebook);
    const row = (code: string) => r.rows.find((x) => x[0] === code)!;
    const proposedSegments = (code: string) => db.prepare(`SELECT count(DISTINCT segment_id) FROM proposals WHERE code = ? AND context = 'asserted'`).pluck().get(code);
    const proposedDocs = (code: string) => db.prepare(`SELECT count(DISTINCT s.document_id) FROM proposals p JOIN segments s ON s.id = p.segment_id WHERE code = ? AND context = 'asserted'`).pluck().get(code);
    // In force: the proposals with the decisions applied — one neglect pair fewer (rejected).
    expect(row('neglect').slice(0, 6)).toEqual(['neglect', 'risk factor', proposedDocs('neglect'), proposedSegments('neglect'), 2, 3]);
    expect(row('neglect')[7]).toBe((proposedSegments('neglect') as number) - 1);
    expect(row('faith_culture').slice(4, 6)).toEqual([1, 1]);
    expect(row('domestic_violence').slice(4, 6)).toEqual([0, 0]);
    expect(row('domestic_violence').slice(6)).toEqual(row('domestic_violence').slice(2, 4));
    expect(r.title).toContain('6 coded document(s)');
  });

  it('counts co-occurrence of confirmed codes in the same segment and the same document', () => {
    const seg = cooccurrence(db, codebook, 'segment', 'confirmed');
    // Pairs are in codebook order: themes first.
    expect(seg.rows).toEqual([['faith_culture', 'neglect', 1, 1, 3, 0.333]]);
    const doc = cooccurrence(db, codebook, 'document', 'confirmed');
    expect(doc.rows).toEqual([['faith_culture', 'neglect', 1, 1, 2, 0.5]]);
  });

  it('crosstabs codes by outcome and area from the profile sheet, corrections applied', () => {
    // The profile sheet's values as a reviewer would set them: from the generator's own profiles.
    const sha = (file: string) => db.prepare('SELECT sha256 FROM documents WHERE file_name = ?').pluck().get(file) as string;
    for (const f of expected) {
      for (const field of ['outcome', 'area']) {
        db.prepare('INSERT INTO profile_decisions (document_sha256, field, value, reviewer) VALUES (?, ?, ?, ?)').run(sha(f.file), field, JSON.stringify(f.profile[field]), 'ann');
      }
    }
    const died = expected.filter((f) => f.profile.outcome === 'died').map((f) => f.file).sort();
    expect(died).toEqual(['corrowby_scr_baby_e.pdf', 'maddersley_scr_child_k.pdf']);
    const r = crosstab(db, codebook, 'outcome', 'confirmed');
    expect(r.columns).toEqual(['code', 'died', 'seriously_harmed']);
    expect(r.rows[0]).toEqual(['documents in group', 2, 4]);
    expect(r.rows.find((x) => x[0] === 'neglect')).toEqual(['neglect', 2, 0]);
    expect(r.rows.find((x) => x[0] === 'faith_culture')).toEqual(['faith_culture', 1, 0]);
    const byArea = crosstab(db, codebook, 'area', 'confirmed');
    expect(byArea.columns).toContain('Maddersley LSCB');
    expect(byArea.rows[0].slice(1).reduce((a, b) => (a as number) + (b as number), 0)).toBe(6);
    // Years come from the extracted review dates (completed, else commissioned): as the hand-made record has them.
    const byYear = crosstab(db, codebook, 'year', 'proposed');
    const years = [...new Set(expected.map((f) => String(f.profile.review_completed).slice(0, 4)))].sort();
    expect(byYear.columns).toEqual(['code', ...years]);
    expect(byYear.rows[0].slice(1)).toEqual(years.map((y) => expected.filter((f) => String(f.profile.review_completed).startsWith(y)).length));
  });

  it('crosstabs by section count segments', () => {
    const r = crosstab(db, codebook, 'section', 'confirmed');
    const sections = db.prepare(
      `SELECT s.section FROM decisions d JOIN segments s ON s.idx = d.segment_idx JOIN documents doc ON doc.id = s.document_id AND doc.sha256 = d.document_sha256
       WHERE d.code = 'neglect' AND d.action = 'confirm'`,
    ).pluck().all() as string[];
    const neglect = r.rows.find((x) => x[0] === 'neglect')!;
    const total = (neglect.slice(1) as number[]).reduce((a, b) => a + b, 0);
    expect(total).toBe(3);
    for (const s of new Set(sections)) expect(neglect[r.columns.indexOf(s)]).toBe(sections.filter((x) => x === s).length);
  });
});

describe('recommendations', () => {
  it('finds each report\'s recommendations as the hand-made record counts them, and whom each is addressed to', () => {
    const perDoc = new Map<string, number>();
    for (const r of recommendationSegments(db)) perDoc.set(r.fileName, (perDoc.get(r.fileName) ?? 0) + 1);
    expect(Object.fromEntries(perDoc)).toEqual(Object.fromEntries(expected.map((f) => [f.file, f.recommendationsCount])));
    const r = recommendations(db, codebook, 'proposed');
    const addressed = (file: string, start: string) => [...new Set(r.rows.filter((x) => x[2] === file && String(x[4]).startsWith(start)).map((x) => x[1]))];
    // "7.2 Corrowby Police should ensure that notifications … reach children's social care": for the police.
    expect(addressed('corrowby_scr_baby_e.pdf', '7.2')).toEqual(['police']);
    // A recommendations table row: its Agency column ("… Housing 3 months").
    expect(addressed('ambersett_scr_family_p.docx', '2 Notify')).toEqual(['housing']);
    expect(addressed('maddersley_scr_child_k.pdf', '8.5')).toEqual(['not named']);
    expect(r.columns).toEqual(['theme', 'addressed to', 'document', 'paragraph', 'recommendation']);
  });
});

describe('quality', () => {
  it('lists the standard sections each report has (checked by hand for ambersett)', () => {
    const r = quality(db);
    const ambersett = r.rows.find((x) => x[0] === 'ambersett_scr_family_p.docx')!;
    // Headings: 1. Introduction, 2. The family, 3. Summary of agency involvement, 4. Findings and analysis, 5. Lessons learned, 6. Recommendations.
    expect(ambersett.slice(0, 12)).toEqual(['ambersett_scr_family_p.docx', '5/10', 'X', 'X', 'X', '.', 'X', '.', '.', '.', '.', 'X']);
    expect(r.rows).toHaveLength(6);
  });
});

describe('output and the CLI', () => {
  it('renders CSV and JSON that parse back, and a table that says its basis', () => {
    const r = prevalence(db, codebook);
    const csv = renderResult(r, 'csv').trim().split('\r\n');
    expect(csv[0]).toBe('code,kind,documents (proposed),segments (proposed),documents (confirmed),segments (confirmed),documents (in force),segments (in force)');
    expect(csv).toHaveLength(27);
    const json = JSON.parse(renderResult(r, 'json'));
    expect(json.rows[0]).toMatchObject({ code: 'information_sharing', kind: 'theme' });
    expect(renderResult(crosstab(db, codebook, 'section', 'confirmed'), 'table')).toContain('Counts: confirmed codes only');
  });

  it('runs queries and read-only SQL from the command line, refusing writes', () => {
    const q = scrcode(['query', 'crosstab', '--by', 'outcome', '--basis', 'confirmed', '--format', 'json', '--db', dbPath]);
    expect(q.status).toBe(0);
    expect(JSON.parse(q.stdout).rows[0]).toEqual({ code: 'documents in group', died: 2, seriously_harmed: 4 });
    expect(scrcode(['query', 'crosstab', '--db', dbPath]).status).toBe(2);
    expect(scrcode(['query', 'nonsense', '--db', dbPath]).status).toBe(2);
    const sql = scrcode(['sql', "SELECT status, count(*) AS n FROM documents GROUP BY status ORDER BY status", '--format', 'csv', '--db', dbPath]);
    expect(sql.stdout).toBe('status,n\r\ncoded,6\r\nneeds_ocr,1\r\n');
    for (const write of ['DELETE FROM documents', "UPDATE documents SET status = 'coded'", 'DROP TABLE exports', "ATTACH DATABASE '/tmp/x.db' AS x"]) {
      const r = scrcode(['sql', write, '--db', dbPath]);
      expect(r.status, write).toBe(1);
    }
    const check = new Database(dbPath, { readonly: true });
    expect(check.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(7);
    check.close();
  });
});
