// The tagger: one generic engine over lexicon data. Per segment: tokenise once, walk the
// term trie, drop look-alikes and cues that do not count in this section, add proximity,
// co-occurrence and rule hits, set each risk factor's context, then score what the segment
// is about and keep one finding per (segment, code, context).
import type { CodeKind, Context, Finding, SectionId, Segment, SegmentedDoc } from '../types.js';
import { contextOf, paragraphContext, triggerHits, type ContextResult, type TriggerHit } from './context.js';
import { countsIn, type CodeDef, type ContextTrigger, type CooccurrenceRule, type Lexicon, type ProximityRule, type SectionFilter, type SectionRule } from './lexicon.js';
import { escapeRegExp } from '../regexp.js';
import { rules } from './rules/index.js';
import type { RuleParams, TagRule } from './rules/types.js';
import { sentenceOfTokens, tokenize, type SentenceOf, type Token } from './tokenize.js';
import { TokenTrie, type TrieNodeMatch } from './trie.js';

/**
 * What a term stands for: a lexicon entry, a look-alike (exclusion), a proximity cue or a
 * co-occurrence cue. Every kind carries its id and section filter in the same fields, so
 * findHits and explain read them alike; termValue() sets every field.
 */
export interface TermValue {
  kind: 'entry' | 'exclusion' | 'cue' | 'co';
  code: number;
  /** Entry, exclusion or rule id. */
  id: string;
  /** The entry's weight (default 1); proximity and co-occurrence hits take their rule's. */
  weight: number;
  /** The entry's or rule's section filter, under the lexicon's own names, so that countsIn reads it. */
  sections: SectionId[] | undefined;
  not_sections: SectionId[] | undefined;
  /** Kind "cue": the proximity rule and the side the term is on. */
  proximity: ProximityRule | undefined;
  side: 'a' | 'b';
  /** Kind "co": the co-occurrence rule's index in Compiled.coRules, and the index of the term's list. */
  coRule: number;
  list: number;
}

type TermSource = SectionFilter & { id: string; weight?: number };

function termValue(kind: TermValue['kind'], code: number, source: TermSource, more: Partial<Pick<TermValue, 'proximity' | 'side' | 'coRule' | 'list'>> = {}): TermValue {
  return {
    kind,
    code,
    id: source.id,
    weight: source.weight ?? 1,
    sections: source.sections,
    not_sections: source.not_sections,
    proximity: more.proximity,
    side: more.side ?? 'a',
    coRule: more.coRule ?? -1,
    list: more.list ?? 0,
  };
}

interface Cue { from: number; to: number; rule: ProximityRule; side: 'a' | 'b'; code: number }

interface Compiled {
  terms: TokenTrie<TermValue>;
  triggers: TokenTrie<ContextTrigger>;
  codes: CodeDef[];
  /** By code index, what grouping and scoring read of each code. */
  codeInfo: CodeInfo[];
  rulesByCode: { rule: TagRule; code: number; params: RuleParams }[];
  /** Every co-occurrence rule with its code, indexed by TermValue.coRule. */
  coRules: { rule: CooccurrenceRule; code: number }[];
  sectionRules: SectionRule[];
  /** Per code kind and section, the section rule's context and its mixed-section test (null: no rule); filled as sections are seen. */
  sectionContexts: Map<CodeKind, Map<SectionId, { result: ContextResult; mixed: ((seg: Segment) => boolean) | null } | null>>;
}

/** What grouping and scoring read of a code, in one shape for every code (the lexicon's JSON objects differ by their optional fields). */
interface CodeInfo {
  code: string;
  kind: CodeKind;
  threshold: number;
  /** section_bonus, as a map. */
  bonus: Map<SectionId, number>;
  /** ignore_triggers; undefined when none. */
  ignoredTriggers: string[] | undefined;
}

function codeInfo(code: CodeDef): CodeInfo {
  return {
    code: code.code,
    kind: code.kind,
    threshold: code.threshold ?? 1,
    bonus: new Map(Object.entries(code.section_bonus ?? {}) as [SectionId, number][]),
    ignoredTriggers: code.ignore_triggers?.length ? code.ignore_triggers : undefined,
  };
}

/**
 * A candidate: a token range that counts toward a code, before scoring. Distinct cues are told
 * apart by `id` and, for a lexicon entry (`term`), by the words matched as stems (see sameCue).
 */
export interface Hit { code: number; id: string; term: boolean; from: number; to: number; weight: number }

const compiledCache = new WeakMap<Lexicon, Compiled>();
const SKIPPED_KINDS = new Set(['title', 'heading']);

export function tagDocument(doc: SegmentedDoc, lexicon: Lexicon): Finding[] {
  const c = compile(lexicon);
  const out: Finding[] = [];
  for (const seg of doc.segments) if (!SKIPPED_KINDS.has(seg.kind)) tagSegment(seg, c, lexicon.version, out);
  return out;
}

export function compile(lexicon: Lexicon): Compiled {
  let c = compiledCache.get(lexicon);
  if (c) return c;
  const terms = new TokenTrie<TermValue>();
  const coRules: Compiled['coRules'] = [];
  lexicon.codes.forEach((code, i) => {
    for (const e of code.entries) for (const t of e.terms) terms.add(t, e.match ?? 'stemmed', termValue('entry', i, e));
    for (const x of code.exclusions ?? []) for (const t of x.terms) terms.add(t, x.match ?? 'stemmed', termValue('exclusion', i, x));
    for (const p of code.proximity ?? []) {
      for (const t of p.a) terms.add(t, p.match ?? 'stemmed', termValue('cue', i, p, { proximity: p, side: 'a' }));
      for (const t of p.b) terms.add(t, p.match ?? 'stemmed', termValue('cue', i, p, { proximity: p, side: 'b' }));
    }
    for (const r of code.cooccurrence ?? []) {
      const coRule = coRules.push({ rule: r, code: i }) - 1;
      r.all.forEach((list, k) => { for (const t of list) terms.add(t, r.match ?? 'stemmed', termValue('co', i, r, { coRule, list: k })); });
    }
  });
  const triggers = new TokenTrie<ContextTrigger>();
  for (const t of lexicon.context.triggers) for (const term of t.terms) triggers.add(term, t.match ?? 'exact', t);
  const rulesByCode = lexicon.codes.flatMap((code, i) =>
    Object.entries(code.rule_params ?? {}).map(([id, params]) => ({ rule: rules.get(id)!, code: i, params: params as RuleParams })),
  );
  c = { terms, triggers, codes: lexicon.codes, codeInfo: lexicon.codes.map(codeInfo), rulesByCode, coRules, sectionRules: lexicon.context.section_rules, sectionContexts: new Map() };
  compiledCache.set(lexicon, c);
  return c;
}

/** Hits for one segment's tokens after exclusions and section filters, with proximity, co-occurrence and rule hits added. */
export function findHits(seg: Segment, tokens: Token[], sentenceOf: SentenceOf, c: Compiled): Hit[] {
  const matches = c.terms.matchNodes(tokens);
  const excluded = exclusionsIn(matches);
  const section = seg.section;
  const hits: Hit[] = [];
  let cues: Cue[] | null = null;
  // Co-occurrence cues by rule index, as (from, to, list) triples in one flat array (a segment
  // holds dozens, and an object each would cost), and the rules in the order first seen.
  let coCues: number[][] | null = null;
  let coSeen: number[] | null = null;
  for (let i = 0; i < matches.length; i++) {
    const { from, to, values } = matches[i];
    for (let k = 0; k < values.length; k++) {
      const v = values[k];
      if (v.kind === 'exclusion' || (excluded !== null && overlapsExclusion(excluded, v.code, from, to))) continue;
      if (!countsIn(v, section)) continue;
      if (v.kind === 'entry') hits.push({ code: v.code, id: v.id, term: true, from, to, weight: v.weight });
      else if (v.kind === 'cue') (cues ??= []).push({ from, to, rule: v.proximity!, side: v.side, code: v.code });
      else {
        coCues ??= new Array<number[]>(c.coRules.length);
        let found = coCues[v.coRule];
        if (found === undefined) {
          coCues[v.coRule] = found = [];
          (coSeen ??= []).push(v.coRule);
        }
        found.push(from, to, v.list);
      }
    }
  }
  if (cues !== null) proximityHits(cues, sentenceOf, hits);
  for (const { rule, code, params } of c.rulesByCode) {
    for (const h of rule.find({ segment: seg, tokens, sentenceOf, params, code: c.codes[code] })) {
      if (excluded === null || !overlapsExclusion(excluded, code, h.from, h.to)) hits.push({ code, id: rule.meta.id, term: false, from: h.from, to: h.to, weight: h.weight });
    }
  }
  const kept = dropContained(hits);
  // Added after dropContained: a co-occurrence hit spans one cue only, and a longer entry term around it must not swallow the rule.
  if (coSeen !== null) {
    for (const r of coSeen) cooccurrenceHits(c.coRules[r].rule, c.coRules[r].code, coCues![r], sentenceOf, kept);
  }
  return kept;
}

type Span = { from: number; to: number };

/** Look-alike spans per code, or null when the segment has none (most have none, so most checks cost nothing). */
function exclusionsIn(matches: readonly TrieNodeMatch<TermValue>[]): Map<number, Span[]> | null {
  let byCode: Map<number, Span[]> | null = null;
  for (const m of matches) {
    for (const v of m.values) {
      if (v.kind !== 'exclusion') continue;
      byCode ??= new Map();
      const list = byCode.get(v.code);
      if (list) list.push(m);
      else byCode.set(v.code, [m]);
    }
  }
  return byCode;
}

function overlapsExclusion(excluded: Map<number, Span[]>, code: number, from: number, to: number): boolean {
  const spans = excluded.get(code);
  if (spans === undefined) return false;
  for (const x of spans) if (x.from < to && from < x.to) return true;
  return false;
}

/** Whether two hits are one cue: the same rule, or the same entry matching the same words (as stems). */
function sameCue(a: Hit, b: Hit, tokens: Token[]): boolean {
  if (a.id !== b.id || a.term !== b.term) return false;
  if (!a.term) return true;
  const length = a.to - a.from;
  if (b.to - b.from !== length) return false;
  for (let k = 0; k < length; k++) if (tokens[a.from + k].stemId !== tokens[b.from + k].stemId) return false;
  return true;
}

function proximityHits(cues: Cue[], sentenceOf: SentenceOf, out: Hit[]): void {
  // Only cues of the same rule in the same sentence can pair: bucket them so a long paragraph
  // with many cues costs what its sentences cost, not the square of its cues.
  const buckets = new Map<ProximityRule, Map<number, { a: Cue[]; b: Cue[] }>>();
  for (const cue of cues) {
    let bySentence = buckets.get(cue.rule);
    if (!bySentence) buckets.set(cue.rule, (bySentence = new Map()));
    const sentence = sentenceOf[cue.from];
    let bucket = bySentence.get(sentence);
    if (!bucket) bySentence.set(sentence, (bucket = { a: [], b: [] }));
    bucket[cue.side].push(cue);
  }
  for (const bySentence of buckets.values()) {
    for (const { a: as, b: bs } of bySentence.values()) for (const a of as) for (const b of bs) pairCues(a, b, out);
  }
}

function pairCues(a: Cue, b: Cue, out: Hit[]): void {
  if (a.rule.order === 'a_first' && b.from < a.to) return;
  const gap = b.from >= a.to ? b.from - a.to : a.from - b.to;
  if (gap < 0 || gap > a.rule.window) return;
  out.push({ code: a.code, id: a.rule.id, term: false, from: Math.min(a.from, b.from), to: Math.max(a.to, b.to), weight: a.rule.weight ?? 1 });
}

/**
 * One hit per first-list cue that has, for every other list, a cue not overlapping it in the
 * same sentence (scope sentence) or anywhere in the segment (scope paragraph). Each qualifying
 * first-list cue is a hit so that a risk factor's context is judged where the evidence sits.
 */
function cooccurrenceHits(rule: CooccurrenceRule, code: number, cues: number[], sentenceOf: SentenceOf, out: Hit[]): void {
  const lists = rule.all.length;
  const paragraph = rule.scope === 'paragraph';
  for (let a = 0; a < cues.length; a += 3) {
    if (cues[a + 2] !== 0) continue;
    const from = cues[a];
    const to = cues[a + 1];
    let all = true;
    for (let k = 1; k < lists && all; k++) all = hasPartner(cues, k, from, to, paragraph, sentenceOf);
    if (all) out.push({ code, id: rule.id, term: false, from, to, weight: rule.weight ?? 1 });
  }
}

/** A cue of list k that does not overlap the anchor [from, to), in its sentence unless the scope is the paragraph. */
function hasPartner(cues: number[], k: number, from: number, to: number, paragraph: boolean, sentenceOf: SentenceOf): boolean {
  for (let o = 0; o < cues.length; o += 3) {
    if (cues[o + 2] === k && (cues[o + 1] <= from || cues[o] >= to) && (paragraph || sentenceOf[cues[o]] === sentenceOf[from])) return true;
  }
  return false;
}

/** A term inside a longer term of the same code ("supervision" in "safeguarding supervision") is one cue, not two. */
export function dropContained(hits: Hit[]): Hit[] {
  // A paragraph has a few dozen hits at most, and comparing every pair of them costs less than
  // sorting; a very long segment takes the sweep, whose result is the same.
  if (hits.length > PAIRWISE_MAX) return dropContainedBySweep(hits);
  const kept: Hit[] = [];
  for (const h of hits) if (!insideLonger(h, hits)) kept.push(h);
  return kept;
}

const PAIRWISE_MAX = 64;

/** Whether another hit of h's code covers h's tokens and more. */
function insideLonger(h: Hit, hits: Hit[]): boolean {
  const length = h.to - h.from;
  for (const g of hits) if (g.code === h.code && g.from <= h.from && g.to >= h.to && g.to - g.from > length) return true;
  return false;
}

/** dropContained for many hits: per code, sorted by start and then longest first, a hit is contained when an earlier, longer hit reaches at least as far. */
export function dropContainedBySweep(hits: Hit[]): Hit[] {
  const byCode = new Map<number, Hit[]>();
  for (const h of hits) {
    const list = byCode.get(h.code);
    if (list) list.push(h);
    else byCode.set(h.code, [h]);
  }
  const kept = new Set<Hit>();
  for (const list of byCode.values()) {
    list.sort((a, b) => a.from - b.from || b.to - a.to);
    let reach = -1;
    let reachLength = 0;
    for (const h of list) {
      const length = h.to - h.from;
      const contained = h.to <= reach && length < reachLength;
      if (!contained) kept.add(h);
      if (h.to > reach || (h.to === reach && length > reachLength)) {
        reach = h.to;
        reachLength = length;
      }
    }
  }
  return hits.filter((h) => kept.has(h));
}

function tagSegment(seg: Segment, c: Compiled, version: string, out: Finding[]): void {
  const tokens = tokenize(seg.text, seg.start);
  if (!tokens.length) return;
  const sentenceOf = sentenceOfTokens(tokens, seg.sentences.length ? seg.sentences : [seg]);
  const hits = findHits(seg, tokens, sentenceOf, c);
  if (!hits.length) return;
  for (const g of groupHits(seg, tokens, sentenceOf, hits, c)) {
    const f = scoreGroup(g, seg, tokens, c, version);
    if (f) out.push(f);
  }
}

/** The hits that count toward one code in one context, penalties included. */
export interface HitGroup { code: number; ctx: ContextResult; hits: Hit[] }

/** Positive hits grouped by code and context (risk factors get their ConText context); each group also gets its code's penalties. */
export function groupHits(seg: Segment, tokens: Token[], sentenceOf: SentenceOf, hits: Hit[], c: Compiled): HitGroup[] {
  let triggers: SegmentTriggers | null = null;
  // A segment has a handful of groups: a list searched in order is cheaper than a map keyed by a built string.
  const groups: HitGroup[] = [];
  let penalties = false;
  for (const h of hits) {
    if (h.weight < 0) {
      penalties = true;
      continue;
    }
    let ctx: ContextResult = ASSERTED;
    if (c.codeInfo[h.code].kind === 'risk_factor') {
      triggers ??= { all: triggerHits(c.triggers.matchAll(tokens), sentenceOf), byCode: new Map() };
      ctx = contextFor(seg, h, triggers, sentenceOf, c);
    }
    let g: HitGroup | undefined;
    for (const x of groups) {
      if (x.code === h.code && x.ctx.context === ctx.context) {
        g = x;
        break;
      }
    }
    if (g === undefined) groups.push((g = { code: h.code, ctx, hits: [] }));
    g.hits.push(h);
  }
  // A penalty says what the paragraph is about, whatever the context of the positive cues.
  if (penalties) {
    for (const g of groups) for (const p of hits) if (p.weight < 0 && p.code === g.code) g.hits.push(p);
  }
  return groups;
}

/** A segment's context triggers, and per code those that apply to it (a code may ignore some). */
interface SegmentTriggers { all: TriggerHit[]; byCode: Map<number, TriggerHit[]> }

const ASSERTED: ContextResult = { context: 'asserted', rule: null };

function contextFor(seg: Segment, h: Hit, triggers: SegmentTriggers, sentenceOf: SentenceOf, c: Compiled): ContextResult {
  const code = c.codeInfo[h.code];
  const applicable = applicableTriggers(code, h.code, triggers);
  const byTrigger = contextOf(h.from, h.to, applicable, sentenceOf);
  if (byTrigger.context !== 'asserted') return byTrigger;
  return paragraphContext(h.from, applicable, sentenceOf) ?? sectionContext(seg, code.kind, c) ?? byTrigger;
}

function applicableTriggers(code: CodeInfo, ci: number, triggers: SegmentTriggers): TriggerHit[] {
  const ignored = code.ignoredTriggers;
  if (ignored === undefined) return triggers.all;
  let applicable = triggers.byCode.get(ci);
  if (!applicable) triggers.byCode.set(ci, (applicable = triggers.all.filter((t) => !ignored.includes(t.trigger.id))));
  return applicable;
}

function sectionContext(seg: Segment, kind: CodeKind, c: Compiled): ContextResult | null {
  let bySection = c.sectionContexts.get(kind);
  if (!bySection) c.sectionContexts.set(kind, (bySection = new Map()));
  let entry = bySection.get(seg.section);
  if (entry === undefined) {
    const rule = c.sectionRules.find((r) => r.sections.includes(seg.section) && r.kinds.includes(kind));
    bySection.set(seg.section, (entry = rule ? { result: { context: rule.context, rule: rule.id }, mixed: mixedSectionTest(rule) } : null));
  }
  if (entry === null) return null;
  return entry.mixed === null || entry.mixed(seg) ? entry.result : null;
}

/** For a rule with mixed_sections: whether a segment is one the rule applies to (see the schema). */
function mixedSectionTest(rule: SectionRule): ((seg: Segment) => boolean) | null {
  const m = rule.mixed_sections;
  if (!m) return null;
  const words = (list: string[], flags = 'i') => new RegExp(`\\b(?:${list.map((w) => w.split(' ').map(escapeRegExp).join('\\s+')).join('|')})\\b`, flags);
  const heading = words(m.heading_words);
  const cue = words(m.paragraph_cues);
  // "should have been explored" looks back at this family: hindsight, not a recommendation.
  const notCue = m.not_cues?.length ? words(m.not_cues, 'gi') : null;
  const recommends = (text: string) => cue.test(notCue ? text.replace(notCue, ' ') : text);
  return (seg) => seg.kind === 'table_row' || seg.kind === 'list_item' || !heading.test(seg.heading ?? '') || recommends(seg.text);
}

/** One hit per distinct cue, at the position of its first occurrence: the one of greatest absolute weight (the first, on a tie). */
function distinctCues(hits: Hit[], tokens: Token[]): Hit[] {
  const best: Hit[] = [];
  for (const h of hits) {
    let k = 0;
    while (k < best.length && !sameCue(best[k], h, tokens)) k++;
    if (k === best.length) best.push(h);
    else if (Math.abs(best[k].weight) < Math.abs(h.weight)) best[k] = h;
  }
  return best;
}

/**
 * Aboutness: score = the weights of the distinct positive cues (entry and words) + the section
 * bonus + the distinct penalties (negative weights); the code applies when there is a positive
 * cue and the score is positive and reaches the threshold.
 */
export function aboutness(ci: number, hits: Hit[], section: Segment['section'], tokens: Token[], c: Compiled): { score: number; threshold: number; positive: Hit[]; applies: boolean } {
  const code = c.codeInfo[ci];
  const best = distinctCues(hits, tokens);
  const positive = best.filter((h) => h.weight > 0);
  // Summed in this order (positives, bonus, penalties) so that scores without penalties are bit-for-bit what they were.
  let score = 0;
  for (const h of positive) score += h.weight;
  score += code.bonus.get(section) ?? 0;
  for (const h of best) if (h.weight < 0) score += h.weight;
  const threshold = code.threshold;
  return { score, threshold, positive, applies: positive.length > 0 && score > 0 && score >= threshold };
}

/** The finding for a group that is about its code; evidence is the strongest positive cue. */
function scoreGroup({ code: ci, ctx, hits }: HitGroup, seg: Segment, tokens: Token[], c: Compiled, version: string): Finding | null {
  const code = c.codeInfo[ci];
  const { score, threshold, positive, applies } = aboutness(ci, hits, seg.section, tokens, c);
  if (!applies) return null;
  const strongest = strongestOf(positive);
  const start = tokens[strongest.from].start;
  const end = tokens[strongest.to - 1].end;
  return {
    segment: seg.index,
    code: code.code,
    context: ctx.context as Context,
    start,
    end,
    evidence: seg.text.slice(start - seg.start, end - seg.start),
    rule: strongest.id,
    contextRule: ctx.rule,
    lexiconVersion: version,
    confidence: Math.min(1, 0.5 + (0.25 * score) / Math.max(threshold, 1)),
  };
}

/** The heaviest cue, the earliest in the segment on a tie, the first listed on a further tie. */
function strongestOf(positive: Hit[]): Hit {
  let best = positive[0];
  for (let k = 1; k < positive.length; k++) {
    const h = positive[k];
    if (h.weight > best.weight || (h.weight === best.weight && h.from < best.from)) best = h;
  }
  return best;
}
