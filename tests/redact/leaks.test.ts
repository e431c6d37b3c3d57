// The leaks a confidentiality review found, as tables: each row must be redacted exactly as
// written (must-redact) or come back unchanged (must-keep).
import { describe, expect, it } from 'vitest';
import { redactDocument, redactFreeText, redactText } from '../../pipeline/redact/index.js';

// 1 and 2: an O' surname is not an initial; particles and hyphenated O' parts belong to the name.
const MUST_REDACT: [string, string][] = [
  ["Ms O'Brien called. O'Brien said no.", '[person 1] called. [person 1] said no.'],
  ["O'Brien said no to Ms O'Brien.", '[person 1] said no to [person 1].'],
  ['Ms Ó Súilleabháin visited. Ms Ó Súilleabháin left.', '[person 1] visited. [person 1] left.'],
  ["Her boyfriend, Mr Fenwick-O'Hare, left.", "Her boyfriend, [mother's partner], left."],
  ["Mr Fenwick-O'Hare left. Fenwick-O'Hare returned.", '[person 1] left. [person 1] returned.'],
  ['Ms van der Merwe of the LSCB business unit helped.', '[person 1] of the LSCB business unit helped.'],
  ['The social worker, Ms Aurelie de Villiers, did not share it. Ms de Villiers later agreed.', 'The social worker, [social worker], did not share it. [social worker] later agreed.'],
  ['Ms de Villiers called. De Villiers said no.', '[person 1] called. [person 1] said no.'],
];

const MUST_KEEP: string[] = [
  'Child K was seen by Ms K and Mr R.',
  "Mr R's account was not checked.",
  'Ms O was not told.',
  "The O'Brien review was cited.", // no person is known: a surname alone is not redacted
  'The de facto carer was the grandmother.',
  'Ms K and the van driver were interviewed.',
];

describe('redaction leaks: names', () => {
  it.each(MUST_REDACT)('redacts %j', (input, expected) => {
    expect(redactText(input).text).toBe(expected);
  });
  it.each(MUST_KEEP.map((s) => [s]))('keeps %j', (input) => {
    expect(redactText(input).text).toBe(input);
  });
});

// 3: file names write names in lower case, hyphenated or without the apostrophe.
const FILE_NAMES: [string, string, string][] = [
  ['The mother, Caspian-Rose Delacourt-Ng, moved.', 'wexmoor_scr_delacourt-ng.txt', 'wexmoor_scr_redacted-redacted.txt'],
  ["The mother, Mrs Bríd O'Hare, called.", 'harlow_scr_child_k_ohare.txt', 'harlow_scr_child_k_redacted.txt'],
  ["The mother, Mrs Bríd O'Hare, called.", "harlow_scr_o'hare.pdf", 'harlow_scr_redacted.pdf'],
  ['The mother, Jane Smith, called.', 'harlow_scr_child_k.txt', 'harlow_scr_child_k.txt'],
  ['The social worker, Ms Aurelie de Villiers, visited.', 'wexmoor_de_villiers_scr.txt', 'wexmoor_de_redacted_scr.txt'],
];

describe('redaction leaks: file names', () => {
  it.each(FILE_NAMES)('%j: %s → %s', (text, fileName, expected) => {
    expect(redactDocument({ text }).redactFileName(fileName)).toBe(expected);
  });
});

// 4: a free text about a document gets the document's labels, shaped identifiers and its own people.
const DOCUMENT = 'The mother, Hester Grimsdyke, lived with her partner, Mr Tobias Grimsdyke. Dr Patel, the GP, saw them.';
const FREE_TEXT: [string, string][] = [
  ['assaulted by Tobias Grimsdyke at 14 Elm Road; DOB 14/02/2013', "assaulted by [mother's partner] at [address]; DOB [date of birth]"],
  ['Hester shook him; call 07700 900461 or hester@example.org', '[mother] shook him; call [phone] or [email]'],
  ['seen by Dr Patel and by Mr Grimsdyke', "seen by [GP] and by [mother's partner]"],
  ['the aunt, Jane Smith, and Ms Ó Súilleabháin', 'the aunt, [aunt], and [person 1]'],
  ['the mother, Jane Smith', 'the mother, [mother 2]'],
  ['White British', 'White British'],
  ['Harlow LSCB', 'Harlow LSCB'],
  ['non-accidental head injury, died in May 2014', 'non-accidental head injury, died in May 2014'],
];

describe('redactFreeText', () => {
  const doc = redactDocument({ text: DOCUMENT });
  it.each(FREE_TEXT)('%j → %j', (text, expected) => {
    expect(redactFreeText(doc, text)).toBe(expected);
  });
  it('leaves the document and its labels unchanged', () => {
    redactFreeText(doc, 'the mother, Jane Smith');
    expect(doc.people.map((p) => p.label)).toEqual(["[mother]", "[mother's partner]", '[GP]']);
    expect(redactFreeText(doc, 'Hester')).toBe('[mother]');
  });
  it('refuses a document it did not analyse', () => {
    expect(() => redactFreeText({ ...doc }, 'Hester')).toThrow(/redactDocument/);
  });
});

// 5 (part): date-of-birth and phone shapes the review found.
const SHAPES: [string, string][] = [
  ['recorded by the nursery as DOB 2013-02-14.', 'recorded by the nursery as DOB [date of birth].'],
  ['DOB: 14-Feb-2013', 'DOB: [date of birth]'],
  ['date of birth: 2013/02/14', 'date of birth: [date of birth]'],
  ['Child T was born prematurely, on 14/02/13.', 'Child T was born prematurely, on [date of birth].'],
  ["The mother's mobile was 07700.900.461.", "The mother's mobile was [phone]."],
];
const SHAPES_KEPT: string[] = [
  'The plan of 2013-02-14 was reviewed.',
  'Child A was born in 2012, and on 14/02/13 moved.',
  'The dose was 0.5 mg on 03.03.2012.',
  'Version 1.2.3 of the policy applied.',
];

describe('redaction leaks: shaped identifiers', () => {
  it.each(SHAPES)('redacts %j', (input, expected) => {
    expect(redactText(input).text).toBe(expected);
  });
  it.each(SHAPES_KEPT.map((s) => [s]))('keeps %j', (input) => {
    expect(redactText(input).text).toBe(input);
  });
});
