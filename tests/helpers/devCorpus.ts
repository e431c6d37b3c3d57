import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The labelled development corpus: ../shared/dev-corpus beside the repository (as in CI), or
 * wherever SCRCODE_DEV_CORPUS points. Tests that need it say so loudly when it is missing.
 */
export const DEV_CORPUS = process.env.SCRCODE_DEV_CORPUS ?? join(fileURLToPath(new URL('../..', import.meta.url)), '..', 'shared', 'dev-corpus');

export const HAS_DEV_CORPUS = existsSync(DEV_CORPUS);
if (!HAS_DEV_CORPUS) console.warn(`dev corpus not found at ${DEV_CORPUS}: tests that need it are skipped (set SCRCODE_DEV_CORPUS)`);
