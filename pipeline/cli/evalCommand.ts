import { resolve } from 'node:path';
import { loadCodebook } from '../codebook.js';
import { evaluate, type PredictedDocument } from '../eval/evaluate.js';
import { formatEvalReport, formatProfileMismatches } from '../eval/formatReport.js';
import { loadGoldDocuments, selectDocuments } from '../eval/gold.js';
import { loadCodedDocuments } from '../eval/loadPredictions.js';
import { EXIT, openExistingDb, parseOptions, UsageError } from './common.js';

export function evalCommand(args: string[], defaultDb: string): number {
  const { values } = parseOptions(args, {
    gold: { type: 'string' },
    db: { type: 'string', default: defaultDb },
    only: { type: 'string', default: '' },
    exclude: { type: 'string', default: '' },
    json: { type: 'boolean', default: false },
    errors: { type: 'string', default: '' },
  });
  if (!values.gold) throw new UsageError('--gold DIR is required');
  const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
  const gold = selectDocuments(loadGoldDocuments(resolve(values.gold)), list(values.only!), list(values.exclude!));
  if (gold.length === 0) throw new UsageError('--only/--exclude left no gold documents');
  const codebook = loadCodebook();
  const db = openExistingDb(values.db!);
  let predicted: PredictedDocument[];
  try {
    predicted = loadCodedDocuments(db, new Set(gold.map((g) => g.document)));
  } finally {
    db.close();
  }
  const errorsFor = new Set(list(values.errors!));
  // "--errors profile" lists the profile fields that disagree with gold; the other names are codes.
  const profileErrors = errorsFor.delete('profile');
  const report = evaluate(gold, predicted, codebook, errorsFor);
  console.log(values.json ? JSON.stringify(report, null, 2) : formatEvalReport(report, codebook));
  if (profileErrors && !values.json && report.profile.mismatches.length) console.log(`\n${formatProfileMismatches(report.profile)}`);
  for (const e of report.errors) {
    console.log(`\n${e.kind === 'false_positive' ? 'FP' : 'FN'} ${e.code}${e.goldContext ? ` (gold: ${e.goldContext})` : ''} — ${e.document} ¶${e.paragraph}\n  ${e.text}`);
  }
  return report.missingDocuments.length === gold.length ? EXIT.error : EXIT.ok;
}
