// Random but reproducible report specs for the benchmark corpus, built from the same
// templates as the sample corpus; only the cast, risks, structure and length vary.
import type { Rng } from './prng.js';
import type { ItemSpec, ReportSpec, SectionSpec } from './spec.js';
import { readData } from './data.js';

interface BenchData {
  areas: string[]; letters: string[]; surnames: string[]; schools: string[]; hospitals: string[];
  ethnicities: string[]; harms: string[]; agencies: string[]; optionalRisks: string[];
  headingVariants: Record<'family' | 'chronology' | 'agencies' | 'analysis' | 'conclusions' | 'recommendations', string[]>;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Generated paragraphs per laid-out page, measured on the sample's long report (688 paragraphs, 61 pages). */
export const PARAGRAPHS_PER_PAGE = 11.3;

export function benchSpec(index: number, rng: Rng, targetParagraphs: number, format: 'pdf' | 'docx'): ReportSpec {
  const d = readData<BenchData>('bench.json');
  const area = rng.pick(d.areas);
  const letter = rng.pick(d.letters);
  const year = rng.int(2008, 2015);
  const commissioned = new Date(Date.UTC(year, rng.int(0, 11), rng.int(1, 28)));
  const completed = new Date(commissioned.getTime() + rng.int(150, 420) * 86_400_000);
  const risks = rng.shuffle(d.optionalRisks).slice(0, rng.int(2, 6));
  const ethnicity = rng.pick(d.ethnicities);
  if (!/^White (British|Irish)$|^Polish$/.test(ethnicity)) risks.push('bme');
  const child = `Child ${letter}`;
  const h = d.headingVariants;
  const chronoRuns = rng.int(3, 6);
  const share = (part: number) => Math.max(3, Math.round(targetParagraphs * part));
  const chronology: ItemSpec[] = Array.from({ length: chronoRuns }, (_, i) => [
    { sub: `Period ${i + 1}` } as ItemSpec, { generate: 'chronology', count: share(0.55 / chronoRuns) } as ItemSpec,
  ]).flat();
  const sections: SectionSpec[] = [
    { heading: 'Introduction', items: [`This overview report was commissioned by the ${area} Local Safeguarding Children Board after serious harm to ${child}. It is a fictional report written for benchmarking.`] },
    { heading: rng.pick(h.family), items: [{ generate: 'analysis', count: share(0.04) }] },
    { heading: rng.pick(h.chronology), items: chronology },
    { heading: rng.pick(h.agencies), items: [{ generate: 'agency', count: share(0.12) }] },
    { heading: rng.pick(h.analysis), items: [{ generate: 'analysis', count: share(0.25) }] },
    { heading: rng.pick(h.conclusions), items: [{ generate: 'analysis', count: share(0.03) }] },
    { heading: rng.pick(h.recommendations), items: [{
      recs: Array.from({ length: rng.int(3, 12) }, (_, i) => ({ t: `The Board should act on finding ${i + 1} of this review and report on progress within ${rng.int(3, 12)} months.` })),
      style: rng.pick(['paragraphs', 'table', 'prefixed'] as const),
    }] },
  ];
  return {
    id: `bench_${String(index + 1).padStart(3, '0')}_${area.toLowerCase().replace(/\W+/g, '_')}_child_${letter.toLowerCase()}`,
    format, summary: `benchmark report ${index + 1}`, created: iso(completed),
    title: `${area} Local Safeguarding Children Board – Serious Case Review – ${child}`,
    header: rng.chance(0.8) ? `CONFIDENTIAL – ${area} LSCB SCR ${child}` : null,
    footer: rng.pick(['page_n_of_m', 'page_n_of_m', 'bare', 'dash'] as const),
    numbering: rng.pick(['section', 'section', 'continuous', 'none'] as const),
    pdf: { bodyFont: rng.pick(['Times-Roman', 'Helvetica'] as const), justify: rng.chance(0.5), hyphenate: rng.chance(0.3), hangingNumbers: rng.chance(0.3) },
    cast: {
      child, mother: `Ms ${letter}`, partner: `Mr ${rng.pick(d.surnames)}`, hv: 'the health visitor', sw: 'the social worker',
      gp: `Dr ${rng.pick(d.surnames)}`, school: rng.pick(d.schools), hospital: `${area} ${rng.pick(d.hospitals)}`, area,
      manager: 'the team manager', sibling: `${letter}'s brother`,
    },
    caseRisk: risks, chronologyStart: iso(new Date(commissioned.getTime() - 4 * 365 * 86_400_000)), chronologyStepDays: [1, 6],
    seed: rng.int(1, 2 ** 31),
    profile: {
      area: `${area} LSCB`, child_age_months: rng.int(1, 190), gender: rng.pick(['male', 'female'] as const), ethnicity,
      outcome: rng.pick(['died', 'seriously_harmed'] as const), nature_of_harm: rng.pick(d.harms),
      agencies: rng.shuffle(d.agencies).slice(0, rng.int(4, 9)), review_commissioned: iso(commissioned), review_completed: iso(completed),
    },
    sections,
  };
}
