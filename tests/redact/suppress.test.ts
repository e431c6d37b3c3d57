// Small-count suppression in tables whose rows split a published total.
import { describe, expect, it } from 'vitest';
import { suppressPartition, suppressSmallCounts } from '../../pipeline/redact/suppress.js';

describe('suppressPartition (threshold 5)', () => {
  const cases: { counts: number[]; shown: (number | string)[] | null; why: string }[] = [
    { counts: [6, 7, 0], shown: [6, 7, 0], why: 'nothing small: nothing hidden' },
    { counts: [2, 5], shown: ['<5', '[c]'], why: 'one small cell: 7 − 5 would give it away, so the 5 is hidden too' },
    { counts: [3, 9, 12], shown: ['<5', '[c]', 12], why: 'the smallest shown cell is the one hidden' },
    { counts: [2, 3, 9], shown: ['<5', '<5', 9], why: 'two small cells adding to 5 can be 1+4, 2+3, …: safe' },
    { counts: [1, 1, 9], shown: ['<5', '<5', '[c]'], why: 'two small cells adding to 2 are both 1' },
    { counts: [4, 4, 9], shown: ['<5', '<5', '[c]'], why: 'two small cells adding to 8 are both 4' },
    { counts: [0, 2, 6, 8], shown: [0, '<5', '[c]', 8], why: 'zeros stay shown and are never picked' },
    { counts: [4, 4], shown: null, why: 'nothing left to hide: the table must go' },
    { counts: [3], shown: null, why: 'one row is the total itself' },
  ];
  for (const c of cases) it(`${JSON.stringify(c.counts)} → ${JSON.stringify(c.shown)}: ${c.why}`, () => expect(suppressPartition(c.counts, 5)).toEqual(c.shown));

  it('suppresses nothing with a threshold of 0 or 1', () => {
    expect(suppressPartition([1, 2, 3], 0)).toEqual([1, 2, 3]);
    expect(suppressPartition([1, 2, 3], 1)).toEqual([1, 2, 3]);
  });

  it('never leaves a small count that the total and the shown cells determine (all tables of up to 4 rows, counts 0–8)', () => {
    const values = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    const tables: number[][] = [[]];
    for (let rows = 1; rows <= 4; rows++) for (const t of tables.filter((x) => x.length === rows - 1)) for (const v of values) tables.push([...t, v]);
    for (const counts of tables.filter((t) => t.length > 0)) {
      const shown = suppressPartition(counts, 5);
      if (!shown) continue;
      // Every assignment consistent with what is shown: small hidden in 1..4, "[c]" ≥ 5, same total.
      const total = counts.reduce((a, b) => a + b, 0);
      const options = shown.map((c) => (typeof c === 'number' ? [c] : c === '<5' ? [1, 2, 3, 4] : Array.from({ length: Math.max(0, total - 4) }, (_, k) => k + 5)));
      const seen = shown.map(() => new Set<number>());
      const walk = (i: number, acc: number[]) => {
        if (i === shown.length) {
          if (acc.reduce((a, b) => a + b, 0) === total) acc.forEach((v, j) => seen[j].add(v));
          return;
        }
        for (const v of options[i]) walk(i + 1, [...acc, v]);
      };
      walk(0, []);
      shown.forEach((c, j) => {
        if (c === '<5') expect(seen[j].size, `${JSON.stringify(counts)} → ${JSON.stringify(shown)}`).toBeGreaterThan(1);
      });
    }
  });

  it('agrees with suppressSmallCounts on the small cells', () => {
    expect(suppressPartition([2, 3, 9], 5)!.slice(0, 2)).toEqual([suppressSmallCounts(2), suppressSmallCounts(3)]);
  });
});
