// Decide what a file really is from its bytes, and compare that with what its name claims.
// The name only decides which files are read at all; the bytes decide how (and whether).

import path from 'node:path';
import type { DocStatus, SourceFormat } from '../types.js';

/** Extensions scrcode opens. `.doc` is opened only so that it can be reported as legacy_doc. */
export const SUPPORTED_EXTENSIONS: readonly string[] = ['.pdf', '.docx', '.txt', '.doc'];

export type Detection =
  | { ok: true; format: SourceFormat }
  | { ok: false; status: Exclude<DocStatus, 'coded'>; reason: string };

/** What the bytes are, before the name is considered. */
export type ContentKind =
  | 'pdf'
  | 'docx'
  | 'zip' // an intact zip without word/document.xml
  | 'truncated_zip' // zip local headers but no central directory, and no sign of Word parts
  | 'legacy_doc'
  | 'encrypted_office'
  | 'rtf'
  | 'txt'
  | 'empty'
  | 'binary';

const CONTENT_LABEL: Record<ContentKind, string> = {
  pdf: 'a PDF',
  docx: 'a Word .docx document',
  zip: 'a zip archive',
  truncated_zip: 'a truncated zip archive',
  legacy_doc: 'a Word 97-2003 .doc (OLE) file',
  encrypted_office: 'a password-protected Office file',
  rtf: 'an RTF document',
  txt: 'plain text',
  empty: 'empty',
  binary: 'binary data',
};

const EXPECTED_CONTENT: Record<string, ContentKind> = {
  '.pdf': 'pdf',
  '.docx': 'docx',
  '.txt': 'txt',
  '.doc': 'legacy_doc',
};

export function fileExtension(fileName: string): string {
  return path.extname(fileName).toLowerCase();
}

export function isSupportedFile(fileName: string): boolean {
  return SUPPORTED_EXTENSIONS.includes(fileExtension(fileName));
}

/** The format to extract `bytes` as, or the terminal status that stops it, judged from the bytes. */
export function detectKind(fileName: string, bytes: Uint8Array): Detection {
  const ext = fileExtension(fileName);
  if (!isSupportedFile(fileName)) {
    return {
      ok: false,
      status: 'unsupported_type',
      reason: `${ext || 'files without an extension'} not read (scrcode reads ${SUPPORTED_EXTENSIONS.slice(0, 3).join(' ')})`,
    };
  }
  const content = sniffContent(bytes);
  return judge(ext, content, bytes);
}

function judge(ext: string, content: ContentKind, bytes: Uint8Array): Detection {
  const expected = EXPECTED_CONTENT[ext];
  switch (content) {
    case 'empty':
      return { ok: false, status: 'empty', reason: 'file is empty (0 bytes)' };
    case 'rtf':
      // Word's "save as .doc" often writes RTF; scrcode does not read RTF whatever the name.
      return { ok: false, status: 'unsupported_type', reason: `RTF document named ${ext} is not supported: save as .docx` };
    case 'encrypted_office':
      return { ok: false, status: 'encrypted', reason: 'password-protected Office document: remove the password and save as .docx' };
    case 'legacy_doc':
      return ext === '.doc'
        ? { ok: false, status: 'legacy_doc', reason: 'Word 97-2003 .doc is not supported: save as .docx' }
        : wrongExtension(ext, content, ' (Word 97-2003 .doc is not supported: save as .docx)');
    case 'zip':
      return ext === '.docx' || ext === '.doc'
        ? { ok: false, status: 'not_word', reason: `zip archive but not a Word document${guessOfficeKind(bytes)}` }
        : wrongExtension(ext, content);
    case 'truncated_zip':
      return ext === '.docx'
        ? { ok: false, status: 'truncated', reason: 'DOCX is truncated: the zip central directory is missing' }
        : wrongExtension(ext, content);
    case 'binary':
      return binaryVerdict(ext);
    default:
      if (content === expected) return { ok: true, format: content as SourceFormat };
      return wrongExtension(ext, content);
  }
}

function wrongExtension(ext: string, content: ContentKind, note = ''): Detection {
  return { ok: false, status: 'wrong_extension', reason: `named ${ext} but is ${CONTENT_LABEL[content]}${note}` };
}

function binaryVerdict(ext: string): Detection {
  if (ext === '.txt') return { ok: false, status: 'unsupported_type', reason: 'named .txt but holds binary data, not text' };
  const expected = ext === '.pdf' ? 'no %PDF- header' : ext === '.docx' ? 'not a zip archive' : 'not an OLE compound file';
  return { ok: false, status: 'corrupt', reason: `unreadable ${ext} file: ${expected}` };
}

// ---------------------------------------------------------------- sniffing

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_LOCAL_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY_MAGIC = [0x50, 0x4b, 0x05, 0x06];
const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');
const RTF_MAGIC = [...Buffer.from('{\\rtf', 'latin1')];
/** PDF readers accept the header anywhere in the first KB (some files carry a junk prefix). */
const PDF_HEADER_WINDOW = 1024;

export function sniffContent(bytes: Uint8Array): ContentKind {
  if (bytes.length === 0) return 'empty';
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.subarray(0, PDF_HEADER_WINDOW).indexOf(PDF_MAGIC) >= 0) return 'pdf';
  if (startsWith(bytes, ZIP_LOCAL_MAGIC) || startsWith(bytes, ZIP_EMPTY_MAGIC)) return sniffZip(buf);
  if (startsWith(bytes, OLE_MAGIC)) return oleHasEncryptionStreams(bytes) ? 'encrypted_office' : 'legacy_doc';
  if (startsWith(bytes, RTF_MAGIC)) return 'rtf';
  return decodeText(bytes) === null ? 'binary' : 'txt';
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

const WORD_MAIN_PART = 'word/document.xml';

function sniffZip(buf: Buffer): ContentKind {
  const entries = readZipDirectory(buf);
  if (entries) return entries.some((e) => e.name === WORD_MAIN_PART) ? 'docx' : 'zip';
  // No central directory: the file was cut short. Local headers still name the parts written so far.
  return buf.indexOf('word/', 0, 'latin1') >= 0 ? 'docx' : 'truncated_zip';
}

function guessOfficeKind(bytes: Uint8Array): string {
  const names = readZipDirectory(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))?.map((e) => e.name) ?? [];
  if (names.some((n) => n.startsWith('xl/'))) return ' (an Excel workbook)';
  if (names.some((n) => n.startsWith('ppt/'))) return ' (a PowerPoint presentation)';
  return '';
}

// ---------------------------------------------------------------- zip central directory

export interface ZipEntry {
  name: string;
  compressedSize: number;
  /** Declared size; Infinity for zip64 entries (over 4 GB). */
  uncompressedSize: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_MIN = 22;
const ZIP64_MARKER = 0xffffffff;

/** The zip's central directory, or null when it is missing or cut short (a truncated file). */
export function readZipDirectory(buf: Buffer): ZipEntry[] | null {
  const eocd = findEndOfCentralDirectory(buf);
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  const offset = buf.readUInt32LE(eocd + 16);
  if (offset === ZIP64_MARKER) return [{ name: '(zip64)', compressedSize: 0, uncompressedSize: Infinity }];
  if (offset + size > eocd) return null;
  return readCentralEntries(buf, offset, count);
}

function findEndOfCentralDirectory(buf: Buffer): number {
  const lowest = Math.max(0, buf.length - EOCD_MIN - 0xffff);
  for (let i = buf.length - EOCD_MIN; i >= lowest; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIGNATURE) return i;
  }
  return -1;
}

function readCentralEntries(buf: Buffer, start: number, count: number): ZipEntry[] | null {
  const entries: ZipEntry[] = [];
  let p = start;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL_SIGNATURE) return null;
    const compressed = buf.readUInt32LE(p + 20);
    const uncompressed = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    entries.push({
      name: buf.toString('utf8', p + 46, p + 46 + nameLength),
      compressedSize: compressed,
      uncompressedSize: uncompressed === ZIP64_MARKER ? Infinity : uncompressed,
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

// ---------------------------------------------------------------- OLE compound files

const ENCRYPTION_STREAMS = ['EncryptionInfo', 'EncryptedPackage'];
const OLE_DIR_ENTRY = 128;
const OLE_STREAM_TYPE = 2;

/**
 * Password-protected .docx/.xlsx files are OLE containers holding EncryptionInfo and
 * EncryptedPackage streams. Directory entries always start on a 128-byte boundary of the
 * file (sectors are multiples of 512 bytes), so checking each boundary for a stream entry
 * with that exact name is precise without walking the sector chains.
 */
function oleHasEncryptionStreams(bytes: Uint8Array): boolean {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const names = ENCRYPTION_STREAMS.map((n) => Buffer.from(n, 'utf16le'));
  for (let p = 512; p + OLE_DIR_ENTRY <= buf.length; p += OLE_DIR_ENTRY) {
    for (const name of names) {
      if (buf.readUInt16LE(p + 0x40) === name.length + 2 && buf[p + 0x42] === OLE_STREAM_TYPE && buf.subarray(p, p + name.length).equals(name)) {
        return true;
      }
    }
  }
  return false;
}

// ---------------------------------------------------------------- text

const CONTROL_SHARE_LIMIT = 0.01;

/**
 * The text of a plain-text file (UTF-8, UTF-16 with a BOM, or Windows-1252 when it is not
 * UTF-8 but looks like text), or null for binary data.
 */
export function decodeText(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return looksLikeSingleByteText(bytes) ? decodeWindows1252(bytes) : null;
  }
}

/** Windows-1252 bytes 0x80–0x9F (Node 20's TextDecoder decodes them as Latin-1 controls). */
const CP1252_HIGH = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

function looksLikeSingleByteText(bytes: Uint8Array): boolean {
  let control = 0;
  for (const b of bytes) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control <= bytes.length * CONTROL_SHARE_LIMIT;
}
