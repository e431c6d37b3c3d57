// The data PDF layout reads from lexicons/ (hyphenation word lists, page-number wordings), checked
// at load. Apart from the engine, so that a run can check it before any worker starts.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lexiconDir } from '../paths.js';
import type { HyphenationLexicon, PageNumberLexicon, PdfLexicon } from './pdfLayout.js';

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Reads and checks lexicons/hyphenation.json; a malformed file fails naming the file and field. */
export function loadHyphenationLexicon(file = path.join(lexiconDir(), 'hyphenation.json')): HyphenationLexicon {
  const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const allowed = new Set(['$comment', 'version', 'keep_hyphen_prefixes', 'keep_hyphen_words']);
  for (const key of Object.keys(data)) {
    if (!allowed.has(key)) throw new Error(`${file}: unknown key "${key}" (allowed: ${[...allowed].join(', ')})`);
  }
  if (data.version !== 1) throw new Error(`${file}: "version" must be 1`);
  for (const key of ['keep_hyphen_prefixes', 'keep_hyphen_words'] as const) {
    if (!isStringList(data[key])) throw new Error(`${file}: "${key}" must be a list of strings`);
  }
  return data as unknown as HyphenationLexicon;
}

/** Reads and checks lexicons/page_numbers.json; a malformed file fails naming the file and field. */
export function loadPageNumberLexicon(file = path.join(lexiconDir(), 'page_numbers.json')): PageNumberLexicon {
  const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const allowed = new Set(['$comment', 'version', 'page_words', 'of_words', 'dashes', 'max_chars']);
  for (const key of Object.keys(data)) {
    if (!allowed.has(key)) throw new Error(`${file}: unknown key "${key}" (allowed: ${[...allowed].join(', ')})`);
  }
  if (data.version !== 1) throw new Error(`${file}: "version" must be 1`);
  for (const key of ['page_words', 'of_words', 'dashes'] as const) {
    const list = data[key];
    if (!isStringList(list) || list.length === 0 || list.some((w) => w.trim() === '')) {
      throw new Error(`${file}: "${key}" must be a non-empty list of non-empty strings`);
    }
  }
  if (!Number.isInteger(data.max_chars) || (data.max_chars as number) < 1) throw new Error(`${file}: "max_chars" must be a positive integer`);
  return data as unknown as PageNumberLexicon;
}

const pdfLexiconByDir = new Map<string, PdfLexicon>();

/** The PDF layout data of a lexicon folder (the package's own by default), loaded once. */
export function pdfLexiconFor(dir: string = lexiconDir()): PdfLexicon {
  let lexicon = pdfLexiconByDir.get(dir);
  if (!lexicon) {
    const files = manifestFiles(dir);
    lexicon = {
      hyphenation: loadHyphenationLexicon(path.join(dir, files.hyphenation ?? 'hyphenation.json')),
      pageNumbers: loadPageNumberLexicon(path.join(dir, files.page_numbers ?? 'page_numbers.json')),
    };
    pdfLexiconByDir.set(dir, lexicon);
  }
  return lexicon;
}

function manifestFiles(dir: string): Record<string, string> {
  const file = path.join(dir, 'manifest.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { files?: Record<string, string> }).files ?? {} : {};
}
