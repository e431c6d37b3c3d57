// Applying replacements to a text and mapping offsets of the original into the result, so
// evidence spans and selections stay exact in a redacted export.

export type RedactionKind = 'person' | 'date_of_birth' | 'address' | 'phone' | 'email' | 'postcode';

/** One replaced span of the original text, in original offsets, and the label put in its place. */
export interface Replacement {
  start: number;
  end: number;
  label: string;
  kind: RedactionKind;
}

/**
 * Which bound an offset that falls strictly inside a replaced span maps to: a span's start
 * maps to the start of the label, its end to the end of the label, so a span that touches any
 * part of a name covers the whole label and never shows half a name.
 */
export type OffsetSide = 'start' | 'end';

export interface RedactedText {
  text: string;
  /**
   * Maps an offset of the original text to the redacted text. Offsets outside every
   * replacement shift by the length change before them; an offset strictly inside a replaced
   * span maps to the label's start (side 'start', the default) or end (side 'end'). Map a
   * span as `mapOffset(start, 'start')`, `mapOffset(end, 'end')` (or use mapSpan).
   */
  mapOffset(offset: number, side?: OffsetSide): number;
  /** A span of the original mapped to the redacted text; it covers every label it touches. */
  mapSpan(start: number, end: number): { start: number; end: number };
  /** Sorted by start, never overlapping, in the original text's offsets. */
  replacements: Replacement[];
}

/** Replacements must be sorted by start and must not overlap. */
export function applyReplacements(text: string, replacements: Replacement[]): RedactedText {
  const newStarts: number[] = [];
  const parts: string[] = [];
  let at = 0;
  let length = 0;
  for (const r of replacements) {
    if (r.start < at || r.end <= r.start || r.end > text.length) throw new Error(`redact: bad replacement ${r.start}-${r.end} (${r.label})`);
    parts.push(text.slice(at, r.start));
    length += r.start - at;
    newStarts.push(length);
    parts.push(r.label);
    length += r.label.length;
    at = r.end;
  }
  parts.push(text.slice(at));
  const mapOffset = (offset: number, side: OffsetSide = 'start'): number => {
    if (!Number.isInteger(offset) || offset < 0 || offset > text.length) {
      throw new RangeError(`redact: offset ${offset} is outside the text (0-${text.length})`);
    }
    const i = lastStartingAtOrBefore(replacements, offset);
    if (i < 0) return offset;
    const r = replacements[i];
    const labelEnd = newStarts[i] + r.label.length;
    if (offset === r.start) return newStarts[i];
    if (offset < r.end) return side === 'start' ? newStarts[i] : labelEnd;
    return labelEnd + (offset - r.end);
  };
  return {
    text: parts.join(''),
    mapOffset,
    mapSpan: (start, end) => ({ start: mapOffset(start, 'start'), end: mapOffset(end, 'end') }),
    replacements,
  };
}

/** Index of the last replacement whose start is at or before the offset; -1 when none. */
function lastStartingAtOrBefore(replacements: Replacement[], offset: number): number {
  let lo = 0;
  let hi = replacements.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (replacements[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

// Where two findings overlap, the more specific kind wins: an e-mail holds a name, a phone
// number looks like digits of a date, an address holds a street named after a person.
const KIND_PRIORITY: Record<RedactionKind, number> = { email: 0, phone: 1, date_of_birth: 2, postcode: 3, address: 4, person: 5 };

/** Keeps a non-overlapping set: by kind priority, then the longer span, then the earlier; sorted by start. */
export function resolveOverlaps(candidates: Replacement[]): Replacement[] {
  const ranked = [...candidates].sort(
    (a, b) => KIND_PRIORITY[a.kind] - KIND_PRIORITY[b.kind] || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: Replacement[] = [];
  for (const c of ranked) if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
  return kept.sort((a, b) => a.start - b.start);
}
