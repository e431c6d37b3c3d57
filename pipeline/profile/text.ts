// Small text tools the profile extractors share: sentences with document offsets, phrase
// matchers built from lexicon word lists, numbers written as words, dates, and evidence spans.
import type { Segment, SegmentedDoc, SectionId } from '../types.js';
import { escapeRegExp } from '../regexp.js';
import type { ProfileEvidence } from './types.js';
import { tokenize, tokenizeTerm, type Token } from '../tag/tokenize.js';
import { TokenTrie } from '../tag/trie.js';

export interface Sentence {
  segment: Segment;
  /** Document offsets. */
  start: number;
  end: number;
  text: string;
}

export function sentencesOf(doc: SegmentedDoc, segments: Segment[] = doc.segments): Sentence[] {
  return segments.flatMap((segment) => {
    const spans = segment.sentences.length ? segment.sentences : [{ start: segment.start, end: segment.end }];
    return spans.map((s) => ({ segment, start: s.start, end: s.end, text: doc.text.slice(s.start, s.end) }));
  });
}

/** How many sentences back a pronoun's antecedent is looked for. */
const ANTECEDENT_SENTENCES = 3;

/** The sentences before `list[i]` in the same paragraph (at most a few, nearest last), where a pronoun's antecedent is looked for. */
export function earlierOf(list: Sentence[], i: number): Sentence[] {
  let from = i;
  while (from > 0 && i - from < ANTECEDENT_SENTENCES && list[from - 1].segment === list[i].segment) from--;
  return list.slice(from, i);
}

const isHeading = (s: Segment) => s.kind === 'heading' || s.kind === 'title';

/**
 * The opening of a report, where it says who the child was and what happened: the title and
 * introductory sections, and the first `paragraphs` body paragraphs whatever their section
 * (some reports open with "The story of Child L" or an executive summary).
 */
export function openingSegments(doc: SegmentedDoc, paragraphs: number): Segment[] {
  const opening = new Set<SectionId>(['front_matter', 'introduction']);
  let body = 0;
  return doc.segments.filter((s, i) => {
    if (i === 0 || opening.has(s.section)) return true;
    if (isHeading(s) || body >= paragraphs) return false;
    body++;
    return true;
  });
}

export function evidence(doc: SegmentedDoc, start: number, end: number, rule: string): ProfileEvidence {
  return { start, end, text: doc.text.slice(start, end), rule };
}

// ------------------------------------------------------------------ phrase matching

export interface PhraseMatch<T> {
  start: number;
  end: number;
  text: string;
  payload: T;
}


/** A phrase as a regex source: any run of whitespace between words, either apostrophe. */
export function phraseSource(phrase: string): string {
  return phrase.trim().split(/\s+/).map((w) => escapeRegExp(w).replace(/'/g, "['\u2019]")).join('\\s+');
}

const key = (s: string, caseSensitive: boolean) => {
  const k = s.replace(/\s+/g, ' ').replace(/\u2019/g, "'");
  return caseSensitive ? k : k.toLowerCase();
};

/**
 * Finds phrases as whole words, leftmost first and then longest, never overlapping. A phrase with
 * no lower-case letter (an acronym: "GP", "CSE") matches only as written; others ignore case.
 * With `plural`, a phrase also matches with a trailing "s" or "es".
 */
export class PhraseMatcher<T> {
  private readonly groups: PhraseGroup<T>[] = [];

  constructor(phrases: [string, T][], options: { plural?: boolean; caseSensitive?: boolean } = {}) {
    const sensitive = phrases.filter(([p]) => options.caseSensitive || !/[a-z]/.test(p));
    const insensitive = phrases.filter(([p]) => !(options.caseSensitive || !/[a-z]/.test(p)));
    for (const [list, caseSensitive] of [[sensitive, true], [insensitive, false]] as const) {
      if (list.length === 0) continue;
      const sorted = [...list].sort((a, b) => b[0].length - a[0].length);
      const plural = options.plural ? '(?:e?s)?' : '';
      const pattern = new WholeWordPattern(`(?:${sorted.map(([p]) => phraseSource(p)).join('|')})${plural}`, caseSensitive ? 'u' : 'iu');
      const lookup = new Map<string, T>();
      for (const [p, payload] of list) if (!lookup.has(key(p, caseSensitive))) lookup.set(key(p, caseSensitive), payload);
      this.groups.push({ pattern, lookup, caseSensitive });
    }
  }

  /** Matches in `text`; offsets are shifted by `offset` (a sentence's start in the document). */
  find(text: string, offset = 0): PhraseMatch<T>[] {
    // Most sentences hold no phrase of a list: nothing is allocated for them but the answer.
    let all: PhraseMatch<T>[] | null = null;
    for (const g of this.groups) {
      for (let m = g.pattern.next(text, 0); m !== null; m = g.pattern.next(text, after(text, m))) {
        const payload = lookupPhrase(g.lookup, key(m[0], g.caseSensitive));
        if (payload !== undefined) (all ??= []).push({ start: offset + m.index, end: offset + m.index + m[0].length, text: m[0], payload });
      }
    }
    return all === null ? [] : leftmostLongest(all);
  }

  /** Whether any phrase occurs: stops at the first, without ordering all matches. */
  test(text: string): boolean {
    for (const g of this.groups) {
      for (let m = g.pattern.next(text, 0); m !== null; m = g.pattern.next(text, after(text, m))) {
        if (lookupPhrase(g.lookup, key(m[0], g.caseSensitive)) !== undefined) return true;
      }
    }
    return false;
  }
}

interface PhraseGroup<T> {
  pattern: WholeWordPattern;
  lookup: Map<string, T>;
  caseSensitive: boolean;
}

/**
 * A pattern matched as a whole word, `(?<![\p{L}\p{N}])(?:source)(?![\p{L}\p{N}])` with `flags`
 * ('u' or 'iu'). The boundary before is checked apart, only where the pattern matches: a pattern
 * that starts with a lookbehind is tried at every character of a report, five times slower than
 * one that starts with its own letters.
 */
class WholeWordPattern {
  /** The pattern and the boundary after it, global. */
  private readonly re: RegExp;
  /** The boundary before, sticky: no letter or digit right before a position. */
  private readonly boundary: RegExp;

  constructor(source: string, flags: 'u' | 'iu') {
    this.re = new RegExp(`(?:${source})(?![\\p{L}\\p{N}])`, `g${flags}`);
    this.boundary = new RegExp('(?<![\\p{L}\\p{N}])', `y${flags}`);
  }

  /**
   * The first match of the whole pattern at or after `from`, or null: called with 0 and then with
   * `after` each match, it gives the matches `text.matchAll` of the whole pattern gives. A match
   * with a letter or digit before it is passed over and the search goes on from the next
   * character, as the whole pattern's search would; the boundary has the pattern's own flags, so
   * "letter" means the same (with `i`, a character whose case folding is a letter).
   */
  next(text: string, from: number): RegExpExecArray | null {
    const { re, boundary } = this;
    re.lastIndex = from;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      boundary.lastIndex = m.index;
      if (boundary.test(text)) return m;
      re.lastIndex = m.index + codePointLength(text, m.index);
    }
    return null;
  }
}

/** Where a global search goes on after match `m`: its end, or the next character after an empty match. */
function after(text: string, m: RegExpExecArray): number {
  return m[0].length > 0 ? m.index + m[0].length : m.index + codePointLength(text, m.index);
}

/** Code units of the code point at `i`: how far a unicode-mode search moves on. */
function codePointLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

function lookupPhrase<T>(lookup: Map<string, T>, k: string): T | undefined {
  return lookup.get(k) ?? lookup.get(k.replace(/s$/, '')) ?? lookup.get(k.replace(/es$/, ''));
}

/**
 * PhraseMatcher's findings through a token trie instead of one regular expression: for long phrase
 * lists run on every sentence of a report (the agencies: hundreds of names), where a large
 * alternation is slow. Words compare as the tagger's tokens (possessive "'s" and hyphens as the
 * tagger treats them); a phrase with no lower-case letter matches only as written.
 */
export class TokenPhraseMatcher<T> {
  private readonly trie = new TokenTrie<T>();
  private readonly exactFilter: PhraseFilter<T> | 'any' | null;
  private readonly acronymFilter: PhraseFilter<T> | 'any' | null;

  constructor(phrases: [string, T][], options: { plural?: boolean; caseSensitive?: boolean } = {}) {
    const words = { exact: [] as FilterPhrase<T>[], acronym: [] as FilterPhrase<T>[] };
    for (const [phrase, payload] of phrases) {
      const mode = options.caseSensitive || !/[a-z]/.test(phrase) ? 'acronym' : 'exact';
      const trimmed = phrase.trim();
      const terms = options.plural ? [trimmed, trimmed + 's', trimmed + 'es'] : [trimmed];
      for (const term of terms) {
        this.trie.add(term, mode, payload);
        // The forms the trie compares: lower-cased words for 'exact', words as written for 'acronym'.
        words[mode].push({ words: tokenizeTerm(term).map((t) => (mode === 'exact' ? t.lower : t.raw)), payload });
      }
    }
    this.exactFilter = phraseFilter(words.exact, 'exact');
    this.acronymFilter = phraseFilter(words.acronym, 'acronym');
  }

  /** Leftmost, then longest, never overlapping; offsets shifted by `offset`. */
  find(text: string, offset = 0): PhraseMatch<T>[] {
    if (!this.mayOccur(text)) return [];
    return this.findInTokens(tokenize(text, offset), text, offset);
  }

  /**
   * False only when no phrase can occur in `text` (see PhraseFilter): cheaper than tokenising,
   * and most sentences of a report name no phrase of a list. With `wanted`, only the phrases
   * whose payload it accepts are looked for. `lower` is text.toLowerCase(), when the caller has
   * it already.
   */
  mayOccur(text: string, lower?: string, wanted?: (payload: T) => boolean): boolean {
    const { acronymFilter: acronym, exactFilter: exact } = this;
    if (acronym !== null && (acronym === 'any' || acronym.mayOccur(text, wanted))) return true;
    return exact !== null && (exact === 'any' || exact.mayOccur(lower ?? text.toLowerCase(), wanted));
  }

  /** As find, over tokens the caller made with tokenize(text, offset). */
  findInTokens(tokens: Token[], text: string, offset = 0): PhraseMatch<T>[] {
    const all = this.trie.matchAll(tokens).map((m) => {
      const start = tokens[m.from].start;
      const end = tokens[m.to - 1].end;
      return { start, end, text: text.slice(start - offset, end - offset), payload: m.value };
    });
    return leftmostLongest(all);
  }
}

interface FilterPhrase<T> { words: string[]; payload: T }

/**
 * Whether a text could hold one of a token trie's phrases, without tokenising it: a pattern that
 * every occurrence of a phrase matches, and more. A phrase is its words (the trie's keys) with
 * what can come between two tokens: a possessive "'s" the token drops, then anything but letters
 * and digits. 'exact' phrases are looked for in the lower-cased text, which holds each token's
 * lower-cased form wherever that form is plain ASCII (lower-casing maps character by character,
 * but for the final sigma, never ASCII), and where nothing but a letter becomes an ASCII letter
 * or digit (tests/profile/matching.test.ts checks both over every code point); so an 'exact'
 * word that is not plain ASCII turns the filter off ('any'). 'acronym' phrases are looked for
 * as written. The search is two steps, as one pattern over hundreds of phrases is slow: every
 * place where a first word occurs (overlapping ones included), then the phrases anchored there.
 */
class PhraseFilter<T> {
  /**
   * The shortest first words: those no other first word starts with ("police", not "polices").
   * Where a phrase starts, the shortest first word that begins its own first word matches, and
   * it is the only one of these that can (two that match at one place begin one another).
   */
  private readonly firstWords: RegExp;
  /** Every phrase, anchored. */
  private readonly phrases: RegExp;
  /** For each of those words, the payloads with a phrase whose first word starts with it, each with its phrases anchored. */
  private readonly byFirstWord = new Map<string, { payload: T; phrases: RegExp }[]>();

  constructor(list: FilterPhrase<T>[], between: string) {
    const firsts = [...new Set(list.map((p) => p.words[0]))];
    const shortest = firsts.filter((w) => !firsts.some((v) => v !== w && w.startsWith(v)));
    this.firstWords = new RegExp(shortest.map(escape).join('|'), 'gu');
    this.phrases = new RegExp(`(?:${wordTrieSource(list.map((p) => p.words), between)})`, 'yu');
    const byPayload = new Map<T, string[][]>();
    for (const p of list) byPayload.set(p.payload, [...(byPayload.get(p.payload) ?? []), p.words]);
    const anchored = [...byPayload].map(([payload, phrases]) => ({ payload, phrases: new RegExp(`(?:${wordTrieSource(phrases, between)})`, 'yu'), firsts: phrases.map((w) => w[0]) }));
    for (const word of shortest) this.byFirstWord.set(word, anchored.filter((a) => a.firsts.some((f) => f.startsWith(word))));
  }

  mayOccur(text: string, wanted?: (payload: T) => boolean): boolean {
    const { firstWords } = this;
    // Every place a first word occurs, overlapping ones too: each search starts one character on.
    for (let from = 0; ; ) {
      firstWords.lastIndex = from;
      const m = firstWords.exec(text);
      if (m === null) return false;
      if (wanted ? this.wantedAt(text, m, wanted) : anchoredAt(this.phrases, text, m.index)) return true;
      from = m.index + codePointLength(text, m.index);
    }
  }

  private wantedAt(text: string, m: RegExpExecArray, wanted: (payload: T) => boolean): boolean {
    for (const a of this.byFirstWord.get(m[0])!) if (wanted(a.payload) && anchoredAt(a.phrases, text, m.index)) return true;
    return false;
  }
}

function anchoredAt(sticky: RegExp, text: string, at: number): boolean {
  sticky.lastIndex = at;
  return sticky.test(text);
}

function phraseFilter<T>(list: FilterPhrase<T>[], mode: 'exact' | 'acronym'): PhraseFilter<T> | 'any' | null {
  const usable = list.filter((p) => p.words.length > 0); // a phrase with no word never matches
  if (usable.length === 0) return null;
  if (usable.some((p) => p.words.some((w) => w === '*' || (mode === 'exact' && !/^[\x20-\x7e]+$/.test(w))))) return 'any';
  return new PhraseFilter(usable, mode === 'exact' ? "(?:['\u2019]s)?[^a-z0-9]*" : "(?:['\u2019]s)?[^\\p{L}\\p{N}]*");
}

/** The phrases as one pattern, common first words shared ("health (visitor|visiting)"). A phrase that is a prefix of another is enough. */
function wordTrieSource(phrases: string[][], between: string): string {
  type Node = Map<string, Node> & { end?: boolean };
  const root: Node = new Map();
  for (const words of phrases) {
    let node = root;
    for (const w of words) {
      let next = node.get(w);
      if (!next) node.set(w, (next = new Map()));
      node = next;
    }
    node.end = true;
  }
  const source = (node: Node): string =>
    [...node].map(([w, next]) => escapeRegExp(w) + (next.end ? '' : `${between}(?:${source(next)})`)).join('|');
  return source(root);
}

/** The matches a reader sees: leftmost first, then longest, never overlapping. */
function leftmostLongest<T>(all: PhraseMatch<T>[]): PhraseMatch<T>[] {
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PhraseMatch<T>[] = [];
  for (const m of all) if (!out.length || m.start >= out[out.length - 1].end) out.push(m);
  return out;
}

// Matchers are compiled once per phrase list: the extractors ask for the same lexicon lists for
// every document, and compiling a large alternation costs more than running it.
const phraseMatchers = new Map<string, PhraseMatcher<string>>();

/** A matcher whose payload is the phrase itself. */
export function phrases(list: string[], options: { plural?: boolean; caseSensitive?: boolean } = {}): PhraseMatcher<string> {
  const key = JSON.stringify([list, options.plural ?? false, options.caseSensitive ?? false]);
  let matcher = phraseMatchers.get(key);
  if (!matcher) phraseMatchers.set(key, (matcher = new PhraseMatcher(list.map((p) => [p, p] as [string, string]), options)));
  return matcher;
}

// ------------------------------------------------------------------ numbers

/** "14", "fourteen", "twenty-two", "twenty two" → number; anything else → null. */
export function parseNumber(word: string, numbers: Record<string, number>): number | null {
  const w = word.toLowerCase().trim();
  if (/^\d+$/.test(w)) return Number(w);
  if (w in numbers) return numbers[w];
  const parts = w.split(/[-\s]+/);
  if (parts.length === 2 && parts[0] in numbers && parts[1] in numbers && numbers[parts[0]] >= 20 && numbers[parts[1]] < 10) {
    return numbers[parts[0]] + numbers[parts[1]];
  }
  return null;
}

/** Regex source for a number: digits, or a number word from the lexicon (with "twenty-two" forms). */
export function numberSource(numbers: Record<string, number>): string {
  const words = Object.keys(numbers).sort((a, b) => b.length - a.length).map(escape);
  const word = `(?:${words.join('|')})`;
  return `(?:\\d{1,3}|${word}(?:[-\\s]${word})?)`;
}

// ------------------------------------------------------------------ dates

export interface FoundDate {
  start: number;
  end: number;
  text: string;
  /** "2014-02-10", or "2014-02" when the text gives no day. */
  iso: string;
}

type DatePattern = [RegExp, (m: RegExpMatchArray, months: Record<string, number>) => [number, number, number | null]];

// Built once per month table: findDates runs on every sentence with a date trigger.
const datePatternCache = new WeakMap<Record<string, number>, DatePattern[]>();

function datePatterns(months: Record<string, number>): DatePattern[] {
  let patterns = datePatternCache.get(months);
  if (patterns) return patterns;
  const month = `(${Object.keys(months).sort((a, b) => b.length - a.length).map(escape).join('|')})\\.?`;
  patterns = [
    [new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?\\s+${month}\\s*,?\\s+(\\d{4})\\b`, 'gi'), (m, mo) => [Number(m[3]), mo[m[2].toLowerCase()], Number(m[1])]],
    [new RegExp(`\\b${month}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'gi'), (m, mo) => [Number(m[3]), mo[m[1].toLowerCase()], Number(m[2])]],
    [/\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g, (m) => [Number(m[3]), Number(m[2]), Number(m[1])]],
    [/\b(\d{4})-(\d{2})-(\d{2})\b/g, (m) => [Number(m[1]), Number(m[2]), Number(m[3])]],
    [new RegExp(`\\b${month}\\s+(\\d{4})\\b`, 'gi'), (m, mo) => [Number(m[2]), mo[m[1].toLowerCase()], null]],
  ];
  datePatternCache.set(months, patterns);
  return patterns;
}

/** Dates written in full ("8 February 2010", "February 8, 2010", "08/02/2010", "2010-02-08") or as month and year. */
export function findDates(text: string, months: Record<string, number>, offset = 0): FoundDate[] {
  const found: FoundDate[] = [];
  // Every pattern holds a four-digit year: a text without one has no date.
  if (!/\d{4}/.test(text)) return found;
  for (const [re, parts] of datePatterns(months)) {
    for (const m of text.matchAll(re)) {
      const start = m.index!;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end - offset && end > f.start - offset)) continue;
      const [y, mo, d] = parts(m, months);
      const iso = isoDate(y, mo, d);
      if (iso) found.push({ start: offset + start, end: offset + end, text: m[0], iso });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

function isoDate(y: number, m: number, d: number | null): string | null {
  if (!m || m < 1 || m > 12 || y < 1900 || y > 2100) return null;
  const ym = `${y}-${String(m).padStart(2, '0')}`;
  if (d === null) return ym;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${ym}-${String(d).padStart(2, '0')}`;
}

/** Whole days from one full ISO date to another; null unless both give a day. */
export function daysBetween(from: string | null, to: string | null): number | null {
  if (!from || !to || !/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) return null;
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
