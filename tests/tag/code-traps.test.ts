// Look-alike traps at code level, through the full tagger: "supervision order" is not staff
// supervision, "CCTV recording" is not case recording… and the real thing still fires.
// Cases are data: tests/tag/fixtures/code-traps.json.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadLexicon } from '../../pipeline/tag/lexicon.js';
import { tagDocument } from '../../pipeline/tag/tag.js';
import type { SectionId, SegmentedDoc } from '../../pipeline/types.js';

interface TrapCase { sentence: string; section: SectionId; code: string; fires: boolean; note: string }

const lexicon = loadLexicon();
const cases: TrapCase[] = JSON.parse(readFileSync(new URL('./fixtures/code-traps.json', import.meta.url), 'utf8')).cases;

function oneSegment(text: string, section: SectionId): SegmentedDoc {
  return { text, segments: [{ index: 0, kind: 'paragraph', section, heading: null, paragraph: null, page: null, start: 0, end: text.length, text, sentences: [{ start: 0, end: text.length }] }] };
}

test('every trap names a known code and both outcomes are covered', () => {
  for (const c of cases) expect(lexicon.codes.some((x) => x.code === c.code), c.code).toBe(true);
  expect(cases.some((c) => c.fires) && cases.some((c) => !c.fires)).toBe(true);
});

describe('code traps', () => {
  for (const c of cases) {
    test(`${c.code} ${c.fires ? 'fires' : 'does not fire'} (${c.note}): ${c.sentence}`, () => {
      const present = tagDocument(oneSegment(c.sentence, c.section), lexicon).some((f) => f.code === c.code && f.context === 'asserted');
      expect(present).toBe(c.fires);
    });
  }
});
