// The annual report on corpus-sample: its numbers against counts made by hand (the generator's
// own record of each report, corpus-sample/expected.json), after a reviewer has worked the
// risk-factor checklist into agreement with it; the HTML opened in Chromium (screenshot under
// out/); quotes and free text redacted, tested with sentinel names.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { loadCodebook } from '../../pipeline/codebook.js';
import { openDatabase, type Db } from '../../pipeline/store/db.js';
import { addDecision } from '../../pipeline/store/decisions.js';
import { buildReport, type ReportBars, type ReportModel, type ReportTable } from '../../pipeline/report/build.js';
import { listExports } from '../../pipeline/store/exports.js';
import { ROOT, scrcode, tempDir } from '../helpers/cli.js';

interface ExpectedFile { file: string; expectedStatus: string; riskFactors: { present: string[] }; profile: Record<string, any> }
const expected = (JSON.parse(readFileSync(join(ROOT, 'corpus-sample', 'expected.json'), 'utf8')) as { files: ExpectedFile[] }).files.filter((f) => f.expectedStatus === 'coded');
const codebook = loadCodebook();
const SENTINELS = ['Zebedee', 'Quarrington', 'Ottoline', 'Vanstraaten'];

let dir: string;
let dbPath: string;
let db: Db;

function block<T>(m: ReportModel, section: string, caption: string): T {
  const b = m.sections.find((s) => s.id === section)!.blocks.find((x) => x.caption === caption);
  if (!b) throw new Error(`no block "${caption}" in section ${section}`);
  return b as T;
}

/** A reviewer works each review's risk-factor checklist into agreement with the hand-made record. */
function reviewChecklists(): void {
  for (const f of expected) {
    const doc = db.prepare('SELECT id, sha256 FROM documents WHERE file_name = ?').get(f.file) as { id: number; sha256: string };
    for (const rf of codebook.riskFactors) {
      const asserted = db.prepare(
        `SELECT DISTINCT s.idx FROM proposals p JOIN segments s ON s.id = p.segment_id WHERE s.document_id = ? AND p.code = ? AND p.context = 'asserted' ORDER BY s.idx`,
      ).pluck().all(doc.id, rf) as number[];
      const decide = (idx: number, action: 'confirm' | 'reject' | 'add') => addDecision(db, { documentSha256: doc.sha256, segmentIndex: idx, code: rf, action, reviewer: 'ann', context: action === 'add' ? 'asserted' : null });
      if (!f.riskFactors.present.includes(rf)) for (const idx of asserted) decide(idx, 'reject');
      else if (asserted.length) decide(asserted[0], 'confirm');
      else decide(db.prepare(`SELECT idx FROM segments WHERE document_id = ? AND kind = 'paragraph' ORDER BY idx LIMIT 1`).pluck().get(doc.id) as number, 'add');
    }
  }
}

beforeAll(() => {
  dir = tempDir('scrcode-report-');
  dbPath = join(dir, 'cs.db');
  for (const input of [join(ROOT, 'corpus-sample'), join(ROOT, 'tests', 'fixtures', 'redact')]) {
    const r = scrcode(['run', input, '--db', dbPath, '--quiet', '--allow-skipped']);
    if (r.status !== 0) throw new Error(r.stderr);
  }
  db = openDatabase(dbPath);
  reviewChecklists();
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the report model on corpus-sample', () => {
  const model = () => buildReport(db, codebook, { basis: 'confirmed', suppressBelow: 0, redacted: false, redactor: { quote: () => '', text: (_id: number, t: string) => t, freeText: (_id: number, t: string) => t }, now: new Date('2026-01-01') });

  it('counts risk factors, on confirmed codes, exactly as the hand-made record does', () => {
    const m = model();
    const bars = block<ReportBars>(m, 'risk-factors', 'Reviews in which each risk factor was present');
    expect(bars.basis).toMatch(/confirmed codes only/);
    for (const rf of codebook.riskFactors) {
      const label = codebook.codes.find((c) => c.id === rf)!.label;
      const byHand = expected.filter((f) => f.riskFactors.present.includes(rf)).length;
      expect(bars.bars.find((b) => b.label === label)!.value, rf).toBe(byHand);
    }
    const checklist = block<ReportTable>(m, 'risk-factors', 'Risk-factor checklist for every review');
    const ambersett = checklist.rows.find((r) => r[0] === 'ambersett_scr_family_p.docx')!;
    expect(codebook.riskFactors.filter((_, i) => ambersett[i + 1] === 'X')).toEqual(['bme', 'domestic_violence', 'temporary_accommodation', 'immigration']);
  });

  it('tabulates the children from the profile sheets as the hand-made record states them', () => {
    const m = model();
    const table = (caption: string) => Object.fromEntries(block<ReportTable>(m, 'reviews', caption).rows.map((r) => [r[0], Number(r[1])]));
    // corpus-sample's six reviews (expected.json) plus the redaction fixture, read by hand: Child P,
    // aged 22 months (band 1–4), a fractured femur (seriously harmed); no gender or ethnicity stated.
    const fixture: Record<string, string> = { outcome: 'seriously_harmed', gender: 'not stated', ethnicity: 'not stated', band: '1–4' };
    const band = (months: number) => (months < 12 ? 'under 1' : months < 60 ? '1–4' : months < 120 ? '5–9' : months < 180 ? '10–14' : '15–17');
    const tally = (valueOf: (f: ExpectedFile) => string, extra: string) => {
      const out: Record<string, number> = {};
      for (const v of [...expected.map(valueOf), extra]) out[v] = (out[v] ?? 0) + 1;
      return out;
    };
    expect(table('Outcome')).toEqual(tally((f) => f.profile.outcome, fixture.outcome));
    expect(table('Gender')).toEqual(tally((f) => f.profile.gender ?? 'not stated', fixture.gender));
    // Ethnicity "as the report words it": the extractor's wording differs from the record's for two
    // reviews ("Bangladeshi heritage" / "British Bangladeshi"), so only stated vs not stated is exact here.
    const ethnicity = table('Ethnicity, as the reports state it');
    expect(ethnicity['not stated'] ?? 0).toBe(tally((f) => (f.profile.ethnicity ? 'stated' : 'not stated'), 'not stated')['not stated']);
    expect(table('Age of the child')).toEqual(tally((f) => band(f.profile.child_age_months), fixture.band));
    expect(m.reviews).toBe(7);
  });

  it('suppresses small counts when asked — shown as "<5", drawn as nothing, no row per review — and keeps zeros', () => {
    const m = buildReport(db, codebook, { basis: 'confirmed', suppressBelow: 5, redacted: false, redactor: { quote: () => '', text: (_id: number, t: string) => t, freeText: (_id: number, t: string) => t } });
    const bars = block<ReportBars>(m, 'risk-factors', 'Reviews in which each risk factor was present');
    for (const rf of codebook.riskFactors) {
      const byHand = expected.filter((f) => f.riskFactors.present.includes(rf)).length;
      const bar = bars.bars.find((b) => b.label === codebook.codes.find((c) => c.id === rf)!.label)!;
      expect([bar.shown, bar.value], rf).toEqual(byHand > 0 && byHand < 5 ? ['<5', 0] : [String(byHand), byHand]);
    }
    expect(() => block(m, 'risk-factors', 'Risk-factor checklist for every review')).toThrow(/no block/);
    expect(() => block(m, 'reviews', 'The reviews')).toThrow(/no block/);
    const outcome = block<ReportTable>(m, 'reviews', 'Outcome');
    expect(outcome.rows.find((r) => r[0] === 'died')![1]).toBe('<5');
  });
});

describe('scrcode report', () => {
  it('writes self-contained HTML and Markdown, redacted by default, records them, and the HTML renders offline in Chromium', async () => {
    const out = join(dir, 'report');
    const r = scrcode(['report', '--db', dbPath, '--out', out, '--basis', 'confirmed']);
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(join(out, 'scrcode-report.html'), 'utf8');
    const md = readFileSync(join(out, 'scrcode-report.md'), 'utf8');
    expect(html).not.toMatch(/<script|<link|src=|@import|url\(/i);
    expect(html).toContain('<svg');
    for (const text of [html, md]) {
      expect(text).toContain('Counts: confirmed codes only');
      expect(text).toContain('Quotes are redacted');
      for (const name of SENTINELS) expect(text.toLowerCase(), name).not.toContain(name.toLowerCase());
    }
    expect(listExports(db).filter((e) => e.format.startsWith('report-')).map((e) => [e.format, e.redacted, e.rows])).toEqual([['report-html', true, 7], ['report-md', true, 7]]);

    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (req) => requests.push(req.url()));
      await page.goto(`file://${join(out, 'scrcode-report.html')}`);
      await expect.poll(() => page.locator('svg').count()).toBeGreaterThan(2);
      expect(requests.every((u) => u.startsWith('file://'))).toBe(true);
      mkdirSync(join(ROOT, 'out'), { recursive: true });
      const shot = join(ROOT, 'out', 'report.png');
      await page.screenshot({ path: shot, fullPage: false });
      expect(statSync(shot).size).toBeGreaterThan(10_000);
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.length).toBeGreaterThan(10_000);
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('shows the sentinel names without redaction, so the redaction test can fail', () => {
    const out = join(dir, 'plain');
    expect(scrcode(['report', '--db', dbPath, '--out', out, '--no-redact']).status).toBe(0);
    const html = readFileSync(join(out, 'scrcode-report.html'), 'utf8');
    // The fixture's file name carries a family name: shown as it is only without redaction.
    expect(SENTINELS.some((name) => html.toLowerCase().includes(name.toLowerCase()))).toBe(true);
    expect(html).toContain('Quotes are NOT redacted');
  });

  it('keeps only the reviews of a year, and refuses a bad year', () => {
    const out = join(dir, 'year');
    const year = Number(String(expected.find((f) => f.file.startsWith('maddersley'))!.profile.review_completed).slice(0, 4));
    expect(scrcode(['report', '--db', dbPath, '--out', out, '--year', String(year)]).status).toBe(0);
    expect(existsSync(join(out, `scrcode-report-${year}.html`))).toBe(true);
    const sameYear = expected.filter((f) => String(f.profile.review_completed).startsWith(String(year))).length;
    expect(readFileSync(join(out, `scrcode-report-${year}.md`), 'utf8')).toContain(`${sameYear} review(s) completed in ${year}`);
    expect(scrcode(['report', '--db', dbPath, '--year', 'twenty']).status).toBe(2);
  });
});
