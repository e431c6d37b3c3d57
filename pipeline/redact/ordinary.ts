// Ordinary English words, for telling a capitalised name nobody introduced ("Quillon
// Sparrowhawk was seen at the door") from capitalised ordinary words ("Key Practice Episodes",
// "Fallowfield Cross", "White British"). The word list is the English lexicon natural ships
// for its Brill tagger (about 92,000 words with Penn Treebank tags, from pos-js): a word is
// ordinary when its lower-case form is listed, or its capitalised form is listed with a tag
// other than a proper noun's ("African", "Methodist": JJ). It is American English, so British
// spellings are tried in their American form too ("paediatric", "organisation", "programme").
// Loaded on first use (about 4 MB of JSON), like compromise's given names.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const LEXICON = 'natural/lib/natural/brill_pos_tagger/data/English/lexicon_from_posjs.json';
const PROPER_NOUN_TAGS = new Set(['NNP', 'NNPS']);

let words: Set<string> | null = null;

function ordinaryWords(): Set<string> {
  if (words) return words;
  const lexicon = JSON.parse(readFileSync(require.resolve(LEXICON), 'utf8')) as Record<string, string[]>;
  const out = new Set<string>();
  for (const [word, tags] of Object.entries(lexicon)) {
    if (!Array.isArray(tags)) continue; // "constructor" and the like are not entries
    if (word === word.toLowerCase()) out.add(word);
    else if (/^\p{Lu}\p{Ll}+$/u.test(word) && tags.some((t) => !PROPER_NOUN_TAGS.has(t))) out.add(word.toLowerCase());
  }
  words = out;
  return out;
}

// British → American spellings, as shapes: paediatric, foetal, organisation, behaviour, centre,
// programme, counselling, defence.
const SPELLINGS: [RegExp, string][] = [
  [/ae/g, 'e'],
  [/oe/g, 'e'],
  [/is(e|ed|es|ing|ation|ations)$/, 'iz$1'],
  [/our(s|ed|ing|able|ite|ites)?$/, 'or$1'],
  [/tre(s)?$/, 'ter$1'],
  [/amme(s)?$/, 'am$1'],
  [/ence(s)?$/, 'ense$1'],
  [/ll(ing|ed|or|ors)$/, 'l$1'],
];

// Answers by word as written: a report asks about the same capitalised words again and again.
const answers = new Map<string, boolean>();
const MAX_ANSWERS = 100_000;

/** True when the word (any case; each part of a hyphenated word) is an ordinary English word. */
export function isOrdinaryWord(word: string): boolean {
  let answer = answers.get(word);
  if (answer === undefined) {
    if (answers.size >= MAX_ANSWERS) answers.clear();
    answers.set(word, (answer = lookUpOrdinaryWord(word)));
  }
  return answer;
}

function lookUpOrdinaryWord(word: string): boolean {
  const known = ordinaryWords();
  const lower = word.toLowerCase().replace(/’/g, "'");
  if (known.has(lower)) return true;
  const parts = lower.split('-');
  if (parts.length > 1) return parts.every((p) => p.length > 0 && isOrdinaryWord(p));
  let american = lower;
  for (const [from, to] of SPELLINGS) american = american.replace(from, to);
  return american !== lower && known.has(american);
}
