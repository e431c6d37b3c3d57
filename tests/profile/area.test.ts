// The area: the board named with its place, the first mention winning.
import { describe, expect, test } from 'vitest';
import { extractArea } from '../../pipeline/profile/area.js';
import { report, wordings } from './helpers.js';

describe('area', () => {
  const cases: [string[], string | null][] = [
    [['Hallowfield Local Safeguarding Children Board – Serious Case Review: Baby Q'], 'Hallowfield LSCB'],
    [['Serious Case Review in respect of the F children: Overview Report for the Brindlewick Local Safeguarding Children Board'], 'Brindlewick LSCB'],
    [['Serious Case Review: Baby J', 'The Independent Chair of the Wexcombe LSCB decided on 2 July 2012 to commission a review.'], 'Wexcombe LSCB'],
    [['Pennacott Safeguarding Children Board. Serious Case Review Overview Report: Child H'], 'Pennacott LSCB'],
    [['Coldharbour Vale Safeguarding Children Partnership – Child Safeguarding Practice Review: Child T'], 'Coldharbour Vale Safeguarding Children Partnership'],
    [['Milbourne Local Safeguarding Children Board: Serious Case Review', 'The review was shared with the Felstead LSCB.'], 'Milbourne LSCB'],
    [['Serious Case Review: Child A', 'The Chair of the LSCB agreed that a review should be held.'], null],
    [['Serious Case Review: Child A', 'The review considers how agencies worked together.'], null],
  ];
  for (const [lines, area] of cases) {
    test(`${JSON.stringify(lines.at(-1))} → ${area}`, () => {
      const doc = report(lines);
      const r = extractArea(doc, wordings);
      expect(r.value).toBe(area);
      for (const e of r.evidence) expect(doc.text.slice(e.start, e.end)).toBe(e.text);
    });
  }
});
