import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_EXTENSIONS, decodeText, detectKind, isSupportedFile, sniffContent } from '../../pipeline/extract/detect.js';
import { DEV_CORPUS } from '../helpers/devCorpus.js';

const BROKEN = path.join(import.meta.dirname, '../fixtures/broken');
// The labelled dev reports live beside the repository (../shared/dev-corpus).
const DEV = DEV_CORPUS;
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(BROKEN, name)));
const utf8 = (s: string) => new TextEncoder().encode(s);

async function zipWith(names: string[]): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const n of names) zip.file(n, '<x/>');
  return zip.generateAsync({ type: 'uint8array' });
}

describe('detectKind', () => {
  it('accepts real PDF, DOCX and TXT content under their own extensions', () => {
    expect(detectKind('a.pdf', readFileSync(path.join(DEV, 'stanbury_scr_child_l.pdf')))).toEqual({ ok: true, format: 'pdf' });
    expect(detectKind('a.DOCX', readFileSync(path.join(DEV, 'milbourne_scr_family_k.docx')))).toEqual({ ok: true, format: 'docx' });
    expect(detectKind('a.txt', utf8('1. Introduction\n\nText.'))).toEqual({ ok: true, format: 'txt' });
  });

  it.each([
    ['report.xlsx', utf8('anything'), 'unsupported_type', /\.xlsx not read/],
    ['scan.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47]), 'unsupported_type', /\.png not read/],
    ['README', utf8('text'), 'unsupported_type', /without an extension/],
    ['empty.txt', new Uint8Array(0), 'empty', /0 bytes/],
    ['x.docx', utf8('%PDF-1.7\n...'), 'wrong_extension', /named \.docx but is a PDF/],
    ['x.pdf', fixture('empty.docx'), 'wrong_extension', /named \.pdf but is a Word \.docx/],
    ['x.txt', utf8('%PDF-1.4\n'), 'wrong_extension', /named \.txt but is a PDF/],
    ['x.docx', fixture('legacy.doc'), 'wrong_extension', /named \.docx but is a Word 97-2003/],
    ['x.doc', fixture('legacy.doc'), 'legacy_doc', /save as \.docx/],
    ['x.docx', fixture('encrypted-office.docx'), 'encrypted', /password-protected/],
    ['x.docx', fixture('not-word.docx'), 'not_word', /zip archive but not a Word document/],
    ['x.docx', fixture('truncated.docx'), 'ok', /docx/], // the zip's own parts say Word; extractDocx reports the cut
    ['x.pdf', fixture('random-bytes.pdf'), 'corrupt', /no %PDF- header/],
    ['x.txt', fixture('random-bytes.pdf'), 'unsupported_type', /binary/],
    ['x.doc', utf8('{\\rtf1\\ansi Hello}'), 'unsupported_type', /RTF document named \.doc is not supported/],
  ])('%s → %s', (name, bytes, status, reason) => {
    const d = detectKind(name, bytes);
    if (status === 'ok') {
      expect(d).toEqual({ ok: true, format: 'docx' });
      return;
    }
    expect(d).toMatchObject({ ok: false, status });
    if (!d.ok) expect(d.reason).toMatch(reason);
  });

  it('names Excel and PowerPoint zips that pose as .docx', async () => {
    expect(detectKind('x.docx', await zipWith(['xl/workbook.xml']))).toMatchObject({ status: 'not_word', reason: expect.stringMatching(/Excel/) });
    expect(detectKind('x.docx', await zipWith(['ppt/presentation.xml']))).toMatchObject({ status: 'not_word', reason: expect.stringMatching(/PowerPoint/) });
  });

  it('finds a PDF header behind a short junk prefix', () => {
    expect(sniffContent(utf8('\r\n\r\n%PDF-1.4\n'))).toBe('pdf');
  });

  it('lists the supported extensions for the CLI', () => {
    expect(SUPPORTED_EXTENSIONS).toEqual(['.pdf', '.docx', '.txt', '.doc']);
    expect(isSupportedFile('a/b/Report.PDF')).toBe(true);
    expect(isSupportedFile('a/b/table.xlsx')).toBe(false);
  });
});

describe('decodeText', () => {
  it('decodes UTF-8, UTF-16 with BOM and Windows-1252, and refuses binary data', () => {
    expect(decodeText(utf8('\uFEFFcafé'))).toBe('café');
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x63, 0x00, 0xe9, 0x00]))).toBe('cé');
    expect(decodeText(new Uint8Array([0xfe, 0xff, 0x00, 0x63, 0x00, 0xe9]))).toBe('cé');
    expect(decodeText(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x71, 0x94]))).toBe('café \u201Cq\u201D');
    expect(decodeText(new Uint8Array([0x61, 0x00, 0x62]))).toBeNull();
    expect(decodeText(fixture('random-bytes.pdf'))).toBeNull();
  });
});
