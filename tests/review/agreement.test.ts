// `scrcode agreement`: Cohen's kappa against hand-worked tables, then a database whose
// agreement figures were counted by hand (see SCENARIO below), then the built CLI on it.
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCodebook } from '../../pipeline/codebook.js';
import { type AgreementReport, type AgreementTable, agreementReport, codebookView, cohensKappa } from '../../pipeline/review/agreement.js';
import { type DecisionAction, addDecision } from '../../pipeline/store/decisions.js';
import { storeCodedDocument } from '../../pipeline/store/documents.js';
import type { Db } from '../../pipeline/store/db.js';
import type { Finding } from '../../pipeline/types.js';
import { BIN, scrcode } from '../helpers/cli.js';
import { type TempDb, finding, segmentedDoc, sha256Of, tempDb } from '../store/fixtures.js';

const table = (both: number, firstOnly: number, secondOnly: number, neither: number): AgreementTable => ({ both, firstOnly, secondOnly, neither });

describe('cohensKappa', () => {
  it.each([
    // name, table, p_o, p_e, kappa
    ['textbook 2×2 (a=20 b=5 c=10 d=15)', table(20, 5, 10, 15), 0.7, 0.5, 0.4],
    ['unequal marginals (45/15/25/15): p_e = .6·.7 + .4·.3', table(45, 15, 25, 15), 0.6, 0.54, 0.06 / 0.46],
    ['perfect agreement', table(10, 0, 0, 10), 1, 0.5, 1],
    ['agreement below chance', table(2, 8, 8, 2), 0.2, 0.5, -0.6],
    ['complete disagreement', table(0, 5, 5, 0), 0, 0.5, -1],
    ['one rater always yes, the other always no: p_e = 0', table(0, 3, 0, 0), 0, 0, 0],
  ])('%s', (_name, t, observed, expected, kappa) => {
    const r = cohensKappa(t);
    expect(r.units).toBe(t.both + t.firstOnly + t.secondOnly + t.neither);
    expect(r.observed).toBeCloseTo(observed, 12);
    expect(r.expected).toBeCloseTo(expected, 12);
    expect(r.kappa).toBeCloseTo(kappa, 12);
    expect(r.undefinedReason).toBeNull();
  });

  it.each([
    ['both applied on every unit', table(5, 0, 0, 0), /all 5 unit\(s\) had the same value \(both applied/],
    ['neither applied on any unit', table(0, 0, 0, 4), /all 4 unit\(s\) had the same value \(neither applied/],
  ])('is undefined (null, with a reason) when p_e = 1: %s', (_name, t, reason) => {
    const r = cohensKappa(t);
    expect(r.observed).toBe(1);
    expect(r.expected).toBe(1);
    expect(r.kappa).toBeNull();
    expect(r.undefinedReason).toMatch(reason);
  });

  it('has nothing to say about no units', () => {
    expect(cohensKappa(table(0, 0, 0, 0))).toMatchObject({ units: 0, observed: null, kappa: null, undefinedReason: 'no units' });
  });
});

// ---------------------------------------------------------------------------------------------
// SCENARIO. Document X is decided on by ann and bob, Y by ann and carol, Z only by bob; W by
// nobody. Decisions are added in the order listed, so ids (and "latest") follow this order.
//
// ann vs bob, shared documents: X only. Own current decisions and values (1 = applied):
//   domestic_violence   seg0 ann confirm→withdraw, bob —        → not a unit (nothing standing)
//                       seg1 ann confirm 1,  bob confirm 1      → both
//                       seg2 ann reject→confirm 1, bob set_context 1 → both (ann's later decision counts)
//                       seg3 ann confirm 1,  bob reject 0 (later id) → ann only (bob's row does not supersede ann's)
//                       seg4 ann confirm→withdraw 0, bob add 1  → bob only (withdraw = not applied)
//                       seg5 ann reject 0,   bob reject 0       → neither
//                       seg6 ann reject 0,   bob —              → neither
//     → 2/1/1/2, n=6: p_o = 4/6, p_e = .5·.5 + .5·.5 = .5, kappa = 1/3
//   neglect             seg1, seg2: both add → 2/0/0/0: kappa undefined
//     Z seg1 neglect add by bob is not shared and must not count (else 2/0/1/0).
//   pooled 4/1/1/2, n=8: p_o = 6/8, p_e = (5·5 + 3·3)/64 = 34/64, kappa = (48−34)/(64−34) = 7/15
// ann vs carol, shared Y: seg1 domestic_violence ann confirm 1, carol reject 0 → 0/1/0/0 kappa 0.
// bob vs carol: no shared document → not listed.
//
// Current decision across reviewers (latest id) per rule's proposals:
//   domestic_violence/named     Y1 reject                          → 0/1 judged, share 0
//   domestic_violence/marac     X2 set_context, X3 reject, X5 reject (X2 twice: one pair) → 1/3
//   domestic_violence/police    X1 confirm, X3 reject, X4 add (not a judgement), W1 none → 1/2, proposed 4
//   domestic_violence/injury    X1 confirm, X2 set_context         → 2/2
//   domestic_violence/arguments X1 confirm                         → 1/1
//   domestic_violence/heading   X0 withdraw (undecided again)      → not judged
//   neglect/named               X6, Z2 undecided                   → not judged
// Pipeline vs reviewers per code (reviewed documents X, Y, Z; W has no decisions):
//   domestic_violence X0 p1 r0 (withdrawn), X1 p1 r1, X2 p1 r1, X3 p1 r0, X4 p1 r1 (add), X5 p1 r0,
//                     X6 p0 r0, Y1 p1 r0
//     → 3/4/0/1, n=8: kappa = (8·4 − (7·3 + 1·5)) / (64 − 26) = 6/38
//   neglect X1 p0 r1, X2 p0 r1, X6 p1 r0, Z1 p0 r1, Z2 p1 r0 → 0/2/3/0: kappa = (0 − 12)/(25 − 12) = −12/13
//   pooled 3/6/3/1, n=13: kappa = (13·4 − (9·6 + 4·7)) / (169 − 82) = −30/87

const X_PARAGRAPHS = [
  'Findings',
  'Police were called after an argument; the mother had a cut lip.',
  'A MARAC referral followed a bruise seen by the school.',
  'Police shared the MARAC minutes late.',
  'Police attended again in the spring.',
  'The MARAC did not meet.',
  'The children were left without food; neglect was suspected.',
];
const OTHER_PARAGRAPHS = ['Findings', 'Police recorded a domestic incident at the flat.', 'Neglect of the baby was noted by the health visitor.'];

const dv = 'domestic_violence';

interface DocSpec {
  name: string;
  paragraphs: string[];
  findings: [segment: number, phrase: string, code: string, rule: string][];
}

function storeDoc(db: Db, spec: DocSpec): string {
  const segmented = segmentedDoc(spec.paragraphs);
  const findings: Finding[] = spec.findings.map(([segment, phrase, code, rule]) => finding(segmented, segment, phrase, code, { rule }));
  const sha256 = sha256Of(`bytes of ${spec.name}`);
  storeCodedDocument(db, { sha256, fileName: spec.name, path: `/reports/${spec.name}`, format: 'pdf', pageCount: 1, segmented, findings, lexiconVersion: 'lex-1' });
  return sha256;
}

/** Stores the scenario; `untouched` extra paragraphs nobody decided on are appended to document X. */
function buildScenario(db: Db, untouched = 0): void {
  const extra = Array.from({ length: untouched }, (_, i) => `Week ${i + 1}: the family attended every appointment.`);
  const x = storeDoc(db, {
    name: 'x.pdf', paragraphs: [...X_PARAGRAPHS, ...extra], findings: [
      [0, 'Findings', dv, `${dv}/heading`],
      [1, 'Police', dv, `${dv}/police`], [1, 'argument', dv, `${dv}/arguments`], [1, 'cut lip', dv, `${dv}/injury`],
      [2, 'MARAC', dv, `${dv}/marac`], [2, 'referral', dv, `${dv}/marac`], [2, 'bruise', dv, `${dv}/injury`],
      [3, 'MARAC', dv, `${dv}/marac`], [3, 'Police', dv, `${dv}/police`],
      [4, 'Police', dv, `${dv}/police`],
      [5, 'MARAC', dv, `${dv}/marac`],
      [6, 'neglect', 'neglect', 'neglect/named'],
    ],
  });
  const y = storeDoc(db, { name: 'y.pdf', paragraphs: OTHER_PARAGRAPHS, findings: [[1, 'domestic incident', dv, `${dv}/named`]] });
  const z = storeDoc(db, { name: 'z.pdf', paragraphs: OTHER_PARAGRAPHS, findings: [[2, 'Neglect', 'neglect', 'neglect/named']] });
  const w = storeDoc(db, { name: 'w.pdf', paragraphs: OTHER_PARAGRAPHS, findings: [[1, 'Police', dv, `${dv}/police`]] });
  expect(new Set([x, y, z, w]).size).toBe(4);

  const decide = (doc: string, reviewer: string, segmentIndex: number, code: string, action: DecisionAction) =>
    addDecision(db, { documentSha256: doc, segmentIndex, code, action, reviewer, context: action === 'set_context' ? 'hypothetical' : null });
  decide(x, 'ann', 0, dv, 'confirm');
  decide(x, 'ann', 0, dv, 'withdraw');
  decide(x, 'ann', 1, dv, 'confirm');
  decide(x, 'bob', 1, dv, 'confirm');
  decide(x, 'ann', 2, dv, 'reject');
  decide(x, 'ann', 2, dv, 'confirm');
  decide(x, 'bob', 2, dv, 'set_context');
  decide(x, 'ann', 3, dv, 'confirm');
  decide(x, 'bob', 3, dv, 'reject');
  decide(x, 'ann', 4, dv, 'confirm');
  decide(x, 'ann', 4, dv, 'withdraw');
  decide(x, 'bob', 4, dv, 'add');
  decide(x, 'ann', 5, dv, 'reject');
  decide(x, 'bob', 5, dv, 'reject');
  decide(x, 'ann', 6, dv, 'reject');
  decide(x, 'ann', 1, 'neglect', 'add');
  decide(x, 'bob', 1, 'neglect', 'add');
  decide(x, 'ann', 2, 'neglect', 'add');
  decide(x, 'bob', 2, 'neglect', 'add');
  decide(y, 'ann', 1, dv, 'confirm');
  decide(y, 'carol', 1, dv, 'reject');
  decide(z, 'bob', 1, 'neglect', 'add');
}

const cells = (r: { units: number; both: number; firstOnly: number; secondOnly: number; neither: number }) =>
  [r.units, r.both, r.firstOnly, r.secondOnly, r.neither];

describe('agreementReport on a hand-counted database', () => {
  let t: TempDb;
  beforeEach(() => {
    t = tempDb();
  });
  afterEach(() => t.cleanup());
  const report = (): AgreementReport => agreementReport(t.db, codebookView(loadCodebook()));

  it.each([0, 40])('between reviewers: units are only the segments one of them coded (%i untouched segments added)', (untouched) => {
    buildScenario(t.db, untouched);
    const r = report();
    expect(r.decisions).toBe(22);
    expect(r.reviewers).toEqual(['ann', 'bob', 'carol']);
    // bob and carol share no document; Y is not shared by ann and bob, Z (bob only) by nobody.
    expect(r.betweenReviewers.map((p) => [p.first, p.second, p.sharedDocuments])).toEqual([['ann', 'bob', 1], ['ann', 'carol', 1]]);

    const [annBob, annCarol] = r.betweenReviewers;
    expect(annBob.codes.map((c) => [c.code, c.kind, ...cells(c)])).toEqual([
      [dv, 'risk_factor', 6, 2, 1, 1, 2],
      ['neglect', 'risk_factor', 2, 2, 0, 0, 0],
    ]);
    const [dvAgreement, neglectAgreement] = annBob.codes;
    expect(dvAgreement.observed).toBeCloseTo(4 / 6, 12);
    expect(dvAgreement.expected).toBeCloseTo(0.5, 12);
    expect(dvAgreement.kappa).toBeCloseTo(1 / 3, 12);
    expect(neglectAgreement.kappa).toBeNull();
    expect(neglectAgreement.undefinedReason).toMatch(/same value/);
    expect(cells(annBob.pooled)).toEqual([8, 4, 1, 1, 2]);
    expect(annBob.pooled.kappa).toBeCloseTo(7 / 15, 12);

    expect(annCarol.codes.map((c) => [c.code, ...cells(c), c.kappa])).toEqual([[dv, 1, 0, 1, 0, 0, 0]]);
  });

  it('per rule: judged, confirmed and rejected from the current decision of any reviewer, weakest first', () => {
    buildScenario(t.db);
    const { rules, unjudgedRules } = report().pipeline;
    expect(rules.map((r) => [r.rule, r.code, r.proposed, r.judged, r.confirmed, r.rejected])).toEqual([
      [`${dv}/named`, dv, 1, 1, 0, 1],
      [`${dv}/marac`, dv, 3, 3, 1, 2],
      [`${dv}/police`, dv, 4, 2, 1, 1],
      [`${dv}/injury`, dv, 2, 2, 2, 0],
      [`${dv}/arguments`, dv, 1, 1, 1, 0],
    ]);
    expect(rules.map((r) => r.confirmedShare)).toEqual([0, 1 / 3, 1 / 2, 1, 1]);
    expect(unjudgedRules).toBe(2);
  });

  it('per code: pipeline proposals against the reviewers, in documents with decisions only', () => {
    buildScenario(t.db);
    const { pipeline } = report();
    expect(pipeline.reviewedDocuments).toBe(3);
    expect(pipeline.codes.map((c) => [c.code, ...cells(c)])).toEqual([
      [dv, 8, 3, 4, 0, 1],
      ['neglect', 5, 0, 2, 3, 0],
    ]);
    expect(pipeline.codes[0].kappa).toBeCloseTo(6 / 38, 12);
    expect(pipeline.codes[1].kappa).toBeCloseTo(-12 / 13, 12);
    expect(cells(pipeline.pooled)).toEqual([13, 3, 6, 3, 1]);
    expect(pipeline.pooled.kappa).toBeCloseTo(-30 / 87, 12);
  });

  it('a later decision by the same reviewer supersedes their earlier one; another reviewer\'s does not', () => {
    buildScenario(t.db);
    const sha = sha256Of('bytes of x.pdf');
    // bob now confirms segment 3: ann confirmed it, so seg3 moves from "ann only" to "both".
    addDecision(t.db, { documentSha256: sha, segmentIndex: 3, code: dv, action: 'confirm', reviewer: 'bob' });
    const after = report().betweenReviewers[0].codes[0];
    expect(cells(after)).toEqual([6, 3, 0, 1, 2]);
    // ann withdraws segment 6 and bob never decided it: it is no longer a unit.
    addDecision(t.db, { documentSha256: sha, segmentIndex: 6, code: dv, action: 'withdraw', reviewer: 'ann' });
    expect(cells(report().betweenReviewers[0].codes[0])).toEqual([5, 3, 0, 1, 1]);
  });

  it('is empty, not failing, with no decisions', () => {
    storeDoc(t.db, { name: 'x.pdf', paragraphs: X_PARAGRAPHS, findings: [[1, 'Police', dv, `${dv}/police`]] });
    const r = report();
    expect(r).toMatchObject({ decisions: 0, reviewers: [], betweenReviewers: [], pipeline: { reviewedDocuments: 0, rules: [], unjudgedRules: 1, codes: [] } });
    expect(r.pipeline.pooled.kappa).toBeNull();
  });
});

describe.skipIf(!existsSync(BIN))('scrcode agreement (built CLI)', () => {
  let t: TempDb;
  beforeEach(() => {
    t = tempDb();
  });
  afterEach(() => t.cleanup());

  it('prints both reviewers, the rules weakest first and undefined kappas as "–" with a footnote', () => {
    buildScenario(t.db);
    t.db.close();
    const r = scrcode(['agreement', '--db', t.path]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Between reviewers: ann vs bob, 1 shared document/);
    expect(r.stdout).toMatch(/Between reviewers: ann vs carol/);
    expect(r.stdout).not.toMatch(/bob vs carol/);
    expect(r.stdout).toMatch(/domestic_violence\/marac/);
    expect(r.stdout.indexOf('domestic_violence/named')).toBeLessThan(r.stdout.indexOf('domestic_violence/arguments'));
    expect(r.stdout).toMatch(/^neglect +risk factor +2 +2 +0 +0 +0 +1\.00 +1\.00 +–$/m);
    expect(r.stdout).toMatch(/– neglect: kappa undefined: all 2 unit\(s\) had the same value/);
    expect(r.stdout).toMatch(/^domestic_violence +risk factor +6 +2 +1 +1 +2 +0\.67 +0\.50 +0\.33$/m);
  });

  it('--json prints the same figures as one object with numbers', () => {
    buildScenario(t.db);
    t.db.close();
    const r = scrcode(['agreement', '--db', t.path, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as AgreementReport;
    expect(json.betweenReviewers[0]).toMatchObject({ first: 'ann', second: 'bob', sharedDocuments: 1 });
    expect(json.betweenReviewers[0].pooled.kappa).toBeCloseTo(7 / 15, 12);
    expect(json.pipeline.rules[0]).toEqual({ rule: `${dv}/named`, code: dv, proposed: 1, judged: 1, confirmed: 0, rejected: 1, confirmedShare: 0 });
    expect(json.betweenReviewers[0].codes[1].kappa).toBeNull();
  });

  it('says there is nothing to compare, and exits 0, when nobody has decided anything', () => {
    storeDoc(t.db, { name: 'x.pdf', paragraphs: X_PARAGRAPHS, findings: [] });
    t.db.close();
    const r = scrcode(['agreement', '--db', t.path]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toMatch(/^No reviewer decisions yet: /);
  });

  it('refuses a database that does not exist, and an unknown option', () => {
    expect(scrcode(['agreement', '--db', `${t.dir}/missing.db`]).status).toBe(1);
    expect(scrcode(['agreement', '--db', t.path, '--bogus']).status).toBe(2);
  });
});
