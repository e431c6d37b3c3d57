// Redacted export rows, in process: evidence that starts or ends inside a name, and a code a
// reviewer added over a name, still slice exactly out of the redacted segment text.
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportJsonl } from '../../pipeline/export/exportJsonl.js';
import { exportSegments } from '../../pipeline/export/rows.js';
import { addDecision } from '../../pipeline/store/decisions.js';
import { storeCodedDocument } from '../../pipeline/store/documents.js';
import { type TempDb, finding, sampleInput, tempDb } from '../store/fixtures.js';

const PARAGRAPHS = [
  'Family background',
  'The mother, Jane Smith, said her partner, Robert Hale, hit her; a MARAC referral followed.',
  'Ms Smith was treated for depression. Mr Hale was living at 14 Elm Road.',
];

let t: TempDb;
beforeEach(() => {
  t = tempDb();
});
afterEach(() => t.cleanup());

function seed() {
  const input = sampleInput('smith_review.pdf', PARAGRAPHS);
  input.findings = [
    finding(input.segmented, 1, 'Robert Hale, hit her', 'domestic_violence', { confidence: 0.99 }), // starts at a name
    finding(input.segmented, 1, 'MARAC', 'domestic_violence', { confidence: 0.95 }),
    finding(input.segmented, 1, 'Hale, hit her', 'recognising_harm'), // starts inside one
    finding(input.segmented, 2, 'Smith was treated for depression', 'mental_ill_health'), // starts inside "Ms Smith"
  ];
  storeCodedDocument(t.db, input);
  const s = input.segmented.segments[2];
  const at = s.start + s.text.indexOf('living at 14 Elm');
  addDecision(t.db, { documentSha256: input.sha256, segmentIndex: 2, action: 'add', code: 'temporary_accommodation', reviewer: 'r.patel', start: at, end: at + 'living at 14 Elm'.length });
  return input;
}

describe('exportSegments({ redact: true })', () => {
  it('maps evidence that touches a name to the whole label', () => {
    seed();
    const rows = [...exportSegments(t.db, { redact: true })];
    expect(rows.map((r) => r.text)).toEqual([
      'Family background',
      "The mother, [mother], said her partner, [mother's partner], hit her; a MARAC referral followed.",
      "[mother] was treated for depression. [mother's partner] was living at [address].",
    ]);
    expect(rows[0].document).toBe('redacted_review.pdf');
    const evidence = rows.flatMap((r) => r.codes.map((c) => [c.code, c.evidence.text]));
    expect(evidence).toEqual([
      ['domestic_violence', "[mother's partner], hit her"],
      ['recognising_harm', "[mother's partner], hit her"],
      ['mental_ill_health', '[mother] was treated for depression'],
      ['temporary_accommodation', 'living at [address]'],
    ]);
    for (const r of rows) {
      for (const c of r.codes) expect(r.text.slice(c.evidence.start - r.start, c.evidence.end - r.start)).toBe(c.evidence.text);
    }
    expect(rows[1].start).toBe(rows[0].end + 2);
    expect(rows[2].start).toBe(rows[1].end + 2);
  });

  it('keeps the name evidence when not redacting, and the same number of lines either way', async () => {
    seed();
    const plain = [...exportSegments(t.db)];
    expect(plain[2].codes.map((c) => c.evidence.text)).toEqual(['Smith was treated for depression', 'living at 14 Elm']);
    const lines = async (redact: boolean) => {
      const sink = new PassThrough();
      let text = '';
      sink.on('data', (chunk) => (text += chunk));
      const written = await exportJsonl(t.db, sink, { redact });
      return { written, text };
    };
    const redacted = await lines(true);
    const notRedacted = await lines(false);
    expect(redacted.written).toBe(notRedacted.written);
    expect(notRedacted.text).toContain('Robert Hale');
    expect(redacted.text).not.toMatch(/Smith|Hale|Robert|Jane|14 Elm/);
  });
});
