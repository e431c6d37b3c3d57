// When the review was commissioned and completed: only dates tied to a trigger; a month with no day
// is kept at month precision ("2014-02") and then gives no duration.
import { describe, expect, test } from 'vitest';
import { extractReviewDates } from '../../pipeline/profile/reviewDates.js';
import { sentencesOf } from '../../pipeline/profile/text.js';
import { report, wordings } from './helpers.js';

function datesOf(lines: string[]) {
  const doc = report(['Serious Case Review: Child A', ...lines]);
  const r = extractReviewDates(doc, sentencesOf(doc), wordings);
  for (const f of Object.values(r)) for (const e of f.evidence) expect(doc.text.slice(e.start, e.end)).toBe(e.text);
  return [r.review_commissioned.value, r.review_completed.value, r.review_duration_days.value];
}

describe('review dates', () => {
  const cases: [string, (string | number | null)[]][] = [
    ['The Chair of the LSCB decided on 8 February 2010, on the recommendation of the sub-group, that a serious case review should be undertaken. This report was completed on 24 September 2010 and was presented to the Board in October 2010.', ['2010-02-08', '2010-09-24', 228]],
    ['The Stanbury LSCB agreed on 12 October 2009 that a serious case review should be held. The panel met seven times. This overview report was completed on 25 June 2010.', ['2009-10-12', '2010-06-25', 256]],
    ['The Quillbury LSCB decided on 20 January 2014 that the criteria for a serious case review were met. The final report was agreed on 6 November 2014.', ['2014-01-20', '2014-11-06', 290]],
    ['The Selbrook Board decided to do this review on 16 September 2013. The full report was finished on 30 June 2014.', ['2013-09-16', '2014-06-30', 287]],
    ['On 3 March 2014 the Board decided to commission a serious case review. I completed this report on 1st December 2014.', ['2014-03-03', '2014-12-01', 273]],
    ['The review was commissioned on 12/05/2015 and completed on 2015-11-30.', ['2015-05-12', '2015-11-30', 202]],
    ['The Board commissioned this review in February 2014. The report was completed on 3 November 2014.', ['2014-02', '2014-11-03', null]],
    ['The review panel first met on 3 March 2010. Child A was born on 9 October 2009.', [null, null, null]],
    ['The conference decided on 4 May 2008 that the plan should end.', [null, null, null]],
    // Each trigger takes its own date: after it, else before it, never across another trigger, never a date twice.
    ['The partners held a rapid review on 2 May 2019 and decided on 16 May 2019 that a local review was needed.', ['2019-05-16', null, null]],
    ['On 16 May 2019 the panel decided to commission a review, which was completed on 2 March 2020.', ['2019-05-16', '2020-03-02', 291]],
    ['The review, commissioned by the Board in 2011, was completed on 24 September 2012.', [null, '2012-09-24', null]],
    ['The overview report was presented to the Board on 3 March 2020.', [null, '2020-03-03', null]],
  ];
  for (const [text, expected] of cases) test(`${text.slice(0, 70)}… → ${JSON.stringify(expected)}`, () => expect(datesOf([text])).toEqual(expected));
});
