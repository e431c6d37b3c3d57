// The annual report on corpus-sample: its numbers against counts made by hand (the generator's
// own record of each report, corpus-sample/expected.json). A reviewer corrects only the
// checklist cells where the pipeline disagrees with that record, so the counts in force come
// mostly from proposals no one touched, and the confirmed-only counts are the corrections alone.
// The HTML opened in Chromium (screenshot under out/); quotes and free text redacted, tested
// with sentinel names.
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
/** The redaction fixture's risk factors, read by hand: police called after arguments and a MARAC referral, temporary accommodation, drinking heavily, depression. */
const FIXTURE = { file: 'fernmoor_scr_child_p_quarrington.txt', riskFactors: { present: ['domestic_violence', 'temporary_accommodation', 'substance_misuse', 'mental_ill_health'] } };
/** Every coded review's checklist by hand: corpus-sample's record and the fixture. */
const checklists = [...expected, FIXTURE];

let dir: string;
let dbPath: string;
let db: Db;

function block<T>(m: ReportModel, section: string, caption: string): T {
  const b = m.sections.find((s) => s.id === section)!.blocks.find((x) => x.caption === caption);
  if (!b) throw new Error(`no block "${caption}" in section ${section}`);
  return b as T;
}

/** The checklist cells a reviewer added: present in the hand-made record, asserted by no proposal. */
const added: { file: string; rf: string }[] = [];
/** The cells whose proposals a reviewer rejected: asserted by a proposal, absent from the record. */
const rejected: { file: string; rf: string }[] = [];

/** A reviewer corrects each review's risk-factor checklist where it disagrees with the hand-made record, and decides nothing else. */
function reviewChecklists(): void {
  for (const f of checklists) {
    const doc = db.prepare('SELECT id, sha256 FROM documents WHERE file_name = ?').get(f.file) as { id: number; sha256: string };
    for (const rf of codebook.riskFactors) {
      const asserted = db.prepare(
        `SELECT DISTINCT s.idx FROM proposals p JOIN segments s ON s.id = p.segment_id WHERE s.document_id = ? AND p.code = ? AND p.context = 'asserted' ORDER BY s.idx`,
      ).pluck().all(doc.id, rf) as number[];
      const decide = (idx: number, action: 'confirm' | 'reject' | 'add') => addDecision(db, { documentSha256: doc.sha256, segmentIndex: idx, code: rf, action, reviewer: 'ann', context: action === 'add' ? 'asserted' : null });
      if (!f.riskFactors.present.includes(rf)) {
        for (const idx of asserted) decide(idx, 'reject');
        if (asserted.length) rejected.push({ file: f.file, rf });
      } else if (!asserted.length) {
        added.push({ file: f.file, rf });
        decide(db.prepare(`SELECT idx FROM segments WHERE document_id = ? AND kind = 'paragraph' ORDER BY idx LIMIT 1`).pluck().get(doc.id) as number, 'add');
      }
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
  const plain = { quote: () => '', text: (_id: number, t: string) => t, freeText: (_id: number, t: string) => t };
  const model = (basis: 'in_force' | 'confirmed' | 'proposed' = 'in_force') => buildReport(db, codebook, { basis, suppressBelow: 0, redacted: false, redactor: plain, now: new Date('2026-01-01') });
  const riskFactorBars = (m: ReportModel) => {
    const bars = block<ReportBars>(m, 'risk-factors', 'Reviews in which each risk factor was present');
    return { basis: bars.basis, value: (rf: string) => bars.bars.find((b) => b.label === codebook.codes.find((c) => c.id === rf)!.label)!.value };
  };

  it('the reviewer had something to correct, and left most cells to the pipeline', () => {
    expect(added.length + rejected.length).toBeGreaterThan(0);
    const present = checklists.reduce((n, f) => n + f.riskFactors.present.length, 0);
    expect(added.length).toBeLessThan(present / 2);
  });

  it('counts risk factors in force (proposals with the corrections) exactly as the hand-made record does', () => {
    const bars = riskFactorBars(model());
    expect(bars.basis).toMatch(/reviewers' decisions applied/);
    for (const rf of codebook.riskFactors) expect(bars.value(rf), rf).toBe(checklists.filter((f) => f.riskFactors.present.includes(rf)).length);
  });

  it('counts only the corrections on confirmed codes, and the proposals as made on proposed', () => {
    const confirmed = riskFactorBars(model('confirmed'));
    expect(confirmed.basis).toMatch(/confirmed codes only/);
    for (const rf of codebook.riskFactors) expect(confirmed.value(rf), rf).toBe(added.filter((a) => a.rf === rf).length);
    const proposed = riskFactorBars(model('proposed'));
    for (const rf of codebook.riskFactors) {
      const byHand = checklists.filter((f) => f.riskFactors.present.includes(rf)).length - added.filter((a) => a.rf === rf).length + rejected.filter((r) => r.rf === rf).length;
      expect(proposed.value(rf), rf).toBe(byHand);
    }
  });

  it('shows each review\'s checklist', () => {
    const m = model();
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
    // Ethnicity as the report words it: for two reviews the record gives a category where the
    // text words it otherwise (read by hand; tests/profile/export.test.ts checks the same values).
    const worded: Record<string, string> = { 'ambersett_scr_family_p.docx': 'Bangladeshi heritage', 'greyholm_lcspr_child_t.docx': 'Black British, of Caribbean heritage' };
    expect(table('Ethnicity, as the reports state it')).toEqual(tally((f) => worded[f.file] ?? f.profile.ethnicity ?? 'not stated', fixture.ethnicity));
    expect(table('Age of the child')).toEqual(tally((f) => band(f.profile.child_age_months), fixture.band));
    expect(m.reviews).toBe(7);
  });

  it('suppresses small counts when asked — shown as "<5", drawn as nothing, no row per review — and keeps zeros', () => {
    const m = buildReport(db, codebook, { basis: 'in_force', suppressBelow: 5, redacted: false, redactor: plain });
    const bars = block<ReportBars>(m, 'risk-factors', 'Reviews in which each risk factor was present');
    for (const rf of codebook.riskFactors) {
      const byHand = checklists.filter((f) => f.riskFactors.present.includes(rf)).length;
      const bar = bars.bars.find((b) => b.label === codebook.codes.find((c) => c.id === rf)!.label)!;
      expect([bar.shown, bar.value], rf).toEqual(byHand > 0 && byHand < 5 ? ['<5', 0] : [String(byHand), byHand]);
    }
    expect(() => block(m, 'risk-factors', 'Risk-factor checklist for every review')).toThrow(/no block/);
    expect(() => block(m, 'reviews', 'The reviews')).toThrow(/no block/);
    // By hand (expected.json and the fixture): 2 died, 5 seriously harmed, of 7. Showing the 5
    // with the total would give the 2 away, so it is hidden too.
    const outcome = block<ReportTable>(m, 'reviews', 'Outcome');
    expect(Object.fromEntries(outcome.rows)).toEqual({ died: '<5', seriously_harmed: '[c]' });
    expect(outcome.notes.join(' ')).toMatch(/cannot be worked out from the total/);
    // In every table that counts each review once, the hidden cells are never a single one.
    for (const caption of ['Age of the child', 'Gender', 'Ethnicity, as the reports state it', 'Outcome']) {
      const rows = block<ReportTable>(m, 'reviews', caption).rows;
      const hidden = rows.filter((r) => typeof r[1] === 'string' && /^(<5|\[c\])$/.test(r[1]));
      expect(hidden.length === 0 || hidden.length >= 2, caption).toBe(true);
      expect(rows.filter((r) => /^\d+$/.test(String(r[1])) && Number(r[1]) > 0 && Number(r[1]) < 5), caption).toEqual([]);
    }
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
