// "Why (not)?" for one segment: every lexicon match in it, what became of each (counted,
// covered by a look-alike, not counted in this section, unpaired, inside a longer term), and
// per code the aboutness score against its threshold. Built from the tagger's own steps, so
// the explanation cannot drift from what the tagger does.
import type { Context, Segment } from '../types.js';
import { countsIn, type Lexicon } from './lexicon.js';
import { aboutness, compile, findHits, groupHits, type Hit } from './tag.js';
import { sentenceOfTokens, tokenize, type Token } from './tokenize.js';

export type MatchFate = 'counted' | 'look_alike' | 'other_section' | 'not_paired' | 'inside_longer_term';

export interface ExplainedMatch {
  code: string;
  /** Lexicon entry, exclusion, proximity or co-occurrence rule id. */
  id: string;
  kind: 'entry' | 'exclusion' | 'proximity_cue' | 'cooccurrence_cue';
  /** Document offsets of the matched words, and the words. */
  start: number;
  end: number;
  words: string;
  fate: MatchFate;
}

export interface ExplainedCode {
  code: string;
  context: Context;
  contextRule: string | null;
  score: number;
  threshold: number;
  fired: boolean;
  /** The counted cues: rule or entry id, weight, words. */
  cues: { id: string; weight: number; words: string; start: number; end: number }[];
}

export interface SegmentExplanation {
  matches: ExplainedMatch[];
  codes: ExplainedCode[];
}

export function explainSegment(seg: Segment, lexicon: Lexicon): SegmentExplanation {
  const c = compile(lexicon);
  const tokens = tokenize(seg.text, seg.start);
  if (!tokens.length) return { matches: [], codes: [] };
  const sentenceOf = sentenceOfTokens(tokens, seg.sentences.length ? seg.sentences : [seg]);
  const hits = findHits(seg, tokens, sentenceOf, c);
  const codes = groupHits(seg, tokens, sentenceOf, hits, c).map((g) => {
    const { score, threshold, positive, applies } = aboutness(g.code, g.hits, seg.section, tokens, c);
    return {
      code: c.codes[g.code].code, context: g.ctx.context as Context, contextRule: g.ctx.rule, score, threshold, fired: applies,
      cues: [...positive, ...g.hits.filter((h) => h.weight < 0)].map((h) => ({ id: h.id, weight: h.weight, ...span(tokens, seg, h.from, h.to) })),
    };
  });
  return { matches: explainMatches(seg, tokens, hits, lexicon), codes };
}

function explainMatches(seg: Segment, tokens: Token[], hits: Hit[], lexicon: Lexicon): ExplainedMatch[] {
  const c = compile(lexicon);
  const raw = c.terms.matchAll(tokens);
  const lookAlikes = raw.filter((m) => m.value.kind === 'exclusion');
  const counted = new Set(hits.map((h) => `${h.code}:${h.from}:${h.to}`));
  return raw.map((m) => {
    const v = m.value;
    const code = c.codes[v.code].code;
    const where = span(tokens, seg, m.from, m.to);
    if (v.kind === 'exclusion') return { code, id: v.id, kind: 'exclusion', ...where, fate: 'counted' };
    const id = v.id;
    const kind = v.kind === 'entry' ? 'entry' : v.kind === 'cue' ? 'proximity_cue' : 'cooccurrence_cue';
    let fate: MatchFate;
    if (lookAlikes.some((x) => x.value.code === v.code && x.from < m.to && m.from < x.to)) fate = 'look_alike';
    else if (!countsIn(v, seg.section)) fate = 'other_section';
    else if (v.kind === 'entry') fate = counted.has(`${v.code}:${m.from}:${m.to}`) ? 'counted' : 'inside_longer_term';
    else fate = hits.some((h) => h.id === id && h.from <= m.from && m.to <= h.to) ? 'counted' : 'not_paired';
    return { code, id, kind, ...where, fate };
  });
}

function span(tokens: Token[], seg: Segment, from: number, to: number): { start: number; end: number; words: string } {
  const start = tokens[from].start;
  const end = tokens[to - 1].end;
  return { start, end, words: seg.text.slice(start - seg.start, end - seg.start) };
}
