// Text written into a regular expression as itself: every stage that builds patterns from
// lexicon wordings escapes them here.

/** The text with every character that means something in a RegExp escaped. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
