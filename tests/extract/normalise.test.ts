// normaliseText is shared by every extractor and by evaluation; its fast path (nothing to
// replace, so only trim) must give what the full chain of replacements gives.
import { describe, expect, it } from 'vitest';
import { isWhitespaceCode, normaliseText } from '../../pipeline/extract/normalise.js';

describe('isWhitespaceCode', () => {
  it('agrees with the \\s of JavaScript regular expressions for every UTF-16 code unit', () => {
    const disagree: number[] = [];
    for (let c = 0; c <= 0xffff; c++) if (isWhitespaceCode(c) !== /\s/.test(String.fromCharCode(c))) disagree.push(c);
    expect(disagree).toEqual([]);
  });

  it('is false for a position past the end of a string (NaN)', () => {
    expect(isWhitespaceCode(''.charCodeAt(0))).toBe(false);
  });
});

describe('normaliseText', () => {
  it.each<[string, string]>([
    // Nothing to replace: trimmed only.
    ['The health visitor saw the baby.', 'The health visitor saw the baby.'],
    ['  padded on both sides ', 'padded on both sides'],
    ['', ''],
    // Whitespace runs and other whitespace fold to one space.
    ['two  spaces', 'two spaces'],
    ['a\tb', 'a b'],
    ['line\nbreak', 'line break'],
    ['no\u00A0break', 'no break'],
    ['thin\u2009and\u3000ideographic', 'thin and ideographic'],
    ['a \u00A0 b', 'a b'],
    // A removed zero-width character or soft hyphen lets the spaces around it fold together.
    ['a \u200B b', 'a b'],
    ['a \uFEFF b', 'a b'],
    ['assess\u00ADment', 'assessment'],
    // Ligatures and typographic quotes.
    ['\uFB01rst \uFB02at o\uFB03ce', 'first flat office'],
    ['\u2018child\u2019s\u2019 \u201Cvoice\u201D', '\'child\'s\' "voice"'],
    ['dashes \u2013 and \u2014 stay', 'dashes \u2013 and \u2014 stay'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseText(input)).toBe(expected);
  });
});
