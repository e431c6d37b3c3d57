// Scores the tagger against the dev corpus gold files, paragraph by paragraph: each gold
// paragraph becomes a segment; a short unpunctuated paragraph is a heading that sets the
// section for what follows (a stand-in until the lead's segmenter exists).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context, Finding, Segment, SectionId, SegmentedDoc } from '../../pipeline/types.js';
import type { Lexicon } from '../../pipeline/tag/lexicon.js';
import { tagDocument } from '../../pipeline/tag/tag.js';

export const DEV_CORPUS = '/work/shared/dev-corpus';
export const TUNE = ['hallowfield', 'stanbury', 'brindlewick', 'lindenford', 'tarrowdale', 'wexcombe', 'quillbury', 'pennacott', 'selbrook', 'milbourne'];
export const HOLD_OUT = ['ravensholt_scr_child_n', 'kingsmere', 'oakhurst_vale', 'barrowdene', 'fallowfield_cross', 'ellerby'];

interface GoldParagraph { text: string; codes: string[]; non_present: Record<string, string> }
interface Gold { document: string; paragraphs: GoldParagraph[] }

const sectionGuess: [string, SectionId][] = JSON.parse(readFileSync(new URL('./fixtures/section-guess.json', import.meta.url), 'utf8')).rules;
const NON_PRESENT: ReadonlySet<Context> = new Set(['negated', 'hypothetical', 'generic']);

export function goldFile(prefix: string): string {
  const files = readdirGold().filter((f) => f.startsWith(prefix));
  if (files.length !== 1) throw new Error(`gold for "${prefix}": ${files.join(', ') || 'none'}`);
  return join(DEV_CORPUS, files[0]);
}

function readdirGold(): string[] {
  return readdirSync(DEV_CORPUS).filter((f) => f.endsWith('.gold.json'));
}

function isHeading(text: string): boolean {
  return text.length < 90 && !/[.?:;]$/.test(text.trim()) && text.split(/\s+/).length <= 12;
}

function guessSection(heading: string, current: SectionId): SectionId {
  const h = heading.toLowerCase();
  for (const [kw, section] of sectionGuess) if (h.includes(kw)) return section;
  return current;
}

const SENTENCE_END = /[.!?]["')]?\s+(?=["'(]?[A-Z0-9])/g;

function sentenceSpans(text: string, offset: number): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let from = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    const end = m.index! + m[0].trimEnd().length;
    if (/\b(?:Dr|Mr|Mrs|Ms|e\.g|i\.e|s|No|St)\.$/.test(text.slice(from, end))) continue;
    spans.push({ start: offset + from, end: offset + end });
    from = m.index! + m[0].length;
  }
  if (from < text.length) spans.push({ start: offset + from, end: offset + text.length });
  return spans;
}

export function goldToDoc(gold: Gold): SegmentedDoc {
  const segments: Segment[] = [];
  let section: SectionId = 'front_matter';
  let heading: string | null = null;
  let offset = 0;
  gold.paragraphs.forEach((p, index) => {
    const kind = isHeading(p.text) ? 'heading' : 'paragraph';
    if (kind === 'heading') {
      section = guessSection(p.text, section);
      heading = p.text;
    }
    segments.push({ index, kind, section, heading, paragraph: null, page: null, start: offset, end: offset + p.text.length, text: p.text, sentences: sentenceSpans(p.text, offset) });
    offset += p.text.length + 2;
  });
  return { text: gold.paragraphs.map((p) => p.text).join('\n\n'), segments };
}

export interface Counts { tp: number; fp: number; fn: number }
export interface HarnessResult {
  themes: Counts;
  risks: Counts;
  perCode: Map<string, Counts>;
  nonPresent: { total: number; keptOut: number };
  errors: { doc: string; paragraph: number; code: string; kind: 'fp' | 'fn'; text: string; evidence?: string }[];
  segments: number;
  findings: Finding[][];
}

export function runHarness(prefixes: string[], lexicon: Lexicon): HarnessResult {
  const kinds = new Map(lexicon.codes.map((c) => [c.code, c.kind]));
  const r: HarnessResult = { themes: zero(), risks: zero(), perCode: new Map(), nonPresent: { total: 0, keptOut: 0 }, errors: [], segments: 0, findings: [] };
  for (const prefix of prefixes) {
    const gold = JSON.parse(readFileSync(goldFile(prefix), 'utf8')) as Gold;
    const doc = goldToDoc(gold);
    const findings = tagDocument(doc, lexicon);
    r.findings.push(findings);
    r.segments += doc.segments.length;
    const present = new Map<number, Map<string, Finding>>();
    for (const f of findings) {
      if (NON_PRESENT.has(f.context)) continue;
      const m = present.get(f.segment) ?? new Map<string, Finding>();
      m.set(f.code, f);
      present.set(f.segment, m);
    }
    gold.paragraphs.forEach((p, i) => {
      const got = present.get(i) ?? new Map<string, Finding>();
      const want = new Set(p.codes);
      for (const code of new Set([...want, ...got.keys()])) {
        const c = kinds.get(code) === 'theme' ? r.themes : r.risks;
        const pc = r.perCode.get(code) ?? zero();
        r.perCode.set(code, pc);
        const outcome = want.has(code) ? (got.has(code) ? 'tp' : 'fn') : 'fp';
        c[outcome]++;
        pc[outcome]++;
        if (outcome !== 'tp') r.errors.push({ doc: prefix, paragraph: i, code, kind: outcome, text: p.text, evidence: got.get(code)?.evidence });
      }
      for (const code of Object.keys(p.non_present)) {
        r.nonPresent.total++;
        if (!got.has(code)) r.nonPresent.keptOut++;
      }
    });
  }
  return r;
}

function zero(): Counts { return { tp: 0, fp: 0, fn: 0 }; }

export function prf(c: Counts): { p: number; r: number; f1: number } {
  const p = c.tp / (c.tp + c.fp || 1);
  const r = c.tp / (c.tp + c.fn || 1);
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

export function report(name: string, r: HarnessResult): string {
  const fmt = (c: Counts) => { const x = prf(c); return `P ${x.p.toFixed(3)} R ${x.r.toFixed(3)} F1 ${x.f1.toFixed(3)} (tp ${c.tp} fp ${c.fp} fn ${c.fn})`; };
  const lines = [`== ${name}: ${r.segments} segments`, `themes       ${fmt(r.themes)}`, `risk factors ${fmt(r.risks)}`,
    `non-present kept out: ${r.nonPresent.keptOut}/${r.nonPresent.total} = ${(r.nonPresent.keptOut / (r.nonPresent.total || 1)).toFixed(3)}`];
  for (const [code, c] of [...r.perCode].sort()) lines.push(`  ${code.padEnd(26)} ${fmt(c)}`);
  return lines.join('\n');
}
