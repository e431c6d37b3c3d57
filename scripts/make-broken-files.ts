// Writes tests/fixtures/broken/: real files that exercise every extraction error path.
// Deterministic: fixed dates, a seeded PRNG, no randomness from the libraries.
//   npx tsc -p tsconfig.json && node dist/scripts/make-broken-files.js

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import PDFDocument from 'pdfkit';
import { packageRoot } from '../pipeline/paths.js';

const FIXED_DATE = new Date(Date.UTC(2020, 0, 1));
/** Deflate tops out near 1030:1, so this is about the most a ≤ 200 KB file can expand to. */
const BOMB_EXPANDED_BYTES = 190 * 1024 * 1024;

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '</Types>';
const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '</Relationships>';

const SAMPLE_PARAGRAPHS = [
  '1.1 This fictional review concerns Child T, a boy aged four, and is used only to test how broken files are reported.',
  '1.2 The health visitor saw the family at home twice; the school nurse had no contact before the incident.',
  '1.3 Agencies shared information at a strategy discussion, and a child protection plan followed within a month.',
  '2.1 Practitioners did not always record their reasons for closing the case, and supervision did not test them.',
];

async function main(): Promise<void> {
  const outDir = path.join(packageRoot(), 'tests', 'fixtures', 'broken');
  mkdirSync(outDir, { recursive: true });
  const textPdf = await makeTextPdf();
  const docx = await makeDocx(SAMPLE_PARAGRAPHS);
  const files: Record<string, Uint8Array> = {
    'zero-bytes.pdf': new Uint8Array(0),
    'truncated.pdf': textPdf.subarray(0, Math.floor(textPdf.length / 2)),
    'encrypted.pdf': await makeEncryptedPdf(),
    'random-bytes.pdf': seededBytes(4096, 20240601),
    'no-text-layer.pdf': await makeShapesOnlyPdf(),
    'legacy.doc': makeCompoundFile(['WordDocument']),
    'encrypted-office.docx': makeCompoundFile(['EncryptionInfo', 'EncryptedPackage']),
    'not-word.docx': await zipOf({ 'notes.txt': 'meeting notes\n', 'data/figures.csv': 'year,reviews\n2019,12\n' }),
    'really-a-pdf.docx': textPdf,
    'truncated.docx': docx.subarray(0, Math.floor(docx.length / 2)),
    'zip-bomb.docx': await makeZipBombDocx(),
    'empty.docx': await makeDocx([]),
    'unsupported.xlsx': await zipOf({ 'xl/workbook.xml': '<?xml version="1.0"?><workbook/>', '[Content_Types].xml': '<Types/>' }),
  };
  for (const [name, bytes] of Object.entries(files)) {
    writeFileSync(path.join(outDir, name), bytes);
    console.log(`${name.padEnd(24)} ${bytes.length} bytes`);
  }
}

// ---------------------------------------------------------------- PDF

function pdfToBytes(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.end();
  });
}

function newPdf(extra: PDFKit.PDFDocumentOptions = {}): PDFKit.PDFDocument {
  return new PDFDocument({ size: 'A4', compress: true, info: { CreationDate: FIXED_DATE, Title: 'Broken-file fixture' }, ...extra });
}

function writeSampleText(doc: PDFKit.PDFDocument, pages: number): void {
  for (let page = 0; page < pages; page++) {
    if (page > 0) doc.addPage();
    doc.fontSize(16).text(`Serious Case Review: Child T (fixture page ${page + 1})`);
    doc.moveDown();
    for (const p of SAMPLE_PARAGRAPHS) doc.fontSize(11).text(p).moveDown(0.5);
  }
}

async function makeTextPdf(): Promise<Uint8Array> {
  const doc = newPdf();
  writeSampleText(doc, 4);
  return pdfToBytes(doc);
}

/** RC4 (PDF 1.3) keys derive from the fixed file id; AES-256 would add random salts. */
async function makeEncryptedPdf(): Promise<Uint8Array> {
  const doc = newPdf({ userPassword: 'fixture-secret', ownerPassword: 'fixture-owner', pdfVersion: '1.3' });
  writeSampleText(doc, 1);
  return pdfToBytes(doc);
}

/** A "scanned" page: shapes where the text would be, and no text layer at all. */
async function makeShapesOnlyPdf(): Promise<Uint8Array> {
  const doc = newPdf();
  doc.rect(60, 60, 475, 40).fill('#444444');
  for (let line = 0; line < 30; line++) {
    const width = 380 + ((line * 37) % 95);
    doc.rect(60, 130 + line * 20, width, 8).fill('#999999');
  }
  doc.circle(480, 760, 30).lineWidth(3).stroke('#222222');
  return pdfToBytes(doc);
}

// ---------------------------------------------------------------- zip / DOCX

async function zipOf(files: Record<string, string | Uint8Array>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, data] of Object.entries(files)) zip.file(name, data, { date: FIXED_DATE, createFolders: false });
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

function documentXml(bodyXml: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W_NS}"><w:body>${bodyXml}<w:sectPr/></w:body></w:document>`;
}

function paragraphXml(text: string): string {
  return `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
}

/** A minimal valid DOCX; with no paragraphs it still has one empty paragraph, as Word writes it. */
function makeDocx(paragraphs: string[]): Promise<Uint8Array> {
  const body = paragraphs.length > 0 ? paragraphs.map(paragraphXml).join('') : '<w:p/>';
  return zipOf({ '[Content_Types].xml': CONTENT_TYPES, '_rels/.rels': ROOT_RELS, 'word/document.xml': documentXml(body) });
}

/** A small DOCX whose document.xml is one enormous run of text. */
async function makeZipBombDocx(): Promise<Uint8Array> {
  const head = Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W_NS}"><w:body><w:p><w:r><w:t>`);
  const tail = Buffer.from('</w:t></w:r></w:p><w:sectPr/></w:body></w:document>');
  const xml = Buffer.alloc(BOMB_EXPANDED_BYTES, 'A');
  head.copy(xml, 0);
  tail.copy(xml, xml.length - tail.length);
  return zipOf({ '[Content_Types].xml': CONTENT_TYPES, '_rels/.rels': ROOT_RELS, 'word/document.xml': xml });
}

// ---------------------------------------------------------------- OLE compound file

const SECTOR = 512;
const FREESECT = 0xffffffff;
const ENDOFCHAIN = 0xfffffffe;
const FATSECT = 0xfffffffd;
const NOSTREAM = 0xffffffff;

/**
 * A minimal valid compound file (version 3): header, one FAT sector, one directory sector
 * holding the root and the named (empty) streams, chained as right siblings in name order.
 */
function makeCompoundFile(streamNames: string[]): Uint8Array {
  const file = Buffer.alloc(SECTOR * 3);
  writeCompoundHeader(file);
  const fat = file.subarray(SECTOR, SECTOR * 2);
  fat.fill(0xff);
  fat.writeUInt32LE(FATSECT, 0);
  fat.writeUInt32LE(ENDOFCHAIN, 4);
  const dir = file.subarray(SECTOR * 2);
  const sorted = [...streamNames].sort((a, b) => a.length - b.length || a.toUpperCase().localeCompare(b.toUpperCase()));
  writeDirEntry(dir, 0, 'Root Entry', 5, sorted.length > 0 ? 1 : NOSTREAM, NOSTREAM);
  sorted.forEach((name, i) => writeDirEntry(dir, i + 1, name, 2, NOSTREAM, i + 1 < sorted.length ? i + 2 : NOSTREAM));
  for (let i = sorted.length + 1; i < 4; i++) writeDirEntry(dir, i, '', 0, NOSTREAM, NOSTREAM);
  return new Uint8Array(file);
}

function writeCompoundHeader(file: Buffer): void {
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(file, 0);
  file.writeUInt16LE(0x003e, 0x18); // minor version
  file.writeUInt16LE(0x0003, 0x1a); // major version 3: 512-byte sectors
  file.writeUInt16LE(0xfffe, 0x1c); // little-endian
  file.writeUInt16LE(9, 0x1e); // sector shift
  file.writeUInt16LE(6, 0x20); // mini sector shift
  file.writeUInt32LE(1, 0x2c); // FAT sectors
  file.writeUInt32LE(1, 0x30); // first directory sector
  file.writeUInt32LE(4096, 0x38); // mini stream cutoff
  file.writeUInt32LE(ENDOFCHAIN, 0x3c); // no mini FAT
  file.writeUInt32LE(ENDOFCHAIN, 0x44); // no extra DIFAT sectors
  file.writeUInt32LE(0, 0x4c); // DIFAT[0]: the FAT is sector 0
  for (let i = 1; i < 109; i++) file.writeUInt32LE(FREESECT, 0x4c + i * 4);
}

function writeDirEntry(dir: Buffer, index: number, name: string, type: number, child: number, right: number): void {
  const e = dir.subarray(index * 128, index * 128 + 128);
  if (name) {
    e.write(name, 0, 'utf16le');
    e.writeUInt16LE((name.length + 1) * 2, 0x40);
  }
  e.writeUInt8(type, 0x42);
  e.writeUInt8(type === 0 ? 0 : 1, 0x43); // black
  e.writeUInt32LE(NOSTREAM, 0x44); // left sibling
  e.writeUInt32LE(right, 0x48);
  e.writeUInt32LE(child, 0x4c);
  e.writeUInt32LE(type === 0 ? 0 : ENDOFCHAIN, 0x74); // start sector: empty stream
}

// ---------------------------------------------------------------- random bytes

/** mulberry32: a tiny seeded PRNG, so "random" bytes are the same on every run. */
function seededBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let a = seed >>> 0;
  for (let i = 0; i < length; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

await main();
