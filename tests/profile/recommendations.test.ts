// The number of recommendations: the report's stated count first, else the numbered items of the
// recommendations section — never its paragraphs of prose; no statement and no section: null.
import { describe, expect, test } from 'vitest';
import { extractRecommendationsCount } from '../../pipeline/profile/recommendations.js';
import { report, wordings } from './helpers.js';

const countOf = (lines: string[]) => extractRecommendationsCount(report(['Serious Case Review: Child A', ...lines]), wordings);

describe('recommendations count', () => {
  test('numbered paragraphs that ask someone to act', () => {
    const r = countOf(['# 10. Recommendations', '10.1 Children\'s social care should ensure that checks are made.', '10.2 The LSCB should relaunch its guidance.', '10.3 The police must share reports.']);
    expect(r.value).toBe(3);
    expect(r.evidence.map((e) => e.rule)).toEqual(Array(3).fill('recommendations/counted_paragraph'));
  });

  test('table rows are counted, not the header row nor the numbered prose around them', () => {
    expect(countOf([
      '# 9. Conclusions and recommendations',
      '9.1 The harm was caused by Mr P. The review has concluded that agencies should have worked together.',
      '9.2 The panel makes the following recommendations.',
      '| No. Recommendation Agency Timescale',
      '| 1 Agree a protocol for independent interpreters. LSCB 3 months',
      '| 2 Notify the health visitor whenever a family is placed in temporary accommodation. Housing 3 months',
    ]).value).toBe(2);
  });

  test.each([
    [['Recommendation 1. The LSCB should audit referrals.', 'Recommendation 2. Schools should record concerns.'], 2],
    [['Rec. 1: Health services should replace "did not attend" policies.'], 1],
    [['RECOMMENDATION 1. The LSCB should audit referrals.'], 1],
    [['Recommendation: the Board should consider this.'], 0],
  ])('paragraphs numbered after an item label: %j → %i', (items, n) => {
    expect(countOf(['# Recommendations', ...items]).value).toBe(n);
  });

  test('prose paragraphs without numbers are not recommendations', () => {
    expect(countOf(['# Recommendations', 'The panel discussed what should change, and agreed that the Board should decide.']).value).toBe(0);
  });

  test('a stated count wins over what the section lists', () => {
    expect(countOf(['# What needs to change', 'The full report makes seven recommendations. This is what they say.', '# Recommendations', '1. Every service must use an interpreter.']).value).toBe(7);
  });

  test('"does not make recommendations" is 0', () => {
    const r = countOf(['# 1. Introduction', '1.2.4 In keeping with the model, this report does not make recommendations.']);
    expect(r.value).toBe(0);
    expect(r.evidence[0].text).toBe('does not make recommendations');
  });

  test('another review\'s count is not this report\'s', () => {
    expect(countOf(['# 4. Analysis', 'In 2009 a national study identified 12 recommendations for health services.']).value).toBeNull();
  });

  test('no statement and no recommendations section: not stated', () => {
    expect(countOf(['# 1. Introduction', 'The review considers how agencies worked together.']).value).toBeNull();
  });
});
