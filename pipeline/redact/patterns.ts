// Identifiers that have a shape: dates of birth, UK addresses and postcodes, UK phone numbers,
// e-mail addresses. Each finder returns candidate replacements in the text's own offsets.
// Other dates are never touched: the chronology needs them.
import type { RedactionLexicon } from './lexicon.js';
import type { Replacement } from './offsets.js';
import { NAME_WORD, SP, alternation, eitherCaseFirst } from './regex.js';

export const LABELS = {
  date_of_birth: '[date of birth]',
  address: '[address]',
  phone: '[phone]',
  email: '[email]',
} as const;

interface Patterns {
  dateOfBirth: RegExp;
  address: RegExp;
  streetAfterIntroducer: RegExp;
}

const compiled = new WeakMap<RedactionLexicon, Patterns>();

function patternsFor(lex: RedactionLexicon): Patterns {
  let p = compiled.get(lex);
  if (!p) {
    p = { dateOfBirth: dateOfBirthPattern(lex), address: addressPattern(lex), streetAfterIntroducer: streetAfterIntroducerPattern(lex) };
    compiled.set(lex, p);
  }
  return p;
}

export function findShapedIdentifiers(text: string, lex: RedactionLexicon): Replacement[] {
  return [...findEmails(text), ...findPhones(text), ...findDatesOfBirth(text, lex), ...findAddresses(text, lex), ...findPostcodes(text)];
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

export function findEmails(text: string): Replacement[] {
  return [...text.matchAll(EMAIL)].map((m) => span(m.index!, m[0].length, LABELS.email, 'email'));
}

// +44 20 7946 0000, +44 (0)20 7946 0000, 020 7946 0000, (020) 7946 0000, 07700 900123,
// 0800 123 4567. Digits may be grouped by spaces or hyphens on one line; the national number
// (without the 0 or +44) must have 9 or 10 digits, which leaves dates, years and case numbers alone.
// Dots group digits too ("07700.900.461").
const PHONE = /(?<![\p{L}\p{N}+])(?:(?:\+|00)44[ .-]?(?:\(0\)[ .-]?)?\d{2,5}|\(0\d{2,5}\)|0\d{2,5})(?:[ .-]?\d{2,4}){1,3}(?![\p{N}])/gu;

export function findPhones(text: string): Replacement[] {
  const found: Replacement[] = [];
  for (const m of text.matchAll(PHONE)) {
    const national = m[0].replace(/\(0\)/, '').replace(/\D/g, '').replace(/^(?:0044|44|0)/, '');
    if (national.length === 9 || national.length === 10) found.push(span(m.index!, m[0].length, LABELS.phone, 'phone'));
  }
  return found;
}

// Postcodes: outward code (SW1A, M1, B33) and inward code (1AA), capitals as written.
// "SW3" alone (how some reports name a social worker) has no inward code and is not one.
const POSTCODE = /(?<![\p{L}\p{N}])(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[A-Z]{2}(?![\p{L}\p{N}])/gu;

export function findPostcodes(text: string): Replacement[] {
  return [...text.matchAll(POSTCODE)].map((m) => span(m.index!, m[0].length, LABELS.address, 'postcode'));
}

export function findDatesOfBirth(text: string, lex: RedactionLexicon): Replacement[] {
  const found: Replacement[] = [];
  for (const m of text.matchAll(patternsFor(lex).dateOfBirth)) {
    const [start, end] = m.indices!.groups!.date!;
    found.push({ start, end, label: LABELS.date_of_birth, kind: 'date_of_birth' });
  }
  return found;
}

export function findAddresses(text: string, lex: RedactionLexicon): Replacement[] {
  const p = patternsFor(lex);
  const found = [...text.matchAll(p.address)].map((m) => span(m.index!, m[0].length, LABELS.address, 'address'));
  for (const m of text.matchAll(p.streetAfterIntroducer)) {
    const [start, end] = m.indices!.groups!.street!;
    found.push({ start, end, label: LABELS.address, kind: 'address' });
  }
  return found;
}

function span(start: number, length: number, label: string, kind: Replacement['kind']): Replacement {
  return { start, end: start + length, label, kind };
}

/** "3 March 2012", "3rd of March 2012", "March 3, 2012", "March 2012", "03/03/2012", "3.3.12", "2012-03-03", "3-Mar-2012". */
function datePattern(lex: RedactionLexicon): string {
  const month = `${alternation(lex.date_of_birth.month_names)}\\.?(?![\\p{L}])`;
  const day = '\\d{1,2}(?:st|nd|rd|th)?';
  const year = '\\d{4}(?![\\p{N}])';
  const numeric = '(?:\\d{1,2}[./-]\\d{1,2}[./-](?:\\d{4}|\\d{2})|\\d{4}[./-]\\d{1,2}[./-]\\d{1,2})(?![\\p{N}])';
  const textual = [
    `(?:the${SP})?${day}${SP}(?:of${SP})?${month}(?:,?${SP}${year})?`,
    `${month}${SP}${day}(?![\\p{N}])(?:,?${SP}${year})?`,
    `${month}${SP}${year}`,
    `\\d{1,2}-${month}-\\d{4}(?![\\p{N}])`,
  ].join('|');
  return `(?<![\\p{N}])(?:${numeric}|${textual})`;
}

function dateOfBirthPattern(lex: RedactionLexicon): RegExp {
  const d = lex.date_of_birth;
  const trigger = `(?<![\\p{L}])${alternation(d.triggers)}(?![\\p{L}])`;
  const breaker = `${alternation(d.gap_breakers)}(?![\\p{L}])`;
  const gap = `(?:${SP}(?!${breaker})\\p{Ll}+(?![\\p{L}])){0,${d.gap_words}}?`;
  const connector = `(?:${SP}?${alternation(d.connectors)}(?![\\p{L}]))`;
  return new RegExp(`${trigger}${gap}${connector}{0,2}${SP}?(?<date>${datePattern(lex)})`, 'giud');
}

/** "14 Elm Road", "Flat 2, 14 Elm Road", "Flat 3, Elm Court", "17a St Mary's Road"; not a year ("2014 Working Together"). */
function addressPattern(lex: RedactionLexicon): RegExp {
  const a = lex.address;
  const number = '(?!(?:19|20)\\d\\d(?![\\p{N}]))\\d{1,4}[A-Za-z]?(?:-\\d{1,4}[A-Za-z]?)?(?![\\p{L}\\p{N}])';
  const street = `(?:${NAME_WORD}(?:['’]s)?${SP}){1,3}?${alternation(a.street_words)}(?![\\p{L}])`;
  const unit = `${alternation(a.unit_words, eitherCaseFirst)}\\.?${SP}\\d{1,4}[A-Za-z]?,?${SP}`;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${unit}(?:${number},?${SP})?${street}|${number},?${SP}${street})`, 'gu');
}

/** A street without a number where the report says it is where someone lived: "moved to Hollins Road". */
function streetAfterIntroducerPattern(lex: RedactionLexicon): RegExp {
  const a = lex.address;
  const introducer = `(?<![\\p{L}])${alternation(a.introducers, eitherCaseFirst)}`;
  const street = `(?:${NAME_WORD}(?:['’]s)?${SP}){1,3}?${alternation(a.street_words)}(?![\\p{L}])`;
  return new RegExp(`${introducer}:?${SP}(?:the${SP})?(?<street>${street})`, 'gud');
}

