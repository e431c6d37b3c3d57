// `scrcode review`: starts the workbench server on 127.0.0.1 and prints its one-time URL.
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { loadCodebook } from '../codebook.js';
import { startReviewServer } from '../review/server.js';
import { loadLexicon } from '../tag/index.js';
import { EXIT, openExistingDb, parseOptions, UsageError } from './common.js';

export const DEFAULT_REVIEW_PORT = 8750;
const REVIEWER_NAME = /^[\p{L}\p{N} ._'@-]{1,64}$/u;

export async function reviewCommand(args: string[], defaultDb: string): Promise<number> {
  const { values } = parseOptions(args, {
    db: { type: 'string', default: defaultDb },
    port: { type: 'string', default: String(DEFAULT_REVIEW_PORT) },
    reviewer: { type: 'string' },
    lexicons: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a port number (0 picks a free one)');
  const reviewer = (values.reviewer ?? userInfo().username).trim();
  if (!REVIEWER_NAME.test(reviewer)) throw new UsageError('--reviewer must be 1 to 64 letters, digits, spaces or . _ \' @ -');
  const lexicon = loadLexicon(values.lexicons ? resolve(values.lexicons) : undefined);
  const db = openExistingDb(values.db!);
  let server;
  try {
    server = await startReviewServer({
      db, lexicon, codebook: loadCodebook(), reviewer, port,
      log: values.quiet ? undefined : (line) => console.error(line),
    });
  } catch (err) {
    db.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new Error(`port ${port} is in use: give another with --port (0 picks a free one)`);
    throw err;
  }
  console.log(`scrcode review: ${resolve(values.db!)} for reviewer "${reviewer}", on 127.0.0.1 only.`);
  console.log(`Open this URL in your browser (it works once): ${server.url}`);
  console.log('Stop with Ctrl+C.');
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  db.close();
  return EXIT.ok;
}
