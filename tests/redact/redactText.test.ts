// redactText as a table: sentences that must be redacted (with the exact result) and
// sentences that must come back unchanged (pseudonyms, guidance titles, chronology dates).
import { describe, expect, it } from 'vitest';
import { type RedactionKind, redactText } from '../../pipeline/redact/index.js';

const MUST_REDACT: [string, string, RedactionKind[]][] = [
  // people, labelled by the role the sentence gives them
  ['Dr Patel, the GP, saw the baby.', '[GP], the GP, saw the baby.', ['person']],
  ['The social worker, Ottoline Vanstraaten, visited twice.', 'The social worker, [social worker], visited twice.', ['person']],
  ['Jane Smith (mother) declined the offer.', '[mother] (mother) declined the offer.', ['person']],
  ['The mother, Jane Smith, declined the offer.', 'The mother, [mother], declined the offer.', ['person']],
  ['Her partner, Robert Hale, left the home.', "Her partner, [mother's partner], left the home.", ['person']],
  ['The health visitor Marisol Brown called.', 'The health visitor [health visitor] called.', ['person']],
  ['Her older sister, Tamsin Vale, was at school.', 'Her older sister, [sibling], was at school.', ['person']],
  ['The review was led by an independent reviewer, Cordelia Pemberton-Skeffington.', 'The review was led by an independent reviewer, [reviewer].', ['person']],
  ['PC Jones attended the address.', '[person 1] attended the address.', ['person']],
  ['Later, Sarah Jones telephoned.', 'Later, [person 1] telephoned.', ['person']],
  // a name that is also a word: redacted in the name, kept as the word
  ['In May 2014 the mother, May Jones, moved; Ms Jones agreed.', 'In May 2014 the mother, [mother], moved; [mother] agreed.', ['person']],
  ['Mr Young said young people were at risk. Young people matter.', '[person 1] said young people were at risk. Young people matter.', ['person']],
  // addresses and postcodes
  ['The family lived at 17 Wexley Gardens.', 'The family lived at [address].', ['address']],
  ['Flat 2, 14 Elm Road, Harrowgate HG1 2AB', '[address], Harrowgate [address]', ['address', 'postcode']],
  ['The postcode was SW1A 1AA.', 'The postcode was [address].', ['postcode']],
  ["They moved to 3a St Mary's Road in May.", 'They moved to [address] in May.', ['address']],
  ['The family moved to Hollins Road that winter.', 'The family moved to [address] that winter.', ['address']],
  // phone numbers
  ['Call 020 7946 0000 for advice.', 'Call [phone] for advice.', ['phone']],
  ['Her mobile was 07700 900123.', 'Her mobile was [phone].', ['phone']],
  ['Ring +44 20 7946 0000 today.', 'Ring [phone] today.', ['phone']],
  ['The duty desk, (020) 7946 0000, was closed.', 'The duty desk, [phone], was closed.', ['phone']],
  // e-mail
  ['Write to j.smith@example.org.', 'Write to [email].', ['email']],
  // dates of birth, and only the date
  ['Child K was born on 3 March 2012.', 'Child K was born on [date of birth].', ['date_of_birth']],
  ['DOB: 03/03/2012', 'DOB: [date of birth]', ['date_of_birth']],
  ['date of birth 3.3.12', 'date of birth [date of birth]', ['date_of_birth']],
  ['She was born in hospital on the 3rd of March 2012.', 'She was born in hospital on [date of birth].', ['date_of_birth']],
  ['Child N was born in February 2005.', 'Child N was born in [date of birth].', ['date_of_birth']],
];

const MUST_KEEP: string[] = [
  'Child K was seen by Ms K and Mr R.',
  "Baby Q was admitted on 3 March 2014; K's sister was not spoken to.",
  'The 2014 Working Together guidance applies.',
  'Working Together to Safeguard Children (2018) was published.',
  'On 3 March 2014 the family moved to Harrowgate.',
  'Ms K was born in the borough and on 3 March 2014 she moved.',
  'Child A was born in 2012.',
  'She was 17 when Child N was born.',
  'Baby J was born 14 weeks early.',
  'SW3 visited the home with HV2.',
  'The GP Practice and Harrowgate Council shared records.',
  'When Child M was measured under the National Child Measurement Programme, nothing followed.',
  'He was given 20 mg at 10:30 on 12/03/2014.',
  'Section 47 enquiries began in May 2014.',
  'The baby slept in a Moses basket.',
  'Case reference 012345678 was closed.',
  'The social worker, Harrowgate Children’s Services, did not reply.',
  'Sibling 2 and Young Person B were interviewed.',
];

describe('redactText', () => {
  it.each(MUST_REDACT)('redacts %j', (input, expected, kinds) => {
    const r = redactText(input);
    expect(r.text).toBe(expected);
    expect([...new Set(r.replacements.map((x) => x.kind))].sort()).toEqual([...kinds].sort());
  });

  it.each(MUST_KEEP.map((s) => [s]))('keeps %j', (input) => {
    const r = redactText(input);
    expect(r.replacements.map((x) => input.slice(x.start, x.end))).toEqual([]);
    expect(r.text).toBe(input);
  });

  it('gives each replacement its span, label and kind', () => {
    const input = 'The mother, Jane Smith, lives at 17 Wexley Gardens (07700 900461).';
    const r = redactText(input);
    expect(r.replacements.map((x) => [input.slice(x.start, x.end), x.label, x.kind])).toEqual([
      ['Jane Smith', '[mother]', 'person'],
      ['17 Wexley Gardens', '[address]', 'address'],
      ['07700 900461', '[phone]', 'phone'],
    ]);
  });
});
