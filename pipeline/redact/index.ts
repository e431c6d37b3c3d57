// Redaction of report text for quotes in the annual report and for exports.
//
// What is replaced, and by what:
//   people          "[mother]", "[mother's partner]", "[social worker 1]", "[GP]", "[person 2]"
//                   (the role the report gives them, numbered when a document has several of
//                   a role; "[person N]" when it gives none; "[name]" for a mention that could
//                   be more than one person, such as "Smith" in a family of Smiths)
//   dates of birth  "[date of birth]" (only the date: "born on [date of birth]"; also with words
//                   between: "born at 29 weeks' gestation on", "date of birth is recorded by
//                   the police as … and by the GP as …"; before "born" in a chronology row:
//                   "03/03/2013 | Child T born"; ending a family-composition table row:
//                   "Kayleigh Dunmore  mother  21.07.1994")
//   addresses       "[address]" (numbered street addresses, also in lower case; flats, with the
//                   building and street after: "Flat 6, Albion House, Canal Street"; a street
//                   after "lived at" or "in"; "31 Saint Aldates"; postcodes, also in lower case;
//                   then every other mention of a street found so)
//   phone numbers   "[phone]" (UK numbers, +44, 0 or (0), in any grouping; other countries' +NN)
//   e-mail          "[email]" (also with a space at the "@", and obfuscated: "x [at] example.com",
//                   "x at example dot com")
// Every other date stays (the chronology needs them), as do places, agencies and years.
//
// Decisions:
// - "Child K", "Baby Q", "Sibling 2" stay. They are the pseudonyms the report was published
//   with, and how the field cites a case ("the Child K review"); replacing them would make
//   quotes uncitable and protects no one.
// - A title with an initial alone ("Mr R", "Ms K") stays: in published SCRs it is the
//   report's own pseudonym for a parent or partner (hundreds of times in the development
//   corpus). It is redacted only when it can stand for a real name the same report gives
//   ("Ms Smith" ... "Ms S"), and then it gets that person's label. So "her partner, Mr R"
//   keeps "Mr R" (there is no name to hide) unless the report also names him in full
//   ("Mr Reid").
// - Given names come from the compromise lexicon (about 3,000, by sex; loaded on first use)
//   plus first_names in lexicons/redaction.json; compromise's tagger is not run (on the
//   development corpus its people() found "foster", "lesson" and "Moses basket").
//   Everything else that is wording (titles, roles, introduction templates, words that are
//   never names, date-of-birth triggers, street words) is in lexicons/redaction.json.
// - One label per person per document: people are found once in the whole text
//   (redactDocument), so "Jane Smith", "Ms Smith", "Jane" and "Ms S" are all "[mother]" in
//   every segment, evidence span and quote drawn from it.
// - Once a person is known, their given name or surname alone is replaced wherever it stands
//   capitalised, except words that are also ordinary words (not_alone: "May", "Young",
//   "Hope"), which are replaced only within a full name or after a title, so "In May 2014"
//   and "Young people" survive. Surname particles (surname_particles: "van der Merwe", "de
//   Villiers", "Ó Súilleabháin") are part of the surname after a title or a given name.
// - Names in capitals: a run of words in capitals is read as a name would be written
//   ("HESTER GRIMSDYKE" as "Hester Grimsdyke"; not for two-letter acronyms), and every form of a
//   known person's name is redacted in capitals too ("GRIMSDYKE", "MS GRIMSDYKE").
// - Names in a list after a plural role are people, each labelled ("the half-siblings, Ruby (aged
//   6) and Mason (aged 4)" → "[sibling 1] … [sibling 2]"; "the grandparents, Pauline and Clive
//   Ashworth" → "[grandmother] and [grandfather]"); so are nicknames after an alias phrase
//   ("known to everyone as "Jax"", "a worker called Sasha"), each as a person of its own.
// - An ordinary word is a given name in apposition after a family or frontline role, closed by a
//   comma or bracket ("her youth worker, Dean,", "her daughter, Summer (15)"), also with the
//   agency between ("the support worker from Action for Children, Lorna,"); a not_alone word
//   named so is then redacted alone too, except as the word ("the Summer term", "Summer 2014").
// - A bare name word is kept where it is used as a month or a place: "14 Jan 2014" beside the
//   school nurse Jan Whitlock, "Kent Police" beside Cllr Rosemary Kent.
// - A given name nobody knows is a name after a kinship role ("the grandmother, Perpetua"), and
//   two or three capitalised words none of which is an ordinary English word are a full name
//   ("Quillon Sparrowhawk was seen") unless the report uses one as a place ("in Selbrook",
//   "Selbrook LSCB") or the lexicon lists them as one ("Milton Keynes"); see people.ts.
//   Not found: a lone unknown given name after no role or after a role outside lone_name_roles
//   ("the GP, Kester"), an untitled full name in capitals whose given name the lexicon does not
//   know ("QUILLON SPARROWHAWK"), an untitled full name with an ordinary word in it ("Quillon
//   Baker", "Tayla Bishop"), a not_alone word alone unless the report gave it alone as a name,
//   names in a run of capitals with an ordinary surname ("JANE BAKER", unless the report also
//   writes "Jane Baker"), and whose nickname an alias is (it is a person of its own).
//
// Use:
//   const doc = redactDocument({ text });           // whole-document analysis, once
//   doc.text, doc.mapOffset(o, side?), doc.mapSpan(start, end), doc.replacements
//   const part = doc.redactSlice(start, end);       // a segment or quote, consistent labels;
//   part.text, part.mapOffset(o - start, side?)     //   offsets relative to the slice
//   doc.redactFileName('smith_scr.pdf')             // person names in a file name
//   redactText(text)                                // a lone text: redactDocument({ text })
//   redactFreeText(doc, 'Hester shook him')         // a text about the document (a profile value):
//                                                   //   its people's labels, shaped identifiers
// An offset strictly inside a replaced span maps to the label's start ('start', default) or
// end ('end'); map spans with mapSpan or (start, 'start') / (end, 'end') so a span that
// touches part of a name covers the whole label and text.slice(start, end) stays exact.
import type { RedactionLexicon } from './lexicon.js';
import { loadRedactionLexicon } from './lexicon.js';
import { type OffsetSide, type RedactedText, type Replacement, applyReplacements, resolveOverlaps } from './offsets.js';
import { findShapedIdentifiers } from './patterns.js';
import { type KnownPeople, type PersonSummary, findPeople } from './people.js';

export type { OffsetSide, RedactedText, RedactionKind, Replacement } from './offsets.js';
export type { PersonSummary } from './people.js';
export type { RedactionLexicon } from './lexicon.js';
export { loadRedactionLexicon } from './lexicon.js';
export { suppressPartition, suppressSmallCounts, suppressedMarker, SECONDARY_MARKER } from './suppress.js';

export interface RedactOptions {
  /** The redaction lexicon; default lexicons/redaction.json of the package. */
  lexicon?: RedactionLexicon;
}

export interface RedactedDocument extends RedactedText {
  /** The people found, in order of first mention, with their labels. No names. */
  people: PersonSummary[];
  /** A slice [start, end) of the document redacted with the document's labels; offsets relative to start. */
  redactSlice(start: number, end: number): RedactedText;
  /** The file name with every word that is a found person's name (any case) replaced by "redacted". */
  redactFileName(fileName: string): string;
}

// What redactFreeText needs of a document beyond its public face: its people and the lexicon.
const analyses = new WeakMap<RedactedDocument, { known: KnownPeople; lex: RedactionLexicon }>();

/** Redacts a whole document once; slices of it are then redacted consistently. */
export function redactDocument(doc: { text: string }, options: RedactOptions = {}): RedactedDocument {
  const lex = options.lexicon ?? loadRedactionLexicon();
  const { people, mentions, nameWords, known } = findPeople(doc.text, lex);
  const whole = applyReplacements(doc.text, resolveOverlaps([...findShapedIdentifiers(doc.text, lex), ...mentions]));
  const redacted: RedactedDocument = {
    ...whole,
    people,
    redactSlice: (start, end) => sliceOf(doc.text, whole, start, end),
    redactFileName: (fileName) => redactNameWords(fileName, nameWords),
  };
  analyses.set(redacted, { known, lex });
  return redacted;
}

/**
 * Redacts a text about a document that is not part of it (a profile value such as the nature
 * of harm or ethnicity, a reviewer's memo) with the full redactor: dates of birth, addresses,
 * phones and e-mail; the document's people with the labels they have in it; and people the
 * text itself names, labelled after the document's ("[person 3]").
 */
export function redactFreeText(doc: RedactedDocument, text: string): string {
  const analysis = analyses.get(doc);
  if (!analysis) throw new Error('redactFreeText: the document was not made by redactDocument');
  const { mentions } = findPeople(text, analysis.lex, analysis.known);
  return applyReplacements(text, resolveOverlaps([...findShapedIdentifiers(text, analysis.lex), ...mentions])).text;
}

/** Redacts a text on its own (people are found within it). */
export function redactText(text: string, options: RedactOptions = {}): RedactedText {
  const { text: redacted, mapOffset, mapSpan, replacements } = redactDocument({ text }, options);
  return { text: redacted, mapOffset, mapSpan, replacements };
}

function sliceOf(original: string, whole: RedactedText, start: number, end: number): RedactedText {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > original.length) {
    throw new RangeError(`redact: slice ${start}-${end} is outside the document (0-${original.length})`);
  }
  const from = whole.mapOffset(start, 'start');
  const to = whole.mapOffset(end, 'end');
  const mapOffset = (offset: number, side: OffsetSide = 'start'): number => {
    if (!Number.isInteger(offset) || offset < 0 || offset > end - start) {
      throw new RangeError(`redact: offset ${offset} is outside the slice (0-${end - start})`);
    }
    return whole.mapOffset(start + offset, side) - from;
  };
  // A replacement that straddles the slice's edge is clipped to it; its label is shown whole.
  const replacements: Replacement[] = whole.replacements
    .filter((r) => r.start < end && r.end > start)
    .map((r) => ({ ...r, start: Math.max(r.start, start) - start, end: Math.min(r.end, end) - start }));
  return {
    text: whole.text.slice(from, to),
    mapOffset,
    mapSpan: (s, e) => ({ start: mapOffset(s, 'start'), end: mapOffset(e, 'end') }),
    replacements,
  };
}

// File names write names in lower case with the punctuation dropped or kept: "delacourt-ng",
// "ohare", "o'hare". Each part of a hyphenated name counts, compared without apostrophes.
function redactNameWords(fileName: string, nameWords: Set<string>): string {
  const bare = (w: string) => w.toLowerCase().replace(/['’]/g, '');
  const parts = new Set<string>();
  for (const word of nameWords) {
    for (const part of word.split('-')) {
      parts.add(bare(part));
      const afterApostrophe = part.split(/['’]/).pop()!;
      if (afterApostrophe.length > 1) parts.add(bare(afterApostrophe));
    }
  }
  return fileName.replace(/\p{L}+(?:['’]\p{L}+)*/gu, (word) => (parts.has(bare(word)) ? 'redacted' : word));
}
