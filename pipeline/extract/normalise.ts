// Text normalisation shared by every extractor and by evaluation, so that the same
// characters compare equal whichever format they came from.

const LIGATURES: Record<string, string> = {
  '\uFB00': 'ff', '\uFB01': 'fi', '\uFB02': 'fl', '\uFB03': 'ffi', '\uFB04': 'ffl', '\uFB05': 'st', '\uFB06': 'st',
};

/**
 * Anything the replacements below would change: a ligature, typographic quote, soft hyphen or
 * zero-width character, whitespace other than a space, or two whitespace characters in a row.
 * Most lines of most reports have none of these, and then trimming is all there is to do.
 */
const NEEDS_REPLACING = /[\uFB00-\uFB06\u2018\u2019\u201A\u201B\u2032\u201C-\u201F\u2033\u00AD\u200B-\u200D\uFEFF]|[^\S ]|\s\s/;

/** Ligatures to letters, typographic quotes to straight ones, dashes kept, whitespace folded to single spaces. */
export function normaliseText(s: string): string {
  if (!NEEDS_REPLACING.test(s)) return s.trim();
  return s
    .replace(/[\uFB00-\uFB06]/g, (c) => LIGATURES[c] ?? c)
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/\u00AD/g, '') // soft hyphen: a layout hint, not text
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    // JavaScript's \s already holds U+00A0, U+2000–U+200A, U+202F, U+205F and U+3000. A lone
    // space is left alone: matching every word space only to put the same space back made
    // this the slowest line of PDF layout.
    .replace(/\s{2,}|[^\S ]/g, ' ')
    .trim();
}

/** Is this UTF-16 code unit whitespace as JavaScript's \s (and String.prototype.trim) define it? */
export function isWhitespaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}
