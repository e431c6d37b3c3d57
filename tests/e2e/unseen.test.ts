// Coding accuracy on tests/fixtures/unseen: four reports written and labelled after the lexicons,
// by a writer who never saw them (README there). Nobody tunes on these: the figures are printed
// for the issue notes, and the floors only guard against a change that makes unseen text worse.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCodebook } from '../../pipeline/codebook.js';
import { ROOT, scrcode, tempDir } from '../helpers/cli.js';

const UNSEEN = join(ROOT, 'tests', 'fixtures', 'unseen');
const FLOORS = { themes: 0.54, riskFactors: 0.56, checklist: 0.84, nonPresentKeptOut: 0.82 };

interface Gold {
  document: string;
  paragraphs: { text: string; codes: string[]; non_present: Record<string, string> }[];
  profile: { risk_factors_present: string[] };
}

const goldFiles = readdirSync(UNSEEN).filter((f) => f.endsWith('.gold.json'));
const golds = goldFiles.map((f) => JSON.parse(readFileSync(join(UNSEEN, f), 'utf8')) as Gold);

describe('the unseen corpus is labelled consistently', () => {
  const codebook = loadCodebook();
  const riskFactors = new Set(codebook.riskFactors);
  const codes = new Set([...codebook.themes, ...codebook.riskFactors]);

  it.each(golds.map((g) => [g.document, g] as const))('%s', (_name, gold) => {
    const lines = readFileSync(join(UNSEEN, gold.document), 'utf8').split('\n').filter((l) => l.trim());
    expect(gold.paragraphs.map((p) => p.text)).toEqual(lines);
    const present = new Set<string>();
    for (const p of gold.paragraphs) {
      for (const c of p.codes) expect(codes.has(c), c).toBe(true);
      for (const [c, context] of Object.entries(p.non_present)) {
        expect(riskFactors.has(c) && !p.codes.includes(c), c).toBe(true);
        expect(['negated', 'hypothetical', 'generic']).toContain(context);
      }
      for (const c of p.codes) if (riskFactors.has(c)) present.add(c);
    }
    expect(gold.profile.risk_factors_present).toEqual(codebook.riskFactors.filter((r) => present.has(r)));
  });
});

describe('scrcode eval on the unseen corpus', () => {
  const db = join(tempDir(), 'unseen.db');
  const run = scrcode(['run', UNSEEN, '--db', db, '--quiet']);

  it('codes at least as well as the last measured floor', () => {
    expect(run.status, run.stderr).toBe(0);
    const r = scrcode(['eval', '--gold', UNSEEN, '--db', db, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as {
      documents: string[]; textRecovered: number; leaked: unknown[];
      themesMicro: { f1: number }; riskFactorsMicro: { f1: number }; checklist: { f1: number }; nonPresent: { share: number };
    };
    console.log(
      `unseen: themes F1 ${report.themesMicro.f1.toFixed(3)}, risk factors F1 ${report.riskFactorsMicro.f1.toFixed(3)}, ` +
        `checklist F1 ${report.checklist.f1.toFixed(3)}, non-present kept out ${(report.nonPresent.share * 100).toFixed(1)}%`,
    );
    expect(report.documents).toHaveLength(golds.length);
    expect(report.textRecovered).toBe(1);
    expect(report.leaked).toEqual([]);
    expect(report.themesMicro.f1).toBeGreaterThanOrEqual(FLOORS.themes);
    expect(report.riskFactorsMicro.f1).toBeGreaterThanOrEqual(FLOORS.riskFactors);
    expect(report.checklist.f1).toBeGreaterThanOrEqual(FLOORS.checklist);
    expect(report.nonPresent.share).toBeGreaterThanOrEqual(FLOORS.nonPresentKeptOut);
  });
});
