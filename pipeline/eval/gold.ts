import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export type NonPresentContext = 'negated' | 'hypothetical' | 'generic';

export interface GoldParagraph {
  text: string;
  codes: string[];
  non_present: Record<string, NonPresentContext>;
}

export interface GoldDocument {
  document: string;
  paragraphs: GoldParagraph[];
  profile: Record<string, unknown> & { risk_factors_present?: string[] };
}

/** Every `<document>.gold.json` in `dir`, in name order. */
export function loadGoldDocuments(dir: string): GoldDocument[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.gold.json')).sort();
  if (files.length === 0) throw new Error(`${dir}: no *.gold.json files`);
  return files.map((f) => {
    const data = JSON.parse(readFileSync(join(dir, f), 'utf8')) as GoldDocument;
    if (!Array.isArray(data.paragraphs)) throw new Error(`${f}: no "paragraphs" list`);
    return { ...data, document: data.document ?? basename(f, '.gold.json') };
  });
}

/** Keep documents whose name contains one of `only` (if given) and none of `exclude`. */
export function selectDocuments<T extends { document: string }>(docs: T[], only: string[], exclude: string[]): T[] {
  return docs.filter(
    (d) => (only.length === 0 || only.some((o) => d.document.includes(o))) && !exclude.some((x) => d.document.includes(x)),
  );
}
