import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SectionId } from '../types.js';
import { lexiconDir } from '../paths.js';

export interface HeadingLexicon {
  /** Phrases as lower-case word sequences, longest first, with their section. */
  phrases: { words: string[]; section: SectionId }[];
  /** "Part", "Section", "Chapter": words that open a numbered top-level heading. */
  numberingWords: string[];
  /** Month names, so that "14 March 2013" is a date, not heading number 14. */
  monthNames: ReadonlySet<string>;
  /** Matches a heading's numbering ("5.", "Part Three:", "iv."), built from numberingWords. */
  numbering: RegExp;
}

const SECTION_IDS: readonly SectionId[] = [
  'front_matter', 'introduction', 'family_background', 'chronology', 'organisational_issues', 'findings',
  'analysis', 'child_focus', 'care_pathway', 'conclusions', 'recommendations', 'other',
];

export function headingWords(text: string): string[] {
  return text.toLowerCase().replace(/[’']/g, "'").match(/[a-z0-9&']+/g) ?? [];
}

export function loadHeadingLexicon(dir = lexiconDir()): HeadingLexicon {
  const file = join(dir, 'headings.json');
  const data = JSON.parse(readFileSync(file, 'utf8')) as {
    sections?: { id: string; phrases: string[] }[];
    numbering_words?: string[];
    month_names?: string[];
  };
  if (!Array.isArray(data.sections)) throw new Error(`${file}: "sections" must be a list`);
  if (!Array.isArray(data.numbering_words) || !Array.isArray(data.month_names)) {
    throw new Error(`${file}: "numbering_words" and "month_names" must be lists of words`);
  }
  const phrases: HeadingLexicon['phrases'] = [];
  for (const s of data.sections) {
    if (!SECTION_IDS.includes(s.id as SectionId)) {
      throw new Error(`${file}: section "${s.id}" is not one of ${SECTION_IDS.join(', ')}`);
    }
    for (const p of s.phrases) phrases.push({ words: headingWords(p), section: s.id as SectionId });
  }
  phrases.sort((a, b) => b.words.length - a.words.length);
  const numberingWords = data.numbering_words.map((w) => w.toLowerCase());
  return { phrases, numberingWords, monthNames: new Set(data.month_names.map((w) => w.toLowerCase())), numbering: numberingPattern(numberingWords) };
}

function numberingPattern(numberingWords: string[]): RegExp {
  const words = numberingWords.map((w) => w.replace(/[^a-z]/g, '')).filter(Boolean).join('|');
  return new RegExp(
    `^\\s*(?:(?:${words})\\s+(?:[a-z]+|\\d+)\\s*[:.\\-–]?\\s*|\\d+(?:\\.\\d+)*\\.?\\s+|[ivx]+\\.\\s+|[a-h]\\.\\s+|[a-h]\\)\\s+)`,
    'i',
  );
}

/** The heading without its numbering ("5.", "Part Three:", "iv."). */
export function stripHeadingNumber(text: string, lex: HeadingLexicon): string {
  return text.replace(lex.numbering, '');
}

/**
 * A top-level heading: marked level 1 by the source, numbered "5." / "5 Analysis" (one level,
 * not a date such as "14 March 2013" or a year), or opened by a numbering word ("Part Three").
 */
export function isTopLevelHeading(text: string, level: number | undefined, lex: HeadingLexicon): boolean {
  if (level === 1) return true;
  const numbered = /^\s*(\d{1,2})(\.?)\s+([A-Za-z]+)/.exec(text);
  if (numbered && !/^\s*\d+\.\d/.test(text)) return numbered[2] === '.' || !lex.monthNames.has(numbered[3].toLowerCase());
  const first = /^\s*([A-Za-z]+)\s+\S/.exec(text)?.[1]?.toLowerCase();
  return first !== undefined && lex.numberingWords.includes(first);
}

/** The section a heading's wording names, or null when it names none. */
// Leftmost, then longest: "Appendix 1: Terms of reference" is an appendix, "Summary of key findings" findings.
export function sectionForHeading(text: string, lex: HeadingLexicon): SectionId | null {
  const words = headingWords(stripHeadingNumber(text, lex));
  for (let i = 0; i < words.length; i++) {
    for (const p of lex.phrases) if (sequenceAt(words, i, p.words)) return p.section;
  }
  return null;
}

/** The section a heading's whole wording (after its numbering) names ("3. Chronology"), or null. */
export function sectionNamedWhole(text: string, lex: HeadingLexicon): SectionId | null {
  const words = headingWords(stripHeadingNumber(text, lex));
  for (const p of lex.phrases) if (p.words.length === words.length && sequenceAt(words, 0, p.words)) return p.section;
  return null;
}

function sequenceAt(words: string[], i: number, seq: string[]): boolean {
  if (i + seq.length > words.length) return false;
  for (let j = 0; j < seq.length; j++) if (words[i + j] !== seq[j]) return false;
  return true;
}
