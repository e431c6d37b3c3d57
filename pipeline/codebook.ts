import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeKind } from './types.js';
import { lexiconDir } from './paths.js';

export interface CodebookEntry {
  id: string;
  /** What people read ("Previous child protection history"). */
  label: string;
  kind: CodeKind;
  meaning: string;
}

export interface Codebook {
  codes: CodebookEntry[];
  themes: string[];
  riskFactors: string[];
  kindOf(code: string): CodeKind | undefined;
}

/** The codebook contract (lexicons/codebook.json), in the codebook's order. */
export function loadCodebook(dir = lexiconDir()): Codebook {
  const file = join(dir, 'codebook.json');
  const data = JSON.parse(readFileSync(file, 'utf8')) as { codes?: CodebookEntry[] };
  if (!Array.isArray(data.codes)) throw new Error(`${file}: "codes" must be a list`);
  const kinds = new Map<string, CodeKind>();
  for (const c of data.codes) {
    if (c.kind !== 'theme' && c.kind !== 'risk_factor') throw new Error(`${file}: code "${c.id}" has kind "${c.kind}"`);
    if (kinds.has(c.id)) throw new Error(`${file}: code "${c.id}" is listed twice`);
    if (typeof c.label !== 'string' || !c.label.trim()) throw new Error(`${file}: code "${c.id}" has no label`);
    kinds.set(c.id, c.kind);
  }
  return {
    codes: data.codes,
    themes: data.codes.filter((c) => c.kind === 'theme').map((c) => c.id),
    riskFactors: data.codes.filter((c) => c.kind === 'risk_factor').map((c) => c.id),
    kindOf: (code) => kinds.get(code),
  };
}
