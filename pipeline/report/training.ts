// The training framework's priorities and the themes that evidence them (lexicons/training.json).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Codebook } from '../codebook.js';
import { lexiconDir } from '../paths.js';

export interface TrainingPriority { id: string; label: string; themes: string[]; note: string }

/** Loads and checks the priorities: every theme must be a codebook theme, ids unique. */
export function loadTrainingPriorities(codebook: Codebook, dir = lexiconDir()): TrainingPriority[] {
  const file = join(dir, 'training.json');
  const data = JSON.parse(readFileSync(file, 'utf8')) as { priorities?: unknown };
  if (!Array.isArray(data.priorities)) throw new Error(`${file}: "priorities" must be a list`);
  const seen = new Set<string>();
  return data.priorities.map((p: Partial<TrainingPriority>, i) => {
    const where = `${file}: priority ${p?.id ?? `#${i + 1}`}`;
    if (typeof p.id !== 'string' || !/^[a-z_]+$/.test(p.id)) throw new Error(`${where}: "id" must be lower_snake_case`);
    if (seen.has(p.id)) throw new Error(`${where}: listed twice`);
    seen.add(p.id);
    if (typeof p.label !== 'string' || !p.label) throw new Error(`${where}: "label" is missing`);
    if (typeof p.note !== 'string') throw new Error(`${where}: "note" is missing`);
    if (!Array.isArray(p.themes) || !p.themes.length) throw new Error(`${where}: "themes" must be a non-empty list`);
    for (const t of p.themes) if (codebook.kindOf(t) !== 'theme') throw new Error(`${where}: "${t}" is not a theme of the codebook`);
    return { id: p.id, label: p.label, themes: p.themes, note: p.note };
  });
}
