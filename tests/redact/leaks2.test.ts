// The second confidentiality review's leaks, as tables: hostile but realistic report text that
// must be redacted exactly as written, and look-alikes (agencies, places, legislation, headings,
// months) that must come back unchanged, because over-redaction makes quotes useless.
import { describe, expect, it } from 'vitest';
import { editedLexicon } from './helpers.js';
import { type RedactionKind, redactDocument, redactFreeText, redactText } from '../../pipeline/redact/index.js';

// 1. Names written in capitals: in a heading or a chronology line, with or without the name
// also written normally in the report.
const CAPITALS: [string, string][] = [
  ['HESTER GRIMSDYKE attended A&E. The mother, Hester Grimsdyke, left.', '[mother] attended A&E. The mother, [mother], left.'],
  ['HESTER GRIMSDYKE attended A&E.', '[person 1] attended A&E.'],
  ['CHRONOLOGY\n\n12/03/2014 HESTER GRIMSDYKE attended A&E with Child K.', 'CHRONOLOGY\n\n12/03/2014 [person 1] attended A&E with Child K.'],
  ['The mother, Hester Grimsdyke, left. GRIMSDYKE denied it. MS GRIMSDYKE agreed.', 'The mother, [mother], left. [mother] denied it. [mother] agreed.'],
  ['2. THE MOTHER, HESTER GRIMSDYKE\n\nShe was 19.', '2. THE MOTHER, [mother]\n\nShe was 19.'],
  ["The mother, Bríd O'Hare, called. O'HARE said no.", 'The mother, [mother], called. [mother] said no.'],
  ['15/03/2014 MRS GRIMSDYKE called the GP.', '15/03/2014 [person 1] called the GP.'],
  // A given name nobody knows, in capitals in a sentence (not a heading).
  ['12/03/2014 QUILLON SPARROWHAWK attended A&E. SPARROWHAWK left.', '12/03/2014 [person 1] attended A&E. [person 1] left.'],
  ['ON 12 MARCH QUILLON SPARROWHAWK attended.', 'ON 12 MARCH [person 1] attended.'],
];

// 2. A given name nobody knows, after a family or frontline role (lone_name_roles).
const KINSHIP: [string, string][] = [
  ['The grandmother, Perpetua, cared for Child K.', 'The grandmother, [grandmother], cared for Child K.'],
  ['Her half-brother Kester was 9. Kester was not seen.', 'Her half-brother [sibling] was 9. [sibling] was not seen.'],
  ['The step-father Orrin left the home.', 'The step-father [stepfather] left the home.'],
  ['Her great-aunt Mabyn visited. Mabyn said no.', 'Her great-aunt [aunt] visited. [aunt] said no.'],
  ['Half-brother Kester was 9.', 'Half-brother [sibling] was 9.'],
  ['Her nephew, Tobiah, stayed.', 'Her nephew, [relative], stayed.'],
  ['Her cousin, Demelza, was 14.', 'Her cousin, [cousin], was 14.'],
  // After a known given name in closed apposition, a surname that is otherwise never a name.
  ['The community midwife, Ruth Ward, saw her. Ward 4 was busy.', 'The community midwife, [midwife], saw her. Ward 4 was busy.'],
  // Frontline professionals are often named by first name alone.
  ['The social worker, Peregrine, visited on 3 May. Peregrine wrote it up.', 'The social worker, [social worker], visited on 3 May. [social worker] wrote it up.'],
];

// 3. A full name never introduced with a title, a known given name or a role.
const UNTITLED: [string, string][] = [
  ['Quillon Sparrowhawk was seen at the door.', '[person 1] was seen at the door.'],
  // The name a pseudonym stands for, in apposition: ordinary words are names here.
  ['Child P, Poppy Ashworth, was aged three. Poppy was seen by the GP.', 'Child P, [child], was aged three. [child] was seen by the GP.'],
  ['Ms K, Crystal Bolton, was 19. Crystal grew up in Eastmere.', 'Ms K, [person 1], was 19. [person 1] grew up in Eastmere.'],
  ['Baby Q, Rowan Hale (born prematurely), was admitted.', 'Baby Q, [child] (born prematurely), was admitted.'],
  // An ordinary word as surname, made a surname by a title elsewhere.
  ['Quillon Baker was seen at the door. Mr Baker said he was a friend.', '[person 1] was seen at the door. [person 1] said he was a friend.'],
  ['Quillon Sparrowhawk was seen at the door. Sparrowhawk left.', '[person 1] was seen at the door. [person 1] left.'],
  ["Later Quillon Sparrowhawk's car was seen.", "Later [person 1]'s car was seen."],
  ['Whilst Quillon Sparrowhawk was out, Child K cried.', 'Whilst [person 1] was out, Child K cried.'],
  ['A letter from Quillon Sparrowhawk, Designated Nurse, arrived.', 'A letter from [nurse], Designated Nurse, arrived.'],
];

// 4 and 5. Streets without a number, and addresses, postcodes and e-mail in other shapes.
const SHAPES: [string, string, RedactionKind][] = [
  ['In 2014 they moved to Nettlebed Lane.', 'In 2014 they moved to [address].', 'address'],
  ['They moved back to Nettlebed Lane.', 'They moved back to [address].', 'address'],
  ['They lived in Ashcombe Road.', 'They lived in [address].', 'address'],
  ['The family then moved to a flat in Nettlebed Lane, Harrowgate.', 'The family then moved to a flat in [address], Harrowgate.', 'address'],
  ['They lived at 31 Saint Aldates.', 'They lived at [address].', 'address'],
  ['They lived at 31 St Aldates in 2013.', 'They lived at [address] in 2013.', 'address'],
  ['They lived at 14 elm road.', 'They lived at [address].', 'address'],
  ['The family moved to flat 2, 17 beech avenue in March.', 'The family moved to flat 2, [address] in March.', 'address'],
  ['moved to 3a old mill lane in 2013', 'moved to [address] in 2013', 'address'],
  ['The postcode was bk4 2xy.', 'The postcode was [address].', 'postcode'],
  ['Write to x [at] example.com today.', 'Write to [email] today.', 'email'],
  ['Write to x at example dot com today.', 'Write to [email] today.', 'email'],
  ['Write to jane dot smith (at) example dot co dot uk today.', 'Write to [email] today.', 'email'],
  ['Write to j.smith AT example DOT org.', 'Write to [email].', 'email'],
];

// What must survive: agencies, courts, guidance, places, headings, months, languages, and the
// shapes the new patterns could mistake for an address or an e-mail.
const MUST_KEEP: string[] = [
  'The GP, Fernmoor, referred Child K to the paediatrician.',
  'The social worker, Harrowgate Council, was told.',
  'Child K, aged 4, was seen in May. Ms K, March and April were busy months.',
  "Children's Social Care asked the Family Court for an interim care order.",
  'The Serious Case Review was commissioned by the Local Safeguarding Children Board.',
  'Child K was taken to Accident and Emergency in March 2014.',
  'In March and April 2014 Ms K moved twice.',
  'Working Together to Safeguard Children 2018 and the Children Act 1989 apply.',
  'The family moved from Milton Keynes to Stoke Newington and then to Merthyr Tydfil.',
  'They lived in Sutton Coldfield, Hemel Hempstead and Bishop Auckland.',
  'Fallowfield Cross LSCB met in Fallowfield Cross.',
  'Ms K was born in Selbrook. Selbrook Kingsmere is where the family lived.',
  'Thornbridge Vale District Hospital and the Hallowfield Kingsmere Partnership shared records.',
  'Tees Esk and Wear Valleys NHS Foundation Trust and Pennine Care NHS Foundation Trust took part.',
  'The Lucy Faithfull Foundation ran the course.',
  'KEY PRACTICE EPISODES',
  'TERMS OF REFERENCE',
  'GRACE PERIOD',
  'HALLOWFIELD LSCB SERIOUS CASE REVIEW',
  'CONFIDENTIAL – ELLERBY SAFEGUARDING CHILDREN PARTNERSHIP',
  'A MARAC referral was made. 12/03/2014 MARAC CAMHS referral made.',
  'HALLOWFIELD LSCB met. HALLOWFIELD KINGSMERE commissioned this review.',
  'ED STAFF saw Child K. The ED nurse agreed.',
  'Gypsy Roma Traveller families; White British and Black Caribbean children.',
  'She spoke Tigrinya and Amharic, and was prescribed Subutex.',
  'The Edinburgh Postnatal Depression Scale was not used.',
  'Operation Encompass notifications were sent to Kestlewood Comprehensive.',
  'Cafcass Cymru advised the court.',
  'Child K attended Ysgol Gymraeg.',
  'Child Kester was seen by the health visitor.',
  'The incident took place on the High Street.',
  'Ashcombe Road Surgery saw Child K, and later Ms K went to Ashcombe Road Surgery.',
  '4.12 St Anselm\'s Infant School knew the family.',
  '4.2 Harbour Road Academy knew the family.',
  '3 incidents took place; 5 minutes down the road; the 2 social workers took 3 different road routes.',
  'The HV2 1st visit was late; hv2 1st visit notes were lost.',
  'She was seen at home.Then she looked at bbc.co.uk for advice.',
  'She was seen at the clinic (at the weekend).',
];

describe('redaction leaks (second review): names in capitals', () => {
  it.each(CAPITALS)('redacts %j', (input, expected) => {
    expect(redactText(input).text).toBe(expected);
  });
});

describe('redaction leaks (second review): a given name after a family or frontline role', () => {
  it.each(KINSHIP)('redacts %j', (input, expected) => {
    expect(redactText(input).text).toBe(expected);
  });
});

describe('redaction leaks (second review): a full name nobody introduced', () => {
  it.each(UNTITLED)('redacts %j', (input, expected) => {
    expect(redactText(input).text).toBe(expected);
  });
});

describe('redaction leaks (second review): streets, addresses, postcodes, e-mail', () => {
  it.each(SHAPES)('redacts %j', (input, expected, kind) => {
    const r = redactText(input);
    expect(r.text).toBe(expected);
    expect([...new Set(r.replacements.map((x) => x.kind))]).toEqual([kind]);
  });
});

describe('redaction leaks (second review): look-alikes are kept', () => {
  it.each(MUST_KEEP.map((s) => [s]))('keeps %j', (input) => {
    const r = redactText(input);
    expect(r.replacements.map((x) => input.slice(x.start, x.end))).toEqual([]);
  });
});

describe('names in capitals across a document', () => {
  it('labels the capitals and the written-out name alike, in every slice, and in the file name', () => {
    const text = 'CHRONOLOGY: HESTER GRIMSDYKE\n\nThe mother, Hester Grimsdyke, moved.\n\nGRIMSDYKE was not seen.';
    const doc = redactDocument({ text });
    expect(doc.text).toBe('CHRONOLOGY: [mother]\n\nThe mother, [mother], moved.\n\n[mother] was not seen.');
    const start = text.lastIndexOf('GRIMSDYKE');
    expect(doc.redactSlice(start, text.length).text).toBe('[mother] was not seen.');
    expect(doc.redactFileName('GRIMSDYKE_scr.pdf')).toBe('redacted_scr.pdf');
  });

  it('redacts a free text about the document in capitals with the document\'s labels', () => {
    const doc = redactDocument({ text: 'The mother, Hester Grimsdyke, moved.' });
    expect(redactFreeText(doc, 'assaulted by HESTER GRIMSDYKE')).toBe('assaulted by [mother]');
  });
});

// The new wording is data: the lexicon, not the code, says which roles are kin and which
// capitalised words are places.

describe('the lexicon drives the new rules', () => {
  it('a kinship role taken out of lone_name_roles no longer makes a lone unknown word a name', () => {
    const text = 'The grandmother, Perpetua, cared for Child K.';
    const lexicon = editedLexicon((d) => (d.lone_name_roles = d.lone_name_roles.filter((r: string) => r !== 'grandmother')));
    expect(redactText(text, { lexicon }).text).toBe(text);
  });

  it('a place taken out of place_names is taken for a name again', () => {
    const text = 'They lived in Hemel Hempstead. Hemel Hempstead was far away.';
    expect(redactText(text).text).toBe(text);
    // Without the place name, "in Hemel Hempstead" still marks it as a place ...
    const lexicon = editedLexicon((d) => (d.place_names = d.place_names.filter((p: string) => p !== 'Hemel Hempstead')));
    expect(redactText(text, { lexicon }).text).toBe(text);
    // ... but a report that never says "in" has only the place name to go on.
    const bare = 'Hemel Hempstead was far away.';
    expect(redactText(bare).text).toBe(bare);
    expect(redactText(bare, { lexicon }).text).toBe('[person 1] was far away.');
  });

  it('a street preposition taken out no longer marks a street without a number', () => {
    const text = 'They lived in Ashcombe Road.';
    const lexicon = editedLexicon((d) => {
      d.address.street_prepositions = d.address.street_prepositions.filter((p: string) => p !== 'in');
      d.address.introducers = d.address.introducers.filter((p: string) => !p.endsWith(' in'));
    });
    expect(redactText(text, { lexicon }).text).toBe(text);
  });
});
