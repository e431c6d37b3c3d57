import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { layoutPdfPages, pageNumberMatcher, type PdfLexicon } from '../../pipeline/extract/pdfLayout.js';
import { loadPageNumberLexicon, pdfLexiconFor } from '../../pipeline/extract/pdfLexicon.js';
import type { PositionedPage, PositionedText } from '../../pipeline/types.js';

// Hand-made pages: each line is [y (from the top), x, text] plus optional size/font.
type LineSpec = [number, number, string, { size?: number; font?: string }?];

const BODY = 'Body';
const CHAR_WIDTH = 0.5; // em per character: close enough for layout purposes

function item(y: number, x: number, str: string, size = 11, font = BODY): PositionedText {
  return { str, x, y, width: str.length * size * CHAR_WIDTH, fontSize: size, fontName: font, hasEOL: true };
}

function page(pageNumber: number, lines: LineSpec[]): PositionedPage {
  return {
    pageNumber,
    width: 595,
    height: 842,
    items: lines.map(([y, x, str, o]) => item(y, x, str, o?.size, o?.font)),
  };
}

/** Lines of body text every 13 points from y, at x = 60. */
function body(y: number, texts: string[], x = 60): LineSpec[] {
  return texts.map((t, i) => [y + 13 * i, x, t]);
}

const lexicon: PdfLexicon = pdfLexiconFor();
const isPageNumber = pageNumberMatcher(lexicon.pageNumbers);

function texts(pages: PositionedPage[]): string[] {
  return layoutPdfPages(pages, lexicon).blocks.map((b) => b.text);
}

describe('layoutPdfPages: paragraphs', () => {
  const cases: Array<{ name: string; lines: LineSpec[]; expected: string[] }> = [
    {
      name: 'a vertical gap larger than the line spacing starts a paragraph',
      lines: [...body(100, ['The first paragraph runs over', 'two lines of text.']), ...body(140, ['The second one', 'follows after a gap.'])],
      expected: ['The first paragraph runs over two lines of text.', 'The second one follows after a gap.'],
    },
    {
      name: 'paragraph numbers start paragraphs without a gap',
      lines: body(100, ['4.12 The health visitor saw the baby', 'at the clinic.', '4.13 The GP was not told.', '23. A numbered point.', 'ES3 An executive summary point', 'that wraps.', '1.1.1 Three levels.']),
      expected: ['4.12 The health visitor saw the baby at the clinic.', '4.13 The GP was not told.', '23. A numbered point.', 'ES3 An executive summary point that wraps.', '1.1.1 Three levels.'],
    },
    {
      name: 'a wrapped year or decimal at a line start is not a paragraph number',
      lines: body(100, ['The review was commissioned in September', '2010. The panel met on six occasions and the', '3.2 million pound budget was not discussed.']),
      expected: ['The review was commissioned in September 2010. The panel met on six occasions and the 3.2 million pound budget was not discussed.'],
    },
    {
      name: 'first-line indentation starts a paragraph',
      lines: [
        [100, 80, 'An indented first line of a paragraph'],
        [113, 60, 'that continues at the margin.'],
        [126, 80, 'Another indented first line'],
        [139, 60, 'and its continuation.'],
      ],
      expected: ['An indented first line of a paragraph that continues at the margin.', 'Another indented first line and its continuation.'],
    },
    {
      name: 'bullets become list items without the glyph, hanging lines included',
      lines: [
        [100, 60, 'The panel noted:'],
        [113, 60, '\u2022 the first point which is long enough'],
        [126, 72, 'to wrap onto a hanging line;'],
        [139, 60, '\u2022 the second point.'],
      ],
      expected: ['The panel noted:', 'the first point which is long enough to wrap onto a hanging line;', 'the second point.'],
    },
  ];
  it.each(cases)('$name', ({ lines, expected }) => {
    expect(texts([page(1, lines)])).toEqual(expected);
  });

  it('marks bullet paragraphs as list items', () => {
    const { blocks } = layoutPdfPages([page(1, [[100, 60, 'Intro text.'], [113, 60, '\u2022 a point.']])], lexicon);
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'list_item']);
  });
});

describe('layoutPdfPages: page breaks', () => {
  const cases: Array<{ name: string; last: string; first: string; expected: string[] }> = [
    { name: 'continues when the page ends mid-sentence', last: 'The social worker did not visit the', first: 'family again before the summer.', expected: ['The social worker did not visit the family again before the summer.'] },
    { name: 'continues when the next page starts lowercase', last: 'She was seen by the GP.', first: 'and the GP made a referral.', expected: ['She was seen by the GP. and the GP made a referral.'] },
    { name: 'continues mid-sentence even before a capital', last: 'The case was discussed with', first: 'Ms L on the telephone.', expected: ['The case was discussed with Ms L on the telephone.'] },
    { name: 'breaks after a finished sentence and a capital', last: 'The plan ended in May.', first: 'The school was not told.', expected: ['The plan ended in May.', 'The school was not told.'] },
    { name: 'breaks before a numbered paragraph', last: 'The case was discussed with', first: '5.2 The police attended.', expected: ['The case was discussed with', '5.2 The police attended.'] },
  ];
  it.each(cases)('$name', ({ last, first, expected }) => {
    const pages = [page(1, [[680, 60, 'Opening paragraph text.'], [720, 60, last]]), page(2, body(120, [first]))];
    expect(texts(pages).slice(1)).toEqual(expected);
  });

  // A text block about 80 characters wide: the last line before the break is full width or short.
  const FULL = 'The review found that the plan was not reviewed when the family moved house, as';
  const fullWidthCases: Array<{ name: string; last: string; first: string; expected: string[] }> = [
    { name: 'continues after a full-width last line that ends a sentence', last: 'the plan had said would happen when it was agreed at the conference in the May.', first: 'The school was not told.', expected: [`${FULL} the plan had said would happen when it was agreed at the conference in the May. The school was not told.`] },
    { name: 'breaks after a short last line that ends a sentence', last: 'the plan had said.', first: 'The school was not told.', expected: [`${FULL} the plan had said.`, 'The school was not told.'] },
    { name: 'breaks after a full-width last line before a numbered paragraph', last: 'the plan had said would happen when it was agreed at the conference in the May.', first: '5.2 The police attended.', expected: [`${FULL} the plan had said would happen when it was agreed at the conference in the May.`, '5.2 The police attended.'] },
  ];
  it.each(fullWidthCases)('$name', ({ last, first, expected }) => {
    const pages = [page(1, body(700, [FULL, last])), page(2, body(120, [first]))];
    expect(texts(pages)).toEqual(expected);
  });

  it('reads a practitioner code at the text edge of a hanging-numbered paragraph as text, not a number', () => {
    const numbered = (y: number, n: string, lines: string[]): LineSpec[] => [[y, 60, n], ...body(y, lines, 100)];
    const lines = [
      ...numbered(100, '4.229', ['On 26 December Ms K phoned the out-of-hours service asking for advice', 'about the temperature, and was told to attend the centre, which she did.', 'TM2 signed off the decision without recording the reasons for it.']),
      ...numbered(150, '4.230', ['On 27 December Ms K was seen by the GP.']),
    ];
    expect(texts([page(1, lines)])).toEqual([
      '4.229 On 26 December Ms K phoned the out-of-hours service asking for advice about the temperature, and was told to attend the centre, which she did. TM2 signed off the decision without recording the reasons for it.',
      '4.230 On 27 December Ms K was seen by the GP.',
    ]);
  });

  it('keeps the page a paragraph starts on', () => {
    const pages = [page(1, body(700, ['A paragraph that runs over the'])), page(2, body(120, ['page break.']))];
    const { blocks } = layoutPdfPages(pages, lexicon);
    expect(blocks).toEqual([{ kind: 'paragraph', text: 'A paragraph that runs over the page break.', page: 1 }]);
  });
});

describe('layoutPdfPages: page furniture', () => {
  const footers: Array<[string, (n: number) => string]> = [
    ['Page N of M', (n) => `Page ${n} of 4`],
    ['- N -', (n) => `- ${n} -`],
    ['bare number', (n) => String(n)],
    ['roman numeral', (n) => ['i', 'ii', 'iii', 'iv'][n - 1]],
    ['Page N', (n) => `Page ${n}`],
  ];
  it.each(footers)('removes a running header and a %s footer', (_name, footer) => {
    const pages = [1, 2, 3, 4].map((n) =>
      page(n, [
        [40, 190, 'CONFIDENTIAL \u2013 Test LSCB Serious Case Review', { size: 8.5, font: 'Small' }],
        ...body(130, [`${n}.1 Paragraph text on page ${n}.`]),
        [804, 280, footer(n), { size: 8.5, font: 'Small' }],
      ]),
    );
    const { blocks, removedFurniture } = layoutPdfPages(pages, lexicon);
    expect(blocks.map((b) => b.text)).toEqual([1, 2, 3, 4].map((n) => `${n}.1 Paragraph text on page ${n}.`));
    expect(removedFurniture).toHaveLength(8);
    expect(removedFurniture).toContain(footer(3));
  });

  it('removes a footer that carries the page number inside other text', () => {
    const pages = [1, 2, 3].map((n) => page(n, [...body(130, [`Text ${n}.`]), [810, 100, `Overview report v2, March 2015 \u2013 ${n}`]]));
    expect(texts(pages)).toEqual(['Text 1.', 'Text 2.', 'Text 3.']);
  });

  it('keeps a numbered paragraph whose first line recurs at the top of several pages', () => {
    const first = (n: number) => `${n}.100 Information sharing between agencies was inconsistent and often depended on`;
    const pages = [1, 2, 3].map((n) =>
      page(n, [[40, 190, 'CONFIDENTIAL \u2013 Test LSCB Serious Case Review', { size: 8.5, font: 'Small' }], ...body(86, [first(n), 'individual relationships.'])]),
    );
    expect(texts(pages)).toEqual([1, 2, 3].map((n) => `${first(n)} individual relationships.`));
  });

  it('keeps a body line near the bottom that does not repeat', () => {
    const pages = [1, 2, 3].map((n) => page(n, body(100, [`Text ${n}.`])));
    pages[1].items.push(item(790, 60, 'A closing remark at the foot of page two.'));
    expect(texts(pages)).toContain('A closing remark at the foot of page two.');
  });

  it.each([
    ['Page 3 of 45', true], ['- 3 -', true], ['3', true], ['iii', true], ['Page 3', true], ['12 | Page', true],
    ['p. 7', true], ['Page iv', true], ['3/45', true], ['\u2013 12 \u2013', true], ['Page | 9', true],
    ['Civil', false], ['3 months', false], ['Page 3 of the report', false], ['Pages 3', false], ['', false],
  ])('isPageNumber(%j) is %s', (text, expected) => {
    expect(isPageNumber(text)).toBe(expected);
  });

  it('reads page-number wordings from the lexicon, not from code', () => {
    const german = pageNumberMatcher({ ...lexicon.pageNumbers, page_words: ['Seite'], of_words: ['von'] });
    expect(german('Seite 3 von 45')).toBe(true);
    expect(german('Page 3 of 45')).toBe(false);
    expect(pageNumberMatcher({ ...lexicon.pageNumbers, max_chars: 5 })('Page 3 of 45')).toBe(false);
  });

  it('drops a footer in the lexicon\'s wording from every page', () => {
    const custom: PdfLexicon = { ...lexicon, pageNumbers: { ...lexicon.pageNumbers, page_words: ['Blatt'] } };
    const pages = [1, 2].map((n) => page(n, [...body(130, [`Text ${n}.`]), [810, 280, `Blatt ${n + 4}`]]));
    const { blocks, removedFurniture } = layoutPdfPages(pages, custom);
    expect(blocks.map((b) => b.text)).toEqual(['Text 1.', 'Text 2.']);
    expect(removedFurniture).toEqual(['Blatt 5', 'Blatt 6']);
  });

  it.each([
    [{ version: 1, page_words: [], of_words: ['of'], dashes: ['-'], max_chars: 24 }, '"page_words" must be a non-empty list'],
    [{ version: 1, page_words: ['page'], of_words: ['of'], dashes: ['-'], max_chars: 0 }, '"max_chars" must be a positive integer'],
    [{ version: 2, page_words: ['page'], of_words: ['of'], dashes: ['-'], max_chars: 24 }, '"version" must be 1'],
    [{ version: 1, page_words: ['page'], of_words: ['of'], dashes: ['-'], max_chars: 24, pages: [] }, 'unknown key "pages"'],
  ])('a malformed page-number lexicon fails naming the file and field (%#)', (data, message) => {
    const file = join(mkdtempSync(join(tmpdir(), 'scrcode-pages-')), 'page_numbers.json');
    writeFileSync(file, JSON.stringify(data));
    expect(() => loadPageNumberLexicon(file)).toThrow(`${file}: ${message}`);
  });
});

describe('layoutPdfPages: columns', () => {
  it('reads a two-column page column by column, full-width title first', () => {
    const left = body(120, ['The left column starts here', 'and carries on down the', 'page for a number of lines', 'until it reaches the end', 'of its text at the bottom.', 'L2 A second left paragraph.'], 50);
    const right = body(120, ['The right column is read', 'only after the left one', 'has been read completely,', 'because that is the order', 'in which people read it.', 'R2 A second right paragraph.'], 320);
    const pages = [page(1, [[80, 50, 'A full width title line across both columns', { size: 16, font: 'Bold' }], ...left, ...right])];
    expect(texts(pages)).toEqual([
      'A full width title line across both columns',
      'The left column starts here and carries on down the page for a number of lines until it reaches the end of its text at the bottom.',
      'L2 A second left paragraph.',
      'The right column is read only after the left one has been read completely, because that is the order in which people read it.',
      'R2 A second right paragraph.',
    ]);
  });

  it('continues a paragraph from the foot of the left column to the top of the right', () => {
    const left = body(120, ['One paragraph fills the left', 'column and does not stop', 'at its foot but goes on', 'into the right column, as', 'paragraphs do when they are']);
    const right = [...body(120, ['long, and it ends here.'], 320), ...body(146, ['Another paragraph follows', 'in the right column and', 'is long enough to make', 'the column a real one.'], 320)];
    const lines = [...left.map(([y, , t]) => [y, 50, t] as LineSpec), ...right];
    const got = texts([page(1, lines)]);
    expect(got).toEqual([
      'One paragraph fills the left column and does not stop at its foot but goes on into the right column, as paragraphs do when they are long, and it ends here.',
      'Another paragraph follows in the right column and is long enough to make the column a real one.',
    ]);
  });

  it('does not split a single-column page whose lines are full width', () => {
    const lines = body(100, Array.from({ length: 12 }, (_, i) => `Line ${i} of a long paragraph that runs across the full measure of the page and on`));
    expect(texts([page(1, lines)])).toHaveLength(1);
  });
});

describe('layoutPdfPages: hyphenation', () => {
  const cases: Array<[string, string, string, string[]?]> = [
    ['assess-', 'ment was not completed.', 'assessment was not completed.'],
    ['multi-', 'agency meeting was held.', 'multi-agency meeting was held.'],
    ['follow-', 'up visit was not made.', 'follow-up visit was not made.'],
    ['self-', 'harm was not explored.', 'self-harm was not explored.'],
    ['co-', 'sleeping was discussed.', 'co-sleeping was discussed.'],
    ['non-', 'engagement was recorded.', 'non-engagement was recorded.'],
    ['pre-', 'vious concerns were known.', 'previous concerns were known.'],
    ['non-', 'English speakers were seen.', 'non-English speakers were seen.'],
    // Evidence from the same document decides: the hyphenated form seen mid-line keeps the hyphen ...
    ['child-', 'centred practice was weak.', 'child-centred practice was weak.', ['Practice was not child-centred at all.']],
    // ... and the joined form seen elsewhere joins.
    ['safe-', 'guarding leads met.', 'safeguarding leads met.', ['The safeguarding board agreed.']],
    ['post-', 'natal depression was noted.', 'postnatal depression was noted.', ['Her postnatal care was good.']],
    // A prefix keeps its hyphen when the part after it is a word of its own in the document.
    ['anti-', 'social behaviour was seen.', 'antisocial behaviour was seen.'],
    ['anti-', 'social behaviour was seen.', 'anti-social behaviour was seen.', ['Social care was told.']],
    // The Kelvin sign is not a letter of a word, though its lower case is "k": "\u212Asocial"
    // shows the word "social", not "ksocial".
    ['anti-', 'social behaviour was seen.', 'anti-social behaviour was seen.', ['A note on \u212Asocial care.']],
  ];
  it.each(cases)('%s + %s', (head, tail, expected, elsewhere = []) => {
    const lines: LineSpec[] = [[100, 60, `The ${head}`], [113, 60, tail]];
    elsewhere.forEach((t, i) => lines.push([160 + 30 * i, 60, t]));
    expect(texts([page(1, lines)])[0]).toBe(`The ${expected}`);
  });
});

describe('layoutPdfPages: headings, titles and tables', () => {
  it('finds the title, heading levels by type size, and bold body-size headings', () => {
    const pages = [
      page(1, [
        [80, 60, 'Anyshire Safeguarding Board', { size: 20, font: 'Sans-Bold' }],
        [104, 60, 'Serious Case Review: Child A', { size: 20, font: 'Sans-Bold' }],
        [150, 60, '1. Introduction', { size: 14, font: 'Sans-Bold' }],
        ...body(175, ['1.1 The review began in 2012.']),
        [210, 60, 'Pregnancy and birth', { size: 11, font: 'Serif-Bold' }],
        ...body(230, ['1.2 The baby was born at term.']),
      ]),
    ];
    const { blocks } = layoutPdfPages(pages, lexicon);
    expect(blocks.map((b) => [b.kind, b.level, b.text])).toEqual([
      ['title', undefined, 'Anyshire Safeguarding Board Serious Case Review: Child A'],
      ['heading', 1, '1. Introduction'],
      ['paragraph', undefined, '1.1 The review began in 2012.'],
      ['heading', 2, 'Pregnancy and birth'],
      ['paragraph', undefined, '1.2 The baby was born at term.'],
    ]);
  });

  it('keeps each table row one block, cells joined by a space, multi-line cells in column order', () => {
    const row = (y: number, cells: Array<[number, string]>) => cells.map(([x, t]) => [y, x, t, { size: 10 }] as LineSpec);
    const lines: LineSpec[] = [
      ...row(100, [[60, 'No.'], [100, 'Recommendation'], [360, 'Lead'], [460, 'Timescale']]),
      ...row(120, [[60, '1'], [100, 'The service should share any change'], [360, 'Drug and'], [460, '3 months']]),
      ...row(131, [[100, 'in dispensing with the GP.'], [360, 'Alcohol Team']]),
      ...row(151, [[60, '2'], [100, 'The Board should train pharmacists.'], [360, 'LSCB'], [460, '6 months']]),
    ];
    const { blocks } = layoutPdfPages([page(1, lines)], lexicon);
    expect(blocks.map((b) => [b.kind, b.text])).toEqual([
      ['table_row', 'No. Recommendation Lead Timescale'],
      ['table_row', '1 The service should share any change in dispensing with the GP. Drug and Alcohol Team 3 months'],
      ['table_row', '2 The Board should train pharmacists. LSCB 6 months'],
    ]);
  });

  // Cells set close together: a long cell ends under 1.5 em before the next column, so only the
  // column edges the table shows elsewhere (header, other rows) separate them.
  const row = (y: number, cells: Array<[number, string]>) => cells.map(([x, t]) => [y, x, t, { size: 10 }] as LineSpec);
  const header = row(100, [[60, 'No.'], [100, 'Recommendation'], [330, 'Agency'], [430, 'Timescale']]);
  const tableCases: Array<{ name: string; rows: LineSpec[]; expected: string[] }> = [
    {
      name: 'a cell running close to the next column is cut at the column edge the header shows',
      rows: [...row(120, [[60, '1'], [100, 'Review the neglect strategy and introduce a'], [330, 'LSCB'], [430, '6 months']]), ...row(131, [[100, 'shared assessment tool for neglect.']])],
      expected: ['1 Review the neglect strategy and introduce a shared assessment tool for neglect. LSCB 6 months'],
    },
    {
      name: 'a row whose cells all run close together is still a row, its second line included',
      rows: [
        ...row(120, [[60, '7'], [100, 'Ensure that adult services ask about it and'], [330, 'Substance use team'], [430, '3 months']]),
        ...row(131, [[100, 'notify concerns.'], [330, 'service']]),
        ...row(151, [[60, '8'], [100, 'Deliver neglect training.'], [330, 'LSCB'], [430, '12 months']]),
      ],
      expected: ['7 Ensure that adult services ask about it and notify concerns. Substance use team service 3 months', '8 Deliver neglect training. LSCB 12 months'],
    },
  ];
  it.each(tableCases)('$name', ({ rows, expected }) => {
    const { blocks } = layoutPdfPages([page(1, [...header, ...rows])], lexicon);
    expect(blocks.map((b) => [b.kind, b.text])).toEqual([['table_row', 'No. Recommendation Agency Timescale'], ...expected.map((t) => ['table_row', t])]);
  });

  it("takes a line's font from the items with the most characters, the first font used on a tie", () => {
    const paragraph = body(100, ['1.1 The first paragraph of body text runs on over', 'two lines in the body font.']);
    const mixed = (first: string, second: string, secondWord = 'text') => ({
      pageNumber: 1,
      width: 595,
      height: 842,
      items: [...paragraph.map(([y, x, t]) => item(y, x, t)), item(200, 60, 'Risk', 11, first), item(200, 85, secondWord, 11, second)],
    });
    const kinds = (p: PositionedPage) => layoutPdfPages([p], lexicon).blocks.map((b) => [b.kind, b.text]);
    expect(kinds(mixed('Sans-Bold', BODY))).toEqual([['paragraph', paragraph.map((l) => l[2]).join(' ')], ['heading', 'Risk text']]);
    expect(kinds(mixed(BODY, 'Sans-Bold'))).toEqual([['paragraph', paragraph.map((l) => l[2]).join(' ')], ['paragraph', 'Risk text']]);
    expect(kinds(mixed(BODY, 'Sans-Bold', 'factors'))).toEqual([['paragraph', paragraph.map((l) => l[2]).join(' ')], ['heading', 'Risk factors']]);
  });

  it('rebuilds a line from word items, spacing by gaps and normalising the text', () => {
    const words = [item(130, 60, 'The'), item(130, 80, '\uFB01rst'), item(130, 106, '\u201Cvisit\u201D'), item(130, 148, 'was'), item(130, 168, 'late.')];
    expect(texts([{ pageNumber: 1, width: 595, height: 842, items: words }])).toEqual(['The first "visit" was late.']);
  });
});
