import { RISK_FACTORS, type NonPresentContext, type RiskTags } from './model.js';

const CONTEXT_BY_SIGIL: Record<string, NonPresentContext | 'present'> = {
  '+': 'present', '-': 'negated', '?': 'hypothetical', '~': 'generic',
};

export const noTags = (): RiskTags => ({ present: [], nonPresent: {} });

/** Parses the compact tag notation of the data files: "+neglect -substance_misuse ?immigration ~bme". */
export function parseTags(notation: string, where: string): RiskTags {
  const tags = noTags();
  for (const token of notation.split(/\s+/).filter(Boolean)) {
    const context = CONTEXT_BY_SIGIL[token[0]];
    const code = token.slice(1);
    if (!context || !(RISK_FACTORS as readonly string[]).includes(code)) {
      throw new Error(`${where}: bad risk tag "${token}" (use +code, -code, ?code or ~code with a codebook risk factor)`);
    }
    if (context === 'present') tags.present.push(code);
    else tags.nonPresent[code] = context;
  }
  return mergeTags([tags]);
}

/** Unions paragraph tags; a factor asserted anywhere is present and never also non-present. */
export function mergeTags(all: RiskTags[]): RiskTags {
  const present = [...new Set(all.flatMap((t) => t.present))];
  const nonPresent: Record<string, NonPresentContext> = {};
  for (const t of all) {
    for (const [code, ctx] of Object.entries(t.nonPresent)) {
      if (!present.includes(code) && !(code in nonPresent)) nonPresent[code] = ctx;
    }
  }
  return { present: sortCodes(present), nonPresent: Object.fromEntries(sortCodes(Object.keys(nonPresent)).map((c) => [c, nonPresent[c]])) };
}

export function sortCodes(codes: string[]): string[] {
  const order = RISK_FACTORS as readonly string[];
  return [...codes].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}
