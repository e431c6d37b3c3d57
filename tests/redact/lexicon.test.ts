// lexicons/redaction.json is data with a schema: the shipped file loads, a bad edit fails at
// load naming the file and the problem. And the small-count rule for published tables.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editedLexiconDir as editedLexicon } from './helpers.js';
import { loadRedactionLexicon, redactText, suppressSmallCounts } from '../../pipeline/redact/index.js';
import { packageRoot } from '../../pipeline/paths.js';

describe('the redaction lexicon', () => {
  it('loads the shipped file, with a version and its comment', () => {
    const lex = loadRedactionLexicon();
    expect(lex.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(JSON.parse(readFileSync(join(packageRoot(), 'lexicons', 'redaction.json'), 'utf8')).$comment).toMatch(/pseudonym/);
    expect(lex.roles.map((r) => r.label)).toEqual(expect.arrayContaining(['mother', "mother's partner", 'social worker', 'health visitor', 'child', 'sibling']));
  });

  it.each([
    ['an unknown key', (d: any) => (d.nicknames = []), /unknown key "nicknames"/],
    ['a missing list', (d: any) => delete d.roles, /missing required key "roles"/],
    ['a template without a name', (d: any) => d.introductions.push('{role} alone'), /does not match/],
    ['an unknown placeholder', (d: any) => d.introductions.push('{name} ({relation})'), /unknown placeholder \{relation\}/],
    ['a role phrase in two roles', (d: any) => d.roles[1].phrases.push('Mother'), /phrase "mother" is listed twice/],
    ['a lowercase street word', (d: any) => d.address.street_words.push('road'), /street_words\[\d+\]: "road" does not match/],
    ['a kinship role that is no role', (d: any) => d.lone_name_roles.push('godparent'), /lone_name_roles: "godparent" is not a role label/],
    ['a place listed twice', (d: any) => d.place_names.push('Milton Keynes'), /place_names "Milton Keynes" is listed twice/],
    ['an unnumbered street word that is no street word', (d: any) => d.address.unnumbered_street_words.push('Wynd Lane'), /unnumbered_street_words: "Wynd Lane" is not in street_words/],
    ['a capitalised street preposition', (d: any) => d.address.street_prepositions.push('In'), /street_prepositions\[\d+\]: "In" does not match/],
    ['a missing e-mail wording', (d: any) => delete d.email.dot_words, /missing required key "dot_words"/],
  ])('refuses %s, naming the file', (_what, edit, message) => {
    const dir = editedLexicon(edit);
    expect(() => loadRedactionLexicon(dir)).toThrow(message);
    expect(() => loadRedactionLexicon(dir)).toThrow(join(dir, 'redaction.json'));
  });

  it('is what redaction runs on: a role added to the data is used', () => {
    const text = 'The advocate, Jane Smith, and the dinner lady, Ann Jones, spoke.';
    expect(redactText(text).text).toBe('The advocate, [support worker], and the dinner lady, [person 1], spoke.');
    const lexicon = loadRedactionLexicon(editedLexicon((d) => d.roles.push({ label: 'school staff', phrases: ['dinner lady'] })));
    expect(redactText(text, { lexicon }).text).toBe('The advocate, [support worker], and the dinner lady, [school staff], spoke.');
  });
});

describe('suppressSmallCounts', () => {
  it.each([
    [0, 5, 0],
    [1, 5, '<5'],
    [4, 5, '<5'],
    [5, 5, 5],
    [12, 5, 12],
    [2, 3, '<3'],
    [3, 3, 3],
    [1, 1, 1],
  ])('shows %i with threshold %i as %j', (n, threshold, shown) => {
    expect(suppressSmallCounts(n, threshold)).toBe(shown);
  });

  it('uses 5 by default and refuses what is not a count', () => {
    expect(suppressSmallCounts(3)).toBe('<5');
    expect(() => suppressSmallCounts(-1)).toThrow(RangeError);
    expect(() => suppressSmallCounts(2.5)).toThrow(/not a count/);
  });
});
