// The plain, JSON-serialisable types passed between stages. No classes cross a stage
// boundary, so any stage's output can be dumped to JSON and diffed.
//
//   file bytes ──extract──▶ ExtractedDoc ──segment──▶ SegmentedDoc ──tag──▶ Finding[] ──store──▶ SQLite

// ---------------------------------------------------------------- extract

/** One line of positioned text as a PDF engine reports it (pdf.js today; any engine tomorrow). */
export interface PositionedText {
  str: string;
  /** Left edge, in PDF points from the page's left. */
  x: number;
  /** Baseline, in PDF points from the page's TOP (already flipped). */
  y: number;
  width: number;
  /** Font size in points (height of the text item). */
  fontSize: number;
  fontName: string;
  /** true when the engine says a line break follows this item. */
  hasEOL: boolean;
}

export interface PositionedPage {
  /** 1-based page number. */
  pageNumber: number;
  width: number;
  height: number;
  items: PositionedText[];
}

/** What every PDF engine must provide: bytes in, pages of positioned text out. */
export type PdfTextEngine = (bytes: Uint8Array) => Promise<PositionedPage[]>;

export type BlockKind = 'title' | 'heading' | 'paragraph' | 'list_item' | 'table_row';

/** A unit of body text in reading order: one heading, paragraph, list item or table row. */
export interface Block {
  kind: BlockKind;
  /** Heading level (1 = top) for titles and headings, when the source says so. */
  level?: number;
  /** Normalised text: ligatures, quotes and whitespace normalised, hyphenation repaired. */
  text: string;
  /** 1-based page the block starts on; null where the format has no pages (DOCX, TXT). */
  page: number | null;
}

export type SourceFormat = 'pdf' | 'docx' | 'txt';

export interface ExtractedDoc {
  format: SourceFormat;
  /** Number of pages (PDF); null for DOCX and TXT. */
  pageCount: number | null;
  blocks: Block[];
  /** Page-furniture lines removed (running headers, footers, page numbers), for diagnostics. */
  removedFurniture: string[];
}

/** Terminal statuses a file can end with. Only 'coded' means it was analysed. */
export type DocStatus =
  | 'coded'
  | 'needs_ocr' // a PDF with no text layer: not analysed (never "0 codes")
  | 'encrypted'
  | 'corrupt'
  | 'truncated'
  | 'empty'
  | 'unsupported_type' // a file kind scrcode does not read (listed, not read)
  | 'legacy_doc' // Word 97-2003 .doc (OLE compound file)
  | 'not_word' // a zip that is not a Word document
  | 'wrong_extension' // e.g. a .docx file that is really a PDF
  | 'timeout'
  | 'resource_limit'
  | 'failed';

export type ExtractOutcome =
  | { ok: true; sha256: string; doc: ExtractedDoc }
  | { ok: false; sha256: string | null; status: Exclude<DocStatus, 'coded'>; reason: string };

// ---------------------------------------------------------------- segment

/** The standard sections of an overview report (codebook "Standard headings"). */
export type SectionId =
  | 'front_matter'
  | 'introduction'
  | 'family_background'
  | 'chronology'
  | 'organisational_issues'
  | 'findings'
  | 'analysis'
  | 'child_focus'
  | 'care_pathway'
  | 'conclusions'
  | 'recommendations'
  | 'other';

export interface Span {
  /** 0-based JS string index into SegmentedDoc.text. */
  start: number;
  /** Exclusive end. */
  end: number;
}

export interface Segment extends Span {
  /** 0-based position of the segment in the document. */
  index: number;
  kind: BlockKind;
  section: SectionId;
  /** The heading text the segment sits under (nearest heading), or null. */
  heading: string | null;
  /** The report's own paragraph number ("4.12", "23", "ES3"), or null. */
  paragraph: string | null;
  page: number | null;
  text: string;
  /** Sentence spans, in document offsets, covering the segment text. */
  sentences: Span[];
}

export interface SegmentedDoc {
  /** The document's normalised text: segment texts joined by "\n\n". segment.text === text.slice(start, end). */
  text: string;
  segments: Segment[];
}

// ---------------------------------------------------------------- tag

export type CodeKind = 'theme' | 'risk_factor';
export type Context = 'asserted' | 'negated' | 'hypothetical' | 'generic';

/** One code applied to one segment, with the evidence that explains it. */
export interface Finding {
  /** Segment.index */
  segment: number;
  code: string;
  context: Context;
  /** Evidence span in document offsets: text.slice(start, end) === evidence. */
  start: number;
  end: number;
  evidence: string;
  /** Lexicon entry or rule id, e.g. "domestic_violence/marac". */
  rule: string;
  /** Id of the context trigger that set a non-asserted context, if any. */
  contextRule: string | null;
  lexiconVersion: string;
  /** 0..1 */
  confidence: number;
}
