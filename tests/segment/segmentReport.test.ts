import { describe, expect, it } from 'vitest';
import type { Block, ExtractedDoc } from '../../pipeline/types.js';
import { loadHeadingLexicon } from '../../pipeline/segment/headings.js';
import { loadAbbreviations } from '../../pipeline/segment/sentences.js';
import { paragraphNumber, segmentReport } from '../../pipeline/segment/segmentReport.js';

const lex = { headings: loadHeadingLexicon(), abbreviations: loadAbbreviations() };
const doc = (blocks: Partial<Block>[]): ExtractedDoc => ({
  format: 'docx',
  pageCount: null,
  removedFurniture: [],
  blocks: blocks.map((b) => ({ kind: 'paragraph', page: null, text: '', ...b })),
});

describe('segmentReport', () => {
  const report = doc([
    { kind: 'title', text: 'Serious Case Review: Child X' },
    { kind: 'heading', level: 1, text: '1. Introduction' },
    { text: '1.1 This review was commissioned in May 2012. It reports now.' },
    { kind: 'heading', level: 1, text: '5. Analysis' },
    { kind: 'heading', level: 2, text: 'The family and the school' },
    { text: '5.3 The school knew. Dr. Ahmed did not.' },
    { kind: 'heading', level: 1, text: '6. Something unexpected' },
    { text: 'Plain unnumbered text.' },
    { text: 'Recommendations' },
    { kind: 'table_row', text: '1 The board should audit referrals. LSCB 6 months' },
  ]);
  const s = segmentReport(report, lex);

  it('keeps every segment text at its span in the document text', () => {
    for (const seg of s.segments) expect(s.text.slice(seg.start, seg.end)).toBe(seg.text);
    for (const seg of s.segments) for (const sen of seg.sentences) expect(sen.start >= seg.start && sen.end <= seg.end).toBe(true);
  });

  it('places segments in sections from their headings; sub-headings inherit', () => {
    expect(s.segments.map((x) => x.section)).toEqual([
      'front_matter', 'introduction', 'introduction', 'analysis', 'analysis', 'analysis', 'other', 'other',
      'recommendations', 'recommendations',
    ]);
  });

  const sectionsOf = (blocks: Partial<Block>[]) => segmentReport(doc(blocks), lex).segments.map((x) => [x.text, x.section]);

  it.each([
    {
      name: 'numbered findings under a findings heading stay findings, whatever words they hold',
      blocks: [
        { kind: 'heading', level: 1, text: 'What we found' },
        { kind: 'heading', level: 2, text: '1. Nobody knew who lived in the house' },
        { kind: 'heading', level: 2, text: "2. Ideas about the family's culture got in the way" },
        { text: 'Text.' },
      ],
      sections: ['findings', 'findings', 'findings', 'findings'],
    },
    {
      name: 'a numbered sub-heading that opens with a section name opens that section',
      blocks: [
        { kind: 'heading', level: 1, text: 'Introduction' },
        { kind: 'heading', level: 2, text: '2. Chronology of key events' },
        { text: 'Text.' },
      ],
      sections: ['introduction', 'chronology', 'chronology'],
    },
    {
      name: 'under a container heading, numbered sub-headings open their sections',
      blocks: [
        { kind: 'heading', level: 1, text: 'Part B: Overview Report' },
        { kind: 'heading', level: 2, text: '1. Introduction and terms of reference' },
        { kind: 'heading', level: 2, text: '2. Something unexpected' },
        { text: 'Text.' },
      ],
      sections: ['front_matter', 'introduction', 'other', 'other'],
    },
    {
      name: 'under an executive summary, a sub-heading that names a section opens it',
      blocks: [
        { kind: 'heading', level: 1, text: 'Part A: Executive Summary' },
        { kind: 'heading', level: 2, text: 'Summary of key findings' },
        { text: 'Text.' },
        { kind: 'heading', level: 2, text: 'The people involved' },
        { text: 'Text.' },
      ],
      sections: ['front_matter', 'findings', 'findings', 'findings', 'findings'],
    },
    {
      name: 'a numbered finding that merely starts with a section word stays a finding',
      blocks: [
        { kind: 'heading', level: 1, text: '6. Findings' },
        { kind: 'heading', level: 2, text: '2. The family were never asked about the move' },
        { kind: 'heading', level: 2, text: '3. Background checks were not made' },
        { kind: 'heading', level: 2, text: '4. Agencies did not share what they knew' },
        { text: 'Text.' },
      ],
      sections: ['findings', 'findings', 'findings', 'findings', 'findings'],
    },
    {
      name: 'under an appendix, a sub-heading that names a section stays in the appendix',
      blocks: [
        { kind: 'heading', level: 1, text: 'Appendix 2: Single agency reports' },
        { kind: 'heading', level: 2, text: 'Recommendations made by the health trust' },
        { text: 'Text.' },
      ],
      sections: ['other', 'other', 'other'],
    },
    {
      name: 'a dated sub-heading in a chronology stays in the chronology',
      blocks: [
        { kind: 'heading', level: 1, text: 'Chronology' },
        { kind: 'heading', level: 2, text: '13 and 14 January 2016' },
        { text: 'Text.' },
      ],
      sections: ['chronology', 'chronology', 'chronology'],
    },
  ] as { name: string; blocks: Partial<Block>[]; sections: string[] }[])('$name', ({ blocks, sections }) => {
    expect(sectionsOf(blocks).map(([, section]) => section)).toEqual(sections);
  });

  it('keeps a short unpunctuated sentence as body text', () => {
    const s2 = segmentReport(doc([{ kind: 'heading', level: 1, text: '5. Analysis' }, { text: 'The mother said she had been drinking heavily' }]), lex);
    expect(s2.segments[1].kind).toBe('paragraph');
    expect(s2.segments[1].heading).toBe('5. Analysis');
  });

  it('recognises an unmarked short heading and keeps paragraph numbers', () => {
    expect(s.segments[8].kind).toBe('heading');
    expect(s.segments[2].paragraph).toBe('1.1');
    expect(s.segments[5].paragraph).toBe('5.3');
    expect(s.segments[5].heading).toBe('The family and the school');
    expect(s.segments[5].sentences.map((x) => s.text.slice(x.start, x.end))).toEqual(['5.3 The school knew.', 'Dr. Ahmed did not.']);
  });

  it.each([
    ['4.12 Text', '4.12'], ['23. Text', '23'], ['ES3 Text', 'ES3'], ['1.1.1 Text', '1.1.1'], ['In 2009 the', null], ['2009 was', null],
    ['12 weeks later', null], ['999 calls were made', null], ['ES3. Text', 'ES3'],
  ])('paragraphNumber(%s) = %s', (t, n) => expect(paragraphNumber(t)).toBe(n));
});
