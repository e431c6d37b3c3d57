import { stem } from './stem.js';

/** One word of the text with its span in document offsets and the forms the tries key on. */
export interface Token {
  start: number;
  end: number;
  /** As written (acronym matching is case-sensitive). */
  raw: string;
  lower: string;
  stem: string;
  /** Interned ids of raw, lower and stem: the tries key on these, since an integer key is cheaper to look up than a string. */
  rawId: number;
  lowerId: number;
  stemId: number;
}

/** A word as written and the forms worked out from it. */
type Form = Omit<Token, 'start' | 'end'> & { written: string };

// Letters and digits, with inner apostrophes kept ("don't", "partner's"); hyphens split
// compounds so "multi-agency" and "multi agency" match the same term. Semicolons and colons
// are tokens so that context data can name them as scope terminators. tokenize() finds these
// words by hand, without a RegExp match object or a cut-out string per word, and must find
// exactly what WORD finds: WORD stays as the definition the tests hold it to.
export const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[;:]/gu;
const POSSESSIVE = /['’]s$/;
// Lexicon terms may also hold "*", the wildcard for any one word.
const TERM_WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[;:*]/gu;

// A year of reports repeats a few tens of thousands of word forms millions of times, so each
// form is worked out (possessive, case, stem, ids) once per process.
const ids = new Map<string, number>();

/** Tokenise text that starts at document offset `offset`. */
export function tokenize(text: string, offset = 0): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const from = i;
    // Most words are plain ASCII letters and digits: scanned and hashed in one pass here. A word
    // that goes on with anything else (an apostrophe, a non-ASCII character) is scanned again
    // from its start by wordEnd.
    let h = 0;
    let c = 0;
    while (i < n && (c = text.charCodeAt(i)) < 0x80 && unitClass[c] !== NEITHER) {
      h = (Math.imul(h, 31) + c) | 0;
      i++;
    }
    if (i < n && (c >= 0x80 || c === 0x27)) {
      const end = wordEnd(text, from);
      if (end !== i) {
        i = end;
        h = hashUnits(text, from, i);
      }
    }
    if (i === from) {
      i++;
      if (c !== 0x3b && c !== 0x3a) continue; // ";" and ":" are tokens
      h = c;
    }
    const f = formAt(text, from, i, mix(h));
    tokens.push({ start: offset + from, end: offset + i, raw: f.raw, lower: f.lower, stem: f.stem, rawId: f.rawId, lowerId: f.lowerId, stemId: f.stemId });
  }
  return tokens;
}

/** Tokenise a lexicon term: as text, but "*" is kept as a wildcard token. */
export function tokenizeTerm(term: string): Token[] {
  const tokens: Token[] = [];
  for (const m of term.matchAll(TERM_WORD)) {
    const f = formAt(m[0], 0, m[0].length, mix(hashUnits(m[0], 0, m[0].length)));
    const start = m.index!;
    tokens.push({ start, end: start + m[0].length, raw: f.raw, lower: f.lower, stem: f.stem, rawId: f.rawId, lowerId: f.lowerId, stemId: f.stemId });
  }
  return tokens;
}

// ---------------------------------------------------------------- scanning words

// Character classes, for tokenize and wordEnd: a letter (\p{L}), a number that is no letter (\p{N}), or neither.
const LETTER = 1;
const NUMBER = 2;
const NEITHER = 3;
/** By UTF-16 code unit, 0 until first seen: RegExp property tests are slow, and a report uses few distinct characters. */
const unitClass = new Uint8Array(0x10000);
const astralClass = new Map<number, number>();
for (let c = 0; c < 0x80; c++) unitClass[c] = classOf(c);

function classOf(codePoint: number): number {
  const ch = String.fromCodePoint(codePoint);
  return /\p{L}/u.test(ch) ? LETTER : /\p{N}/u.test(ch) ? NUMBER : NEITHER;
}

/**
 * Code units of the character at i when it is a letter (or, with `numbers`, a letter or a
 * number): 1, or 2 for a surrogate pair; 0 when it is not one (or i is past the end).
 */
function wordUnits(text: string, i: number, numbers: boolean): number {
  if (i >= text.length) return 0;
  const c = text.charCodeAt(i);
  let units = 1;
  let cls: number;
  if (c >= 0xd800 && c <= 0xdfff) {
    // A lone surrogate is no letter; a pair is one code point, as the RegExp's u flag reads it.
    const d = c <= 0xdbff ? text.charCodeAt(i + 1) : NaN;
    if (!(d >= 0xdc00 && d <= 0xdfff)) return 0;
    const codePoint = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
    cls = astralClass.get(codePoint) ?? 0;
    if (cls === 0) astralClass.set(codePoint, (cls = classOf(codePoint)));
    units = 2;
  } else {
    cls = unitClass[c];
    if (cls === 0) unitClass[c] = cls = classOf(c);
  }
  return cls === LETTER || (numbers && cls === NUMBER) ? units : 0;
}

/**
 * Where a word (WORD's first alternative) that starts at `start` ends; `start` when none starts
 * there. By hand rather than by RegExp, as it runs on every character of a year of reports.
 */
function wordEnd(text: string, start: number): number {
  let i = runEnd(text, start, true);
  if (i === start) return start;
  // Inner apostrophes: "'" or "’" followed by letters (no digits), any number of times.
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 0x27 && c !== 0x2019) return i;
    const j = runEnd(text, i + 1, false);
    if (j === i + 1) return i;
    i = j;
  }
}

/** End of the run of letters (with `numbers`, letters and numbers) from i. ASCII is read from the table; anything else goes to wordUnits. */
function runEnd(text: string, i: number, numbers: boolean): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      const cls = unitClass[c];
      if (cls !== LETTER && (!numbers || cls !== NUMBER)) break;
      i++;
    } else {
      const w = wordUnits(text, i, numbers);
      if (w === 0) break;
      i += w;
    }
  }
  return i;
}

// ---------------------------------------------------------------- word forms

/** Forms by the text as written, in an open-addressing table probed by a hash of the code units, so a form seen before is found without cutting a string out of the text. */
const forms: Form[] = [];
const formHashes: number[] = [];
let slots = new Int32Array(1 << 12).fill(-1);

/** The code units of text[from, to) folded into a number, as tokenize() folds them while it scans. */
function hashUnits(text: string, from: number, to: number): number {
  let h = 0;
  for (let k = from; k < to; k++) h = (Math.imul(h, 31) + text.charCodeAt(k)) | 0;
  return h;
}

/** The folded units mixed into the hash formAt() probes with. */
function mix(h: number): number {
  return h ^ (h >>> 15);
}

function sameText(written: string, text: string, from: number, to: number): boolean {
  if (written.length !== to - from) return false;
  for (let k = 0; k < written.length; k++) if (written.charCodeAt(k) !== text.charCodeAt(from + k)) return false;
  return true;
}

/** The form of text[from, to), whose hash (mix of hashUnits) is h. */
function formAt(text: string, from: number, to: number, h: number): Form {
  const mask = slots.length - 1;
  let s = h & mask;
  for (let f = slots[s]; f >= 0; f = slots[(s = (s + 1) & mask)]) {
    if (formHashes[f] === h && sameText(forms[f].written, text, from, to)) return forms[f];
  }
  const form = newForm(text.slice(from, to));
  slots[s] = forms.length;
  forms.push(form);
  formHashes.push(h);
  if (forms.length * 2 > slots.length) rehash();
  return form;
}

function rehash(): void {
  slots = new Int32Array(slots.length * 2).fill(-1);
  const mask = slots.length - 1;
  for (let f = 0; f < forms.length; f++) {
    let s = formHashes[f] & mask;
    while (slots[s] >= 0) s = (s + 1) & mask;
    slots[s] = f;
  }
}

function newForm(written: string): Form {
  const raw = written.replace(POSSESSIVE, '');
  const lower = raw.toLowerCase();
  const stemmed = stem(lower);
  return { written, raw, lower, stem: stemmed, rawId: idOf(raw), lowerId: idOf(lower), stemId: idOf(stemmed) };
}

function idOf(s: string): number {
  let id = ids.get(s);
  if (id === undefined) ids.set(s, (id = ids.size));
  return id;
}

/** Per token, the index of the sentence it sits in (in its segment). */
export type SentenceOf = ArrayLike<number>;

/**
 * Index of the sentence each token sits in, from sentence spans in the same offsets. A plain
 * array: a typed array per segment costs more to allocate than the tagger spends reading it.
 */
export function sentenceOfTokens(tokens: Token[], sentences: { start: number; end: number }[]): number[] {
  const out: number[] = [];
  let s = 0;
  const last = sentences.length - 1;
  let end = last > 0 ? sentences[0].end : Infinity;
  for (let i = 0; i < tokens.length; i++) {
    while (s < last && tokens[i].start >= end) end = ++s < last ? sentences[s].end : Infinity;
    out.push(s);
  }
  return out;
}
