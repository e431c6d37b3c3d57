// scrcode's command line: run, export, eval, stats. Every command prints --help.
import { resolve } from 'node:path';
import { loadCodebook } from '../codebook.js';
import { EXIT, openExistingDb, parseOptions, UsageError } from './common.js';
import { runCommand } from './runCommand.js';
import { evalCommand } from './evalCommand.js';
import { exportJsonl } from '../export/exportJsonl.js';
import { exportCsv } from '../export/exportCsv.js';
import { formatDatabaseSummary } from './summary.js';

const DEFAULT_DB = 'out/scrcode.db';

const USAGE = `scrcode — codes themes and risk factors in Serious Case Review reports

Usage:
  scrcode run <files or folders…> [--db PATH] [--concurrency N] [--timeout SECONDS] [--allow-skipped]
  scrcode export --format jsonl|csv [--db PATH] [--out FILE]
  scrcode eval --gold DIR [--db PATH] [--only NAMES] [--exclude NAMES] [--errors CODES] [--json]
  scrcode stats [--db PATH]

Run \`scrcode <command> --help\` for a command's options.
Exit status: 0 done; 1 error; 2 wrong command line; 3 (run) some documents were not analysed.`;

const HELP: Record<string, string> = {
  run: `scrcode run <files or folders…> [options]

Extracts, segments and codes every PDF, DOCX and TXT report in the given files and folders
(folders are searched recursively; other files are listed as skipped, not read) and stores
the result in one SQLite database. Documents are identified by the SHA-256 of their bytes:
an unchanged document with an unchanged lexicon is skipped, a changed lexicon re-tags the
stored segments without extracting again, and human decisions are never touched.

Options:
  --db PATH          database file (default ${DEFAULT_DB})
  --concurrency N    extraction workers (default: number of CPU cores, at most 4)
  --timeout SECONDS  time budget per document for extraction (default 120)
  --memory MB        heap cap per extraction worker (default 1024)
  --allow-skipped    exit 0 even when some documents could not be analysed
  --quiet            print only the summary
  --lexicons DIR     use the lexicons in DIR instead of the package's own lexicons/

Exit status: 0 every document coded (or unchanged); 3 some documents not analysed
(the summary says which and why); 1 a fatal error; 2 a wrong command line.`,
  export: `scrcode export --format jsonl|csv [--db PATH] [--out FILE]

jsonl: one line per segment (every segment, coded or not) with its codes, their context,
rule, evidence span, lexicon version, confidence and the current human decision.
csv: one row per (segment, code). Writes to standard output unless --out is given.`,
  eval: `scrcode eval --gold DIR [--db PATH] [--only NAMES] [--exclude NAMES] [--errors CODES] [--json]

Scores the coded documents against gold files (<document>.gold.json, the format of the
shared dev corpus): precision/recall/F1 per code and micro-averaged for themes and risk
factors at paragraph level, the document risk-factor checklist, the share of gold text the
segments recover, page furniture that leaked into segments, and how many negated,
hypothetical and generic mentions were kept out of "present".
--only / --exclude take comma-separated parts of document names, to score held-out
reports apart from the ones a lexicon was tuned on.
--errors CODES prints every paragraph where the coding of those codes (comma-separated)
disagrees with gold: for studying the reports a lexicon is tuned on, never the held-out ones.`,
  stats: `scrcode stats [--db PATH]

Summarises the database: documents coded and not analysed (with reasons), segments,
codes per theme and risk factor, and the risk-factor checklist per document.`,
};

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return command ? EXIT.ok : EXIT.usage;
  }
  if (!(command in HELP)) {
    console.error(`scrcode: unknown command "${command}"\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(HELP[command]);
    return EXIT.ok;
  }
  try {
    switch (command) {
      case 'run':
        return await runCommand(rest, DEFAULT_DB);
      case 'export':
        return await exportCommand(rest);
      case 'eval':
        return evalCommand(rest, DEFAULT_DB);
      default:
        return statsCommand(rest);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`scrcode ${command}: ${err.message}\n\n${HELP[command]}`);
      return EXIT.usage;
    }
    console.error(`scrcode ${command}: ${err instanceof Error ? err.message : String(err)}`);
    return EXIT.error;
  }
}

async function exportCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, { format: { type: 'string' }, db: { type: 'string', default: DEFAULT_DB }, out: { type: 'string' } });
  if (values.format !== 'jsonl' && values.format !== 'csv') throw new UsageError('--format must be jsonl or csv');
  const db = openExistingDb(values.db!);
  try {
    const target = values.out ? resolve(values.out) : process.stdout;
    const rows = values.format === 'jsonl' ? await exportJsonl(db, target) : await exportCsv(db, target);
    if (values.out) console.error(`Wrote ${rows} ${values.format === 'jsonl' ? 'segments' : 'rows'} to ${values.out}`);
    return EXIT.ok;
  } finally {
    db.close();
  }
}

function statsCommand(args: string[]): number {
  const { values } = parseOptions(args, { db: { type: 'string', default: DEFAULT_DB } });
  const db = openExistingDb(values.db!);
  try {
    console.log(formatDatabaseSummary(db, loadCodebook()));
    return EXIT.ok;
  } finally {
    db.close();
  }
}

