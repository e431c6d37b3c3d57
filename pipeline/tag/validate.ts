import { readFileSync } from 'node:fs';
// A small validator for the JSON-Schema subset our lexicon schemas use. No schema library is
// installed and the subset is tiny; the point is messages a lexicon author can act on:
// file, entry id, path, and for unknown keys the list of allowed ones.

export interface Schema {
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  enum?: unknown[];
  items?: Schema;
  minItems?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  $ref?: string;
  definitions?: Record<string, Schema>;
}

/** Returns problems as "path: message" lines; empty when the value is valid. */
export function validate(value: unknown, schema: Schema): string[] {
  const problems: string[] = [];
  check(value, schema, schema, '', problems);
  return problems;
}

function resolve(s: Schema, root: Schema): Schema {
  if (!s.$ref) return s;
  const name = s.$ref.replace('#/definitions/', '');
  const target = root.definitions?.[name];
  if (!target) throw new Error(`schema: unknown $ref ${s.$ref}`);
  return { ...target, ...s, $ref: undefined };
}

function typeOf(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function check(v: unknown, raw: Schema, root: Schema, path: string, out: string[]): void {
  const s = resolve(raw, root);
  const at = path || '(root)';
  const t = typeOf(v);
  if (s.type && !(t === s.type || (s.type === 'number' && t === 'integer'))) {
    out.push(`${at}: expected ${s.type}, got ${t}`);
    return;
  }
  if (s.enum && !s.enum.includes(v)) out.push(`${at}: ${JSON.stringify(v)} is not one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`);
  if (typeof v === 'string' && s.pattern && !new RegExp(s.pattern, 'u').test(v)) out.push(`${at}: ${JSON.stringify(v)} does not match /${s.pattern}/`);
  if (typeof v === 'number') {
    if (s.minimum !== undefined && v < s.minimum) out.push(`${at}: ${v} is below the minimum ${s.minimum}`);
    if (s.maximum !== undefined && v > s.maximum) out.push(`${at}: ${v} is above the maximum ${s.maximum}`);
  }
  if (Array.isArray(v)) {
    if (s.minItems !== undefined && v.length < s.minItems) out.push(`${at}: needs at least ${s.minItems} item(s)`);
    if (s.items) v.forEach((item, i) => check(item, s.items!, root, `${path}[${i}]`, out));
  }
  if (t === 'object') checkObject(v as Record<string, unknown>, s, root, path, out);
}

function checkObject(o: Record<string, unknown>, s: Schema, root: Schema, path: string, out: string[]): void {
  const props = s.properties ?? {};
  for (const key of s.required ?? []) if (!(key in o)) out.push(`${path || '(root)'}: missing required key "${key}"`);
  for (const [key, val] of Object.entries(o)) {
    const sub = props[key];
    const p = path ? `${path}.${key}` : key;
    if (sub) check(val, sub, root, p, out);
    else if (s.additionalProperties === false) out.push(`${p}: unknown key "${key}"; allowed keys: ${Object.keys(props).join(', ')}`);
    else if (typeof s.additionalProperties === 'object') check(val, s.additionalProperties, root, p, out);
  }
}

/** Reads a lexicon file as JSON; a syntax error names the file. */
export function readLexiconJson<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (e) {
    throw new Error(`lexicon ${file}: ${(e as Error).message}`);
  }
}
