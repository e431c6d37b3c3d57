// What the REFI-QDA exports (.qdpx project, .qdc codebook) share: stable GUIDs, XML escaping,
// code-point positions and the codebook as a code tree. The standard is QDA-XML 1.0
// (refi-qda/Project.xsd, shipped beside this file).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Codebook, CodebookEntry } from '../codebook.js';
import { packageRoot } from '../paths.js';
import type { CodeKind } from '../types.js';

export const PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0';
export const CODEBOOK_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

// Our own name-space UUID for the v5-style GUIDs below; never change it, or every GUID changes
// and a re-import into NVivo or ATLAS.ti duplicates everything instead of updating it.
const SCRCODE_GUID_NAMESPACE = Buffer.from('6f1d2b8e4c3a5e7f9a0b1c2d3e4f5a6b', 'hex');

/**
 * A GUID derived from `key` alone (RFC 4122 version 5: SHA-1 of a name-space and a name), so the
 * same code, document or coded segment gets the same GUID in every export.
 */
export function stableGuid(key: string): string {
  const hash = createHash('sha1').update(SCRCODE_GUID_NAMESPACE).update(key, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export const codeGuid = (code: string): string => stableGuid(`code:${code}`);
export const codeGroupGuid = (kind: CodeKind): string => stableGuid(`code-group:${kind}`);

/** "origin" of the files we write: the program and its version, as the standard asks. */
export function scrcodeOrigin(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string };
  return `scrcode ${pkg.version ?? ''}`.trim();
}

// Characters XML 1.0 cannot hold at all (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/F).
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Element content: escaped, and what XML cannot carry replaced by U+FFFD. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value in double quotes; tabs and line breaks kept as references (a parser would fold them to spaces). */
export function xmlAttr(value: string | number | boolean): string {
  return xmlText(String(value)).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** ` name="value"` for each defined attribute, in the order given. */
export function attrs(values: Record<string, string | number | boolean | null | undefined>): string {
  return Object.entries(values).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => ` ${k}="${xmlAttr(v!)}"`).join('');
}

/**
 * Converts JS string offsets (UTF-16 code units, as every span in the database) into the
 * positions REFI-QDA uses: Unicode code points. Identical unless the text holds characters
 * beyond U+FFFF (emoji, mathematical letters), each of which is two units but one position.
 */
export function codePointPositions(text: string): (utf16Offset: number) => number {
  if (!/[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(text)) return (offset) => offset;
  // Every surrogate pair that starts before an offset makes the position one less than the offset.
  const pairStarts: number[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    if (isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1))) pairStarts.push(i++);
  }
  return (offset) => {
    if (offset < 0 || offset > text.length) throw new Error(`offset ${offset} is outside the text (${text.length} units)`);
    const pairs = countBelow(pairStarts, offset);
    if (pairs > 0 && pairStarts[pairs - 1] === offset - 1) throw new Error(`offset ${offset} splits a surrogate pair`);
    return offset - pairs;
  };
}

const isHigh = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

/** How many of the sorted numbers are < limit (binary search). */
function countBelow(sorted: number[], limit: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// One colour per kind, so themes and risk factors stand apart in a QDA program's code list.
const KIND_COLOUR: Record<CodeKind, string> = { theme: '#1F6FB2', risk_factor: '#C25B12' };
const KIND_GROUP: Record<CodeKind, { name: string; description: string }> = {
  theme: { name: 'Themes', description: 'Practice issues: a segment is coded when it discusses that aspect of practice, done well or badly.' },
  risk_factor: { name: 'Risk factors', description: 'Circumstances of the child and family: a segment is coded when it asserts the factor was present in this case.' },
};

/**
 * The codebook as a QDA-XML `<Codes>` tree: two groups that cannot be coded ("Themes", "Risk
 * factors") holding the codebook's codes in its order, each named by its label and described
 * by its meaning (and its id, so an analyst can match the export to the database).
 */
export function codesXml(codebook: Codebook, indent: string): string {
  const lines = [`${indent}<Codes>`];
  for (const kind of ['theme', 'risk_factor'] as const) {
    const group = KIND_GROUP[kind];
    lines.push(`${indent}  <Code${attrs({ guid: codeGroupGuid(kind), name: group.name, isCodable: false, color: KIND_COLOUR[kind] })}>`);
    lines.push(`${indent}    <Description>${xmlText(group.description)}</Description>`);
    for (const code of codebook.codes.filter((c) => c.kind === kind)) lines.push(codeXml(code, `${indent}    `));
    lines.push(`${indent}  </Code>`);
  }
  lines.push(`${indent}</Codes>`);
  return lines.join('\n');
}

function codeXml(code: CodebookEntry, indent: string): string {
  return `${indent}<Code${attrs({ guid: codeGuid(code.id), name: code.label, isCodable: true, color: KIND_COLOUR[code.kind] })}>`
    + `<Description>${xmlText(`${code.meaning} [scrcode id: ${code.id}]`)}</Description></Code>`;
}
