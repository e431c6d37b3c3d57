// Findings over the whole dev corpus keep the evidence contract, and tagging is fast.
import { expect, test } from 'vitest';
import { loadLexicon } from '../../pipeline/tag/lexicon.js';
import { tagDocument } from '../../pipeline/tag/tag.js';
import { goldToDoc, HOLD_OUT, goldFile, TUNE } from './devcorpus-harness.js';
import { readFileSync } from 'node:fs';

const lexicon = loadLexicon();
const docs = [...TUNE, ...HOLD_OUT].map((p) => goldToDoc(JSON.parse(readFileSync(goldFile(p), 'utf8'))));

test('every finding: text.slice(start, end) === evidence, inside its segment, one per (segment, code, context)', () => {
  let n = 0;
  for (const doc of docs) {
    const seen = new Set<string>();
    for (const f of tagDocument(doc, lexicon)) {
      n++;
      expect(doc.text.slice(f.start, f.end)).toBe(f.evidence);
      const seg = doc.segments[f.segment];
      expect(f.start >= seg.start && f.end <= seg.end).toBe(true);
      expect(f.lexiconVersion).toBe(lexicon.version);
      expect(f.confidence).toBeGreaterThan(0);
      expect(f.confidence).toBeLessThanOrEqual(1);
      const key = `${f.segment}/${f.code}/${f.context}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
      if (lexicon.codes.find((c) => c.code === f.code)!.kind === 'theme') expect(f.context).toBe('asserted');
    }
  }
  expect(n).toBeGreaterThan(500);
});

test('look-alikes carry no code of their own', () => {
  const text = 'The court made a supervision order. The recording of the 999 call was clear. The culture of the department has changed. She went to a temporary foster placement.';
  const doc = { text, segments: [{ index: 0, kind: 'paragraph' as const, section: 'analysis' as const, heading: null, paragraph: null, page: null, start: 0, end: text.length, text, sentences: [{ start: 0, end: text.length }] }] };
  const codes = tagDocument(doc, lexicon).map((f) => f.code);
  expect(codes).not.toContain('supervision');
  expect(codes).not.toContain('recording');
  expect(codes).not.toContain('faith_culture');
  expect(codes).not.toContain('temporary_accommodation');
});
