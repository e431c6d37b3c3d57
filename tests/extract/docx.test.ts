import {
  Document, Footer, FootnoteReferenceRun, Header, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun,
} from 'docx';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { extractDocx, htmlToBlocks } from '../../pipeline/extract/docx.js';
import { ExtractError } from '../../pipeline/extract/errors.js';

async function buildDocx(): Promise<Uint8Array> {
  const doc = new Document({
    footnotes: { 1: { children: [new Paragraph('Footnote text that is not body text.')] } },
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph('CONFIDENTIAL – Test LSCB Serious Case Review')] }) },
        footers: { default: new Footer({ children: [new Paragraph('Page 1 of 1')] }) },
        children: [
          new Paragraph({ text: 'Serious Case Review: Child T', heading: HeadingLevel.TITLE }),
          new Paragraph({ text: '1. Introduction', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ children: [new TextRun('1.1 The review “began” in 2019'), new FootnoteReferenceRun(1), new TextRun('.')] }),
          new Paragraph({ text: 'Key episodes', heading: HeadingLevel.HEADING_2 }),
          new Paragraph({ text: 'First bullet', bullet: { level: 0 } }),
          new Paragraph({ text: 'Nested bullet', bullet: { level: 1 } }),
          new Paragraph({ text: 'Second bullet', bullet: { level: 0 } }),
          new Paragraph(''),
          new Table({
            rows: [
              new TableRow({ children: ['No.', 'Recommendation', 'Lead'].map((t) => new TableCell({ children: [new Paragraph(t)] })) }),
              new TableRow({
                children: [
                  new TableCell({ children: [new Paragraph('1')] }),
                  new TableCell({ children: [new Paragraph('Audit supervision.'), new Paragraph('Report to the Board.')] }),
                  new TableCell({ children: [new Paragraph('LSCB')] }),
                ],
              }),
            ],
          }),
          new Paragraph({ text: 'Deep heading', heading: HeadingLevel.HEADING_4 }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe('extractDocx', () => {
  it('keeps titles, heading levels, list items and table rows, and drops headers, footers and footnotes', async () => {
    const doc = await extractDocx(await buildDocx());
    expect(doc.format).toBe('docx');
    expect(doc.pageCount).toBeNull();
    expect(doc.blocks).toEqual([
      { kind: 'title', text: 'Serious Case Review: Child T', page: null },
      { kind: 'heading', level: 1, text: '1. Introduction', page: null },
      { kind: 'paragraph', text: '1.1 The review "began" in 2019.', page: null },
      { kind: 'heading', level: 2, text: 'Key episodes', page: null },
      { kind: 'list_item', text: 'First bullet', page: null },
      { kind: 'list_item', text: 'Nested bullet', page: null },
      { kind: 'list_item', text: 'Second bullet', page: null },
      { kind: 'table_row', text: 'No. Recommendation Lead', page: null },
      { kind: 'table_row', text: '1 Audit supervision. Report to the Board. LSCB', page: null },
      { kind: 'heading', level: 4, text: 'Deep heading', page: null },
    ]);
  });

  it('refuses a zip whose declared expansion is absurd before parsing it', async () => {
    const zip = new JSZip();
    zip.file('word/document.xml', 'x'.repeat(30 * 1024 * 1024));
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    await expect(extractDocx(bytes)).rejects.toMatchObject({ status: 'resource_limit', message: expect.stringMatching(/expands to 30 MB .*zip bomb/) });
  });

  it('reports a zip without word/document.xml as not_word and a cut zip as truncated', async () => {
    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook/>');
    const notWord = await zip.generateAsync({ type: 'uint8array' });
    await expect(extractDocx(notWord)).rejects.toBeInstanceOf(ExtractError);
    await expect(extractDocx(notWord)).rejects.toMatchObject({ status: 'not_word' });
    const whole = await buildDocx();
    await expect(extractDocx(whole.subarray(0, whole.length - 100))).rejects.toMatchObject({ status: 'truncated' });
  });
});

describe('htmlToBlocks', () => {
  it('flattens nested lists into one block per item, in order', () => {
    const html = '<ul><li>a<ul><li>a.1</li><li>a.2<ol><li>a.2.i</li></ol></li></ul></li><li>b</li></ul>';
    expect(htmlToBlocks(html).map((b) => `${b.kind}:${b.text}`)).toEqual([
      'list_item:a', 'list_item:a.1', 'list_item:a.2', 'list_item:a.2.i', 'list_item:b',
    ]);
  });

  it('drops mammoth footnote sections and their [n] markers', () => {
    const html =
      '<p>Text<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup> here.</p>' +
      '<ol><li id="footnote-1"><p>The note. <a href="#footnote-ref-1">↑</a></p></li></ol>' +
      '<ol><li id="endnote-2"><p>An endnote.</p></li></ol>';
    expect(htmlToBlocks(html)).toEqual([{ kind: 'paragraph', text: 'Text here.', page: null }]);
  });

  it('drops empty paragraphs and keeps a nested table inside its cell', () => {
    const html = '<p> </p><table><tr><td><p>outer</p><table><tr><td>inner</td></tr></table></td><td>x</td></tr></table>';
    expect(htmlToBlocks(html).map((b) => b.text)).toEqual(['outer inner x']);
  });
});
