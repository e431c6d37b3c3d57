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

/** What a cell hidden only to protect another one shows. */
export const SECONDARY_MARKER = '[c]';

/**
 * The cells of a table whose rows split a published total (each review in exactly one row: age
 * band, gender, outcome), as they may be shown; null when no choice of cells to hide protects
 * the small counts, so the table must be left out.
 *
 * Why more than suppressSmallCounts: the total is published ("7 reviews"), so a single hidden
 * cell is the total minus the shown ones, and two hidden cells adding up to 2 are both 1. A
 * reader who knows the rule knows a hidden small count lies in 1..threshold−1 and a cell hidden
 * to protect it is ≥ threshold; a small count is disclosed when those bounds and the known sum
 * leave it one value. Until none is, the smallest shown non-zero cell is hidden as well
 * (complementary suppression, shown "[c]").
 */
export function suppressPartition(counts: readonly number[], threshold = 5): (number | string)[] | null {
  const shown = counts.map((n) => suppressSmallCounts(n, threshold));
  if (!shown.some((c) => typeof c === 'string')) return shown;
  for (;;) {
    if (!smallCountDisclosed(counts, shown, threshold)) return shown;
    const next = smallestShownNonZero(counts, shown);
    if (next < 0) return null;
    shown[next] = SECONDARY_MARKER;
  }
}

/** Whether the total and the shown cells pin some hidden small count to one value. */
function smallCountDisclosed(counts: readonly number[], shown: readonly (number | string)[], threshold: number): boolean {
  const hidden = counts.flatMap((n, i) => (typeof shown[i] === 'string' ? [{ n, small: shown[i] !== SECONDARY_MARKER }] : []));
  const sum = hidden.reduce((s, h) => s + h.n, 0);
  const lo = (h: { small: boolean }) => (h.small ? 1 : threshold);
  const hi = (h: { small: boolean }) => (h.small ? threshold - 1 : sum);
  return hidden.some((h, i) => {
    if (!h.small) return false;
    const others = hidden.filter((_, j) => j !== i);
    const least = Math.max(lo(h), sum - others.reduce((s, o) => s + hi(o), 0));
    const most = Math.min(hi(h), sum - others.reduce((s, o) => s + lo(o), 0));
    return least >= most;
  });
}

function smallestShownNonZero(counts: readonly number[], shown: readonly (number | string)[]): number {
  let best = -1;
  counts.forEach((n, i) => {
    if (typeof shown[i] === 'number' && n > 0 && (best < 0 || n < counts[best])) best = i;
  });
  return best;
}
