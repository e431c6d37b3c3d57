// Scoring the profile sheet: the measures on hand-made pairs, then `scrcode eval` on the dev
// corpus, with floors at the level measured on the six held-out reports (the rules were written
// on the other ten; the held-out texts were not read).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, test } from 'vitest';
import { sameScalar, scoreProfiles } from '../../pipeline/eval/profile.js';
import { DEV_CORPUS, scrcode, tempDir } from '../helpers/cli.js';

describe('profile measures', () => {
  test('scalars: trimmed and case-folded strings, exact numbers, null only equals null', () => {
    expect(sameScalar('White British', ' white  british ')).toBe(true);
    expect(sameScalar('2014-02-10', '2014-02')).toBe(false);
    expect(sameScalar(14, 14)).toBe(true);
    expect(sameScalar(14, '14')).toBe(false);
    expect(sameScalar(null, null)).toBe(true);
    expect(sameScalar(null, 'White British')).toBe(false);
  });

  test('per field: exact share, set micro P/R/F1, mean word-overlap F1; mismatches listed', () => {
    const r = scoreProfiles([
      { document: 'a', gold: { area: 'X LSCB', ethnicity: null, agencies: ['GP', 'police'], nature_of_harm: 'skull fracture', risk_factors_present: [] }, predicted: { area: 'x lscb', ethnicity: 'White British', agencies: ['GP', 'housing'], nature_of_harm: 'skull fracture', risk_factors_present: [] } },
      { document: 'b', gold: { area: 'Y LSCB', ethnicity: 'White British', agencies: ['A&E'], nature_of_harm: 'chronic neglect', risk_factors_present: ['bme'] }, predicted: null },
    ]);
    expect(r.fields.area).toMatchObject({ documents: 2, correct: 1, accuracy: 0.5 });
    expect(r.fields.ethnicity).toMatchObject({ documents: 2, correct: 0, accuracy: 0 });
    // agencies: tp GP; fp housing; fn police, A&E → P 1/2, R 1/3, F1 0.4
    expect(r.fields.agencies).toMatchObject({ tp: 1, fp: 1, fn: 2 });
    expect(r.fields.agencies.f1).toBeCloseTo(0.4, 10);
    expect(r.fields.nature_of_harm.accuracy).toBeCloseTo(0.5, 10);
    expect(r.fields.risk_factors_present).toMatchObject({ tp: 0, fp: 0, fn: 1, recall: 0 });
    expect(r.fields.child_age_months.documents).toBe(0);
    expect(r.mismatches.map((m) => `${m.document}:${m.field}`).sort()).toEqual(['a:agencies', 'a:ethnicity', 'b:agencies', 'b:area', 'b:ethnicity', 'b:nature_of_harm', 'b:risk_factors_present']);
  });
});

const HELD_OUT = 'ravensholt,kingsmere,oakhurst_vale,barrowdene,fallowfield_cross,ellerby';

/** Measured on the held-out six when the profile extractors were written (see the report). */
const FLOORS: Record<string, number> = {
  area: 1, child_age_months: 1, gender: 1, ethnicity: 0.66, outcome: 1, nature_of_harm: 0.28, agencies: 0.78,
  review_commissioned: 0.83, review_completed: 1, review_duration_days: 0.83, recommendations_count: 0.83, risk_factors_present: 0.9,
};

interface Report { documents: string[]; profile: { fields: Record<string, { accuracy: number; documents: number }>; mismatches: { document: string }[] } }

describe.skipIf(!existsSync(DEV_CORPUS))('scrcode eval scores the profile sheet on the dev corpus', () => {
  const db = join(tempDir(), 'dev.db');
  const run = scrcode(['run', DEV_CORPUS, '--db', db, '--quiet']);
  const evaluate = (...args: string[]): Report => {
    const r = scrcode(['eval', '--gold', DEV_CORPUS, '--db', db, '--json', ...args]);
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as Report;
  };

  it('codes the corpus', () => expect(run.status, run.stderr).toBe(0));

  it('held-out reports: every field at least at its measured floor', () => {
    const held = evaluate('--only', HELD_OUT);
    expect(held.documents).toHaveLength(6);
    console.log(`held-out profile: ${Object.entries(held.profile.fields).map(([f, s]) => `${f} ${s.accuracy.toFixed(3)}`).join(', ')}`);
    for (const [field, floor] of Object.entries(FLOORS)) {
      expect(held.profile.fields[field].documents, field).toBe(6);
      expect(held.profile.fields[field].accuracy, field).toBeGreaterThanOrEqual(floor);
    }
    expect(held.profile.mismatches.every((m) => HELD_OUT.split(',').some((h) => m.document.startsWith(h)))).toBe(true);
  });

  it('--exclude leaves the ten tuning reports, and the terminal report has the profile table', () => {
    const tuning = evaluate('--exclude', HELD_OUT);
    expect(tuning.documents).toHaveLength(10);
    expect(tuning.profile.fields.area.documents).toBe(10);
    const text = scrcode(['eval', '--gold', DEV_CORPUS, '--db', db, '--exclude', HELD_OUT, '--errors', 'profile']);
    expect(text.stdout).toMatch(/Document profile against gold \(exact fields mean \d\.\d{3}\):/);
    expect(text.stdout).toMatch(/^agencies\s+\d\.\d{3}\s+set P \d\.\d{3} R \d\.\d{3}\s+10$/m);
    expect(text.stdout).toMatch(/^nature_of_harm\s+\d\.\d{3}\s+mean word-overlap F1\s+10$/m);
    expect(text.stdout).toMatch(/^PROFILE nature_of_harm — \w+/m);
  });
});
