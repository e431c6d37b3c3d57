// Measures storing throughput on synthetic documents (no report text): rows/s for
// storeCodedDocument, a whole re-tag with replaceProposals, and the JSONL export.
// Run: node dist/pipeline/store/bench-store.js [documents] [segmentsPerDocument] [proposalsPerSegment]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding, Segment, SegmentedDoc } from '../types.js';
import { exportJsonl } from '../export/exportJsonl.js';
import { openDatabase } from './db.js';
import { loadSegmentedDocuments, replaceProposals, sha256Hex, storeCodedDocument } from './documents.js';

export interface StoreBenchResult {
  documents: number;
  segments: number;
  proposals: number;
  storeSeconds: number;
  storeRowsPerSecond: number;
  retagSeconds: number;
  retagProposalsPerSecond: number;
  exportSeconds: number;
  exportSegmentsPerSecond: number;
}

const WORDS = ['agency', 'review', 'practitioners', 'assessment', 'family', 'visit', 'school', 'health', 'referral', 'plan', 'meeting', 'concern'];

function syntheticDoc(docNumber: number, segmentCount: number): SegmentedDoc {
  const segments: Segment[] = [];
  let text = '';
  for (let index = 0; index < segmentCount; index += 1) {
    const words = Array.from({ length: 80 }, (_, w) => WORDS[(docNumber * 7 + index * 3 + w) % WORDS.length]);
    const segmentText = `${index + 1}. ${words.join(' ')}.`;
    if (index > 0) text += '\n\n';
    const start = text.length;
    text += segmentText;
    segments.push({
      index, kind: 'paragraph', section: 'analysis', heading: 'Analysis', paragraph: String(index + 1), page: 1 + Math.floor(index / 5),
      start, end: start + segmentText.length, text: segmentText, sentences: [{ start, end: start + segmentText.length }],
    });
  }
  return { text, segments };
}

function syntheticFindings(doc: SegmentedDoc, perSegment: number, lexiconVersion: string): Finding[] {
  return doc.segments.flatMap((s) =>
    Array.from({ length: perSegment }, (_, k) => {
      const start = s.start + 4 + k * 10;
      return {
        segment: s.index, code: `code_${k}`, context: 'asserted' as const, start, end: start + 6, evidence: doc.text.slice(start, start + 6),
        rule: `code_${k}/term`, contextRule: null, lexiconVersion, confidence: 0.8,
      };
    }),
  );
}

export async function benchStore(documents = 100, segmentsPerDocument = 400, proposalsPerSegment = 3): Promise<StoreBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'scrcode-bench-store-'));
  const db = openDatabase(join(dir, 'bench.db'));
  try {
    const inputs = Array.from({ length: documents }, (_, d) => {
      const segmented = syntheticDoc(d, segmentsPerDocument);
      return { sha256: sha256Hex(`bench ${d}`), fileName: `bench_${d}.pdf`, path: `/bench/bench_${d}.pdf`, format: 'pdf' as const,
        pageCount: segmentsPerDocument / 5, segmented, findings: syntheticFindings(segmented, proposalsPerSegment, 'bench-1'), lexiconVersion: 'bench-1' };
    });
    const segments = documents * segmentsPerDocument;
    const proposals = segments * proposalsPerSegment;

    let started = performance.now();
    for (const input of inputs) storeCodedDocument(db, input);
    const storeSeconds = (performance.now() - started) / 1000;

    started = performance.now();
    for (const stored of loadSegmentedDocuments(db)) {
      replaceProposals(db, stored.documentId, syntheticFindings(stored.segmented, proposalsPerSegment, 'bench-2'), 'bench-2');
    }
    const retagSeconds = (performance.now() - started) / 1000;

    started = performance.now();
    await exportJsonl(db, join(dir, 'bench.jsonl'));
    const exportSeconds = (performance.now() - started) / 1000;

    return {
      documents, segments, proposals,
      storeSeconds, storeRowsPerSecond: (documents + segments + proposals) / storeSeconds,
      retagSeconds, retagProposalsPerSecond: proposals / retagSeconds,
      exportSeconds, exportSegmentsPerSecond: segments / exportSeconds,
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [documents, segments, proposals] = process.argv.slice(2).map(Number);
  console.log(await benchStore(documents || undefined, segments || undefined, proposals || undefined));
}
