// The reviewer's workbench server (API.md): node:http on 127.0.0.1, a one-time URL swapped for
// a session cookie, a fixed set of page assets, and the JSON API over workbench.ts. Requests
// are handled one at a time by better-sqlite3; each write commits before its answer is sent.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Codebook } from '../codebook.js';
import { packageRoot } from '../paths.js';
import type { Db } from '../store/db.js';
import type { Lexicon } from '../tag/lexicon.js';
import { correctProfileField, profileView } from './profile.js';
import { parseBulkBody, parseDecideBody, parseMemoBody, parseProfileBody, parseUndoBody } from './requests.js';
import {
  BodyError, cookieValue, hostAllowed, randomToken, readJsonBody, sameOrigin, sameToken, sessionCookie, sessionCookieName, setSecurityHeaders,
} from './security.js';
import {
  bulkDecide, CONTEXTS, decide, documentView, listDocuments, ReviewError, searchDocument, undoDecision, writeMemo,
} from './workbench.js';

export interface ReviewServerOptions {
  db: Db;
  lexicon: Lexicon;
  codebook: Codebook;
  reviewer: string;
  /** 0 picks a free port. */
  port: number;
  /** One line per request: method, route, status, milliseconds. Never document text or queries. */
  log?: (line: string) => void;
}

export interface ReviewServer {
  /** The one-time URL to open (carries the token). */
  url: string;
  origin: string;
  port: number;
  close(): Promise<void>;
}

interface Session { csrfToken: string }

const ASSETS: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
};

export function reviewAssetsDir(): string {
  return join(packageRoot(), 'pipeline', 'review', 'assets');
}

function loadAssets(): Map<string, { body: Buffer; type: string }> {
  return new Map(Object.entries(ASSETS).map(([path, a]) => [path, { body: readFileSync(join(reviewAssetsDir(), a.file)), type: a.type }]));
}

class HttpError extends Error {
  constructor(readonly status: number, readonly kind: string, message: string) {
    super(message);
  }
}

export async function startReviewServer(options: ReviewServerOptions): Promise<ReviewServer> {
  const assets = loadAssets();
  const sessions = new Map<string, Session>();
  let oneTimeToken: string | null = randomToken();
  let host = '';
  let origin = '';
  let port = 0;

  const server = createServer((req, res) => {
    const started = performance.now();
    setSecurityHeaders(res);
    handle(req, res)
      .catch((err: unknown) => sendError(res, err))
      .finally(() => options.log?.(`${req.method} ${routeName(req)} ${res.statusCode} ${Math.round(performance.now() - started)} ms`));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req, host)) throw new HttpError(421, 'wrong_host', `this server answers only to ${host}`);
    const url = new URL(req.url ?? '/', origin);
    if (req.method === 'GET' && url.pathname === '/' && url.searchParams.has('token')) return swapToken(url.searchParams.get('token')!, res);
    if (req.method === 'GET' && assets.has(url.pathname) && url.search === '') return sendAsset(url.pathname, req, res);
    // Browsers ask for it unprompted; there is none, and a 404 would be logged as a page error.
    if (req.method === 'GET' && url.pathname === '/favicon.ico') return void res.writeHead(204).end();
    if (!url.pathname.startsWith('/api/')) throw new HttpError(404, 'not_found', 'no such page');
    const session = sessionOf(req);
    if (req.method === 'GET') return sendJson(res, 200, apiGet(url, session));
    if (req.method !== 'POST') throw new HttpError(405, 'method', 'only GET and POST are used');
    if (!sameOrigin(req, origin)) throw new HttpError(403, 'cross_origin', 'refused: the request did not come from the workbench page');
    if (!sameToken(header(req, 'x-csrf-token'), session.csrfToken)) throw new HttpError(403, 'csrf', 'refused: missing or wrong CSRF token; reload the page');
    sendJson(res, 200, apiPost(url.pathname, await readJsonBody(req)));
  }

  function swapToken(token: string, res: ServerResponse): void {
    if (oneTimeToken === null || !sameToken(token, oneTimeToken)) {
      throw new HttpError(403, 'token', 'This link is wrong or has already been used. Start `scrcode review` again for a new one.');
    }
    oneTimeToken = null;
    const id = randomToken();
    sessions.set(id, { csrfToken: randomToken() });
    res.setHeader('Set-Cookie', sessionCookie(sessionCookieName(port), id));
    res.writeHead(303, { Location: '/' }).end();
  }

  function sessionOf(req: IncomingMessage): Session {
    const id = cookieValue(req, sessionCookieName(port));
    const session = id === undefined ? undefined : sessions.get(id);
    if (!session) throw new HttpError(401, 'no_session', 'No session: open the URL that `scrcode review` printed.');
    return session;
  }

  function sendAsset(path: string, req: IncomingMessage, res: ServerResponse): void {
    // The page itself needs the session; its script and style hold no data.
    if (path === '/') sessionOf(req);
    const asset = assets.get(path)!;
    res.writeHead(200, { 'Content-Type': asset.type, 'Content-Length': asset.body.length }).end(asset.body);
  }

  function apiGet(url: URL, session: Session): unknown {
    const { db, codebook, lexicon, reviewer } = options;
    if (url.pathname === '/api/session') {
      return {
        reviewer, csrfToken: session.csrfToken, lexiconVersion: lexicon.version, contexts: CONTEXTS,
        codes: codebook.codes.map((c) => ({ code: c.id, label: c.label, kind: c.kind })),
      };
    }
    if (url.pathname === '/api/documents') return { documents: listDocuments(db, codebook) };
    const doc = /^\/api\/documents\/(\d{1,9})$/.exec(url.pathname);
    if (doc) return { ...documentView(db, Number(doc[1])), profile: profileView(db, Number(doc[1]), codebook) };
    const search = /^\/api\/documents\/(\d{1,9})\/search$/.exec(url.pathname);
    if (search) return searchDocument(db, Number(search[1]), url.searchParams.get('q') ?? '', lexicon);
    throw new HttpError(404, 'not_found', 'no such API route');
  }

  function apiPost(path: string, body: unknown): unknown {
    const { db, codebook, reviewer } = options;
    switch (path) {
      case '/api/decisions':
        return { decision: decide(db, parseDecideBody(body), reviewer, codebook) };
      case '/api/undo': {
        const { documentId, decisionId } = parseUndoBody(body);
        return { decision: undoDecision(db, documentId, decisionId, reviewer) };
      }
      case '/api/bulk': {
        const { documentId, rule, action } = parseBulkBody(body);
        return bulkDecide(db, documentId, rule, action, reviewer);
      }
      case '/api/memos':
        return { memo: writeMemo(db, parseMemoBody(body), reviewer, codebook) };
      case '/api/profile':
        return correctProfileField(db, parseProfileBody(body), reviewer, codebook);
      default:
        throw new HttpError(404, 'not_found', 'no such API route');
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  // A request that trickles in is cut off rather than holding the (single) server.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  port = (server.address() as AddressInfo).port;
  host = `127.0.0.1:${port}`;
  origin = `http://${host}`;
  return {
    url: `${origin}/?token=${oneTimeToken}`,
    origin,
    port,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

const REVIEW_STATUS: Record<ReviewError['kind'], number> = { invalid: 400, not_found: 404, forbidden: 403, stale: 409, segment_changed: 409, proposals_changed: 409 };

function sendError(res: ServerResponse, err: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (err instanceof ReviewError) return sendJson(res, REVIEW_STATUS[err.kind], { error: err.kind, message: err.message, current: err.current });
  if (err instanceof HttpError) return sendJson(res, err.status, { error: err.kind, message: err.message });
  if (err instanceof BodyError) return sendJson(res, err.status, { error: 'bad_body', message: err.message });
  // An unexpected failure (database locked too long, a bug): say so without echoing data.
  sendJson(res, 500, { error: 'internal', message: `the server could not do that: ${err instanceof Error ? err.name : 'error'}` });
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value));
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length }).end(body);
}

const LOGGED_ROUTES = new Set(['/', '/app.js', '/app.css', '/favicon.ico', '/api/session', '/api/documents', '/api/documents/:id', '/api/documents/:id/search', '/api/decisions', '/api/undo', '/api/bulk', '/api/memos', '/api/profile']);

/** The route without ids or query, for the log: no document name, text or search term reaches it, and any other path is "(other)". */
function routeName(req: IncomingMessage): string {
  const route = (req.url ?? '/').split('?')[0].replace(/\/\d+(?=\/|$)/g, '/:id');
  return LOGGED_ROUTES.has(route) ? route : '(other)';
}
