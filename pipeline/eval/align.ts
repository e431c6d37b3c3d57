import type { SegmentedDoc } from '../types.js';
import { normaliseText } from '../extract/normalise.js';

export interface ParagraphAlignment {
  /** Segments the gold paragraph's text lies in (several when the segmenter split it). */
  segments: number[];
  /** 'exact': one segment with the same text; 'found': its text found across/inside segments; 'missing'. */
  match: 'exact' | 'found' | 'missing';
}

export interface DocumentAlignment {
  paragraphs: ParagraphAlignment[];
  /** Segment text that belongs to no gold paragraph (page furniture or extraction debris). */
  leaked: string[];
}

/**
 * Finds each gold paragraph in the segments' text, in reading order. The segments are
 * joined with single spaces so that a paragraph split over two segments, or two paragraphs
 * merged into one segment, are still found; what no paragraph covers is reported as leaked.
 */
export function alignGoldParagraphs(goldTexts: string[], doc: SegmentedDoc): DocumentAlignment {
  const { joined, segmentAt, segmentTexts } = joinSegments(doc);
  const covered = new Uint8Array(joined.length);
  let cursor = 0;
  const paragraphs = goldTexts.map((raw): ParagraphAlignment => {
    const text = normaliseText(raw);
    let at = joined.indexOf(text, cursor);
    if (at < 0) at = joined.indexOf(text);
    if (at < 0 || text.length === 0) return { segments: [], match: 'missing' };
    covered.fill(1, at, at + text.length);
    cursor = at + text.length;
    const segments = [...new Set(Array.from({ length: text.length }, (_, i) => segmentAt[at + i]).filter((s) => s >= 0))];
    const exact = segments.length === 1 && segmentTexts[segments[0]] === text;
    return { segments, match: exact ? 'exact' : 'found' };
  });
  return { paragraphs, leaked: uncoveredRuns(joined, covered, segmentAt) };
}

function joinSegments(doc: SegmentedDoc) {
  const segmentTexts = doc.segments.map((s) => normaliseText(s.text));
  const segmentAt: number[] = [];
  let joined = '';
  segmentTexts.forEach((t, i) => {
    if (i > 0) {
      joined += ' ';
      segmentAt.push(-1);
    }
    joined += t;
    for (let k = 0; k < t.length; k++) segmentAt.push(doc.segments[i].index);
  });
  return { joined, segmentAt, segmentTexts };
}

function uncoveredRuns(joined: string, covered: Uint8Array, segmentAt: number[]): string[] {
  const runs: string[] = [];
  let start = -1;
  for (let i = 0; i <= joined.length; i++) {
    const open = i < joined.length && !covered[i] && segmentAt[i] >= 0;
    if (open && start < 0) start = i;
    if (!open && start >= 0) {
      const run = joined.slice(start, i).trim();
      if (/[A-Za-z0-9]/.test(run)) runs.push(run);
      start = -1;
    }
  }
  return runs;
}
