// `scrcode export --format profiles` on the sample corpus, checked against corpus-sample/expected.json
// where the reports' text says the same, and against the text where it does not; and a lexicon
// change re-profiles stored documents on the next run.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { tokenF1 } from '../../pipeline/eval/profile.js';
import { loadCodebook } from '../../pipeline/codebook.js';
import { openDatabase } from '../../pipeline/store/db.js';
import { ROOT, scrcode, tempDir } from '../helpers/cli.js';
import { REVIEW_FIXTURES } from '../review/helpers.js';
import { lexicon } from './helpers.js';

const KEYS = ['document', 'area', 'child_age_months', 'gender', 'ethnicity', 'outcome', 'nature_of_harm', 'agencies', 'review_commissioned', 'review_completed', 'review_duration_days', 'recommendations_count', 'risk_factors_present'];
const EXACT = ['area', 'child_age_months', 'gender', 'ethnicity', 'outcome', 'review_commissioned', 'review_completed', 'review_duration_days', 'recommendations_count'];

/**
 * Where expected.json (the generator's own data) says more than the report's text, the export
 * must say what the text says. Each value below was checked by reading the extracted text.
 */
const TEXT_SAYS: Record<string, Record<string, unknown>> = {
  // 1.2 "Child P is of Bangladeshi heritage" — the report's words, not "British Bangladeshi".
  'ambersett_scr_family_p.docx': { ethnicity: 'Bangladeshi heritage' },
  // 3. "Child T is Black British, of Caribbean heritage." — the report's words, comma and all.
  'greyholm_lcspr_child_t.docx': { ethnicity: 'Black British, of Caribbean heritage' },
  // "Dunmarsh Safeguarding Children Board": a board without "Local" is the area's LSCB (as the dev-corpus gold names Pennacott's).
  'dunmarsh_learning_review_child_b.pdf': { area: 'Dunmarsh LSCB' },
  // "Child D was seven years old when she was admitted" — no months are stated, so 84, not 88.
  'hethermere_scr_child_d.pdf': { child_age_months: 84 },
};

interface Expected { file: string; expectedStatus: string; profile?: Record<string, unknown> }

describe('export --format profiles on corpus-sample', () => {
  const db = join(tempDir(), 'sample.db');
  const run = scrcode(['run', join(ROOT, 'corpus-sample'), '--db', db, '--quiet', '--allow-skipped']);
  const out = scrcode(['export', '--format', 'profiles', '--db', db]);
  const lines = out.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const expected = (JSON.parse(readFileSync(join(ROOT, 'corpus-sample', 'expected.json'), 'utf8')) as { files: Expected[] }).files;

  test('one line per coded document (the scanned report is not analysed), keys exactly the gold fields in order', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(out.status, out.stderr).toBe(0);
    expect(lines.map((l) => l.document).sort()).toEqual(expected.filter((f) => f.expectedStatus === 'coded').map((f) => f.file).sort());
    for (const l of lines) expect(Object.keys(l)).toEqual(KEYS);
  });

  for (const f of expected.filter((x) => x.expectedStatus === 'coded')) {
    test(`${f.file}: the stated fields`, () => {
      const line = lines.find((l) => l.document === f.file)!;
      for (const field of EXACT) {
        const want = field in (TEXT_SAYS[f.file] ?? {}) ? TEXT_SAYS[f.file][field] : f.profile![field];
        expect(line[field], field).toEqual(want);
      }
      // Free text: the harm words must overlap the expected description.
      expect(tokenF1(f.profile!.nature_of_harm, line.nature_of_harm), String(line.nature_of_harm)).toBeGreaterThan(0.15);
      // Agencies are canonical names; risk factors codebook ids in codebook order.
      const names = lexicon.agencies.agencies.map((a) => a.name);
      for (const a of line.agencies as string[]) expect(names).toContain(a);
      const rfs = loadCodebook().riskFactors;
      expect(line.risk_factors_present).toEqual(rfs.filter((rf) => (line.risk_factors_present as string[]).includes(rf)));
    });
  }

  test('corrowby: the agencies the report lists as contributors (expected.json also has A&E, which the text never names)', () => {
    const line = lines.find((l) => l.document === 'corrowby_scr_baby_e.pdf')!;
    expect(line.agencies).toEqual(["children's social care", 'health visitor', 'GP', 'midwifery', 'police', 'housing']);
  });

  test('the export is recorded, counting documents', () => {
    const store = openDatabase(db);
    try {
      expect(store.prepare(`SELECT format, rows, redacted FROM exports WHERE format = 'profiles'`).all()).toEqual([{ format: 'profiles', rows: 6, redacted: 0 }]);
    } finally {
      store.close();
    }
  });
});

describe('a lexicon change re-profiles stored documents', () => {
  test('an added agency alias shows in the next export, without extracting again', () => {
    const dir = tempDir();
    const lexicons = join(dir, 'lexicons');
    cpSync(join(ROOT, 'lexicons'), lexicons, { recursive: true });
    const db = join(dir, 'review.db');
    expect(scrcode(['run', REVIEW_FIXTURES, '--db', db, '--quiet', '--lexicons', lexicons]).status).toBe(0);
    const before = JSON.parse(scrcode(['export', '--format', 'profiles', '--db', db]).stdout);
    expect(before.agencies).not.toContain('IDVA service');

    const file = join(lexicons, 'agencies.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.agencies.find((a: { id: string }) => a.id === 'idva').aliases.push('MARAC');
    writeFileSync(file, JSON.stringify(data, null, 2));
    const rerun = scrcode(['run', REVIEW_FIXTURES, '--db', db, '--lexicons', lexicons]);
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(rerun.stdout).toMatch(/re-tagged with the new lexicon/);
    const after = JSON.parse(scrcode(['export', '--format', 'profiles', '--db', db]).stdout);
    expect([...after.agencies].sort()).toEqual([...before.agencies, 'IDVA service'].sort());
    expect({ ...after, agencies: null }).toEqual({ ...before, agencies: null });
  });
});
