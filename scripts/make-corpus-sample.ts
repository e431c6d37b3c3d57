// Writes the fictional sample corpus into corpus-sample/ (or the folder given).
import { resolve } from 'node:path';
import { makeCorpusSample } from './corpus/sample.js';

const dir = resolve(process.argv[2] ?? 'corpus-sample');
const started = performance.now();
const files = await makeCorpusSample(dir);
for (const f of files) console.log(`${f.file}: ${f.pageCount ?? '-'} pages, ${f.paragraphCount} paragraphs`);
console.log(`wrote ${files.length} reports to ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
