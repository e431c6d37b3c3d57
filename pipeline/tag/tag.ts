// The tagger: one generic engine over lexicon data. Per segment: tokenise once, walk the
// term trie, drop look-alikes and cues that do not count in this section, add proximity,
// co-occurrence and rule hits, set each risk factor's context, then score what the segment
// is about and keep one finding per (segment, code, context).
import type { CodeKind, Context, Finding, Segment, SegmentedDoc } from '../types.js';
import { contextOf, paragraphContext, triggerHits, type ContextResult, type TriggerHit } from './context.js';
import { countsIn, type CodeDef, type ContextTrigger, type CooccurrenceRule, type LexiconEntry, type Lexicon, type ProximityRule, type SectionRule } from './lexicon.js';
import { rules } from './rules/index.js';
import type { TagRule } from './rules/types.js';
import { sentenceOfTokens, tokenize, type Token } from './tokenize.js';
import { TokenTrie } from './trie.js';

type TermValue =
  | { kind: 'entry'; code: number; entry: LexiconEntry; weight: number }
  | { kind: 'exclusion'; code: number; id: string }
  | { kind: 'cue'; code: number; rule: ProximityRule; side: 'a' | 'b' }
  | { kind: 'co'; code: number; rule: CooccurrenceRule; list: number };

interface Cue { from: number; to: number; rule: ProximityRule; side: 'a' | 'b'; code: number }
interface CoCue { from: number; to: number; list: number }

interface Compiled {
  terms: TokenTrie<TermValue>;
  triggers: TokenTrie<ContextTrigger>;
  codes: CodeDef[];
  rulesByCode: { rule: TagRule; code: number }[];
  sectionRules: SectionRule[];
}

/** A candidate: a token range that counts toward a code, before scoring. `cue` tells distinct cues apart (the entry and the words matched). */
export interface Hit { code: number; id: string; cue: string; from: number; to: number; weight: number }

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
  lexicon.codes.forEach((code, i) => {
    for (const e of code.entries) for (const t of e.terms) terms.add(t, e.match ?? 'stemmed', { kind: 'entry', code: i, entry: e, weight: e.weight ?? 1 });
    for (const x of code.exclusions ?? []) for (const t of x.terms) terms.add(t, x.match ?? 'stemmed', { kind: 'exclusion', code: i, id: x.id });
    for (const p of code.proximity ?? []) {
      for (const t of p.a) terms.add(t, p.match ?? 'stemmed', { kind: 'cue', code: i, rule: p, side: 'a' });
      for (const t of p.b) terms.add(t, p.match ?? 'stemmed', { kind: 'cue', code: i, rule: p, side: 'b' });
    }
    for (const r of code.cooccurrence ?? []) r.all.forEach((list, k) => { for (const t of list) terms.add(t, r.match ?? 'stemmed', { kind: 'co', code: i, rule: r, list: k }); });
  });
  const triggers = new TokenTrie<ContextTrigger>();
  for (const t of lexicon.context.triggers) for (const term of t.terms) triggers.add(term, t.match ?? 'exact', t);
  const rulesByCode = lexicon.codes.flatMap((code, i) => Object.keys(code.rule_params ?? {}).map((id) => ({ rule: rules.get(id)!, code: i })));
  c = { terms, triggers, codes: lexicon.codes, rulesByCode, sectionRules: lexicon.context.section_rules };
  compiledCache.set(lexicon, c);
  return c;
}

/** Hits for one segment's tokens after exclusions and section filters, with proximity, co-occurrence and rule hits added. */
export function findHits(seg: Segment, tokens: Token[], sentenceOf: Int32Array, c: Compiled): Hit[] {
  const matches = c.terms.matchNodes(tokens);
  // Look-alike spans per code: most codes have none in a given segment, so most checks are one lookup.
  const excludedByCode = new Map<number, { from: number; to: number }[]>();
  for (const m of matches) {
    for (const v of m.values) {
      if (v.kind !== 'exclusion') continue;
      const list = excludedByCode.get(v.code);
      if (list) list.push(m);
      else excludedByCode.set(v.code, [m]);
    }
  }
  const overlapsExclusion = (code: number, from: number, to: number) =>
    excludedByCode.size > 0 && (excludedByCode.get(code)?.some((x) => x.from < to && from < x.to) ?? false);
  const hits: Hit[] = [];
  const cues: Cue[] = [];
  const coCues = new Map<CooccurrenceRule, { code: number; cues: CoCue[] }>();
  for (const m of matches) {
    for (const v of m.values) {
      if (v.kind === 'exclusion' || overlapsExclusion(v.code, m.from, m.to)) continue;
      if (v.kind === 'entry') {
        if (countsIn(v.entry, seg.section)) hits.push({ code: v.code, id: v.entry.id, cue: cueKey(v.entry.id, tokens, m.from, m.to), from: m.from, to: m.to, weight: v.weight });
      } else if (v.kind === 'cue') {
        if (countsIn(v.rule, seg.section)) cues.push({ from: m.from, to: m.to, rule: v.rule, side: v.side, code: v.code });
      } else if (countsIn(v.rule, seg.section)) {
        let found = coCues.get(v.rule);
        if (!found) coCues.set(v.rule, (found = { code: v.code, cues: [] }));
        found.cues.push({ from: m.from, to: m.to, list: v.list });
      }
    }
  }
  if (cues.length) hits.push(...proximityHits(cues, sentenceOf));
  for (const { rule, code } of c.rulesByCode) {
    const params = c.codes[code].rule_params![rule.meta.id] as Record<string, string[] | number>;
    for (const h of rule.find({ segment: seg, tokens, sentenceOf, params, code: c.codes[code] })) {
      if (!overlapsExclusion(code, h.from, h.to)) hits.push({ code, id: rule.meta.id, cue: rule.meta.id, from: h.from, to: h.to, weight: h.weight });
    }
  }
  const kept = dropContained(hits);
  // Added after dropContained: a co-occurrence hit spans one cue only, and a longer entry term around it must not swallow the rule.
  for (const [rule, { code, cues }] of coCues) kept.push(...cooccurrenceHits(rule, code, cues, sentenceOf));
  return kept;
}

function cueKey(id: string, tokens: Token[], from: number, to: number): string {
  let key = id;
  for (let i = from; i < to; i++) key += ' ' + tokens[i].stem;
  return key;
}

function proximityHits(cues: Cue[], sentenceOf: Int32Array): Hit[] {
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
  const out: Hit[] = [];
  for (const bySentence of buckets.values()) {
    for (const { a: as, b: bs } of bySentence.values()) for (const a of as) for (const b of bs) pairCues(a, b, out);
  }
  return out;
}

function pairCues(a: Cue, b: Cue, out: Hit[]): void {
  if (a.rule.order === 'a_first' && b.from < a.to) return;
  const gap = b.from >= a.to ? b.from - a.to : a.from - b.to;
  if (gap < 0 || gap > a.rule.window) return;
  out.push({ code: a.code, id: a.rule.id, cue: a.rule.id, from: Math.min(a.from, b.from), to: Math.max(a.to, b.to), weight: a.rule.weight ?? 1 });
}

/**
 * One hit per first-list cue that has, for every other list, a cue not overlapping it in the
 * same sentence (scope sentence) or anywhere in the segment (scope paragraph). Each qualifying
 * first-list cue is a hit so that a risk factor's context is judged where the evidence sits.
 */
function cooccurrenceHits(rule: CooccurrenceRule, code: number, cues: CoCue[], sentenceOf: Int32Array): Hit[] {
  const out: Hit[] = [];
  for (const anchor of cues) {
    if (anchor.list !== 0) continue;
    const near = (o: CoCue) => (o.to <= anchor.from || o.from >= anchor.to) && (rule.scope === 'paragraph' || sentenceOf[o.from] === sentenceOf[anchor.from]);
    let all = true;
    for (let k = 1; k < rule.all.length && all; k++) all = cues.some((o) => o.list === k && near(o));
    if (all) out.push({ code, id: rule.id, cue: rule.id, from: anchor.from, to: anchor.to, weight: rule.weight ?? 1 });
  }
  return out;
}

/** A term inside a longer term of the same code ("supervision" in "safeguarding supervision") is one cue, not two. */
function dropContained(hits: Hit[]): Hit[] {
  // Per code, sorted by start and then longest first: a hit is contained when an earlier,
  // longer hit reaches at least as far. One sweep instead of comparing every pair.
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
export function groupHits(seg: Segment, tokens: Token[], sentenceOf: Int32Array, hits: Hit[], c: Compiled): HitGroup[] {
  let triggers: TriggerHit[] | null = null;
  const groups = new Map<string, HitGroup>();
  const penalties = hits.filter((h) => h.weight < 0);
  for (const h of hits) {
    if (h.weight < 0) continue;
    const code = c.codes[h.code];
    let ctx: ContextResult = ASSERTED;
    if (code.kind === 'risk_factor') {
      triggers ??= triggerHits(c.triggers.matchAll(tokens), sentenceOf);
      ctx = contextFor(seg, code, h, triggers, sentenceOf, c);
    }
    const key = `${h.code}\0${ctx.context}`;
    const g = groups.get(key) ?? { code: h.code, ctx, hits: [] };
    g.hits.push(h);
    groups.set(key, g);
  }
  // A penalty says what the paragraph is about, whatever the context of the positive cues.
  for (const g of groups.values()) {
    const own = penalties.filter((p) => p.code === g.code);
    if (own.length) g.hits = [...g.hits, ...own];
  }
  return [...groups.values()];
}

const ASSERTED: ContextResult = { context: 'asserted', rule: null };

function contextFor(seg: Segment, code: CodeDef, h: Hit, triggers: TriggerHit[], sentenceOf: Int32Array, c: Compiled): ContextResult {
  const ignored = code.ignore_triggers;
  const applicable = ignored?.length ? triggers.filter((t) => !ignored.includes(t.trigger.id)) : triggers;
  const byTrigger = contextOf(h.from, h.to, applicable, sentenceOf);
  if (byTrigger.context !== 'asserted') return byTrigger;
  return paragraphContext(h.from, applicable, sentenceOf) ?? sectionContext(seg, code.kind, c) ?? byTrigger;
}

const sectionRuleCache = new WeakMap<Compiled, Map<string, ContextResult | null>>();

function sectionContext(seg: Segment, kind: CodeKind, c: Compiled): ContextResult | null {
  let cache = sectionRuleCache.get(c);
  if (!cache) sectionRuleCache.set(c, (cache = new Map()));
  const key = `${seg.section}\0${kind}`;
  if (!cache.has(key)) {
    const rule = c.sectionRules.find((r) => r.sections.includes(seg.section) && r.kinds.includes(kind));
    cache.set(key, rule ? { context: rule.context, rule: rule.id } : null);
  }
  return cache.get(key)!;
}

/**
 * Aboutness: score = the weights of the distinct positive cues (entry and words) + the section
 * bonus + the distinct penalties (negative weights); the code applies when there is a positive
 * cue and the score is positive and reaches the threshold.
 */
export function aboutness(ci: number, hits: Hit[], section: Segment['section'], c: Compiled): { score: number; threshold: number; positive: Hit[]; applies: boolean } {
  const code = c.codes[ci];
  const best = new Map<string, Hit>();
  for (const h of hits) if (!best.has(h.cue) || Math.abs(best.get(h.cue)!.weight) < Math.abs(h.weight)) best.set(h.cue, h);
  const positive = [...best.values()].filter((h) => h.weight > 0);
  // Summed in this order (positives, bonus, penalties) so that scores without penalties are bit-for-bit what they were.
  let score = 0;
  for (const h of positive) score += h.weight;
  score += code.section_bonus?.[section] ?? 0;
  for (const h of best.values()) if (h.weight < 0) score += h.weight;
  const threshold = code.threshold ?? 1;
  return { score, threshold, positive, applies: positive.length > 0 && score > 0 && score >= threshold };
}

/** The finding for a group that is about its code; evidence is the strongest positive cue. */
function scoreGroup({ code: ci, ctx, hits }: HitGroup, seg: Segment, tokens: Token[], c: Compiled, version: string): Finding | null {
  const code = c.codes[ci];
  const { score, threshold, positive, applies } = aboutness(ci, hits, seg.section, c);
  if (!applies) return null;
  const strongest = positive.sort((a, b) => b.weight - a.weight || a.from - b.from)[0];
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
