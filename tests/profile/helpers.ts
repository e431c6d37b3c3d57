// Building small reports for the profile tests with the real segmenter, so that sections,
// paragraph numbers and sentences are what the pipeline would make of them.
import { loadCodebook } from '../../pipeline/codebook.js';
import { extractProfile, loadProfileLexicon, readingOf, type ProfileContext } from '../../pipeline/profile/index.js';
import { loadHeadingLexicon } from '../../pipeline/segment/headings.js';
import { segmentReport } from '../../pipeline/segment/segmentReport.js';
import { loadAbbreviations } from '../../pipeline/segment/sentences.js';
import type { Block, Finding, SegmentedDoc } from '../../pipeline/types.js';

export const lexicon = loadProfileLexicon();
export const wordings = lexicon.wordings;
export const context: ProfileContext = { lexicon, riskFactors: loadCodebook().riskFactors };
const segmentLexicon = { headings: loadHeadingLexicon(), abbreviations: loadAbbreviations() };

/** A block: a paragraph's text, or "# Heading" for a heading, or "| a | b" for a table row. */
export function report(lines: string[]): SegmentedDoc {
  const blocks: Block[] = lines.map((l) => {
    if (l.startsWith('# ')) return { kind: 'heading', level: 1, text: l.slice(2), page: null };
    if (l.startsWith('| ')) return { kind: 'table_row', text: l.slice(2), page: null };
    if (l.startsWith('- ')) return { kind: 'list_item', text: l.slice(2), page: null };
    return { kind: 'paragraph', text: l, page: null };
  });
  return segmentReport({ format: 'txt', pageCount: null, blocks, removedFurniture: [] }, segmentLexicon);
}

export const profileOf = (doc: SegmentedDoc, findings: Finding[] = []) => extractProfile(doc, findings, context);
export const readingOfDoc = (doc: SegmentedDoc) => readingOf(doc, lexicon);

/** Every evidence span of a profile points at its own text. */
export function evidenceHolds(doc: SegmentedDoc, profile: ReturnType<typeof profileOf>): boolean {
  return Object.values(profile).every((f) => f.evidence.every((e) => doc.text.slice(e.start, e.end) === e.text));
}
