// Building blocks for the redaction patterns. The wording comes from lexicons/redaction.json;
// what is here is the shape of text (a capitalised word, a gap on one line), not wording.
import { escapeRegExp } from '../regexp.js';

/** Whitespace within a paragraph: spaces, or one line break (never the blank line between segments). */
export const SP = '(?:[^\\S\\n]+|[^\\S\\n]*\\n[^\\S\\n]*)';

/** One part of a name word: Smith, McDonald, O'Brien. */
const NAME_PART = "(?:\\p{Lu}['’]\\p{Lu}\\p{Ll}+|\\p{Lu}\\p{Ll}+(?:\\p{Lu}\\p{Ll}+)?)";

/** A capitalised name word: Smith, McDonald, O'Brien, Smith-Jones, Fenwick-O'Hare (not "Smith's": the 's stays outside). */
export const NAME_WORD = `${NAME_PART}(?:-${NAME_PART})?(?![\\p{L}\\p{N}])`;

/**
 * A single capital standing alone: the R of "Mr R", "Mr R." or "Mr R's"; not the O of
 * "O'Brien" (an apostrophe and a capital continue the name).
 */
export const INITIAL = "\\p{Lu}(?![\\p{L}\\p{N}]|['’]\\p{Lu})";


/** A phrase as a pattern: its spaces match SP, longest alternatives first so "mother's partner" beats "mother". */
export function alternation(phrases: string[], transform: (escaped: string) => string = (e) => e): string {
  const sorted = [...new Set(phrases)].sort((a, b) => b.length - a.length);
  return `(?:${sorted.map((p) => transform(escapeRegExp(p)).replace(/ /g, SP)).join('|')})`;
}

/** Lowercase words also match with a capital first letter ("Health Visitor"); "GP" stays as written. */
export function capitalisable(escaped: string): string {
  return escaped.replace(/(^|\s)(\p{Ll})/gu, (_m, before: string, letter: string) => `${before}[${letter}${letter.toUpperCase()}]`);
}

/** The first letter in either case: "Flat" matches "flat", "lived at" matches "Lived at". */
export function eitherCaseFirst(escaped: string): string {
  return escaped.replace(/^\p{L}/u, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
}

/** Every letter in either case: "DOB" matches "dob", "date of birth" matches "Date of Birth". (A regex's `i` flag would also make \p{Lu} match lower case.) */
export function anyCase(escaped: string): string {
  return escaped.replace(/\p{L}/gu, (c) => (c.toLowerCase() === c.toUpperCase() ? c : `[${c.toLowerCase()}${c.toUpperCase()}]`));
}

/** A line break or horizontal whitespace, but never more than the space on one line: [^\S\n]. */
export const LINE_SP = '[^\\S\\n]+';
