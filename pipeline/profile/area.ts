// The area: the board that commissioned the review, with the place before its name
// ("Hallowfield Local Safeguarding Children Board" → "Hallowfield LSCB"). The first mention wins:
// the title and opening name the commissioning board; other boards appear later.
import type { SegmentedDoc } from '../types.js';
import type { AreaBody, ProfileWordings } from './lexicon.js';
import { evidence, phraseSource } from './text.js';
import type { FieldResult } from './types.js';

export function extractArea(doc: SegmentedDoc, w: ProfileWordings): FieldResult<string | null> {
  const notPlace = new Set(w.area.not_place);
  let best: { at: number; value: string; end: number; rule: string } | null = null;
  for (const body of w.area.bodies) {
    // The body's name first (a plain search), then the place words before it: a pattern that
    // starts with the place words would be tried at every word of a 150-page report.
    for (const m of doc.text.matchAll(bodyPattern(body))) {
      if (best && m.index! > best.at) break;
      const found = placeBefore(doc.text, m.index!, notPlace);
      if (!found) continue;
      if (!best || found.at < best.at) best = { at: found.at, end: m.index! + m[0].length, value: body.canonical.replace('{place}', found.place), rule: body.id };
      break; // the first named mention of this body is its earliest
    }
  }
  if (!best) return { value: null, evidence: [] };
  return { value: best.value, evidence: [evidence(doc, best.at, best.end, best.rule)] };
}

// Compiled once per lexicon entry, not once per report. Global, used only through matchAll.
const bodyPatterns = new WeakMap<AreaBody, RegExp>();

function bodyPattern(body: AreaBody): RegExp {
  let re = bodyPatterns.get(body);
  if (!re) bodyPatterns.set(body, (re = new RegExp(`(?<![\\p{L}])(?:${phraseSource(body.words)})(?![\\p{L}])`, body.case_sensitive ? 'gu' : 'giu')));
  return re;
}

// Up to three capitalised words right before the body's name: "Coldharbour Vale Local …".
const PLACE_WORDS = /((?:[A-Z][\p{L}'\u2019-]+\s+){1,3})$/u;

/** The place words nearest the name; "the", "for", "Report" end the place. */
function placeBefore(text: string, nameAt: number, notPlace: Set<string>): { at: number; place: string } | null {
  const windowStart = Math.max(0, nameAt - 120);
  const m = PLACE_WORDS.exec(text.slice(windowStart, nameAt));
  if (!m) return null;
  const words = m[1].trim().split(/\s+/);
  const place: string[] = [];
  for (let i = words.length - 1; i >= 0 && !notPlace.has(words[i]); i--) place.unshift(words[i]);
  if (place.length === 0) return null;
  const placeText = place.join(' ');
  return { at: windowStart + m.index + m[1].lastIndexOf(placeText), place: placeText };
}
