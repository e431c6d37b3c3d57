// Prints the dev-corpus figures (tuned and held-out reports) and writes the tuned-set errors
// for lexicon work. Held-out errors are never written: only their figures are reported.
import { writeFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { loadLexicon } from '../../pipeline/tag/lexicon.js';
import { HOLD_OUT, prf, report, runHarness, TUNE } from './devcorpus-harness.js';

const lexicon = loadLexicon();

test('dev corpus: tuned reports', () => {
  const r = runHarness(TUNE, lexicon);
  console.log(report('tuned (10 reports)', r));
  if (process.env.SCR_ERRORS) writeFileSync(process.env.SCR_ERRORS, r.errors.map((e) => `${e.kind} ${e.code} [${e.doc} ${e.paragraph}] ${e.evidence ?? ''}\n    ${e.text}`).join('\n'));
  expect(prf(r.themes).f1).toBeGreaterThan(0.5);
  expect(prf(r.risks).f1).toBeGreaterThan(0.5);
});

test('dev corpus: held-out reports (figures only)', () => {
  const r = runHarness(HOLD_OUT, lexicon);
  console.log(report('held out (6 reports)', r));
  expect(prf(r.risks).f1).toBeGreaterThan(0.5);
});
