// The third confidentiality review's leaks (42 of 195 planted identifiers), as tables: report
// text that must be redacted exactly as written, and look-alikes that must come back unchanged.
// In order of how often the shapes stand in real Serious Case Reviews: dates of birth, names in
// lists, ordinary words as names, over-redaction of places and months, addresses and phones.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editedLexicon, editedLexiconDir } from './helpers.js';
import { type RedactionKind, loadRedactionLexicon, redactDocument, redactText } from '../../pipeline/redact/index.js';

// 1. Dates of birth with words between "born" and the date, a date before "born" in a
// chronology row, ISO and short shapes, a second date for the same birth, family tables.
const DATES_OF_BIRTH: [string, string][] = [
  ["Baby Q was born at 29 weeks' gestation on 4 February 2019 at Harrowgate Royal Infirmary.", "Baby Q was born at 29 weeks' gestation on [date of birth] at Harrowgate Royal Infirmary."],
  ['He was born in Gdańsk, Poland, on 12.08.2008 and came to England with his mother in 2011.', 'He was born in Gdańsk, Poland, on [date of birth] and came to England with his mother in 2011.'],
  ['Child K was born at Selbrook General Hospital on 3 March 2013.', 'Child K was born at Selbrook General Hospital on [date of birth].'],
  ['Child K was born prematurely at 32 weeks on 3 March 2013.', 'Child K was born prematurely at 32 weeks on [date of birth].'],
  ['Child K (born 3.3.13) lived with the mother.', 'Child K (born [date of birth]) lived with the mother.'],
  ['03/03/2013 | Child T born at Thornbury General Hospital at 36 weeks.', '[date of birth] | Child T born at Thornbury General Hospital at 36 weeks.'],
  ['03.03.13 Child T was born.', '[date of birth] Child T was born.'],
  // Rows run together, as extraction joins a paragraph's lines.
  ['02/03/2013 | Booking visit missed. 03/03/2013 | Child T born at home.', '02/03/2013 | Booking visit missed. [date of birth] | Child T born at home.'],
  ['On 3 March 2013 Child K was born at home.', 'On [date of birth] Child K was born at home.'],
  ["Marek's date of birth is recorded by the police as 1985-06-30 and by the GP as 30/6/85.", "Marek's date of birth is recorded by the police as [date of birth] and by the GP as [date of birth]."],
  ['The date of birth of 3 March 2012 was wrong.', 'The date of birth of [date of birth] was wrong.'],
  // Family-composition tables, a row a line or run together.
  [
    "Child T          subject          03.03.2013\nKayleigh Dunmore mother           21.07.1994\nJaxon Threlfall  mother's partner 09.11.1990",
    "Child T          subject          [date of birth]\n[person 1] mother           [date of birth]\n[person 2]  mother's partner [date of birth]",
  ],
  [
    "The family members are: Child T subject 03.03.2013 Kayleigh Dunmore mother 21.07.1994 Jaxon Threlfall mother's partner 09.11.1990",
    "The family members are: Child T subject [date of birth] [person 1] mother [date of birth] [person 2] mother's partner [date of birth]",
  ],
  ['Mother: Jane Smith 21.07.1994', 'Mother: [person 1] [date of birth]'],
];

const DATES_KEPT: string[] = [
  'Child K was born at 36 weeks and was discharged home on 6 March 2013.',
  'The baby born to Ms K was seen on 3 March 2014.',
  'Child T, born at home, was taken to hospital on 3 March 2013.',
  'Ms K, who was born in Poland, arrived in the UK on 3 March 2005.',
  'Ms K was born in Poland in 1987; on 3 March 2005 she arrived.',
  'Ms K was born in Poland. On 3 March 2005 she arrived in the UK.',
  '14/04/2013 | HV new birth visit.',
  '03/03/2014 | Mother said the baby was born early.',
  'The date of birth was wrongly recorded in the referral of 3 March 2014.',
  'DOB was checked against the records on 3 March 2014.',
  'Independent Chair 21.07.2015',
  'Serious Case Review Child K Final Report 21.07.2015',
  '18/04/2019 Mother 19/04/2019 Strategy meeting.',
  'The review was published on 21.07.2015.',
  'The first-born child was seen on 3 March 2014.',
];

// 2. Given names in a list after a plural role: each a person, each with a label.
const LISTS: [string, string][] = [
  [
    "Child T lived with the mother and Child T's half-siblings, Ruby (aged 6) and Mason (aged 4). Mason was seen at school.",
    "Child T lived with the mother and Child T's half-siblings, [sibling 1] (aged 6) and [sibling 2] (aged 4). [sibling 2] was seen at school.",
  ],
  [
    "The maternal grandparents, Pauline and Clive Ashworth, looked after the children. Pauline told the health visitor. The Ashworths' home was warm.",
    "The maternal grandparents, [grandmother] and [grandfather], looked after the children. [grandmother] told the health visitor. The [name]' home was warm.",
  ],
  ['Her parents, Jane and John Smith, attended.', 'Her parents, [mother] and [father], attended.'],
  ['His brothers, Kai and Tyler, were seen.', 'His brothers, [sibling 1] and [sibling 2], were seen.'],
  ['The mother had two other children, Amber (6) and Leon (4).', 'The mother had two other children, [child 1] (6) and [child 2] (4).'],
  ['The grandparents, Perpetua and Orrin, visited.', 'The grandparents, [grandparent 1] and [grandparent 2], visited.'],
];

const LISTS_KEPT: string[] = [
  'The Department for Children, Schools and Families issued guidance.',
  'The parents, Mr and Mrs K, attended.',
  'The children, Child A and Child B, were seen.',
  'Parents, Carers and Professionals were consulted.',
  'Services for children, families and communities were cut.',
];

// 3. A given name that is an ordinary word, in apposition right after a role (closed by a
// comma or a bracket), also with the agency between role and name; new roles.
const APPOSITIONS: [string, string][] = [
  ['She told her youth worker, Dean, that she was scared. Dean recorded this.', 'She told her youth worker, [support worker], that she was scared. [support worker] recorded this.'],
  ['Her daughter, Summer (15), was seen. Summer was reported missing. The Summer term began in 2014.', 'Her daughter, [child] (15), was seen. [child] was reported missing. The Summer term began in 2014.'],
  ['The social worker, Will, visited. Will said no.', 'The social worker, [social worker], visited. [social worker] said no.'],
  ['The family support worker from Action for Children, Lorna, had seen it.', 'The family support worker from Action for Children, [support worker], had seen it.'],
  ["Summer's counsellor at Kooth, Rosa, noted self-harm.", "Summer's counsellor at Kooth, [mental health worker], noted self-harm."],
  ['Her mentor, Mason, met her weekly.', 'Her mentor, [support worker], met her weekly.'],
  ['The PCSO, Dean, called at the house.', 'The PCSO, [police officer], called at the house.'],
];

const APPOSITIONS_KEPT: string[] = [
  'The GP, Fernmoor, referred Child K to the paediatrician.',
  'The mother, Angry and upset, left the meeting.',
  'The grandmother, Nan, said no.',
  'The nurse at Harrowgate Royal Infirmary, Ward 5, said no.',
];

// 4. A person's name that is also a place or a month, where it is used as one; places taken
// for streets or people.
const PLACES_AND_MONTHS: [string, string][] = [
  ['The chair, Cllr Rosemary Kent, agreed. Kent Police and Kent County Council were told. Kent said yes.', 'The chair, [chair], agreed. Kent Police and Kent County Council were told. [chair] said yes.'],
  ['On 14 Jan 2014 the school nurse, Jan Whitlock, weighed him. Jan said she would tell the GP.', 'On 14 Jan 2014 the school nurse, [nurse], weighed him. [nurse] said she would tell the GP.'],
  ['A strategy discussion was held with DS Okafor, who had moved from Kirkby Lonsdale the year before.', 'A strategy discussion was held with [person 1], who had moved from Kirkby Lonsdale the year before.'],
  ['The grandparents lived at Rose Cottage, Long Lane, Ashby Parva, and looked after the children.', 'The grandparents lived at [address], Ashby Parva, and looked after the children.'],
];

const PLACES_KEPT: string[] = [
  'Child T was later transferred to Great Ormond Street.',
  'In October 2012 they moved to Golders Green for four months.',
  'The family moved from Muswell Hill to Notting Hill.',
  'While Baby Q was in the unit the parents stayed at Ronald McDonald House.',
];

// 5. Addresses, phone numbers and e-mail in the shapes the review found.
const SHAPES: [string, string, RedactionKind][] = [
  ['The family returned to Flat 6, Albion House, Canal Street.', 'The family returned to [address].', 'address'],
  ['The record read: address Flat 6 Albion House Canal St Selbrook.', 'The record read: address [address] Selbrook.', 'address'],
  ['They stayed with her sister in Tennyson Rd. Before that they were in a hostel.', 'They stayed with her sister in [address]. Before that they were in a hostel.', 'address'],
  ["The aunt's own flat was at flat 3, 9 Marlowe court.", "The aunt's own flat was at [address].", 'address'],
  ['The grandparents lived at Rose Cottage, Long Lane.', 'The grandparents lived at [address].', 'address'],
  ['The registrar recorded the address as "flat 6 albion house, canal street".', 'The registrar recorded the address as "flat 6 [address]".', 'address'],
  ['They were placed at 41-43 Station Approach; the Station Approach B&B was full.', 'They were placed at [address]; the [address] B&B was full.', 'address'],
  ['Her mobile was +48 601 234 567, a Polish number.', 'Her mobile was [phone], a Polish number.', 'phone'],
  ['The school also held 0 7700 900 441 for her.', 'The school also held [phone] for her.', 'phone'],
  ['Her mobile was (0)7700 900461.', 'Her mobile was [phone].', 'phone'],
  ['Ring 07 700 900 461 today.', 'Ring [phone] today.', 'phone'],
  ['She wrote from kayleigh.dunmore94 @hotmail.co.uk after the conference.', 'She wrote from [email] after the conference.', 'email'],
  ['e-mail: jo.bloggs @ nhs.net', 'e-mail: [email]', 'email'],
];

const SHAPES_KEPT: string[] = [
  'There were 4 Family court hearings.',
  'Case reference 012345678 was closed.',
  'The dose was 0.5 mg on 03.03.2012.',
  'Scores of 0 1 2 3 were recorded on the scale.',
  'She was seen @ home.Then she left.',
  'The 2 Local Authority areas met on 01.02.2013 0930.',
];

// 6. Nicknames, hyphenated given names, collar numbers, "al-" surnames.
const NICKNAMES: [string, string][] = [
  ['Her partner, Jaxon Threlfall (known to everyone as "Jax"), moved in. Jax left.', `Her partner, [mother's partner] (known to everyone as "[person 1]"), moved in. [person 1] left.`],
  ["A man known as 'Bigz' was identified.", "A man known as '[person 1]' was identified."],
  ['The boy (known at home as Miki) was five. Miki had fallen.', 'The boy (known at home as [person 1]) was five. [person 1] had fallen.'],
  ['Her family call her Summer. Summer was 15. In Summer 2014 she moved.', 'Her family call her [person 1]. [person 1] was 15. In Summer 2014 she moved.'],
  ["Two men were convicted. Mohammed 'Mo' Rashid ran a takeaway. Mo gave her vodka.", "Two men were convicted. [person 1] '[person 2]' [person 1] ran a takeaway. [person 2] gave her vodka."],
  ['She attended with a worker called Sasha.', 'She attended with a worker called [person 1].'],
  ['Her best friend was Amber-Rose Littlewood. Amber-Rose was 15.', 'Her best friend was [person 1]. [person 1] was 15.'],
  ['The referral was taken by PC 4471 Marsh. Marsh did not visit.', 'The referral was taken by PC 4471 [person 1]. [person 1] did not visit.'],
  ['A lodger, Mr Faisal al-Rashid, rented the box room. Mr al-Rashid was not known.', 'A lodger, [family friend], rented the box room. [family friend] was not known.'],
];

const NICKNAMES_KEPT: string[] = [
  'She played a game called Fortnite and used an app called Kik.',
  "She called Childline and then called Barnardo's.",
  'The scheme known as Operation Encompass was used.',
  'The child known as Child K was seen.',
];

const TABLES: [string, [string, string][]][] = [
  ['dates of birth', DATES_OF_BIRTH],
  ['given names in a list after a plural role', LISTS],
  ['an ordinary word as a given name in apposition', APPOSITIONS],
  ['places and months beside names', PLACES_AND_MONTHS],
  ['nicknames and name shapes', NICKNAMES],
];

for (const [what, rows] of TABLES) {
  describe(`redaction leaks (third review): ${what}`, () => {
    it.each(rows)('redacts %j', (input, expected) => {
      expect(redactText(input).text).toBe(expected);
    });
  });
}

describe('redaction leaks (third review): addresses, phones, e-mail', () => {
  it.each(SHAPES)('redacts %j', (input, expected, kind) => {
    const r = redactText(input);
    expect(r.text).toBe(expected);
    expect([...new Set(r.replacements.map((x) => x.kind))]).toEqual([kind]);
  });
});

describe('redaction leaks (third review): look-alikes are kept', () => {
  it.each([...DATES_KEPT, ...LISTS_KEPT, ...APPOSITIONS_KEPT, ...PLACES_KEPT, ...SHAPES_KEPT, ...NICKNAMES_KEPT].map((s) => [s]))('keeps %j', (input) => {
    const r = redactText(input);
    expect(r.replacements.map((x) => input.slice(x.start, x.end))).toEqual([]);
  });
});

describe('a report that names a person after a place and a month', () => {
  it('keeps the place and the month wherever they are used as such, in every slice', () => {
    const text = [
      '1.3 The review was chaired by the LSCB chair, Cllr Rosemary Kent. Kent Police contributed.',
      '3.1 The school nurse, Jan Whitlock, weighed him.',
      '3.2 On 14 Jan 2014 Jan saw bruising. Kent Police were told.',
    ].join('\n\n');
    const doc = redactDocument({ text });
    expect(doc.text).toBe(
      [
        '1.3 The review was chaired by the LSCB chair, [chair]. Kent Police contributed.',
        '3.1 The school nurse, [nurse], weighed him.',
        '3.2 On 14 Jan 2014 [nurse] saw bruising. Kent Police were told.',
      ].join('\n\n'),
    );
    const start = text.indexOf('3.2');
    expect(doc.redactSlice(start, text.length).text).toBe('3.2 On 14 Jan 2014 [nurse] saw bruising. Kent Police were told.');
  });
});

// The new wording is data: taking an entry out of the lexicon undoes its rule.

describe('the lexicon drives the third review\'s rules', () => {
  it.each<[string, string, string, (d: any) => void]>([
    [
      'a plural role taken out',
      'The maternal grandparents, Pauline and Clive Ashworth, visited.',
      'The maternal grandparents, Pauline and [person 1], visited.',
      (d) => (d.plural_roles.roles = d.plural_roles.roles.filter((r: any) => r.label !== 'grandparent')),
    ],
    [
      'a role taken out of lone_name_roles',
      'She told her youth worker, Dean, that she was scared.',
      'She told her youth worker, Dean, that she was scared.',
      (d) => (d.lone_name_roles = d.lone_name_roles.filter((r: string) => r !== 'support worker')),
    ],
    [
      'the agency template taken out',
      'The family support worker from Action for Children, Lorna, had seen it.',
      'The family support worker from Action for Children, Lorna, had seen it.',
      (d) => (d.introductions = d.introductions.filter((t: string) => !t.includes('{where}'))),
    ],
    [
      'a district word taken out',
      'In October 2012 they moved to Golders Green for four months.',
      'In October 2012 they moved to [address] for four months.',
      (d) => (d.address.district_words = d.address.district_words.filter((w: string) => w !== 'Green')),
    ],
    [
      'an institution verb taken out',
      'Child T was later transferred to Great Ormond Street.',
      'Child T was later transferred to Great Ormond Street.',
      (d) => (d.address.institution_verbs = d.address.institution_verbs.filter((w: string) => w !== 'transferred to')),
    ],
    [
      'an institution taken out of not_addresses',
      'While Baby Q was in the unit the parents stayed at Ronald McDonald House.',
      'While Baby Q was in the unit the parents stayed at [address].',
      (d) => (d.address.not_addresses = d.address.not_addresses.filter((w: string) => w !== 'Ronald McDonald House')),
    ],
    [
      'a chronology trigger taken out',
      '03/03/2013 | Child T born at home.',
      '03/03/2013 | Child T born at home.',
      (d) => (d.date_of_birth.date_first.triggers = d.date_of_birth.date_first.triggers.filter((w: string) => w !== 'born')),
    ],
    [
      'a family role taken out of table rows',
      'Kayleigh Dunmore mother 21.07.1994',
      '[person 1] mother 21.07.1994',
      (d) => (d.date_of_birth.table_row.roles = d.date_of_birth.table_row.roles.filter((w: string) => w !== 'mother')),
    ],
    [
      'an alias opener taken out',
      'The boy (known at home as Miki) was five.',
      'The boy (known at home as Miki) was five.',
      (d) => (d.aliases.openers = d.aliases.openers.filter((w: string) => w !== 'known … as')),
    ],
  ])('%s', (_what, text, expected, edit) => {
    expect(redactText(text, { lexicon: editedLexicon(edit) }).text).toBe(expected);
  });

  it('the institution verb is why Great Ormond Street stays, and the list would take it', () => {
    const text = 'Child T was later transferred to Great Ormond Street.';
    const lexicon = editedLexicon((d) => {
      d.address.institution_verbs = d.address.institution_verbs.filter((w: string) => w !== 'transferred to');
      d.address.not_addresses = d.address.not_addresses.filter((w: string) => w !== 'Great Ormond Street');
    });
    expect(redactText(text, { lexicon }).text).toBe('Child T was later transferred to [address].');
  });

  it.each<[string, (d: any) => void, RegExp]>([
    ['a plural role whose label is no role', (d) => d.plural_roles.roles.push({ phrases: ['godparents'], label: 'godparent' }), /plural_roles\.roles\[\d+\]\.label: "godparent" is not a role label/],
    ['a district word that is no street word', (d) => d.address.district_words.push('Marsh'), /district_words: "Marsh" is not in street_words/],
    ['a participle that is no trigger', (d) => d.date_of_birth.participles.push('delivered'), /participles: "delivered" is not in triggers/],
    ['a table-row role that is no role', (d) => d.date_of_birth.table_row.roles.push('lodger'), /table_row\.roles: "lodger" is not a role label/],
    ['an alias opener in capitals', (d) => d.aliases.openers.push('Known as'), /aliases\.openers\[\d+\]: "Known as" does not match/],
    ['a missing agency phrase', (d) => delete d.agency_phrase, /missing required key "agency_phrase"/],
  ])('refuses %s, naming the file', (_what, edit, message) => {
    const dir = editedLexiconDir(edit);
    expect(() => loadRedactionLexicon(dir)).toThrow(message);
    expect(() => loadRedactionLexicon(dir)).toThrow(join(dir, 'redaction.json'));
  });
});
