import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Span } from '../types.js';
import { lexiconDir } from '../paths.js';

export interface Abbreviations {
  bindsForward: ReadonlySet<string>;
  mayEndSentence: ReadonlySet<string>;
}

export function loadAbbreviations(dir = lexiconDir()): Abbreviations {
  const file = join(dir, 'abbreviations.json');
  const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const list = (key: string): Set<string> => {
    const v = data[key];
    if (!Array.isArray(v)) throw new Error(`${file}: "${key}" must be a list of strings`);
    return new Set(v.map((a) => String(a).toLowerCase()));
  };
  return { bindsForward: list('binds_forward'), mayEndSentence: list('may_end_sentence') };
}

// A candidate boundary: sentence punctuation, optional closing quotes/brackets, then space.
const BOUNDARY = /[.!?]+["')\]]*(?=\s+)/g;

/**
 * Sentence spans of `text`, offset by `base`. Does not split after abbreviations ("Dr.", "e.g."),
 * initials ("J. Smith"), section references ("s.47", "No. 3") or before a lower-case word.
 */
export function splitSentences(text: string, abbreviations: Abbreviations, base = 0): Span[] {
  const spans: Span[] = [];
  let start = skipSpace(text, 0);
  for (const m of text.matchAll(BOUNDARY)) {
    const end = m.index + m[0].length;
    if (end <= start || !endsSentence(text, m.index, end, abbreviations)) continue;
    spans.push({ start: base + start, end: base + end });
    start = skipSpace(text, end);
  }
  if (start < text.length) spans.push({ start: base + start, end: base + trimEnd(text) });
  return spans;
}

function endsSentence(text: string, punct: number, end: number, abbreviations: Abbreviations): boolean {
  const next = text.slice(skipSpace(text, end), skipSpace(text, end) + 2);
  if (!next || /^[a-z]/.test(next)) return false;
  if (/^\s*(?:[A-Z]{0,3}\d+(?:\.\d+)*|[a-z]|[ivx]+)[.)]$/.test(text.slice(0, end))) return false; // "23. " or "(b) " numbering
  if (text[punct] !== '.') return true;
  const word = /([A-Za-z][A-Za-z.]*)$/.exec(text.slice(Math.max(0, punct - 20), punct))?.[1] ?? '';
  if (!word) return true; // a number before the stop: "... in 2009." ends a sentence
  if (word.length === 1 && /[A-Z]/.test(word)) return false; // an initial
  const lower = word.toLowerCase();
  if (abbreviations.bindsForward.has(lower)) return false;
  if (abbreviations.mayEndSentence.has(lower)) return !/^[0-9(]/.test(next);
  return true;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

function trimEnd(text: string): number {
  let e = text.length;
  while (e > 0 && /\s/.test(text[e - 1])) e--;
  return e;
}
