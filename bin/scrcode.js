#!/usr/bin/env node
// The CLI is written in TypeScript and compiled to dist/ by `npm ci` (prepare) or `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const main = fileURLToPath(new URL('../dist/pipeline/cli/main.js', import.meta.url));
if (!existsSync(main)) {
  console.error('scrcode: not built yet; run `npm run build` in the scrcode folder first.');
  process.exit(70);
}
// A reader that stops early (`scrcode export … | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}
const { runCli } = await import(main);
process.exitCode = await runCli(process.argv.slice(2));
