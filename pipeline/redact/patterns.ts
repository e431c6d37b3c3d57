// Identifiers that have a shape: dates of birth, UK addresses and postcodes, phone numbers,
// e-mail addresses. Each finder returns candidate replacements in the text's own offsets.
// Other dates are never touched: the chronology needs them.
import type { RedactionLexicon } from './lexicon.js';
import type { Replacement } from './offsets.js';
import { isOrdinaryWord } from './ordinary.js';
import { LINE_SP, NAME_WORD, SP, alternation, anyCase, eitherCaseFirst } from './regex.js';

export const LABELS = {
  date_of_birth: '[date of birth]',
  address: '[address]',
  phone: '[phone]',
  email: '[email]',
} as const;

interface Patterns {
  dateOfBirth: RegExp;
  /** Sticky: a second date of birth right after one ("… and by the GP as 30/6/85"). */
  secondDate: RegExp;
  dateFirst: RegExp;
  /** The triggers of dateFirst alone: they are rare, so they are found first and the date looked for before them. */
  dateFirstTrigger: RegExp;
  /** What may stand before a date that opens a row: the start of a line, a full stop, "|", an opener. */
  rowOpening: RegExp;
  /** A full date (day, month, year), for table rows. */
  fullDate: RegExp;
  /** A family role or table word in a table row ("mother's partner", "subject"). */
  tableRowMarker: RegExp;
  address: RegExp;
  lowercaseAddress: RegExp;
  lowercaseBuilding: RegExp;
  streetAfterIntroducer: RegExp;
  streetAfterPreposition: RegExp;
  /** An institution verb ending where a street starts: "transferred to |Great Ormond Street". */
  institutionBefore: RegExp;
  notAddresses: Set<string>;
  notNames: Set<string>;
  obfuscatedEmail: RegExp;
}

const compiled = new WeakMap<RedactionLexicon, Patterns>();

function patternsFor(lex: RedactionLexicon): Patterns {
  let p = compiled.get(lex);
  if (!p) {
    const row = lex.date_of_birth.table_row;
    const rolePhrases = lex.roles.filter((r) => row.roles.includes(r.label)).flatMap((r) => r.phrases);
    p = {
      dateOfBirth: dateOfBirthPattern(lex),
      secondDate: secondDatePattern(lex),
      dateFirst: dateFirstPattern(lex),
      dateFirstTrigger: new RegExp(`(?<![\\p{L}])${alternation(lex.date_of_birth.date_first.triggers, anyCase)}(?![\\p{L}])`, 'gu'),
      rowOpening: new RegExp(`(?:^|[.!?|])[^\\S\\n]*(?:[|*•–-][^\\S\\n]*)?$|(?<![\\p{L}])${alternation(lex.date_of_birth.date_first.openers)}${LINE_SP}$`, 'u'),
      fullDate: new RegExp(dayDatePattern(lex), 'gu'),
      tableRowMarker: new RegExp(`(?<![\\p{L}])${alternation([...rolePhrases, ...row.words], anyCase)}(?![\\p{L}])`, 'gu'),
      address: addressPattern(lex),
      lowercaseAddress: lowercaseAddressPattern(lex),
      lowercaseBuilding: lowercaseBuildingPattern(lex),
      streetAfterIntroducer: streetAfterIntroducerPattern(lex),
      streetAfterPreposition: streetAfterPrepositionPattern(lex),
      institutionBefore: new RegExp(`(?<![\\p{L}])${alternation(lex.address.institution_verbs, eitherCaseFirst)}${SP}(?:the${SP})?$`, 'u'),
      notAddresses: new Set(lex.address.not_addresses),
      notNames: new Set(lex.not_names),
      obfuscatedEmail: obfuscatedEmailPattern(lex),
    };
    compiled.set(lex, p);
  }
  return p;
}

export function findShapedIdentifiers(text: string, lex: RedactionLexicon): Replacement[] {
  return [...findEmails(text, lex), ...findPhones(text), ...findDatesOfBirth(text, lex), ...findAddresses(text, lex), ...findPostcodes(text)];
}

// A space may stand on either side of the "@" ("kayleigh.dunmore94 @hotmail.co.uk"); then the
// domain must end in a lower-case top-level domain, so "seen @ home.Then" is no address. The
// address starts where a run of its characters starts (matching from inside a word is slow).
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+(?:@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+|(?:[^\S\n]{1,2}@[^\S\n]{0,2}|@[^\S\n]{1,2})[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{Ll}{2,24}(?![\p{L}\p{N}]))/gu;

/** "x@example.com", "x @example.com", and without the lexicon's obfuscations also "x [at] example.com", "x at example dot com". */
export function findEmails(text: string, lex?: RedactionLexicon): Replacement[] {
  const found = [...text.matchAll(EMAIL)];
  if (lex) found.push(...text.matchAll(patternsFor(lex).obfuscatedEmail));
  return found.map((m) => span(m.index!, m[0].length, LABELS.email, 'email'));
}

/**
 * An e-mail address written so that machines miss it: "@" as "[at]", "(at)" or " at ", "." as
 * "[dot]" or " dot ". A bracketed "at" is enough ("x [at] example.com"); a bare " at " is an
 * ordinary word ("seen at home.Then"), so it counts only when a dot is spelled out too, and the
 * last one is ("x at example dot com").
 */
function obfuscatedEmailPattern(lex: RedactionLexicon): RegExp {
  const gap = '[^\\S\\n]*';
  const open = '[\\[({<]';
  const close = '[\\])}>]';
  const at = alternation(lex.email.at_words);
  const dot = alternation(lex.email.dot_words);
  const label = '[\\p{L}\\p{N}_%+-]+';
  const spelledDot = `(?:${gap}${open}${gap}${dot}${gap}${close}${gap}|[^\\S\\n]+${dot}[^\\S\\n]+)`;
  const anyDot = `(?:\\.|${spelledDot})`;
  const local = `(?<![\\p{L}\\p{N}._%+-])${label}(?:${anyDot}${label})*`;
  const tld = '\\p{L}{2,24}(?![\\p{L}\\p{N}])';
  const bracketed = `${local}${gap}${open}${gap}${at}${gap}${close}${gap}${label}(?:${anyDot}${label})*${anyDot}${tld}`;
  const bare = `${local}[^\\S\\n]+${at}[^\\S\\n]+${label}(?:${anyDot}${label})*${spelledDot}${tld}`;
  return new RegExp(`${bracketed}|${bare}`, 'giu');
}

// Digits in groups on one line, as phone numbers are written: +44 20 7946 0000, +44 (0)20 7946
// 0000, (0)7700 900461, 020 7946 0000, (020) 7946 0000, 07700 900123, 07 700 900 461, 0 7700
// 900 441, 07700.900.461, +48 601 234 567. The longest run of whole groups that is a number is
// taken (see phoneDigitsFit), which leaves dates, years, doses and case numbers alone.
const PHONE = /(?<![\p{L}\p{N}+])(?:\+\d{1,3}|00\d{1,3}|\(0\d{0,4}\)|0\d{0,5})(?:(?:[ .-]?\(0\))?[ .-]?\d{1,5}){0,6}(?![\p{N}])/gu;
const PHONE_GROUP_END = /\d(?!\d)/g;

export function findPhones(text: string): Replacement[] {
  const found: Replacement[] = [];
  for (const m of text.matchAll(PHONE)) {
    const ends = [...m[0].matchAll(PHONE_GROUP_END)].map((g) => g.index! + 1).reverse();
    const end = ends.find((e) => phoneDigitsFit(m[0].slice(0, e)));
    if (end !== undefined) found.push(span(m.index!, end, LABELS.phone, 'phone'));
  }
  return found;
}

/**
 * A UK number (0…, (0)…, +44 or 0044) has 9 or 10 digits after the 0 or 44, starting 1, 2, 3,
 * 5, 7, 8 or 9; another country's (+48, 0048) 9 to 15 digits with its code, in two groups or more.
 */
function phoneDigitsFit(written: string): boolean {
  const international = /^(?:\+|00)(?!44)/.test(written);
  if (international) {
    const digits = written.replace(/^00/, '').replace(/\D/g, '');
    return digits.length >= 9 && digits.length <= 15 && /\d[ .-]\d/.test(written);
  }
  const national = written.replace(/^(?:\+|00)44/, '').replace(/\(0\)/, '').replace(/\D/g, '').replace(/^0/, '');
  return (national.length === 9 || national.length === 10) && /^[1235789]/.test(national);
}

// Postcodes: outward code (SW1A, M1, B33) and inward code (1AA), capitals as written.
// "SW3" alone (how some reports name a social worker) has no inward code and is not one.
const POSTCODE = /(?<![\p{L}\p{N}])(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[A-Z]{2}(?![\p{L}\p{N}])/gu;
// Written in lower case ("bk4 2xy"), with the inward code's letters that postcodes use (no c, i,
// k, m, o, v), and never an ordinal: "hv2 1st visit" is a health visitor's first visit.
const LOWERCASE_POSTCODE = /(?<![\p{L}\p{N}])[a-z]{1,2}\d[a-z\d]? ?(?!\d(?:st|nd|rd|th)(?![\p{L}\p{N}]))\d[abd-hjlnp-uw-z]{2}(?![\p{L}\p{N}])/gu;

export function findPostcodes(text: string): Replacement[] {
  return [...text.matchAll(POSTCODE), ...text.matchAll(LOWERCASE_POSTCODE)].map((m) => span(m.index!, m[0].length, LABELS.address, 'postcode'));
}

/**
 * Dates of birth, four ways: after a trigger ("born at 29 weeks' gestation on 4 February 2019",
 * "date of birth is recorded by the police as 1985-06-30"), then a second date the sentence
 * gives for the same birth ("and by the GP as 30/6/85"); before a trigger at the start of a
 * chronology row ("03/03/2013 | Child T born"); and at the end of a family-composition row
 * ("Kayleigh Dunmore  mother  21.07.1994").
 */
export function findDatesOfBirth(text: string, lex: RedactionLexicon): Replacement[] {
  const p = patternsFor(lex);
  const found: Replacement[] = [];
  const add = ([start, end]: [number, number]) => found.push({ start, end, label: LABELS.date_of_birth, kind: 'date_of_birth' });
  for (const m of text.matchAll(p.dateOfBirth)) {
    let date = m.indices!.groups!.date!;
    add(date);
    for (let again = true; again; ) {
      p.secondDate.lastIndex = date[1];
      const next = p.secondDate.exec(text);
      again = next !== null;
      if (next) add((date = next.indices!.groups!.date!));
    }
  }
  for (const t of text.matchAll(p.dateFirstTrigger)) {
    // The date, the words and the trigger fit in the line before the trigger's end.
    const end = t.index! + t[0].length;
    const from = Math.max(0, end - DATE_FIRST_WINDOW);
    for (const m of text.slice(from, end).matchAll(p.dateFirst)) {
      if (from + m.index! + m[0].length === end && opensRow(text, from + m.index!, p)) add(m.indices!.groups!.date!.map((o) => from + o) as [number, number]);
    }
  }
  found.push(...familyRowDates(text, lex, p));
  return found;
}

/** How far before a trigger a date that opens its row is looked for: a date, a separator and gap_words words. */
const DATE_FIRST_WINDOW = 160;

/** The date at `start` opens a row: it starts its line, follows the previous row's full stop or a "|", or an opener ("On"). */
function opensRow(text: string, start: number, p: Patterns): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  // "^" in rowOpening is the start of the line only when the slice starts there.
  const before = text.slice(Math.max(lineStart, start - 40), start);
  return p.rowOpening.test(start - 40 > lineStart ? `x${before}` : before);
}

/**
 * The date that ends a family-composition row: "Kayleigh Dunmore  mother  21.07.1994" on its
 * own line, or the rows of a table run together into one ("Child T subject 03.03.2013 Kayleigh
 * Dunmore mother 21.07.1994 Jaxon …", as extraction joins a paragraph's lines). The row is what
 * stands between the start of the line, a colon or the previous date and this date; after the
 * date comes the end of the line, a separator or the next row's capitalised name.
 */
function familyRowDates(text: string, lex: RedactionLexicon, p: Patterns): Replacement[] {
  const out: Replacement[] = [];
  let previousEnd = 0;
  for (const m of text.matchAll(p.fullDate)) {
    const start = m.index!;
    const end = start + m[0].length;
    // A row is short (max_words words): look back a little, not over the whole paragraph. The
    // row is whole when the window reaches the start of its line, the previous date or the text's start.
    const from = Math.max(previousEnd, start - ROW_WINDOW);
    const window = text.slice(from, start);
    const lineBreak = window.lastIndexOf('\n');
    const whole = lineBreak >= 0 || from === previousEnd;
    previousEnd = end;
    if (!/^(?:[^\S\n]*(?:\n|$)|[^\S\n]*[|,;]|[^\S\n]+\p{Lu})/u.test(text.slice(end, end + 4))) continue;
    const row = window.slice(lineBreak + 1);
    // "Mother: Jane Smith 21.07.1994" is a row; so is what follows "… in this report are: ".
    const afterColon = /[:;][^\S\n]/u.test(row) ? row.replace(/^[^]*[:;][^\S\n]+/u, '') : null;
    if ((whole && isFamilyRow(row, lex, p)) || (afterColon !== null && isFamilyRow(afterColon, lex, p))) {
      out.push({ start, end, label: LABELS.date_of_birth, kind: 'date_of_birth' });
    }
  }
  return out;
}

/** How far back a family row's start is looked for: more than max_words words of names. */
const ROW_WINDOW = 200;

/**
 * The words before a date at the end of a line are a family member: a family role or a table
 * word ("subject"), capitalised words (a name, a title, "Child T"), nothing else: no digits
 * (a chronology row starts with a date), no lower-case word that is not part of the role, no
 * word that is never a name ("Overview Report 21.07.2015").
 */
function isFamilyRow(row: string, lex: RedactionLexicon, p: Patterns): boolean {
  row = row.replace(/^[\s|,:–-]+|[\s|,:–-]+$/gu, '');
  if (!row || /\p{N}/u.test(row) || row.split(/\s+/).length > lex.date_of_birth.table_row.max_words) return false;
  let marked = false;
  const rest = row.replace(p.tableRowMarker, () => {
    marked = true;
    return ' ';
  });
  const words = rest.split(/[\s|,;:()–-]+/u).filter(Boolean);
  // A name besides the role: "Mother 19/04/2019" alone is a chronology entry.
  return marked && words.length > 0 && words.every((w) => /^\p{Lu}[\p{L}'’.-]*$/u.test(w) && !p.notNames.has(w));
}

/**
 * Numbered addresses, flats, streets where someone lived; and then every other mention of a
 * street found so (capitalised, two words or more): "a B&B at 41-43 Station Approach" makes
 * "the Station Approach B&B" an address too.
 */
export function findAddresses(text: string, lex: RedactionLexicon): Replacement[] {
  const p = patternsFor(lex);
  const found: Replacement[] = [];
  const streets = new Set<string>();
  const add = (start: number, end: number, street?: string) => {
    if ([...p.notAddresses].some((name) => text.slice(start, end).replace(/\s+/g, ' ').includes(name))) return;
    found.push({ start, end, label: LABELS.address, kind: 'address' });
    if (street && /^\p{Lu}\S*(?:\s+\p{Lu}\S*)+$/u.test(street)) streets.add(street.replace(/\s+/g, ' '));
  };
  for (const m of text.matchAll(p.address)) {
    // "9 Marlowe court": a street word in lower case only after names that are no ordinary words ("4 Family court hearings").
    const lower = m.groups!.lower;
    if (lower && !m.groups!.named!.trim().split(/\s+/).every((w) => !p.notNames.has(w) && !isOrdinaryWord(w.replace(/['’]s$/u, '')))) continue;
    add(m.index!, m.index! + m[0].length, m.groups!.street);
  }
  for (const m of [...text.matchAll(p.lowercaseAddress), ...text.matchAll(p.lowercaseBuilding)]) {
    const [start, end] = m.indices!.groups!.street!;
    add(start, end);
  }
  // A street without a number after an institution verb is the institution: "transferred to Great Ormond Street".
  for (const m of [...text.matchAll(p.streetAfterIntroducer), ...text.matchAll(p.streetAfterPreposition)]) {
    const [start, end] = m.indices!.groups!.street!;
    if (!p.institutionBefore.test(text.slice(Math.max(0, start - 40), start))) add(start, end, text.slice(start, end).split(/,/)[0]);
  }
  if (streets.size) {
    const known = new RegExp(`(?<![\\p{L}\\p{N}])${alternation([...streets])}(?![\\p{L}\\p{N}])`, 'gu');
    for (const m of text.matchAll(known)) found.push(span(m.index!, m[0].length, LABELS.address, 'address'));
  }
  return found;
}

function span(start: number, length: number, label: string, kind: Replacement['kind']): Replacement {
  return { start, end: start + length, label, kind };
}

/** Parts of a date: "3", "3rd"; "March", "Mar."; a four-digit year; "03/03/2012", "3.3.12", "2012-03-03". */
function dateParts(lex: RedactionLexicon) {
  return {
    month: `${alternation(lex.date_of_birth.month_names, anyCase)}\\.?(?![\\p{L}])`,
    day: `\\d{1,2}(?:${anyCase('st')}|${anyCase('nd')}|${anyCase('rd')}|${anyCase('th')})?`,
    year: '\\d{4}(?![\\p{N}])',
    numeric: '(?:\\d{1,2}[./-]\\d{1,2}[./-](?:\\d{4}|\\d{2})|\\d{4}[./-]\\d{1,2}[./-]\\d{1,2})(?![\\p{N}])',
  };
}

/** "3 March 2012", "3rd of March 2012", "March 3, 2012", "March 2012", "03/03/2012", "3.3.12", "2012-03-03", "3-Mar-2012". */
function datePattern(lex: RedactionLexicon): string {
  const { month, day, year, numeric } = dateParts(lex);
  const textual = [
    `(?:${anyCase('the')}${SP})?${day}${SP}(?:${anyCase('of')}${SP})?${month}(?:,?${SP}${year})?`,
    `${month}${SP}${day}(?![\\p{N}])(?:,?${SP}${year})?`,
    `${month}${SP}${year}`,
    `\\d{1,2}-${month}-\\d{4}(?![\\p{N}])`,
  ].join('|');
  // Never from inside a word or a number. (A lookahead for the first character, "(?=\\p{N})",
  // would make V8 test every position of a report: ten times slower.)
  return `(?<![\\p{L}\\p{N}])(?:${numeric}|${textual})`;
}

/** A full date, with a day and a year: "21.07.1994", "21/7/94", "21 July 1994", "21st July 1994". */
function dayDatePattern(lex: RedactionLexicon): string {
  const { month, day, year, numeric } = dateParts(lex);
  return `(?<![\\p{L}\\p{N}])(?:${numeric}|${day}[^\\S\\n]+${month}[^\\S\\n]+${year})`;
}

/**
 * A trigger ("born", "DOB") and connectors ("on", ":") right before a date; or a trigger,
 * perhaps a connector ("date of birth is"), up to gap_words words that are not gap breakers
 * ("recorded by the police", "at 29 weeks' gestation", "in Gdańsk, Poland,": a comma only
 * before a capitalised word, so "born at home, was taken" stops) and a gap connector: any place
 * or time after "born" ("… on"), only "as" or ":" after a noun ("date of birth … as"; not "the
 * date of birth was recorded in the referral of 3 March 2014"). Never across a sentence, a
 * semicolon, "and" or a verb that starts a clause ("born in 2012 and on 14/02/13 moved", "born
 * to Ms K was seen on").
 */
/** A word that ends the gap between a trigger and its date ("and", a verb that starts a clause). */
function gapBreaker(words: string[]): string {
  return `${alternation(words, anyCase)}(?![\\p{L}])`;
}

function dateOfBirthPattern(lex: RedactionLexicon): RegExp {
  const d = lex.date_of_birth;
  const triggerOf = (words: string[]) => `(?<![\\p{L}-])${alternation(words, anyCase)}(?![\\p{L}])`;
  const nouns = d.triggers.filter((t) => !d.participles.includes(t));
  const breaker = gapBreaker(d.gap_breakers);
  const word = `(?:\\p{Ll}+|\\p{Lu}[\\p{L}'’-]*|\\d{1,2})['’]?(?![\\p{L}\\p{N}])`;
  const gap = `(?:(?:${SP}|,${SP}(?=\\p{Lu}))(?!${breaker})${word}){1,${d.gap_words}}?`;
  const connectorOf = (words: string[]) => `(?:${SP}?${alternation(words, anyCase)}(?![\\p{L}]))`;
  const connector = connectorOf(d.connectors);
  const direct = `${triggerOf(d.triggers)}${connector}{0,2}`;
  const afterParticiple = `${triggerOf(d.participles)}${connector}?${gap}${connectorOf(d.gap_connectors.participle)}{1,2}`;
  const afterNoun = nouns.length ? `|${triggerOf(nouns)}${connector}?${gap}${connectorOf(d.gap_connectors.noun)}{1,2}` : '';
  return new RegExp(`(?:${direct}|${afterParticiple}${afterNoun})${SP}?(?<date>${datePattern(lex)})`, 'gud');
}

/** After a date of birth: "and by the GP as 30/6/85", "or as 3.3.12". */
function secondDatePattern(lex: RedactionLexicon): RegExp {
  const d = lex.date_of_birth;
  const s = d.second_date;
  const breaker = gapBreaker(d.gap_breakers);
  const word = `${SP}(?!${breaker})(?:\\p{Ll}+|\\p{Lu}[\\p{L}'’-]*)(?![\\p{L}\\p{N}])`;
  const opener = `${alternation(s.openers, anyCase)}(?![\\p{L}])`;
  return new RegExp(`,?${SP}${opener}(?:${word}){0,${s.gap_words}}?${SP}${alternation(s.connectors, anyCase)}${SP}?(?<date>${datePattern(lex)})`, 'yud');
}

/**
 * A date before its trigger on one line, at the start of the line or after the previous row's
 * full stop (a chronology row: "03/03/2013 | Child T born", "… day 3. 03.03.13 Child T was
 * born") or after an opener ("On 3 March 2013 Child K was born"), with up to gap_words words
 * between that are not gap breakers.
 */
function dateFirstPattern(lex: RedactionLexicon): RegExp {
  const d = lex.date_of_birth;
  const f = d.date_first;
  // "03/03/2014 Mother said baby born early" is what someone said that day, not the birth.
  const breaker = gapBreaker([...d.gap_breakers, ...f.breakers]);
  // Where the date stands (the start of a line, after the previous row's full stop when
  // extraction ran rows together, after an opener) is checked by opensRow: a lookbehind tried
  // at every position of a report is slow.
  const separator = '(?:[^\\S\\n]*[|:,–-])?';
  const word = `${LINE_SP}(?!${breaker})\\p{L}[\\p{L}'’-]*`;
  const trigger = `${LINE_SP}${alternation(f.triggers, anyCase)}(?![\\p{L}])`;
  return new RegExp(`(?<date>${datePattern(lex)})${separator}(?:${word}){0,${f.gap_words}}?${trigger}`, 'gud');
}

/** A house number: "14", "17a", "3-5"; not a year ("2014 Working Together") nor the end of a paragraph number ("4.12"). */
const HOUSE_NUMBER = '(?<!\\d[.,])(?!(?:19|20)\\d\\d(?![\\p{N}]))\\d{1,4}[A-Za-z]?(?:-\\d{1,4}[A-Za-z]?)?(?![\\p{L}\\p{N}])';

/** Capitalised words before a street word: "Elm ", "St Mary's ". */
const STREET_NAME = `(?:${NAME_WORD}(?:['’]s)?${SP}){1,3}?`;

/** A second street or building after the first: "Flat 6, Albion House, Canal Street", "Rose Cottage, Long Lane". */
function nextStreet(lex: RedactionLexicon): string {
  return `(?:,?${SP}${STREET_NAME}${alternation(lex.address.street_words)}(?![\\p{L}]))?`;
}

/**
 * "14 Elm Road", "Flat 2, 14 Elm Road", "Flat 3, Elm Court", "17a St Mary's Road", "31 Saint
 * Aldates", "Flat 6, Albion House, Canal Street", "flat 3, 9 Marlowe court" (a street word in
 * lower case: `lower`, checked against `named`); not a year ("2014 Working Together").
 */
function addressPattern(lex: RedactionLexicon): RegExp {
  const a = lex.address;
  const number = HOUSE_NUMBER;
  // "31 Saint Aldates", not "2 St Anselm's Infant School".
  const saint = `${alternation(a.street_prefixes)}\\.?${SP}${NAME_WORD}(?:['’]s)?(?!${SP}\\p{Lu})`;
  const lower = alternation([...a.lowercase_street_words, ...a.lowercase_building_words]);
  const street = `(?<street>(?<named>${STREET_NAME})(?:${alternation(a.street_words)}|(?<lower>${lower}))(?![\\p{L}])|${saint})`;
  const unit = unitNumber(lex);
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${unit}(?:${number},?${SP})?|${number},?${SP})${street}${nextStreet(lex)}`, 'gu');
}

/** "flat 2, ", "Apartment 14B ": a unit word and its number, before a house number or a building. */
function unitNumber(lex: RedactionLexicon): string {
  return `${alternation(lex.address.unit_words, eitherCaseFirst)}\\.?${SP}\\d{1,4}[A-Za-z]?,?${SP}`;
}

/** ", canal street": perhaps a lower-case street after a lower-case address or building. */
function lowercaseStreetAfter(lex: RedactionLexicon, word: string): string {
  return `(?:,?${SP}(?:${word}${SP}){1,2}?${alternation(lex.address.lowercase_street_words)}(?![\\p{L}]))?`;
}

/** A lower-case word that is not a function word: part of a street name written in lower case. */
function lowercaseWord(lex: RedactionLexicon): string {
  const functionWords = [...lex.not_names, ...lex.determiners].map((w) => w.toLowerCase());
  return `(?!${alternation(functionWords)}(?![\\p{L}]))\\p{Ll}{2,}(?:-\\p{Ll}+)?`;
}

/**
 * "lived at 14 elm road": a numbered address in lower case, after a preposition, an
 * introducer or a flat number, with a street word that is rarely anything else after a number and one or two
 * words that are not function words ("took 3 different road routes", "5 minutes down the road"
 * are not addresses).
 */
function lowercaseAddressPattern(lex: RedactionLexicon): RegExp {
  const a = lex.address;
  const unit = unitNumber(lex);
  // "moved to flat 2, 17 beech avenue": the flat number says the next words are an address too.
  const before = `(?<![\\p{L}])(?:${alternation([...a.street_prepositions, ...a.introducers], eitherCaseFirst)}:?${SP}|${unit})`;
  const word = lowercaseWord(lex);
  const street = alternation(a.lowercase_street_words);
  const next = lowercaseStreetAfter(lex, word);
  return new RegExp(`${before}(?<street>${HOUSE_NUMBER},?${SP}(?:${word}${SP}){1,2}?${street}(?![\\p{L}])${next})`, 'gud');
}

/** "flat 6 albion house, canal street": a building after a flat number, in lower case, and perhaps its street. */
function lowercaseBuildingPattern(lex: RedactionLexicon): RegExp {
  const a = lex.address;
  const unit = `(?<![\\p{L}])${unitNumber(lex)}`;
  const word = lowercaseWord(lex);
  const building = `(?:${word}${SP}){1,2}?${alternation(a.lowercase_building_words)}(?![\\p{L}])`;
  const next = lowercaseStreetAfter(lex, word);
  return new RegExp(`${unit}(?<street>${building}${next})`, 'gud');
}

/**
 * A street without a number after a preposition: "lived in Ashcombe Road", "the flat on Nettlebed
 * Lane", "in Tennyson Rd". Only street words that are rarely anything else ("Road", not "Court"
 * or "House"), and not when a capitalised word follows: "Ashcombe Road Surgery" is a GP
 * practice, not an address.
 */
function streetAfterPrepositionPattern(lex: RedactionLexicon): RegExp {
  const a = lex.address;
  const preposition = `(?<![\\p{L}])${alternation(a.street_prepositions, eitherCaseFirst)}`;
  const street = `${STREET_NAME}${alternation(a.unnumbered_street_words)}(?![\\p{L}])`;
  return new RegExp(`${preposition}${SP}(?<street>${street})(?!${SP}\\p{Lu})`, 'gud');
}

/**
 * A street or building without a number where the report says someone lived: "moved to Hollins
 * Road", "lived at Rose Cottage, Long Lane"; not a district ("moved to Golders Green").
 */
function streetAfterIntroducerPattern(lex: RedactionLexicon): RegExp {
  const a = lex.address;
  const introducer = `(?<![\\p{L}])${alternation(a.introducers, eitherCaseFirst)}`;
  const streetWords = a.street_words.filter((w) => !a.district_words.includes(w));
  const street = `${STREET_NAME}${alternation(streetWords)}(?![\\p{L}])`;
  return new RegExp(`${introducer}:?${SP}(?:the${SP})?(?<street>${street}${nextStreet(lex)})`, 'gud');
}
