// `scrcode report`: the annual report as self-contained HTML and as Markdown.
import { mkdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCodebook } from '../codebook.js';
import { BASES, type Basis } from '../query/coded.js';
import { redactDocument, redactFreeText, type RedactedDocument } from '../redact/index.js';
import { buildReport, type Redactor } from '../report/build.js';
import { renderHtml, renderMarkdown } from '../report/render.js';
import type { Db } from '../store/db.js';
import { recordExport } from '../store/exports.js';
import { EXIT, openExistingDb, parseOptions, UsageError } from './common.js';

export function reportCommand(args: string[], defaultDb: string): number {
  const { values } = parseOptions(args, {
    db: { type: 'string', default: defaultDb }, year: { type: 'string' }, out: { type: 'string', default: 'out/report' },
    basis: { type: 'string', default: 'in_force' }, 'no-redact': { type: 'boolean', default: false }, 'suppress-below': { type: 'string', default: '0' },
  });
  const year = values.year === undefined ? undefined : Number(values.year);
  if (year !== undefined && !(Number.isInteger(year) && year >= 1990 && year <= 2100)) throw new UsageError('--year must be a year such as 2014');
  if (!BASES.includes(values.basis as Basis)) throw new UsageError(`--basis must be one of ${BASES.join(', ')}`);
  const suppressBelow = Number(values['suppress-below']);
  if (!Number.isInteger(suppressBelow) || suppressBelow < 0 || suppressBelow > 100) throw new UsageError('--suppress-below must be a whole number (5 is usual; 0 shows every count)');
  const redacted = !values['no-redact'];
  const db = openExistingDb(values.db!);
  try {
    const model = buildReport(db, loadCodebook(), {
      year, basis: values.basis as Basis, suppressBelow, redacted, redactor: redacted ? documentRedactor(db) : plainText(db),
    });
    const dir = resolve(values.out!);
    mkdirSync(dir, { recursive: true });
    const stem = `scrcode-report${year === undefined ? '' : `-${year}`}`;
    const files = { html: join(dir, `${stem}.html`), md: join(dir, `${stem}.md`) };
    writeFileSync(files.html, renderHtml(model));
    writeFileSync(files.md, renderMarkdown(model));
    for (const [format, target] of [['report-html', files.html], ['report-md', files.md]]) {
      recordExport(db, { exportedBy: userInfo().username, format, target, redacted, scope: year === undefined ? null : `year ${year}`, rows: model.reviews });
    }
    console.error(`Wrote ${files.html} and ${files.md}: ${model.reviews} review(s)${redacted ? ', quotes redacted' : ', quotes NOT redacted'}.`);
    return EXIT.ok;
  } finally {
    db.close();
  }
}

function documentText(db: Db, documentId: number): string {
  return (db.prepare('SELECT text FROM documents WHERE id = ?').get(documentId) as { text: string }).text;
}

/** Each document is analysed for people once; its quotes, file name and free text then share its labels. */
function documentRedactor(db: Db): Redactor {
  const cache = new Map<number, RedactedDocument>();
  const of = (documentId: number) => {
    let doc = cache.get(documentId);
    if (!doc) cache.set(documentId, (doc = redactDocument({ text: documentText(db, documentId) })));
    return doc;
  };
  return {
    quote: (documentId, start, end) => of(documentId).redactSlice(start, end).text,
    text: (documentId, text) => of(documentId).redactFileName(text),
    freeText: (documentId, text) => redactFreeText(of(documentId), text),
  };
}

function plainText(db: Db): Redactor {
  const texts = new Map<number, string>();
  const textOf = (documentId: number) => texts.get(documentId) ?? texts.set(documentId, documentText(db, documentId)).get(documentId)!;
  return { quote: (documentId, start, end) => textOf(documentId).slice(start, end), text: (_id, text) => text, freeText: (_id, text) => text };
}
