// The area: the board that commissioned the review, with the place before its name
// ("Hallowfield Local Safeguarding Children Board" → "Hallowfield LSCB"). The first mention wins:
// the title and opening name the commissioning board; other boards appear later.
import type { SegmentedDoc } from '../types.js';
import type { ProfileWordings } from './lexicon.js';
import { evidence, phraseSource } from './text.js';
import type { FieldResult } from './types.js';

export function extractArea(doc: SegmentedDoc, w: ProfileWordings): FieldResult<string | null> {
  const notPlace = new Set(w.area.not_place);
  let best: { at: number; value: string; end: number; rule: string } | null = null;
  for (const body of w.area.bodies) {
    // Up to three capitalised words right before the body's name: "Coldharbour Vale Local …".
    const re = new RegExp(`((?:[A-Z][\\p{L}'\u2019-]+\\s+){1,3})(?:${phraseSource(body.words)})(?![\\p{L}])`, body.case_sensitive ? 'gu' : 'giu');
    for (const m of doc.text.matchAll(re)) {
      const words = m[1].trim().split(/\s+/);
      // Keep the place words nearest the name; "the", "for", "Report" end the place.
      const place: string[] = [];
      for (let i = words.length - 1; i >= 0 && !notPlace.has(words[i]) && /^[A-Z]/.test(words[i]); i--) place.unshift(words[i]);
      if (place.length === 0) continue;
      const placeText = place.join(' ');
      const at = m.index! + m[1].lastIndexOf(placeText);
      if (!best || at < best.at) best = { at, end: m.index! + m[0].length, value: body.canonical.replace('{place}', placeText), rule: body.id };
    }
  }
  if (!best) return { value: null, evidence: [] };
  return { value: best.value, evidence: [evidence(doc, best.at, best.end, best.rule)] };
}
