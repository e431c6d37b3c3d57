// Copies of lexicons/ with redaction.json edited, for tests that show a wording is data.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { loadRedactionLexicon, type RedactionLexicon } from '../../pipeline/redact/index.js';
import { packageRoot } from '../../pipeline/paths.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A copy of lexicons/ with redaction.json edited by `edit`; removed after the file's tests. */
export function editedLexiconDir(edit: (data: any) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'scrcode-redact-lex-'));
  dirs.push(dir);
  cpSync(join(packageRoot(), 'lexicons'), dir, { recursive: true });
  const file = join(dir, 'redaction.json');
  const data = JSON.parse(readFileSync(file, 'utf8'));
  edit(data);
  writeFileSync(file, JSON.stringify(data));
  return dir;
}

/** The redaction lexicon of such a copy, loaded (and so checked). */
export const editedLexicon = (edit: (data: any) => void): RedactionLexicon => loadRedactionLexicon(editedLexiconDir(edit));
