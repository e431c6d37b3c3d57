// Generated chronology and analysis paragraphs, built from sentence templates in
// data/templates.json. Each template carries its own risk tags, so the generator still
// knows what every generated paragraph asserts, negates or mentions generically.
import type { Rng } from './prng.js';
import type { RiskTags } from './model.js';
import { mergeTags, parseTags } from './tags.js';
import { readData } from './data.js';

interface Template { t: string; tags?: string }
/** A paragraph recipe: which template pools to draw a sentence from, in order. */
interface Recipe { pools: string[]; optional?: string[] }
interface TemplateData {
  pools: Record<string, Template[]>;
  recipes: Record<string, Recipe[]>;
}

export interface GenContext {
  rng: Rng;
  cast: Record<string, string>;
  caseRisk: string[];
  /** Running date of the chronology, advanced by every {date}. */
  date: Date;
  stepDays: [number, number];
}

let cached: TemplateData | null = null;
const templates = (): TemplateData => (cached ??= readData<TemplateData>('templates.json'));

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function formatDate(d: Date): string {
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** A template fits the case when it asserts only factors the case has and denies only ones it lacks. */
function fitsCase(tags: RiskTags, caseRisk: string[]): boolean {
  if (!tags.present.every((c) => caseRisk.includes(c))) return false;
  return Object.entries(tags.nonPresent).every(([c, ctx]) => ctx === 'generic' || !caseRisk.includes(c));
}

function fill(text: string, ctx: GenContext): string {
  return text.replace(/\{(\w+)\}/g, (_, slot: string) => {
    if (slot === 'date') {
      ctx.date = new Date(ctx.date.getTime() + ctx.rng.int(ctx.stepDays[0], ctx.stepDays[1]) * 86_400_000);
      return formatDate(ctx.date);
    }
    if (slot === 'month') return `${MONTHS[ctx.date.getUTCMonth()]} ${ctx.date.getUTCFullYear()}`;
    if (slot === 'weeks') return String(ctx.rng.int(2, 9));
    const value = ctx.cast[slot];
    if (value === undefined) throw new Error(`templates.json: slot {${slot}} has no value in the report's cast`);
    return value;
  });
}

function drawSentence(pool: string, ctx: GenContext, used: Set<string>): { text: string; tags: RiskTags } | null {
  const all = templates().pools[pool];
  if (!all) throw new Error(`templates.json: no pool "${pool}"`);
  const fitting = all.filter((tpl) => fitsCase(parseTags(tpl.tags ?? '', `templates.json ${pool}`), ctx.caseRisk));
  if (fitting.length === 0) return null;
  // Prefer templates not used recently so long reports do not repeat themselves.
  const fresh = fitting.filter((tpl) => !used.has(tpl.t));
  const tpl = ctx.rng.pick(fresh.length > 0 ? fresh : fitting);
  used.add(tpl.t);
  if (used.size > fitting.length * 0.8) used.clear();
  return { text: fill(tpl.t, ctx), tags: parseTags(tpl.tags ?? '', `templates.json ${pool}`) };
}

const usedByPool = new WeakMap<GenContext, Set<string>>();

/** Writes one generated paragraph of the given kind ("chronology", "analysis", …). */
export function generateParagraph(kind: string, ctx: GenContext): { text: string; tags: RiskTags } {
  const recipes = templates().recipes[kind];
  if (!recipes) throw new Error(`templates.json: no recipes for "${kind}"`);
  const recipe = ctx.rng.pick(recipes);
  let used = usedByPool.get(ctx);
  if (!used) usedByPool.set(ctx, (used = new Set()));
  const pools = [...recipe.pools, ...(recipe.optional ?? []).filter(() => ctx.rng.chance(0.5))];
  const sentences = pools.map((p) => drawSentence(p, ctx, used)).filter((s) => s !== null);
  return { text: sentences.map((s) => s.text).join(' '), tags: mergeTags(sentences.map((s) => s.tags)) };
}
