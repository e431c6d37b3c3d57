// scrcode's command line: run, export, eval, stats. Every command prints --help.
import { resolve } from 'node:path';
import { loadCodebook } from '../codebook.js';
import { EXIT, openExistingDb, parseOptions, UsageError } from './common.js';
import { runCommand } from './runCommand.js';
import { reviewCommand, DEFAULT_REVIEW_PORT } from './reviewCommand.js';
import { queryCommand, sqlCommand } from './queryCommand.js';
import { reportCommand } from './reportCommand.js';
import { evalCommand } from './evalCommand.js';
import { agreementCommand } from './agreementCommand.js';
import { EXPORT_FORMATS } from '../export/formats.js';
import { recordExport } from '../store/exports.js';
import { userInfo } from 'node:os';
import { formatDatabaseSummary } from './summary.js';

const DEFAULT_DB = 'out/scrcode.db';

const USAGE = `scrcode — codes themes and risk factors in Serious Case Review reports

Usage:
  scrcode run <files or folders…> [--db PATH] [--concurrency N] [--timeout SECONDS] [--allow-skipped]
  scrcode export --format FORMAT [--db PATH] [--out FILE] [--redact]
  scrcode eval --gold DIR [--db PATH] [--only NAMES] [--exclude NAMES] [--errors CODES] [--json]
  scrcode query prevalence|crosstab|cooccurrence|kwic|recommendations|quality [options] [--format table|csv|json]
  scrcode sql "SELECT …" [--db PATH] [--format table|csv|json]
  scrcode report [--year YYYY] [--out DIR] [--basis in_force|proposed|confirmed] [--suppress-below N] [--no-redact] [--db PATH]
  scrcode review [--db PATH] [--port N] [--reviewer NAME]
  scrcode stats [--db PATH]
  scrcode agreement [--db PATH] [--json]

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
  export: `scrcode export --format FORMAT [--db PATH] [--out FILE] [--redact]

${Object.entries(EXPORT_FORMATS).map(([name, f]) => `  ${name.padEnd(14)} ${f.description}`).join('\n')}

Writes to standard output unless --out is given (formats that write a file need it).
--redact replaces names, dates of birth, addresses and phone numbers in every format that holds report text (all but qdc, the codebook alone).
Every export is recorded in the database: who, when, which format, redacted or not, how many rows.`,
  eval: `scrcode eval --gold DIR [--db PATH] [--only NAMES] [--exclude NAMES] [--errors CODES] [--json]

Scores the coded documents against gold files (<document>.gold.json, the format of the
shared dev corpus): precision/recall/F1 per code and micro-averaged for themes and risk
factors at paragraph level, the document risk-factor checklist, the share of gold text the
segments recover, page furniture that leaked into segments, how many negated,
hypothetical and generic mentions were kept out of "present", and each profile field
(area, age, gender, ethnicity, outcome, dates, agencies, …) against the gold profile.
--only / --exclude take comma-separated parts of document names, to score held-out
reports apart from the ones a lexicon was tuned on.
--errors CODES prints every paragraph where the coding of those codes (comma-separated)
disagrees with gold: for studying the reports a lexicon is tuned on, never the held-out ones;
"--errors profile" lists the profile fields that disagree.`,
  query: `scrcode query QUERY [--db PATH] [--basis in_force|proposed|confirmed] [--format table|csv|json] [options]

Queries (every table says what it counts):
  prevalence                     each theme and risk factor: documents and segments, proposed and confirmed apart
  crosstab --by DIMENSION        codes by area, year, age_band, outcome, agency (documents) or section (segments)
  cooccurrence [--level LEVEL]   pairs of codes in the same segment (default), paragraph or document
  kwic --code CODE | --term TEXT keyword in context, with document, section, page and paragraph [--width N]
  recommendations                every recommendation under the themes it addresses and the agencies it names
  quality                        standard sections each report has, its recommendations and review duration

--basis in_force (default) counts what stands now: the pipeline's proposals with reviewers'
decisions applied (rejected ones out, added ones in); proposed counts the proposals as made;
confirmed counts only codes a reviewer confirmed or added. Area, year, age, outcome and
agencies come from the profile sheet.`,
  sql: `scrcode sql "SELECT …" [--db PATH] [--format table|csv|json]

Runs one read-only statement on the database (opened read-only; anything that would write is
refused). Tables: documents, segments, proposals, decisions, memos, profile_fields,
profile_decisions, exports, runs (see pipeline/store/schema-snapshot.sql).`,
  report: `scrcode report [--year YYYY] [--out DIR] [--basis in_force|proposed|confirmed] [--suppress-below N] [--no-redact] [--db PATH]

Writes the annual report into DIR (default out/report) as scrcode-report[-YYYY].html — one
self-contained file: inline styles and SVG charts, no script, nothing fetched, prints well —
and the same content as scrcode-report[-YYYY].md: the reviews and the children (age, gender,
ethnicity, outcome), the risk-factor checklist of every review and its prevalence, theme
prevalence and co-occurrence, recommendations by theme with recurring examples, the quality of
the reports, and training priorities (lexicons/training.json).
--year keeps the reviews completed (or, failing that, commissioned) in that year.
--basis in_force (default) counts proposals with reviewers' decisions applied; proposed counts
the proposals as made; confirmed counts reviewed codes only.
Quotes are redacted unless --no-redact. --suppress-below 5 shows counts 1–4 as "<5" (and hides a further cell, "[c]", where a total would give one away).
Both files are recorded in the export record.`,
  review: `scrcode review [--db PATH] [--port N] [--reviewer NAME] [--lexicons DIR] [--quiet]

Starts the reviewer's workbench: a web page where a reviewer confirms, rejects and adds codes,
changes a code's context, writes memos and asks "why not?". It listens on 127.0.0.1 only and
prints a one-time URL; opening it starts a session in that browser. Every decision is stored
(append-only, with the reviewer's name and time) before the page shows it as saved, and a
decision made on a stale view is refused. Two reviewers can work at once, each with their own
\`scrcode review --reviewer NAME --port N\` on the same database.

Options:
  --db PATH          database file (default ${DEFAULT_DB})
  --port N           port on 127.0.0.1 (default ${DEFAULT_REVIEW_PORT}; 0 picks a free one)
  --reviewer NAME    the name decisions are recorded under (default: your login name)
  --lexicons DIR     lexicons for "why not" explanations (default: the package's own)
  --quiet            do not log requests (the log never holds report text)

Stop with Ctrl+C.`,
  stats: `scrcode stats [--db PATH]

Summarises the database: documents coded and not analysed (with reasons), segments,
codes per theme and risk factor, and the risk-factor checklist per document.`,
  agreement: `scrcode agreement [--db PATH] [--json]

How far reviewers agree with each other and with the pipeline (read-only):
- per pair of reviewers who decided in the same documents, Cohen's kappa per code over the
  segments at least one of them coded (applied = confirm/add/set_context; not applied =
  reject/withdraw/no decision), each reviewer's own latest decision counting;
- per rule, how many of its judged proposals reviewers confirmed, weakest rules first;
- per code, kappa between the pipeline's proposals and the reviewers' current decisions.
Kappa is "–" when it is undefined (all units had the same value). --json prints one JSON object.`,
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
      case 'review':
        return await reviewCommand(rest, DEFAULT_DB);
      case 'query':
        return queryCommand(rest, DEFAULT_DB);
      case 'sql':
        return sqlCommand(rest, DEFAULT_DB);
      case 'report':
        return reportCommand(rest, DEFAULT_DB);
      case 'agreement':
        return agreementCommand(rest, DEFAULT_DB);
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
  const { values } = parseOptions(args, {
    format: { type: 'string' }, db: { type: 'string', default: DEFAULT_DB }, out: { type: 'string' }, redact: { type: 'boolean', default: false },
  });
  const format = values.format === undefined ? undefined : EXPORT_FORMATS[values.format];
  if (!format) throw new UsageError(`--format must be one of ${Object.keys(EXPORT_FORMATS).join(', ')}`);
  if (format.needsFile && !values.out) throw new UsageError(`--format ${values.format} writes a file: give --out FILE`);
  if (values.redact && !format.redactable) throw new UsageError(`--format ${values.format} holds no report text to redact: leave out --redact`);
  const db = openExistingDb(values.db!);
  try {
    const target = values.out ? resolve(values.out) : process.stdout;
    const rows = await format.write(db, target, { redact: values.redact! });
    recordExport(db, {
      exportedBy: userInfo().username, format: values.format!, target: values.out ? resolve(values.out) : 'stdout', redacted: values.redact!, scope: null, rows,
    });
    if (values.out) console.error(`Wrote ${rows} ${format.unit} to ${values.out}${values.redact ? ' (redacted)' : ''}`);
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

