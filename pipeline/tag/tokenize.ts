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

type Form = Omit<Token, 'start' | 'end'>;

// Letters and digits, with inner apostrophes kept ("don't", "partner's"); hyphens split
// compounds so "multi-agency" and "multi agency" match the same term. Semicolons and colons
// are tokens so that context data can name them as scope terminators.
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[;:]/gu;
const POSSESSIVE = /['’]s$/;
// Lexicon terms may also hold "*", the wildcard for any one word.
const TERM_WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[;:*]/gu;

// A year of reports repeats a few tens of thousands of word forms millions of times, so each
// form is worked out (possessive, case, stem, ids) once per process.
const forms = new Map<string, Form>();
const ids = new Map<string, number>();

/** Tokenise text that starts at document offset `offset`. */
export function tokenize(text: string, offset = 0): Token[] {
  return tokensOf(text, offset, WORD);
}

/** Tokenise a lexicon term: as text, but "*" is kept as a wildcard token. */
export function tokenizeTerm(term: string): Token[] {
  return tokensOf(term, 0, TERM_WORD);
}

function tokensOf(text: string, offset: number, pattern: RegExp): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(pattern)) {
    const f = formOf(m[0]);
    const start = offset + m.index!;
    tokens.push({ start, end: start + m[0].length, raw: f.raw, lower: f.lower, stem: f.stem, rawId: f.rawId, lowerId: f.lowerId, stemId: f.stemId });
  }
  return tokens;
}

function formOf(written: string): Form {
  let f = forms.get(written);
  if (f === undefined) {
    const raw = written.replace(POSSESSIVE, '');
    const lower = raw.toLowerCase();
    const stemmed = stem(lower);
    f = { raw, lower, stem: stemmed, rawId: idOf(raw), lowerId: idOf(lower), stemId: idOf(stemmed) };
    forms.set(written, f);
  }
  return f;
}

function idOf(s: string): number {
  let id = ids.get(s);
  if (id === undefined) ids.set(s, (id = ids.size));
  return id;
}

/** Token index of the sentence each token sits in, from sentence spans in the same offsets. */
export function sentenceOfTokens(tokens: Token[], sentences: { start: number; end: number }[]): Int32Array {
  const out = new Int32Array(tokens.length);
  let s = 0;
  for (let i = 0; i < tokens.length; i++) {
    while (s < sentences.length - 1 && tokens[i].start >= sentences[s].end) s++;
    out[i] = s;
  }
  return out;
}
