// One label per person across a document and across slices of it, and offsets that map exactly.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type RedactedText, redactDocument, redactText } from '../../pipeline/redact/index.js';
import { ROOT } from '../helpers/cli.js';

const REPORT = [
  '2.1 The mother, Jane Smith, lived with her partner, Mr Daniel Okafor, and the children.',
  '2.2 Ms Smith told the health visitor that Jane was tired. Ms S later denied it.',
  '2.3 The social worker, Peregrine Oddsworth, and a second social worker, Anna Ruiz, visited. Mr Okafor was out.',
  '2.4 Her older brother, John Smith, said Smith was a common name. Dr Holt saw no one.',
].join('\n\n');

const FIXTURE = readFileSync(join(ROOT, 'tests', 'fixtures', 'redact', 'fernmoor_scr_child_p_quarrington.txt'), 'utf8');

/** The segments as the segmenter cuts them: paragraphs separated by blank lines. */
function paragraphSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let start = 0;
  for (const part of text.split('\n\n')) {
    spans.push([start, start + part.length]);
    start += part.length + 2;
  }
  return spans;
}

describe('redactDocument: one label per person', () => {
  it('gives every way a report names a person the same label, numbered per role', () => {
    const doc = redactDocument({ text: REPORT });
    expect(doc.text.split('\n\n')).toEqual([
      "2.1 The mother, [mother], lived with her partner, [mother's partner], and the children.",
      '2.2 [mother] told the health visitor that [mother] was tired. [mother] later denied it.',
      "2.3 The social worker, [social worker 1], and a second social worker, [social worker 2], visited. [mother's partner] was out.",
      // Two Smiths: the bare surname could be either, so it is a name without a role.
      '2.4 Her older brother, [sibling], said [name] was a common name. [person 1] saw no one.',
    ]);
    // In order of first mention.
    expect(doc.people).toEqual([
      { label: '[mother]', role: 'mother' },
      { label: "[mother's partner]", role: "mother's partner" },
      { label: '[social worker 1]', role: 'social worker' },
      { label: '[social worker 2]', role: 'social worker' },
      { label: '[sibling]', role: 'sibling' },
      { label: '[person 1]', role: null },
    ]);
  });

  it('labels each slice with the whole document\'s labels, not its own', () => {
    const doc = redactDocument({ text: REPORT });
    const [, second] = paragraphSpans(REPORT);
    // Alone, the second paragraph would not know Ms Smith is the mother.
    expect(redactText(REPORT.slice(...second)).text).toBe('2.2 [person 1] told the health visitor that Jane was tired. [person 1] later denied it.');
    expect(doc.redactSlice(...second).text).toBe('2.2 [mother] told the health visitor that [mother] was tired. [mother] later denied it.');
  });

  it('redacts every slice exactly as the same stretch of the whole document', () => {
    for (const text of [REPORT, FIXTURE]) {
      const doc = redactDocument({ text });
      for (const [start, end] of paragraphSpans(text)) {
        const slice = doc.redactSlice(start, end);
        const span = doc.mapSpan(start, end);
        expect(slice.text).toBe(doc.text.slice(span.start, span.end));
        expect(slice.replacements.map((r) => [text.slice(start + r.start, start + r.end), r.label])).toEqual(
          doc.replacements.filter((r) => r.start >= start && r.end <= end).map((r) => [text.slice(r.start, r.end), r.label]),
        );
      }
    }
  });

  it('shows the whole label when a slice cuts a name in half', () => {
    const doc = redactDocument({ text: REPORT });
    const at = REPORT.indexOf('Jane Smith');
    const slice = doc.redactSlice(at + 5, at + 30); // "Smith, lived with her par"
    expect(slice.text).toBe('[mother], lived with her par');
    expect(slice.replacements[0]).toEqual({ start: 0, end: 5, label: '[mother]', kind: 'person' });
  });

  it('redacts person names in a file name, in any case', () => {
    const doc = redactDocument({ text: FIXTURE });
    expect(doc.redactFileName('fernmoor_scr_child_p_quarrington.txt')).toBe('fernmoor_scr_child_p_redacted.txt');
    expect(doc.redactFileName('VANSTRAATEN-review.pdf')).toBe('redacted-review.pdf');
    expect(doc.redactFileName('fernmoor_scr_child_p.txt')).toBe('fernmoor_scr_child_p.txt');
  });
});

/** Checks mapOffset against the text itself: every character outside a replacement lands on the same character. */
function expectExactMapping(original: string, r: RedactedText): void {
  let next = 0;
  for (const rep of r.replacements) {
    for (let o = next; o < rep.start; o++) expect(r.text[r.mapOffset(o)]).toBe(original[o]);
    const from = r.mapOffset(rep.start, 'start');
    const to = r.mapOffset(rep.end, 'end');
    expect(r.text.slice(from, to)).toBe(rep.label);
    // Every offset inside maps to the label's bounds, by side.
    for (let o = rep.start + 1; o < rep.end; o++) {
      expect(r.mapOffset(o, 'start')).toBe(from);
      expect(r.mapOffset(o, 'end')).toBe(to);
      expect(r.mapOffset(o)).toBe(from);
    }
    next = rep.end;
  }
  for (let o = next; o < original.length; o++) expect(r.text[r.mapOffset(o)]).toBe(original[o]);
  expect(r.mapOffset(original.length)).toBe(r.text.length);
}

describe('mapOffset', () => {
  it('is exact for every offset of the fixture report and of a slice of it', () => {
    const doc = redactDocument({ text: FIXTURE });
    expect(doc.replacements.length).toBeGreaterThan(15);
    expectExactMapping(FIXTURE, doc);
    const [start, end] = paragraphSpans(FIXTURE).find(([s, e]) => FIXTURE.slice(s, e).startsWith('2.1'))!;
    expectExactMapping(FIXTURE.slice(start, end), doc.redactSlice(start, end));
  });

  it('maps spans around, across and inside replacements to the text a reader expects', () => {
    const text = 'Before. The mother, Jane Smith, phoned 07700 900461 at noon.';
    const r = redactText(text);
    const span = (phrase: string, from = 0, to = phrase.length) => {
      const at = text.indexOf(phrase);
      const m = r.mapSpan(at + from, at + to);
      return r.text.slice(m.start, m.end);
    };
    expect(span('mother, Jane Smith, phoned')).toBe('mother, [mother], phoned');
    expect(span('Jane Smith')).toBe('[mother]');
    expect(span('Smith, phoned')).toBe('[mother], phoned'); // starts inside the name
    expect(span('The mother, Jane')).toBe('The mother, [mother]'); // ends inside the name
    expect(span('Jane Smith', 1, 3)).toBe('[mother]'); // wholly inside the name
    expect(span('900461 at noon')).toBe('[phone] at noon');
    expect(span('Before.')).toBe('Before.');
    expect(span('at noon.')).toBe('at noon.');
  });

  it('refuses offsets outside the text', () => {
    const r = redactText('Dr Patel, the GP.');
    expect(() => r.mapOffset(-1)).toThrow(RangeError);
    expect(() => r.mapOffset(18)).toThrow(/outside the text/);
    const doc = redactDocument({ text: 'Dr Patel, the GP.' });
    expect(() => doc.redactSlice(5, 40)).toThrow(/outside the document/);
  });
});
