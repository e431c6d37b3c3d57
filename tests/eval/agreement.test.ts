// How far two careful annotators agree: a second annotator labelled three dev reports without
// seeing their gold (tests/fixtures/second-annotator/README.md), and these labels are scored
// against the gold exactly as the pipeline's codes are. The figures say what accuracy is
// realistic; they are printed, not held to a target.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCodebook } from '../../pipeline/codebook.js';
import { evaluate, type PredictedDocument } from '../../pipeline/eval/evaluate.js';
import { loadGoldDocuments, selectDocuments, type GoldDocument } from '../../pipeline/eval/gold.js';
import type { Context, Segment } from '../../pipeline/types.js';
import { DEV_CORPUS, HAS_DEV_CORPUS } from '../helpers/devCorpus.js';
import { ROOT } from '../helpers/cli.js';

const SECOND = join(ROOT, 'tests', 'fixtures', 'second-annotator');
const labelled = readdirSync(SECOND).filter((f) => f.endsWith('.gold.json'));
const second = labelled.map((f) => JSON.parse(readFileSync(join(SECOND, f), 'utf8')) as GoldDocument);

/** The second annotator's labels in the shape of the pipeline's output: one segment per paragraph. */
function asPredicted(doc: GoldDocument): PredictedDocument {
  const segments: Segment[] = [];
  const findings: PredictedDocument['findings'] = [];
  let offset = 0;
  doc.paragraphs.forEach((p, index) => {
    const end = offset + p.text.length;
    segments.push({ index, kind: 'paragraph', section: 'other', heading: null, paragraph: null, page: null, start: offset, end, text: p.text, sentences: [{ start: offset, end }] });
    for (const code of p.codes) findings.push({ segment: index, code, context: 'asserted' });
    for (const [code, context] of Object.entries(p.non_present)) findings.push({ segment: index, code, context: context as Context });
    offset = end + 2;
  });
  return { fileName: doc.document, segmented: { text: doc.paragraphs.map((p) => p.text).join('\n\n'), segments }, findings };
}

describe.skipIf(!HAS_DEV_CORPUS)('a second annotator against the gold', () => {
  it('labels the same paragraphs, and agrees with the gold to the degree printed', () => {
    const gold = selectDocuments(loadGoldDocuments(DEV_CORPUS), second.map((d) => d.document), []);
    expect(gold.map((d) => d.document).sort()).toEqual(second.map((d) => d.document).sort());
    for (const doc of second) {
      const reference = gold.find((g) => g.document === doc.document)!;
      expect(doc.paragraphs.map((p) => p.text)).toEqual(reference.paragraphs.map((p) => p.text));
    }
    const report = evaluate(gold, second.map(asPredicted), loadCodebook());
    expect(report.textRecovered).toBe(1);
    console.log(
      `second annotator vs gold (${second.length} reports): themes F1 ${report.themesMicro.f1.toFixed(3)}, ` +
        `risk factors F1 ${report.riskFactorsMicro.f1.toFixed(3)}, checklist F1 ${report.checklist.f1.toFixed(3)}`,
    );
    // Agreement is far from perfect but far from chance: a broken fixture or scorer shows here.
    expect(report.themesMicro.f1).toBeGreaterThan(0.5);
    expect(report.riskFactorsMicro.f1).toBeGreaterThan(0.5);
  });
});
