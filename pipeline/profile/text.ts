// Small text tools the profile extractors share: sentences with document offsets, phrase
// matchers built from lexicon word lists, numbers written as words, dates, and evidence spans.
import type { Segment, SegmentedDoc, SectionId } from '../types.js';
import type { ProfileEvidence } from './types.js';
import { tokenize } from '../tag/tokenize.js';
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

/** The sentence before `list[i]` in the same paragraph, where a pronoun's antecedent is looked for. */
export const previousOf = (list: Sentence[], i: number): Sentence | null => (i > 0 && list[i - 1].segment === list[i].segment ? list[i - 1] : null);

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

/** The segments not in the opening, in document order: where a field is looked for second. */
export function restAfter(doc: SegmentedDoc, opening: Segment[]): Segment[] {
  const seen = new Set(opening.map((s) => s.index));
  return doc.segments.filter((s) => !seen.has(s.index));
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

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A phrase as a regex source: any run of whitespace between words, either apostrophe. */
export function phraseSource(phrase: string): string {
  return phrase.trim().split(/\s+/).map((w) => escape(w).replace(/'/g, "['\u2019]")).join('\\s+');
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
  private readonly groups: { re: RegExp; lookup: Map<string, T>; caseSensitive: boolean }[] = [];

  constructor(phrases: [string, T][], options: { plural?: boolean; caseSensitive?: boolean } = {}) {
    const sensitive = phrases.filter(([p]) => options.caseSensitive || !/[a-z]/.test(p));
    const insensitive = phrases.filter(([p]) => !(options.caseSensitive || !/[a-z]/.test(p)));
    for (const [list, caseSensitive] of [[sensitive, true], [insensitive, false]] as const) {
      if (list.length === 0) continue;
      const sorted = [...list].sort((a, b) => b[0].length - a[0].length);
      const plural = options.plural ? '(?:e?s)?' : '';
      const source = `(?<![\\p{L}\\p{N}])(?:${sorted.map(([p]) => phraseSource(p)).join('|')})${plural}(?![\\p{L}\\p{N}])`;
      const lookup = new Map<string, T>();
      for (const [p, payload] of list) if (!lookup.has(key(p, caseSensitive))) lookup.set(key(p, caseSensitive), payload);
      this.groups.push({ re: new RegExp(source, caseSensitive ? 'gu' : 'giu'), lookup, caseSensitive });
    }
  }

  /** Matches in `text`; offsets are shifted by `offset` (a sentence's start in the document). */
  find(text: string, offset = 0): PhraseMatch<T>[] {
    const all: PhraseMatch<T>[] = [];
    for (const g of this.groups) {
      for (const m of text.matchAll(g.re)) {
        const payload = lookupPhrase(g.lookup, key(m[0], g.caseSensitive));
        if (payload !== undefined) all.push({ start: offset + m.index!, end: offset + m.index! + m[0].length, text: m[0], payload });
      }
    }
    return leftmostLongest(all);
  }

  /** Whether any phrase occurs: stops at the first, without ordering all matches. */
  test(text: string): boolean {
    for (const g of this.groups) {
      for (const m of text.matchAll(g.re)) if (lookupPhrase(g.lookup, key(m[0], g.caseSensitive)) !== undefined) return true;
    }
    return false;
  }
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

  constructor(phrases: [string, T][], options: { plural?: boolean; caseSensitive?: boolean } = {}) {
    for (const [phrase, payload] of phrases) {
      const mode = options.caseSensitive || !/[a-z]/.test(phrase) ? 'acronym' : 'exact';
      const trimmed = phrase.trim();
      this.trie.add(trimmed, mode, payload);
      if (options.plural) for (const ending of ['s', 'es']) this.trie.add(trimmed + ending, mode, payload);
    }
  }

  /** Leftmost, then longest, never overlapping; offsets shifted by `offset`. */
  find(text: string, offset = 0): PhraseMatch<T>[] {
    const tokens = tokenize(text, offset);
    const all = this.trie.matchAll(tokens).map((m) => {
      const start = tokens[m.from].start;
      const end = tokens[m.to - 1].end;
      return { start, end, text: text.slice(start - offset, end - offset), payload: m.value };
    });
    return leftmostLongest(all);
  }
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

/** Dates written in full ("8 February 2010", "February 8, 2010", "08/02/2010", "2010-02-08") or as month and year. */
export function findDates(text: string, months: Record<string, number>, offset = 0): FoundDate[] {
  const month = `(${Object.keys(months).sort((a, b) => b.length - a.length).map(escape).join('|')})\\.?`;
  const patterns: [RegExp, (m: RegExpMatchArray) => [number, number, number | null]][] = [
    [new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?\\s+${month}\\s*,?\\s+(\\d{4})\\b`, 'gi'), (m) => [Number(m[3]), months[m[2].toLowerCase()], Number(m[1])]],
    [new RegExp(`\\b${month}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'gi'), (m) => [Number(m[3]), months[m[1].toLowerCase()], Number(m[2])]],
    [/\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g, (m) => [Number(m[3]), Number(m[2]), Number(m[1])]],
    [/\b(\d{4})-(\d{2})-(\d{2})\b/g, (m) => [Number(m[1]), Number(m[2]), Number(m[3])]],
    [new RegExp(`\\b${month}\\s+(\\d{4})\\b`, 'gi'), (m) => [Number(m[2]), months[m[1].toLowerCase()], null]],
  ];
  const found: FoundDate[] = [];
  for (const [re, parts] of patterns) {
    for (const m of text.matchAll(re)) {
      const start = m.index!;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end - offset && end > f.start - offset)) continue;
      const [y, mo, d] = parts(m);
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
