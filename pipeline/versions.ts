import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lexiconDir } from './paths.js';

/**
 * Bump when extraction or segmentation code changes what it produces for the same bytes:
 * stored documents are then extracted and segmented again on the next run.
 */
export const SEGMENTATION_CODE_VERSION = 3;

/** Manifest keys of the lexicon files that extraction and segmentation read (not the tagger). */
export const SEGMENTATION_FILE_KEYS: readonly string[] = ['headings', 'abbreviations', 'hyphenation', 'page_numbers'];

/** The version of extraction + segmentation: code version plus a hash of their lexicon files. */
export function segmentationVersion(dir: string = lexiconDir()): string {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: Record<string, string> };
  const h = createHash('sha256');
  for (const key of SEGMENTATION_FILE_KEYS) {
    const file = join(dir, manifest.files[key] ?? `${key}.json`);
    h.update(key).update('\0').update(existsSync(file) ? readFileSync(file) : '').update('\0');
  }
  return `s${SEGMENTATION_CODE_VERSION}+${h.digest('hex').slice(0, 8)}`;
}
