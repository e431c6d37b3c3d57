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
  lowercaseAddress: RegExp;
  streetAfterIntroducer: RegExp;
  streetAfterPreposition: RegExp;
  obfuscatedEmail: RegExp;
}

const compiled = new WeakMap<RedactionLexicon, Patterns>();

function patternsFor(lex: RedactionLexicon): Patterns {
  let p = compiled.get(lex);
  if (!p) {
    p = {
      dateOfBirth: dateOfBirthPattern(lex),
      address: addressPattern(lex),
      lowercaseAddress: lowercaseAddressPattern(lex),
      streetAfterIntroducer: streetAfterIntroducerPattern(lex),
      streetAfterPreposition: streetAfterPrepositionPattern(lex),
      obfuscatedEmail: obfuscatedEmailPattern(lex),
    };
    compiled.set(lex, p);
  }
  return p;
}

export function findShapedIdentifiers(text: string, lex: RedactionLexicon): Replacement[] {
  return [...findEmails(text, lex), ...findPhones(text), ...findDatesOfBirth(text, lex), ...findAddresses(text, lex), ...findPostcodes(text)];
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

/** "x@example.com", and without the lexicon's obfuscations also "x [at] example.com", "x at example dot com". */
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
// Written in lower case ("bk4 2xy"), with the inward code's letters that postcodes use (no c, i,
// k, m, o, v), and never an ordinal: "hv2 1st visit" is a health visitor's first visit.
const LOWERCASE_POSTCODE = /(?<![\p{L}\p{N}])[a-z]{1,2}\d[a-z\d]? ?(?!\d(?:st|nd|rd|th)(?![\p{L}\p{N}]))\d[abd-hjlnp-uw-z]{2}(?![\p{L}\p{N}])/gu;

export function findPostcodes(text: string): Replacement[] {
  return [...text.matchAll(POSTCODE), ...text.matchAll(LOWERCASE_POSTCODE)].map((m) => span(m.index!, m[0].length, LABELS.address, 'postcode'));
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
  for (const m of [...text.matchAll(p.lowercaseAddress), ...text.matchAll(p.streetAfterIntroducer), ...text.matchAll(p.streetAfterPreposition)]) {
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

/** A house number: "14", "17a", "3-5"; not a year ("2014 Working Together") nor the end of a paragraph number ("4.12"). */
const HOUSE_NUMBER = '(?<!\\d[.,])(?!(?:19|20)\\d\\d(?![\\p{N}]))\\d{1,4}[A-Za-z]?(?:-\\d{1,4}[A-Za-z]?)?(?![\\p{L}\\p{N}])';

/** "14 Elm Road", "Flat 2, 14 Elm Road", "Flat 3, Elm Court", "17a St Mary's Road", "31 Saint Aldates"; not a year ("2014 Working Together"). */
function addressPattern(lex: RedactionLexicon): RegExp {
  const a = lex.address;
  const number = HOUSE_NUMBER;
  // "31 Saint Aldates", not "2 St Anselm's Infant School".
  const saint = `${alternation(a.street_prefixes)}\\.?${SP}${NAME_WORD}(?:['’]s)?(?!${SP}\\p{Lu})`;
  const street = `(?:(?:${NAME_WORD}(?:['’]s)?${SP}){1,3}?${alternation(a.street_words)}(?![\\p{L}])|${saint})`;
  const unit = `${alternation(a.unit_words, eitherCaseFirst)}\\.?${SP}\\d{1,4}[A-Za-z]?,?${SP}`;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${unit}(?:${number},?${SP})?${street}|${number},?${SP}${street})`, 'gu');
}

/**
 * "lived at 14 elm road": a numbered address in lower case, after a preposition, an
 * introducer or a flat number, with a street word that is rarely anything else after a number and one or two
 * words that are not function words ("took 3 different road routes", "5 minutes down the road"
 * are not addresses).
 */
function lowercaseAddressPattern(lex: RedactionLexicon): RegExp {
  const a = lex.address;
  const functionWords = [...lex.not_names, ...lex.determiners].map((w) => w.toLowerCase());
  const unit = `${alternation(a.unit_words, eitherCaseFirst)}\\.?${SP}\\d{1,4}[A-Za-z]?,?${SP}`;
  // "moved to flat 2, 17 beech avenue": the flat number says the next words are an address too.
  const before = `(?<![\\p{L}])(?:${alternation([...a.street_prepositions, ...a.introducers], eitherCaseFirst)}:?${SP}|${unit})`;
  const word = `(?!${alternation(functionWords)}(?![\\p{L}]))\\p{Ll}{2,}(?:-\\p{Ll}+)?`;
  const street = alternation(a.lowercase_street_words);
  return new RegExp(`${before}(?<street>${HOUSE_NUMBER},?${SP}(?:${word}${SP}){1,2}?${street}(?![\\p{L}]))`, 'gud');
}

/**
 * A street without a number after a preposition: "lived in Ashcombe Road", "the flat on Nettlebed
 * Lane". Only street words that are rarely anything else ("Road", not "Court" or "House"), and
 * not when a capitalised word follows: "Ashcombe Road Surgery" is a GP practice, not an address.
 */
function streetAfterPrepositionPattern(lex: RedactionLexicon): RegExp {
  const a = lex.address;
  const preposition = `(?<![\\p{L}])${alternation(a.street_prepositions, eitherCaseFirst)}`;
  const street = `(?:${NAME_WORD}(?:['’]s)?${SP}){1,3}?${alternation(a.unnumbered_street_words)}(?![\\p{L}])`;
  return new RegExp(`${preposition}${SP}(?<street>${street})(?!${SP}\\p{Lu})`, 'gud');
}

/** A street without a number where the report says it is where someone lived: "moved to Hollins Road". */
function streetAfterIntroducerPattern(lex: RedactionLexicon): RegExp {
  const a = lex.address;
  const introducer = `(?<![\\p{L}])${alternation(a.introducers, eitherCaseFirst)}`;
  const street = `(?:${NAME_WORD}(?:['’]s)?${SP}){1,3}?${alternation(a.street_words)}(?![\\p{L}])`;
  return new RegExp(`${introducer}:?${SP}(?:the${SP})?(?<street>${street})`, 'gud');
}

