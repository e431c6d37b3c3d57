// Small-count suppression for published tables.

/** What a suppressed cell shows. */
export const suppressedMarker = (threshold: number): string => `<${threshold}`;

/**
 * A count as a published table may show it: the number, or "<5" when 0 < n < threshold.
 *
 * Why: an annual report breaks a small number of reviews down by area, year, age and risk
 * factor. In a county that published two reviews in a year, a cell saying "1 review: baby,
 * parental substance misuse, temporary accommodation" points at one family that neighbours,
 * local press and the family themselves can recognise, even with every name removed. Showing
 * such cells as "<5" is the usual statistical-disclosure rule (as in NHS and ONS small-number
 * guidance). Zero stays 0: "no reviews" reveals no one, and hiding it would make the table
 * unreadable. A threshold of 0 or 1 suppresses nothing.
 */
export function suppressSmallCounts(n: number, threshold = 5): number | string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`suppressSmallCounts: ${n} is not a count`);
  if (!Number.isInteger(threshold) || threshold < 0) throw new RangeError(`suppressSmallCounts: threshold ${threshold} is not a count`);
  return n > 0 && n < threshold ? suppressedMarker(threshold) : n;
}
