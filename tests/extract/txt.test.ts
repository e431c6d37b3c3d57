import { describe, expect, it } from 'vitest';
import { extractBytes } from '../../pipeline/extract/extractBytes.js';
import { extractTxt, textToBlocks } from '../../pipeline/extract/txt.js';

describe('extractTxt', () => {
  it('splits paragraphs at blank lines, folds wrapped lines and finds short unpunctuated headings', async () => {
    const text = [
      'Serious Case Review: Child T',
      '',
      '1. Introduction',
      '',
      '1.1 The review was commissioned in May 2019',
      'and completed in March 2020.',
      '   ',
      '1.2 The family were known to “several” agencies:',
      '',
      'Recommendations',
      '\f',
      '12',
      '',
    ].join('\r\n');
    const doc = await extractTxt(new TextEncoder().encode(text));
    expect(doc).toMatchObject({ format: 'txt', pageCount: null, removedFurniture: [] });
    expect(doc.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['heading', 'Serious Case Review: Child T'],
      ['heading', '1. Introduction'],
      ['paragraph', '1.1 The review was commissioned in May 2019 and completed in March 2020.'],
      ['paragraph', '1.2 The family were known to "several" agencies:'],
      ['heading', 'Recommendations'],
      ['paragraph', '12'],
    ]);
    expect(doc.blocks.every((b) => b.page === null)).toBe(true);
  });

  it('treats a short sentence and a long unpunctuated line as paragraphs', () => {
    const long = 'This line has no full stop but runs on well past twelve words so it cannot be a heading';
    expect(textToBlocks(`She was seen.\n\n${long}`).map((b) => b.kind)).toEqual(['paragraph', 'paragraph']);
  });

  it('reads UTF-16 text with a byte-order mark', async () => {
    const body = Buffer.from('Findings\n\nThe plan was not reviewed.', 'utf16le');
    const doc = await extractTxt(new Uint8Array([0xff, 0xfe, ...body]));
    expect(doc.blocks.map((b) => b.text)).toEqual(['Findings', 'The plan was not reviewed.']);
  });

  it('gives no blocks for whitespace only, which extractBytes reports as empty', async () => {
    const blank = new TextEncoder().encode(' \n\n \t\n');
    expect((await extractTxt(blank)).blocks).toEqual([]);
    expect(await extractBytes('blank.txt', blank)).toMatchObject({ ok: false, status: 'empty', reason: 'TXT holds no text' });
  });
});

describe('a text file without blank lines', () => {
  it('reads one paragraph per line rather than one paragraph for the whole file', () => {
    const blocks = textToBlocks('1. Introduction\n1.1 The review began in May.\n1.2 It ended in June.\n');
    expect(blocks.map((b) => [b.kind, b.text])).toEqual([
      ['heading', '1. Introduction'],
      ['paragraph', '1.1 The review began in May.'],
      ['paragraph', '1.2 It ended in June.'],
    ]);
  });
});
