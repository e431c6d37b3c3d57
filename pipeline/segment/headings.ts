import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SectionId } from '../types.js';
import { lexiconDir } from '../paths.js';

export interface HeadingLexicon {
  /** Phrases as lower-case word sequences, longest first, with their section. */
  phrases: { words: string[]; section: SectionId }[];
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
  const data = JSON.parse(readFileSync(file, 'utf8')) as { sections?: { id: string; phrases: string[] }[] };
  if (!Array.isArray(data.sections)) throw new Error(`${file}: "sections" must be a list`);
  const phrases: HeadingLexicon['phrases'] = [];
  for (const s of data.sections) {
    if (!SECTION_IDS.includes(s.id as SectionId)) {
      throw new Error(`${file}: section "${s.id}" is not one of ${SECTION_IDS.join(', ')}`);
    }
    for (const p of s.phrases) phrases.push({ words: headingWords(p), section: s.id as SectionId });
  }
  phrases.sort((a, b) => b.words.length - a.words.length);
  return { phrases };
}

const HEADING_NUMBER = /^\s*(?:(?:part|section|chapter)\s+(?:[a-z]+|\d+)\s*[:.\-–]?\s*|\d+(?:\.\d+)*\.?\s+|[ivx]+\.\s+|[a-h]\.\s+|[a-h]\)\s+)/i;

/** The heading without its numbering ("5.", "Part Three:", "iv."). */
export function stripHeadingNumber(text: string): string {
  return text.replace(HEADING_NUMBER, '');
}

/** A top-level heading: numbered "5." / "5 " (one level), "Part Three", or marked level 1 by the source. */
export function isTopLevelHeading(text: string, level: number | undefined): boolean {
  if (level === 1) return true;
  return /^\s*(?:\d+\.?\s+[A-Za-z]|(?:part|section|chapter)\s+\S+)/i.test(text) && !/^\s*\d+\.\d/.test(text);
}

/** The section a heading's wording names, or null when it names none. */
// Leftmost, then longest: "Appendix 1: Terms of reference" is an appendix, "Summary of key findings" findings.
export function sectionForHeading(text: string, lex: HeadingLexicon): SectionId | null {
  const words = headingWords(stripHeadingNumber(text));
  for (let i = 0; i < words.length; i++) {
    for (const p of lex.phrases) if (sequenceAt(words, i, p.words)) return p.section;
  }
  return null;
}

function sequenceAt(words: string[], i: number, seq: string[]): boolean {
  if (i + seq.length > words.length) return false;
  for (let j = 0; j < seq.length; j++) if (words[i + j] !== seq[j]) return false;
  return true;
}
