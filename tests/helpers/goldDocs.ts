import type { SegmentedDoc } from '../../pipeline/types.js';
import { loadGoldDocuments } from '../../pipeline/eval/gold.js';
import { loadHeadingLexicon } from '../../pipeline/segment/headings.js';
import { loadAbbreviations } from '../../pipeline/segment/sentences.js';
import { segmentReport } from '../../pipeline/segment/segmentReport.js';
import { DEV_CORPUS, HAS_DEV_CORPUS } from './devCorpus.js';

/** The gold paragraphs of every dev report, segmented as the pipeline segments extracted text. */
export function goldSegmentedDocs(): SegmentedDoc[] {
  if (!HAS_DEV_CORPUS) return [];
  const lex = { headings: loadHeadingLexicon(), abbreviations: loadAbbreviations() };
  return loadGoldDocuments(DEV_CORPUS).map((g) =>
    segmentReport({ format: 'txt', pageCount: null, removedFurniture: [], blocks: g.paragraphs.map((p) => ({ kind: 'paragraph', text: p.text, page: null })) }, lex),
  );
}
