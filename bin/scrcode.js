#!/usr/bin/env node
// The CLI is written in TypeScript and compiled to dist/ by `npm ci` (prepare) or `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const main = fileURLToPath(new URL('../dist/pipeline/cli/main.js', import.meta.url));
if (!existsSync(main)) {
  console.error('scrcode: not built yet; run `npm run build` in the scrcode folder first.');
  process.exit(70);
}
const { runCli } = await import(main);
process.exitCode = await runCli(process.argv.slice(2));
