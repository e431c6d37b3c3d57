// Paragraph-level co-occurrence: an unnumbered list item or table row belongs to the paragraph
// before it ("The panel recommends that:" and its items are one paragraph).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCodebook } from '../../pipeline/codebook.js';
import { storeCodedDocument } from '../../pipeline/store/documents.js';
import { cooccurrence } from '../../pipeline/query/queries.js';
import { finding, sampleInput, segmentedDoc, tempDb, type TempDb } from '../store/fixtures.js';

let t: TempDb;
beforeEach(() => (t = tempDb()));
afterEach(() => t.cleanup());

const PARAGRAPHS = [
  'Recommendations',
  'The panel recommends that:',
  'health visitors record every contact with the family;',
  'the police share every domestic incident with the school.',
  '9.2 Training on recording should be refreshed.',
  'Supervision should be monthly.',
];

function store(kinds: ('paragraph' | 'list_item' | 'table_row')[], numbered: (string | null)[]) {
  const input = sampleInput('r.pdf', PARAGRAPHS);
  const doc = segmentedDoc(PARAGRAPHS, 'recommendations');
  doc.segments.forEach((s, i) => {
    if (i === 0) return;
    s.kind = kinds[i - 1];
    s.paragraph = numbered[i - 1];
  });
  input.segmented = doc;
  input.findings = [
    finding(doc, 1, 'recommends', 'multi_agency_working'),
    finding(doc, 2, 'record every contact', 'recording'),
    finding(doc, 3, 'share every domestic incident', 'information_sharing'),
    finding(doc, 4, 'recording', 'recording'),
    finding(doc, 5, 'Supervision', 'supervision'),
  ];
  storeCodedDocument(t.db, input);
}

const pairsOf = (level: 'segment' | 'paragraph') =>
  cooccurrence(t.db, loadCodebook(), level, 'proposed').rows.map((r) => `${r[0]}+${r[1]}:${r[2]}`).sort();

describe('co-occurrence in the same paragraph', () => {
  it('counts a paragraph and the list items after it as one paragraph, and nothing across numbered paragraphs', () => {
    store(['paragraph', 'list_item', 'list_item', 'paragraph', 'paragraph'], [null, null, null, '9.2', null]);
    expect(pairsOf('segment')).toEqual([]);
    // Hand count: {multi_agency_working, recording, information_sharing} in the opening and its two items.
    expect(pairsOf('paragraph')).toEqual(['information_sharing+multi_agency_working:1', 'information_sharing+recording:1', 'recording+multi_agency_working:1'].sort());
  });

  it('keeps numbered items and items under a heading apart', () => {
    store(['paragraph', 'list_item', 'table_row', 'paragraph', 'paragraph'], [null, '1', '2', '9.2', null]);
    expect(pairsOf('paragraph')).toEqual([]);
  });
});
