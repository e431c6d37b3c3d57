// `scrcode agreement`: Cohen's kappa against hand-worked tables, then a database whose
// agreement figures were counted by hand (see SCENARIO below), then the built CLI on it.
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCodebook } from '../../pipeline/codebook.js';
import { type AgreementReport, type AgreementTable, agreementReport, codebookView, cohensKappa } from '../../pipeline/review/agreement.js';
import { decide, documentView, undoDecision } from '../../pipeline/review/workbench.js';
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
// ann vs bob, shared documents: X only. A unit is an anchor + code where BOTH have a standing own
// decision (confirm/reject/add/set_context; not withdraw, not absent). 1 = applied, 0 = reject:
//   domestic_violence   seg0 ann confirm→withdraw, bob —        → not a unit (nothing standing)
//                       seg1 ann confirm 1,  bob confirm 1      → both
//                       seg2 ann reject→confirm 1, bob set_context 1 → both (ann's later decision counts)
//                       seg3 ann confirm 1,  bob reject 0 (later id) → ann only (bob's row does not supersede ann's)
//                       seg4 ann confirm→withdraw, bob add      → not a unit (ann has withdrawn: no standing decision)
//                       seg5 ann reject 0,   bob reject 0       → neither
//                       seg6 ann reject 0,   bob —              → not a unit (only ann judged it)
//     → 2/1/0/1, n=4: p_o = 3/4, p_e = (3·2 + 1·2)/16 = 1/2, kappa = (4·3 − 8)/(16 − 8) = 1/2
//   neglect             seg1, seg2: both add → 2/0/0/0: kappa undefined
//     Z seg1 neglect add by bob is not shared and must not count (else 2/0/1/0).
//   pooled 4/1/0/1, n=6: p_o = 5/6, p_e = (5·4 + 1·2)/36 = 22/36, kappa = (30−22)/(36−22) = 4/7
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
// Pipeline vs reviewers per code (reviewed documents X, Y, Z; W has no decisions). A unit is a
// (segment, code) whose current decision (any reviewer) is standing; p = proposed, r = applied:
//   domestic_violence X0 withdrawn → not a unit; X1 p1 r1, X2 p1 r1, X3 p1 r0, X4 p1 r1 (add),
//                     X5 p1 r0, X6 p0 r0 (ann's reject of an unproposed code), Y1 p1 r0
//     → 3/3/0/1, n=7: p_o = 4/7, p_e = (6·3 + 1·4)/49 = 22/49, kappa = (28 − 22)/(49 − 22) = 2/9
//   neglect X1 p0 r1, X2 p0 r1, Z1 p0 r1; X6 and Z2 proposed but undecided → not units
//     → 0/0/3/0, n=3: p_o = 0, p_e = (0·3 + 3·0)/9 = 0, kappa = 0
//   pooled 3/3/3/1, n=10: p_e = (6·6 + 4·4)/100 = 52/100, kappa = (40 − 52)/(100 − 52) = −1/4

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

  it.each([0, 40])('between reviewers: units are only the anchors both of them judged (%i untouched segments added)', (untouched) => {
    buildScenario(t.db, untouched);
    const r = report();
    expect(r.decisions).toBe(22);
    expect(r.reviewers).toEqual(['ann', 'bob', 'carol']);
    // bob and carol share no document; Y is not shared by ann and bob, Z (bob only) by nobody.
    expect(r.betweenReviewers.map((p) => [p.first, p.second, p.sharedDocuments])).toEqual([['ann', 'bob', 1], ['ann', 'carol', 1]]);

    const [annBob, annCarol] = r.betweenReviewers;
    expect(annBob.codes.map((c) => [c.code, c.kind, ...cells(c)])).toEqual([
      [dv, 'risk_factor', 4, 2, 1, 0, 1],
      ['neglect', 'risk_factor', 2, 2, 0, 0, 0],
    ]);
    const [dvAgreement, neglectAgreement] = annBob.codes;
    expect(dvAgreement.observed).toBeCloseTo(3 / 4, 12);
    expect(dvAgreement.expected).toBeCloseTo(1 / 2, 12);
    expect(dvAgreement.kappa).toBeCloseTo(1 / 2, 12);
    expect(neglectAgreement.kappa).toBeNull();
    expect(neglectAgreement.undefinedReason).toMatch(/same value/);
    expect(cells(annBob.pooled)).toEqual([6, 4, 1, 0, 1]);
    expect(annBob.pooled.observed).toBeCloseTo(5 / 6, 12);
    expect(annBob.pooled.expected).toBeCloseTo(22 / 36, 12);
    expect(annBob.pooled.kappa).toBeCloseTo(4 / 7, 12);

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

  it('per code: pipeline proposals against the reviewers, over pairs with a standing current decision only', () => {
    buildScenario(t.db);
    const { pipeline } = report();
    expect(pipeline.reviewedDocuments).toBe(3);
    expect(pipeline.codes.map((c) => [c.code, ...cells(c)])).toEqual([
      [dv, 7, 3, 3, 0, 1],
      ['neglect', 3, 0, 0, 3, 0],
    ]);
    expect(pipeline.codes[0].expected).toBeCloseTo(22 / 49, 12);
    expect(pipeline.codes[0].kappa).toBeCloseTo(2 / 9, 12);
    expect(pipeline.codes[1]).toMatchObject({ observed: 0, expected: 0, kappa: 0 });
    expect(cells(pipeline.pooled)).toEqual([10, 3, 3, 3, 1]);
    expect(pipeline.pooled.kappa).toBeCloseTo(-1 / 4, 12);
  });

  it('per code: an undecided proposal in a reviewed document is not a unit until someone judges it', () => {
    buildScenario(t.db);
    // X6 neglect (proposed by neglect/named) is undecided: neglect has only X1, X2, Z1 (0/0/3/0).
    expect(cells(report().pipeline.codes[1])).toEqual([3, 0, 0, 3, 0]);
    // ann rejects it: now a unit, proposed but not applied → 0/1/3/0.
    addDecision(t.db, { documentSha256: sha256Of('bytes of x.pdf'), segmentIndex: 6, code: 'neglect', action: 'reject', reviewer: 'ann' });
    const neglect = report().pipeline.codes[1];
    expect(neglect.code).toBe('neglect');
    expect(cells(neglect)).toEqual([4, 0, 1, 3, 0]);
    // p_o = 0, p_e = (1·3 + 3·1)/16 = 6/16, kappa = (0 − 6)/(16 − 6) = −3/5.
    expect(neglect.kappa).toBeCloseTo(-3 / 5, 12);
    // And a withdrawal makes it undecided again: back to 3 units.
    addDecision(t.db, { documentSha256: sha256Of('bytes of x.pdf'), segmentIndex: 6, code: 'neglect', action: 'withdraw', reviewer: 'ann' });
    expect(cells(report().pipeline.codes[1])).toEqual([3, 0, 0, 3, 0]);
  });

  it('a later decision by the same reviewer supersedes their earlier one; another reviewer\'s does not', () => {
    buildScenario(t.db);
    const sha = sha256Of('bytes of x.pdf');
    // bob now confirms segment 3: ann confirmed it, so seg3 moves from "ann only" to "both".
    addDecision(t.db, { documentSha256: sha, segmentIndex: 3, code: dv, action: 'confirm', reviewer: 'bob' });
    expect(cells(report().betweenReviewers[0].codes[0])).toEqual([4, 3, 0, 0, 1]);
    // ann now rejects segment 1, which bob confirmed: seg1 moves from "both" to "bob only".
    addDecision(t.db, { documentSha256: sha, segmentIndex: 1, code: dv, action: 'reject', reviewer: 'ann' });
    expect(cells(report().betweenReviewers[0].codes[0])).toEqual([4, 2, 0, 1, 1]);
    // ann withdraws her reject of segment 5 (bob rejected it too): no longer a unit, not "neither".
    addDecision(t.db, { documentSha256: sha, segmentIndex: 5, code: dv, action: 'withdraw', reviewer: 'ann' });
    expect(cells(report().betweenReviewers[0].codes[0])).toEqual([3, 2, 0, 1, 0]);
  });

  it('an anchor only one reviewer judged is not a unit, whether they applied or rejected the code', () => {
    buildScenario(t.db);
    const sha = sha256Of('bytes of x.pdf');
    const annBob = () => report().betweenReviewers[0];
    // ann adds neglect to segment 3; bob has not judged it: neglect stays 2/0/0/0.
    addDecision(t.db, { documentSha256: sha, segmentIndex: 3, code: 'neglect', action: 'add', reviewer: 'ann' });
    expect(cells(annBob().codes[1])).toEqual([2, 2, 0, 0, 0]);
    // bob rejects it: now both judged it → ann only, 2/1/0/0.
    addDecision(t.db, { documentSha256: sha, segmentIndex: 3, code: 'neglect', action: 'reject', reviewer: 'bob' });
    expect(cells(annBob().codes[1])).toEqual([3, 2, 1, 0, 0]);
    // Segment 6 domestic_violence: ann rejected it, bob had not (dv is 4 units); bob rejects it too → neither.
    expect(cells(annBob().codes[0])).toEqual([4, 2, 1, 0, 1]);
    addDecision(t.db, { documentSha256: sha, segmentIndex: 6, code: dv, action: 'reject', reviewer: 'bob' });
    expect(cells(annBob().codes[0])).toEqual([5, 2, 1, 0, 2]);
    // Segment 4: ann withdrew, bob added. ann confirms again → both.
    addDecision(t.db, { documentSha256: sha, segmentIndex: 4, code: dv, action: 'confirm', reviewer: 'ann' });
    expect(cells(annBob().codes[0])).toEqual([6, 3, 1, 0, 2]);
  });

  it('an undone decision is no decision: bob undoes his reject of a pair alice confirmed', () => {
    // Three dv proposals in one document, judged through the workbench as a reviewer would:
    //   seg1 alice confirm, bob confirm → both;  seg2 alice reject, bob reject → neither;
    //   seg3 alice confirm, bob reject → alice only; then bob undoes his reject.
    const sha = storeDoc(t.db, {
      name: 'u.pdf', paragraphs: X_PARAGRAPHS.slice(0, 4),
      findings: [[1, 'Police', dv, `${dv}/police`], [2, 'MARAC', dv, `${dv}/marac`], [3, 'Police', dv, `${dv}/police`]],
    });
    const documentId = (t.db.prepare('SELECT id FROM documents WHERE sha256 = ?').get(sha) as { id: number }).id;
    const codebook = loadCodebook();
    const judge = (reviewer: string, segmentIndex: number, action: 'confirm' | 'reject') => {
      const view = documentView(t.db, documentId);
      const current = view.decisions.find((d) => d.segmentIndex === segmentIndex && d.code === dv);
      const segmentTextSha256 = view.segments.find((s) => s.index === segmentIndex)!.textSha256;
      return decide(t.db, { documentId, segmentIndex, code: dv, action, basedOn: current?.id ?? null, segmentTextSha256 }, reviewer, codebook);
    };
    judge('alice', 1, 'confirm');
    judge('bob', 1, 'confirm');
    judge('alice', 2, 'reject');
    judge('bob', 2, 'reject');
    judge('alice', 3, 'confirm');
    const bobsReject = judge('bob', 3, 'reject');
    const pair = () => report().betweenReviewers.map((p) => [p.first, p.second, ...cells(p.codes[0])]);
    expect(pair()).toEqual([['alice', 'bob', 3, 1, 1, 0, 1]]);

    const undo = undoDecision(t.db, documentId, bobsReject.id, 'bob');
    // The undo re-issues alice's confirm under bob's name; that is not bob's own judgement.
    expect(undo).toMatchObject({ segmentIndex: 3, action: 'confirm', reviewer: 'bob' });
    // seg3: alice confirm, bob nothing standing → not a unit (not "both", not "alice only").
    expect(pair()).toEqual([['alice', 'bob', 2, 1, 0, 0, 1]]);
    expect(report().reviewers).toEqual(['alice', 'bob']);
    // Pipeline: seg3's current decision is the restored confirm, so it is a unit p1 r1: 2/1/0/0.
    expect(cells(report().pipeline.codes[0])).toEqual([3, 2, 1, 0, 0]);
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
    expect(r.stdout).toMatch(/^domestic_violence +risk factor +4 +2 +1 +0 +1 +0\.75 +0\.50 +0\.50$/m);
    // Pipeline dv: 7 units 3/3/0/1, p_o 4/7, p_e 22/49, kappa 2/9.
    expect(r.stdout).toMatch(/^domestic_violence +risk factor +7 +3 +3 +0 +1 +0\.57 +0\.45 +0\.22$/m);
    expect(r.stdout).toMatch(/units: segments and codes both of them judged/);
  });

  it('--json prints the same figures as one object with numbers', () => {
    buildScenario(t.db);
    t.db.close();
    const r = scrcode(['agreement', '--db', t.path, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as AgreementReport;
    expect(json.betweenReviewers[0]).toMatchObject({ first: 'ann', second: 'bob', sharedDocuments: 1 });
    expect(json.betweenReviewers[0].pooled.kappa).toBeCloseTo(4 / 7, 12);
    expect(json.pipeline.pooled.kappa).toBeCloseTo(-1 / 4, 12);
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
