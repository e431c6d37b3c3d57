// The profile in the store: written in the document's own transaction, refreshed by a re-tag,
// reviewers' corrections append-only and refused on a stale view, and the current profile with
// corrections (and segment decisions, for the checklist) applied.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadCodebook } from '../../pipeline/codebook.js';
import { listDocuments } from '../../pipeline/review/workbench.js';
import { addDecision } from '../../pipeline/store/decisions.js';
import { replaceProposals, storeCodedDocument, type CodedDocumentInput } from '../../pipeline/store/documents.js';
import { currentProfiles, decideProfileField, profileDecisions, profileValues, StaleProfileError } from '../../pipeline/store/profiles.js';
import type { Finding } from '../../pipeline/types.js';
import { sha256Of, tempDb, type TempDb } from '../store/fixtures.js';
import { profileOf, report } from './helpers.js';

const LINES = [
  'Harrowgate Local Safeguarding Children Board – Serious Case Review: Child X',
  '# 1. Introduction',
  '1.1 Child X, a boy aged 14 months, was admitted to hospital with a fractured skull. Child X is White British.',
  '1.2 The LSCB decided on 3 March 2014 to commission a serious case review. This report was completed on 1 December 2014.',
  '1.3 Individual management reviews were provided by the health visiting service, the GP practice and the police.',
  '# 2. Findings',
  '2.1 The mother had depression, and police were called after arguments.',
  '# 3. Recommendations',
  '3.1 The LSCB should ensure that MARAC referrals are shared with health visitors.',
];

function input(lines = LINES, findings: (doc: ReturnType<typeof report>) => Finding[] = () => []): CodedDocumentInput {
  const segmented = report(lines);
  const f = findings(segmented);
  return {
    sha256: sha256Of(lines.join('\n')), fileName: 'harrowgate_scr_child_x.txt', path: '/reports/harrowgate_scr_child_x.txt',
    format: 'txt', pageCount: null, segmented, findings: f, lexiconVersion: 'lex-1', profile: profileOf(segmented, f),
  };
}

function finding(doc: ReturnType<typeof report>, phrase: string, code: string, context: Finding['context'] = 'asserted'): Finding {
  const start = doc.text.indexOf(phrase);
  const segment = doc.segments.find((s) => s.start <= start && start < s.end)!.index;
  return { segment, code, context, start, end: start + phrase.length, evidence: phrase, rule: `${code}/test`, contextRule: null, lexiconVersion: 'lex-1', confidence: 0.9 };
}

const RISKS = (doc: ReturnType<typeof report>) => [finding(doc, 'depression', 'mental_ill_health'), finding(doc, 'arguments', 'domestic_violence')];

let t: TempDb;
beforeEach(() => { t = tempDb(); });
afterEach(() => t.cleanup());

const rows = () => t.db.prepare('SELECT field, value, evidence, lexicon_version AS v FROM profile_fields ORDER BY id').all() as { field: string; value: string | null; evidence: string; v: string }[];

describe('stored with the document', () => {
  test('one row per field, values as JSON, not-stated as NULL, evidence pointing into the stored text', () => {
    storeCodedDocument(t.db, input(LINES, RISKS));
    const stored = rows();
    expect(stored.map((r) => r.field)).toEqual(['area', 'child_age_months', 'gender', 'ethnicity', 'outcome', 'nature_of_harm', 'agencies', 'review_commissioned', 'review_completed', 'review_duration_days', 'recommendations_count', 'risk_factors_present']);
    const value = Object.fromEntries(stored.map((r) => [r.field, r.value === null ? null : JSON.parse(r.value)]));
    expect(value).toMatchObject({
      area: 'Harrowgate LSCB', child_age_months: 14, gender: 'male', ethnicity: 'White British', outcome: 'seriously_harmed',
      agencies: ['health visitor', 'GP', 'police'], review_commissioned: '2014-03-03', review_completed: '2014-12-01', review_duration_days: 273,
      recommendations_count: 1, risk_factors_present: ['domestic_violence', 'mental_ill_health'],
    });
    const text = (t.db.prepare('SELECT text FROM documents').get() as { text: string }).text;
    for (const r of stored) for (const e of JSON.parse(r.evidence)) expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  test('in the same transaction: a profile that cannot be stored leaves no document, segments or proposals behind', () => {
    const bad = input(LINES, RISKS);
    bad.profile!.area.evidence[0] = { ...bad.profile!.area.evidence[0], text: 'Elsewhere LSCB' };
    expect(() => storeCodedDocument(t.db, bad)).toThrow(/profile field area .*evidence does not equal/);
    for (const table of ['documents', 'segments', 'proposals', 'profile_fields']) expect(t.db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
  });

  test('a re-tag replaces the profile in the proposals\' transaction; a failing one keeps the old profile', () => {
    const id = storeCodedDocument(t.db, input());
    expect(JSON.parse(rows().find((r) => r.field === 'risk_factors_present')!.value!)).toEqual([]);
    const again = input(LINES, RISKS);
    replaceProposals(t.db, id, again.findings, 'lex-2', { kind: 'whole', profile: again.profile!, version: null });
    expect(JSON.parse(rows().find((r) => r.field === 'risk_factors_present')!.value!)).toEqual(['domestic_violence', 'mental_ill_health']);
    expect(new Set(rows().map((r) => r.v))).toEqual(new Set(['lex-2']));
    const broken = input(LINES, () => []);
    broken.profile!.gender.evidence = [{ start: 0, end: 3, text: 'xyz', rule: 'gender/test' }];
    expect(() => replaceProposals(t.db, id, broken.findings, 'lex-3', { kind: 'whole', profile: broken.profile!, version: null })).toThrow(/evidence does not equal/);
    expect(new Set(rows().map((r) => r.v))).toEqual(new Set(['lex-2']));
    expect(t.db.prepare('SELECT count(*) AS n FROM proposals').get()).toEqual({ n: 2 });
  });
});

describe('reviewers\' corrections', () => {
  test('append-only: the database refuses to update or delete one', () => {
    const doc = input();
    storeCodedDocument(t.db, doc);
    decideProfileField(t.db, { documentSha256: doc.sha256, field: 'gender', value: 'female', reviewer: 'A. Reviewer', basedOn: null });
    expect(() => t.db.prepare(`UPDATE profile_decisions SET value = '"male"'`).run()).toThrow(/append-only/);
    expect(() => t.db.prepare('DELETE FROM profile_decisions').run()).toThrow(/append-only/);
  });

  test('a stale view is refused, saying who changed the field and when; the right base is accepted', () => {
    const doc = input();
    storeCodedDocument(t.db, doc);
    const first = decideProfileField(t.db, { documentSha256: doc.sha256, field: 'child_age_months', value: 15, memo: 'the report says 15 months in 3.2', reviewer: 'A. Reviewer', basedOn: null });
    let error: unknown;
    try {
      decideProfileField(t.db, { documentSha256: doc.sha256, field: 'child_age_months', value: 13, reviewer: 'B. Reviewer', basedOn: null });
    } catch (e) { error = e; }
    expect(error).toBeInstanceOf(StaleProfileError);
    expect((error as Error).message).toMatch(/child_age_months of harrowgate_scr_child_x\.txt was changed since your view — A\. Reviewer set it to 15 at \d{4}-\d\d-\d\dT[\d:.]+Z \(decision \d+\)/);
    const second = decideProfileField(t.db, { documentSha256: doc.sha256, field: 'child_age_months', value: 13, reviewer: 'B. Reviewer', basedOn: first });
    expect(() => decideProfileField(t.db, { documentSha256: doc.sha256, field: 'child_age_months', value: 12, reviewer: 'A. Reviewer', basedOn: first })).toThrow(/B\. Reviewer set it to 13/);
    // Another field has its own history: its base is null.
    decideProfileField(t.db, { documentSha256: doc.sha256, field: 'outcome', value: 'died', reviewer: 'A. Reviewer', basedOn: null });
    expect(profileDecisions(t.db, doc.sha256).map((d) => [d.field, d.value, d.reviewer, d.basedOn])).toEqual([
      ['child_age_months', 15, 'A. Reviewer', null], ['child_age_months', 13, 'B. Reviewer', first], ['outcome', 'died', 'A. Reviewer', null],
    ]);
    expect(second).toBeGreaterThan(first);
  });

  test('values of the wrong kind are refused before anything is written', () => {
    const doc = input();
    storeCodedDocument(t.db, doc);
    const decide = (field: any, value: unknown) => () => decideProfileField(t.db, { documentSha256: doc.sha256, field, value, reviewer: 'A', basedOn: null });
    expect(decide('child_age_months', '14')).toThrow(/whole number/);
    expect(decide('child_age_months', -1)).toThrow(/whole number/);
    expect(decide('outcome', 'injured')).toThrow(/"died" or "seriously_harmed"/);
    expect(decide('review_completed', '2014-02-30')).toThrow(/ISO date/);
    expect(decide('risk_factors_present', ['poverty'])).toThrow(/not a codebook risk factor/);
    expect(decide('agencies', 'GP')).toThrow(/list of names/);
    expect(decide('shoe_size', 9)).toThrow(/not a profile field/);
    expect(() => decideProfileField(t.db, { documentSha256: 'f'.repeat(64), field: 'area', value: 'X LSCB', reviewer: 'A', basedOn: null })).toThrow(/no coded document/);
    expect(profileDecisions(t.db, doc.sha256)).toEqual([]);
  });
});

describe('the current profile', () => {
  test('extracted values with the latest correction applied, and who corrected what', () => {
    const doc = input();
    storeCodedDocument(t.db, doc);
    const id = decideProfileField(t.db, { documentSha256: doc.sha256, field: 'review_commissioned', value: '2014-02-10', memo: 'minutes of the meeting', reviewer: 'A. Reviewer', basedOn: null });
    decideProfileField(t.db, { documentSha256: doc.sha256, field: 'ethnicity', value: null, reviewer: 'B. Reviewer', basedOn: null });
    const [p] = currentProfiles(t.db);
    expect(p.fields.review_commissioned).toMatchObject({ value: '2014-02-10', extracted: '2014-03-03', correction: { id, reviewer: 'A. Reviewer', memo: 'minutes of the meeting' } });
    // The duration follows the corrected date: 10 Feb → 1 Dec 2014 is 294 days.
    expect(p.fields.review_duration_days).toMatchObject({ value: 294, extracted: 273, correction: null, derivedFrom: ['review_commissioned'] });
    expect(p.fields.ethnicity).toMatchObject({ value: null, extracted: 'White British' });
    expect(p.fields.area).toMatchObject({ value: 'Harrowgate LSCB', correction: null });
    expect(p.fields.area.evidence[0]).toMatchObject({ text: 'Harrowgate Local Safeguarding Children Board', rule: 'area/local_safeguarding_children_board' });
    expect(Object.keys(profileValues(p))).toEqual(['document', 'area', 'child_age_months', 'gender', 'ethnicity', 'outcome', 'nature_of_harm', 'agencies', 'review_commissioned', 'review_completed', 'review_duration_days', 'recommendations_count', 'risk_factors_present']);
  });

  test('the checklist follows reviewers\' segment decisions exactly as the workbench shows it', () => {
    const doc = input(LINES, RISKS);
    storeCodedDocument(t.db, doc);
    const seg = (phrase: string) => doc.segmented.segments.find((s) => s.text.includes(phrase))!.index;
    addDecision(t.db, { documentSha256: doc.sha256, segmentIndex: seg('depression'), action: 'reject', code: 'mental_ill_health', reviewer: 'A' });
    addDecision(t.db, { documentSha256: doc.sha256, segmentIndex: seg('fractured skull'), action: 'add', code: 'neglect', context: 'asserted', reviewer: 'A' });
    const [p] = currentProfiles(t.db);
    expect(p.fields.risk_factors_present.value).toEqual(['domestic_violence', 'neglect']);
    expect(p.fields.risk_factors_present.extracted).toEqual(['domestic_violence', 'mental_ill_health']);
    const codebook = loadCodebook();
    const checklist = listDocuments(t.db, codebook)[0].checklist!;
    expect(codebook.riskFactors.filter((rf) => checklist[rf])).toEqual(p.fields.risk_factors_present.value);
    // A direct correction of the field wins over the segment decisions.
    decideProfileField(t.db, { documentSha256: doc.sha256, field: 'risk_factors_present', value: ['unknown_adult', 'bme'], reviewer: 'B', basedOn: null });
    expect(currentProfiles(t.db)[0].fields.risk_factors_present.value).toEqual(['bme', 'unknown_adult']);
  });

  test('corrections survive a re-tag: they are keyed by the document\'s bytes', () => {
    const doc = input();
    const id = storeCodedDocument(t.db, doc);
    decideProfileField(t.db, { documentSha256: doc.sha256, field: 'gender', value: 'female', reviewer: 'A', basedOn: null });
    replaceProposals(t.db, id, [], 'lex-2', { kind: 'whole', profile: input().profile!, version: null });
    expect(currentProfiles(t.db)[0].fields.gender).toMatchObject({ value: 'female', extracted: 'male' });
  });
});
