// Who the report is about, and who a word in a sentence is about. Reports name the child with a
// label and a capital identifier ("Child L", "Baby Q", "Child K2"); parents and others by title
// ("Ms L", "Mr K") or role ("his father"). Field extractors ask: is this age, pronoun or harm
// word about the subject child, someone else, or no one named?
import type { SegmentedDoc } from '../types.js';
import type { ProfileWordings } from './lexicon.js';
import { PhraseMatcher, phraseSource, sentencesOf, type Sentence } from './text.js';

export type RefKind = 'child' | 'adult' | 'sibling' | 'child_word' | 'pronoun';

/** A mention of a person in a sentence, in document offsets. */
export interface PersonRef {
  kind: RefKind;
  start: number;
  end: number;
  /** The child's name for kind 'child' ("Child K2"); the word otherwise. */
  name: string;
  /** "Child K's temperature": a possessive names a thing, so it is not what a later pronoun stands for. */
  possessive?: boolean;
}

export interface Subject {
  /** "Child L"; null when the report names no child. */
  name: string | null;
  evidence: { start: number; end: number } | null;
}

const PRONOUNS = ['he', 'she', 'his', 'her', 'him', 'hers'];

// Compiled once per lexicon, not once per report: the patterns are the same for every report.
const personPatternCache = new WeakMap<ProfileWordings, { childName: RegExp; others: PhraseMatcher<RefKind> }>();

function personPatterns(wordings: ProfileWordings): { childName: RegExp; others: PhraseMatcher<RefKind> } {
  let p = personPatternCache.get(wordings);
  if (p) return p;
  const labels = wordings.subject.child_labels.map(phraseSource).join('|');
  p = {
    // The identifier: one capital, optionally a second capital or digits ("K2"), then no letter.
    // Global, and only used through matchAll, which works on a copy: sharing it is safe.
    childName: new RegExp(`\\b(?:${labels})\\s+[A-Z](?:[A-Z]|\\d{1,2})?(?![\\p{L}\\p{N}])`, 'gu'),
    others: new PhraseMatcher<RefKind>([
      ...wordings.subject.adults.map((w) => [w, 'adult'] as [string, RefKind]),
      ...wordings.subject.siblings.map((w) => [w, 'sibling'] as [string, RefKind]),
      ...wordings.subject.child_words.map((w) => [w, 'child_word'] as [string, RefKind]),
      ...PRONOUNS.map((w) => [w, 'pronoun'] as [string, RefKind]),
    ]),
  };
  personPatternCache.set(wordings, p);
  return p;
}

export class People {
  private readonly childName: RegExp;
  private readonly others: PhraseMatcher<RefKind>;
  /** The subject's bare identifier ("B" for "Child B"), once the subject is known. */
  private subjectAlias: { pattern: RegExp; name: string; isWord: boolean } | null = null;
  private readonly wordIdentifiers: ReadonlySet<string>;
  private readonly notAliasAfter: ReadonlySet<string>;
  private readonly aliasNotBefore: string[];
  // The field families ask about the same sentences again and again (every age, pronoun and harm
  // word asks about its sentence and the one before): each sentence's people are found once.
  private readonly refsOf = new WeakMap<Sentence, PersonRef[]>();

  constructor(readonly wordings: ProfileWordings) {
    const patterns = personPatterns(wordings);
    this.childName = patterns.childName;
    this.others = patterns.others;
    // A sentence's first word names something else only if it is a title or a container ("Appendix B lists").
    this.notAliasAfter = new Set([...wordings.subject.adults, ...wordings.subject.alias_not_after].map((w) => w.toLowerCase()));
    this.aliasNotBefore = wordings.subject.alias_not_before;
    this.wordIdentifiers = new Set(wordings.subject.word_identifiers);
  }

  /**
   * Reports name the child "Child B" and then often just "B": once the subject is known, its bare
   * identifier names it too, except after a capitalised word ("Ms B", "Part B", "Appendix B") and
   * before a word of subject.alias_not_before ("the B family"). Call before the first refs().
   */
  knowSubject(subject: Subject): void {
    const id = subject.name?.split(/\s+/).pop();
    if (!id || !subject.name) return;
    const group = this.aliasNotBefore.map(phraseSource).join('|');
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}'\u2019.&/-])${id}(?![\\p{L}\\p{N}'\u2019&/-])(?!\\s+(?:${group})\\b)`, 'gu');
    this.subjectAlias = { pattern, name: subject.name, isWord: this.wordIdentifiers.has(id) };
  }

  /** Child names in a text, in order. */
  childNames(text: string, offset = 0): PersonRef[] {
    return [...text.matchAll(this.childName)].map((m) => ({
      kind: 'child' as const, start: offset + m.index!, end: offset + m.index! + m[0].length, name: m[0].replace(/\s+/g, ' '),
    }));
  }

  /**
   * Every person mentioned in a sentence, in order. A name followed by "'s mother" is the mother
   * (an adult), not the child; an adult's title swallows the initial after it ("Ms L"). The list
   * is found once per sentence and shared by every caller: read it, never change it.
   */
  refs(s: Sentence): PersonRef[] {
    let refs = this.refsOf.get(s);
    if (!refs) this.refsOf.set(s, (refs = this.findRefs(s)));
    return refs;
  }

  private findRefs(s: Sentence): PersonRef[] {
    const labelled = this.childNames(s.text, s.start);
    const aliases = this.aliasesIn(s, labelled);
    const names = aliases.length ? [...labelled, ...aliases].sort((a, b) => a.start - b.start) : labelled;
    const words = this.others.find(s.text, s.start).filter((w) => !names.some((n) => w.start < n.end && w.end > n.start));
    const all: PersonRef[] = [...names, ...words.map((w) => ({ kind: w.payload, start: w.start, end: w.end, name: w.text.toLowerCase() }))]
      .sort((a, b) => a.start - b.start);
    for (const r of all) if (/^['\u2019]s\b/.test(s.text.slice(r.end - s.start))) r.possessive = true;
    return all.filter((r, i) => {
      const next = all[i + 1];
      const possessive = r.kind === 'child' || r.kind === 'pronoun';
      // "Child W's mother", "his father": the person is the relative, not the child.
      return !(possessive && next && (next.kind === 'adult' || next.kind === 'sibling') && /^(?:'s|['\u2019]s)?\s+(?:\w+\s+)?$/.test(this.between(s, r.end, next.start)));
    });
  }

  private aliasesIn(s: Sentence, labelled: PersonRef[]): PersonRef[] {
    const alias = this.subjectAlias;
    if (!alias) return [];
    return [...s.text.matchAll(alias.pattern)]
      .filter((m) => {
        const before = s.text.slice(0, m.index!);
        // "A neighbour called": a word identifier is the child only after a lower-case word ("said that A was").
        return !this.namesSomethingElse(before) && (!alias.isWord || /(?:^|[^\p{L}])\p{Ll}+\s+$/u.test(before));
      })
      .map((m) => ({ kind: 'child' as const, start: s.start + m.index!, end: s.start + m.index! + m[0].length, name: alias.name }))
      .filter((a) => !labelled.some((n) => a.start < n.end && a.end > n.start));
  }

  /** "Ms B", "Part B", "Appendix B": an identifier after a capitalised word is not the child, unless that word opens the sentence and is neither a title nor a container ("Then B"). */
  private namesSomethingElse(before: string): boolean {
    const word = /(^|[^\p{L}\p{N}])(\p{Lu}\p{Ll}*)\.?\s+$/u.exec(before);
    if (!word) return false;
    return word.index + word[1].length > 0 || this.notAliasAfter.has(word[2].toLowerCase());
  }

  private between(s: Sentence, from: number, to: number): string {
    return s.text.slice(from - s.start, to - s.start);
  }
}

/**
 * The subject child: the one the title names; for a title that names a family, the first child
 * named in an opening sentence with a harm word (`isHarm`), else the first child named at all.
 */
export function findSubject(doc: SegmentedDoc, people: People, opening: Sentence[], isHarm: (text: string) => boolean, sentences?: Sentence[]): Subject {
  const title = doc.segments[0];
  if (title) {
    const named = people.childNames(title.text, title.start);
    if (named.length) return { name: named[0].name, evidence: { start: named[0].start, end: named[0].end } };
  }
  for (const s of opening) {
    const named = people.childNames(s.text, s.start);
    if (named.length && isHarm(s.text)) return { name: named[0].name, evidence: { start: named[0].start, end: named[0].end } };
  }
  for (const s of sentences ?? sentencesOf(doc)) {
    const named = people.childNames(s.text, s.start);
    if (named.length) return { name: named[0].name, evidence: { start: named[0].start, end: named[0].end } };
  }
  return { name: null, evidence: null };
}

/**
 * Who the word at `at` is about: the nearest person named before it in the sentence. A pronoun
 * stands for the nearest named person before it, in this sentence or the earlier sentences of
 * its paragraph (`earlier`, nearest last: "B was taken to hospital. He was dehydrated. He had a
 * fracture."). Returns 'none' when no one is named before it. With `isPronoun`, the word is
 * itself a pronoun.
 */
export function aboutWhom(at: number, sentence: Sentence, earlier: readonly Sentence[], people: People, subject: Subject, isPronoun = false): 'subject' | 'other' | 'none' {
  // A pronoun's antecedent is never a possessive ("Child K's temperature … which she did"); a
  // harm word's may be ("Child K's injuries").
  const usable = (r: PersonRef) => !(isPronoun && r.possessive);
  const before = people.refs(sentence).filter((r) => r.end <= at && usable(r));
  // A word with no one before it in its sentence is about no one named, unless it is itself a
  // pronoun opening the sentence ("Baby Q was three months old. He was …").
  if (before.length === 0 && !isPronoun) return 'none';
  const nearest = before[before.length - 1];
  const last = !nearest || nearest.kind === 'pronoun' ? antecedent(before, earlier, people, usable) : nearest;
  if (!last) return 'none';
  return isSubject(last, subject) ? 'subject' : 'other';
}

/**
 * The nearest person named before, in this sentence and then back through the earlier ones. The
 * chain goes on only through sentences that refer to someone by pronoun alone: a sentence that
 * mentions no one may be about a person the lexicon does not list ("The health visitor noted
 * bruising. She made a referral.").
 */
function antecedent(before: PersonRef[], earlier: readonly Sentence[], people: People, usable: (r: PersonRef) => boolean): PersonRef | undefined {
  const namedIn = (refs: readonly PersonRef[]) => refs.filter((r) => r.kind !== 'pronoun' && usable(r)).pop();
  let found = namedIn(before);
  for (let k = earlier.length - 1; k >= 0 && !found; k--) {
    const refs = people.refs(earlier[k]);
    if (refs.length === 0) break;
    found = namedIn(refs);
  }
  return found;
}

export function isSubject(r: PersonRef, subject: Subject): boolean {
  if (r.kind === 'child_word') return true;
  return r.kind === 'child' && subject.name !== null && r.name === subject.name;
}
