// Agencies: aliases normalised to the canonical names the gold files use; the contributors' list
// when the report has one; never from recommendations or a "not known to" sentence.
import { describe, expect, test } from 'vitest';
import { extractAgencies } from '../../pipeline/profile/agencies.js';
import { lexicon, report } from './helpers.js';

const agenciesOf = (lines: string[]) => extractAgencies(report(lines), lexicon.agencies).value;

describe('aliases name one agency', () => {
  const cases: [string, string[] | null][] = [
    ['The HV saw the baby at clinic.', ['health visitor']],
    ['The health visiting service had many vacancies.', ['health visitor']],
    ['The health visitor and the health visitors\' manager met.', ['health visitor']],
    ['CSC closed the referral, and children\'s services later reopened it.', ["children's social care"]],
    ['Social care held a strategy discussion.', ["children's social care"]],
    ['He was taken to A&E, and later to the emergency department of another hospital.', ['A&E']],
    ['The GP practice and two GPs saw her.', ['GP']],
    ['Adult social care assessed Ms B.', ['adult social care']],
    ['The school nurse measured him at school.', ['school nursing', 'school']],
    ['Wexcombe Homes offered a flat; the family visited several homes.', ['housing']],
    ['The Stanbury Community Drug and Alcohol Team (the substance misuse service) held the case.', ['substance misuse service']],
    ['She called an ambulance.', null],
    ['The hv column was blank.', null],
  ];
  for (const [sentence, names] of cases) {
    test(`${JSON.stringify(sentence)} → ${JSON.stringify(names)}`, () => expect(agenciesOf(['Serious Case Review: Child A', sentence])).toEqual(names));
  }
});

describe('which sentences count', () => {
  test('a report that lists the agencies that took part: that list', () => {
    expect(agenciesOf([
      'Serious Case Review: Child A',
      '# 1. Introduction',
      'Individual management reviews were provided by Lindenford Children\'s Social Care, the GP practice, the Metropolitan Police and Lindenford Homes.',
      '# 4. Analysis',
      'Research on the probation service shows that it rarely shares information.',
    ])).toEqual(["children's social care", 'GP', 'police', 'housing']);
  });

  test('a report with no such list is read whole, but not its recommendations', () => {
    expect(agenciesOf([
      'Serious Case Review: Child A',
      '# 1. Introduction',
      'Child A was seen by CAMHS and by the school.',
      '# 9. Recommendations',
      '9.1 The police should share domestic abuse notifications with the health visitor.',
    ])).toEqual(['CAMHS', 'school']);
  });

  test('"not known to" a service is not involvement', () => {
    expect(agenciesOf(['Serious Case Review: Child A', 'Neither parent was known to the local substance misuse service.', 'The GP saw Child A.'])).toEqual(['GP']);
  });

  test('"in place of individual management reviews" is not a list of contributors', () => {
    expect(agenciesOf([
      'Serious Case Review: Child A',
      'In place of individual management reviews, the lead reviewers held conversations with practitioners.',
      'Child A was looked after and lived in a children\'s home; her independent reviewing officer chaired the reviews.',
    ])).toEqual(["children's home", 'independent reviewing officer']);
  });

  test('evidence is the first mention of each agency, in the document\'s own text', () => {
    const doc = report(['Serious Case Review: Child A', 'The HV and the GP saw Child A; later the health visitor saw him again.']);
    const r = extractAgencies(doc, lexicon.agencies);
    expect(r.evidence.map((e) => [e.text, e.rule])).toEqual([['HV', 'agencies/health_visitor(whole_report)'], ['GP', 'agencies/gp(whole_report)']]);
    for (const e of r.evidence) expect(doc.text.slice(e.start, e.end)).toBe(e.text);
  });
});
