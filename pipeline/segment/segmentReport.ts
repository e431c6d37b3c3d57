import type { Block, ExtractedDoc, SectionId, Segment, SegmentedDoc } from '../types.js';
import { type HeadingLexicon, isTopLevelHeading, sectionForHeading, sectionNamedWhole } from './headings.js';
import { type Abbreviations, splitSentences } from './sentences.js';

export interface SegmentLexicon {
  headings: HeadingLexicon;
  abbreviations: Abbreviations;
}

const SEPARATOR = '\n\n';

// "4.12 ", "23. ", "ES3 ", "1.1.1 ", "A1. " — the report's own paragraph numbering. A bare
// number without a stop ("12 weeks later") is text, not a paragraph number.
const PARAGRAPH_NUMBER = /^(?:([A-Z]{1,3}\d{1,3}(?:\.\d{1,3}){0,3})\.?|(\d{1,3}(?:\.\d{1,3}){1,3})\.?|(\d{1,3})\.)(?=\s)/;

export function paragraphNumber(text: string): string | null {
  const m = PARAGRAPH_NUMBER.exec(text);
  return m ? (m[1] ?? m[2] ?? m[3]) : null;
}

/**
 * Segments = the document's blocks in reading order, each placed in a standard section by
 * the headings above it, numbered as the report numbers it, and split into sentences.
 */
export function segmentReport(doc: ExtractedDoc, lex: SegmentLexicon): SegmentedDoc {
  const segments: Segment[] = [];
  const parts: string[] = [];
  let offset = 0;
  const state: SectionState = { section: 'front_matter', level: 0, heading: null };
  for (const source of doc.blocks) {
    if (!source.text) continue;
    const block = looksLikeHeading(source, lex.headings) ? { ...source, kind: 'heading' as const } : source;
    if (isHeading(block)) enterHeading(state, block, lex.headings);
    const start = offset;
    const end = start + block.text.length;
    segments.push({
      index: segments.length,
      kind: block.kind,
      section: state.section,
      heading: isHeading(block) ? block.text : state.heading,
      paragraph: isHeading(block) ? null : paragraphNumber(block.text),
      page: block.page,
      start,
      end,
      text: block.text,
      sentences: isHeading(block) ? [{ start, end }] : splitSentences(block.text, lex.abbreviations, start),
    });
    parts.push(block.text);
    offset = end + SEPARATOR.length;
  }
  return { text: parts.join(SEPARATOR), segments };
}

interface SectionState {
  section: SectionId;
  /** Level of the heading that opened the current section (0 = none yet). */
  level: number;
  heading: string | null;
}

// Extractors miss some headings (a PDF heading set in body type). A short, unpunctuated line
// is taken for one only when its wording names a standard section or it is numbered as a
// top-level heading ("5. Analysis"): a short sentence without a full stop stays body text.
function looksLikeHeading(block: Block, headings: HeadingLexicon): boolean {
  if (block.kind !== 'paragraph') return false;
  const t = block.text;
  if (t.length > 90 || !/^[A-Z0-9"']/.test(t) || /[.,;:!]$/.test(t) || t.split(' ').length > 10) return false;
  return isTopLevelHeading(t, undefined, headings) || sectionForHeading(t, headings) !== null;
}

function isHeading(block: Block): boolean {
  return block.kind === 'heading' || block.kind === 'title';
}

function enterHeading(state: SectionState, block: Block, headings: HeadingLexicon): void {
  state.heading = block.text;
  if (block.kind === 'title') return;
  const named = sectionForHeading(block.text, headings);
  const topLevel = isTopLevelHeading(block.text, block.level, headings);
  const level = knownLevel(block) ?? (topLevel ? 1 : 2);
  // A marked sub-heading ("Thinking about the family" under "5. Analysis") stays in its parent's section;
  // a heading whose level is unknown may open the section it names.
  const deeper = knownLevel(block) !== undefined && state.level > 0 && level > state.level;
  // Under front matter ("Part A: Executive Summary") a sub-heading that names a section opens it;
  // under any other section ("Appendix 2", "5. Analysis") it is part of that section.
  if (deeper && !topLevel && (state.section !== 'front_matter' || !named)) return;
  // Numbered sub-headings under a heading that named a standard section ("1. Nobody knew who lived
  // in the house" under "What we found") are its parts, unless their whole wording is another
  // section's name ("3. Chronology"); under a container ("Part B: Overview Report") they open sections.
  if (deeper && inNamedSection(state) && sectionNamedWhole(block.text, headings) === null) return;
  if (named) {
    state.section = named;
    state.level = level;
  } else if (topLevel) {
    state.section = 'other';
    state.level = level;
  }
}

function inNamedSection(state: SectionState): boolean {
  return state.section !== 'other' && state.section !== 'front_matter';
}

function knownLevel(block: Block): number | undefined {
  if (block.level) return block.level;
  if (/^\s*\d+\.\d/.test(block.text)) return 2;
  return undefined;
}
