// Every workbench route and every refusal the security section of the issue lists, against a
// server started in-process on a database coded from tests/fixtures/review by the real CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCodebook } from '../../pipeline/codebook.js';
import { openDatabase, type Db } from '../../pipeline/store/db.js';
import { recordFailedDocument } from '../../pipeline/store/documents.js';
import { startReviewServer, type ReviewServer } from '../../pipeline/review/server.js';
import { loadLexicon } from '../../pipeline/tag/index.js';
import { codedReviewDb, login, raw, type RawResponse } from './helpers.js';

let fixture: ReturnType<typeof codedReviewDb>;
let db: Db;
let server: ReviewServer;
let port: number;
let session: { cookie: string; setCookie: string; csrf: string };
const logLines: string[] = [];
let docId: number;
let view: any;

const json = (body: unknown) => JSON.stringify(body);
const get = (path: string, headers: Record<string, string> = {}) => raw(port, 'GET', path, { headers: { Cookie: session.cookie, ...headers } });
function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return raw(port, 'POST', path, {
    headers: { Cookie: session.cookie, Origin: server.origin, 'X-CSRF-Token': session.csrf, 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : json(body),
  });
}
const segmentWith = (text: string) => view.segments.find((s: any) => s.text.includes(text));
const proposal = (code: string) => view.proposals.find((p: any) => p.code === code);
const dbDecisions = () => db.prepare('SELECT id, action, code, context, reviewer, segment_idx AS segmentIndex, seg_start AS segStart, seg_end AS segEnd, based_on AS basedOn FROM decisions ORDER BY id').all() as any[];

function decideBody(code: string, action: string, extra: Record<string, unknown> = {}) {
  const p = proposal(code);
  const seg = view.segments.find((s: any) => s.index === p.segmentIndex);
  return { documentId: docId, segmentIndex: p.segmentIndex, code, action, basedOn: null, segmentTextSha256: seg.textSha256, ...extra };
}

beforeAll(async () => {
  fixture = codedReviewDb();
  db = openDatabase(fixture.dbPath);
  recordFailedDocument(db, { sha256: null, fileName: 'scanned.pdf', path: '/in/scanned.pdf', status: 'needs_ocr', reason: 'PDF has no text layer: needs OCR' });
  server = await startReviewServer({ db, lexicon: loadLexicon(), codebook: loadCodebook(), reviewer: 'ann', port: 0, log: (l) => logLines.push(l) });
  port = server.port;
  session = await login(port, server.url);
  docId = (db.prepare(`SELECT id FROM documents WHERE status = 'coded'`).get() as { id: number }).id;
  view = (await get(`/api/documents/${docId}`)).json();
});

afterAll(async () => {
  await server.close();
  db.close();
  fixture.cleanup();
});

describe('starting a session', () => {
  it('binds to 127.0.0.1 and prints a one-time URL that becomes an HttpOnly, SameSite=Strict cookie', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{40,}$/);
    expect(session.setCookie).toMatch(/HttpOnly/);
    expect(session.setCookie).toMatch(/SameSite=Strict/);
    expect(session.setCookie).toMatch(/Path=\//);
  });

  it('refuses the token a second time, and a wrong token', async () => {
    const again = await raw(port, 'GET', new URL(server.url).pathname + new URL(server.url).search);
    expect(again.status).toBe(403);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect((await raw(port, 'GET', '/?token=guess')).status).toBe(403);
  });

  it('answers 401 without the session cookie, for the page and for data', async () => {
    for (const path of ['/', '/api/session', '/api/documents', `/api/documents/${docId}`]) {
      const res = await raw(port, 'GET', path);
      expect(res.status, path).toBe(401);
      expect(res.body).not.toContain('Harrowgate');
    }
    expect((await raw(port, 'GET', '/api/documents', { headers: { Cookie: `scrcode_session_${port}=forged` } })).status).toBe(401);
    // The cookie is named by port: another server's session cookie is not this one's.
    expect(session.cookie.startsWith(`scrcode_session_${port}=`)).toBe(true);
    expect((await raw(port, 'GET', '/api/documents', { headers: { Cookie: session.cookie.replace(`_${port}=`, `_${port + 1}=`) } })).status).toBe(401);
  });
});

describe('Host, Origin, CSRF and body checks', () => {
  it('refuses any Host but the exact loopback host and port (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, `localhost:${port}`, '127.0.0.1', `127.0.0.1:${port + 1}`]) {
      const res = await raw(port, 'GET', '/api/documents', { headers: { Host: host, Cookie: session.cookie } });
      expect(res.status, host).toBe(421);
    }
  });

  it('refuses a state-changing request without the session, from another Origin, or without the CSRF token', async () => {
    const body = decideBody('mental_ill_health', 'confirm');
    const cases: [string, Record<string, string>][] = [
      ['no session', { Cookie: '' }],
      ['other origin', { Origin: 'http://evil.example' }],
      ['no origin', { Origin: '' }],
      ['cross-site fetch', { 'Sec-Fetch-Site': 'cross-site' }],
      ['same-site fetch', { 'Sec-Fetch-Site': 'same-site' }],
      ['no csrf', { 'X-CSRF-Token': '' }],
      ['wrong csrf', { 'X-CSRF-Token': 'x'.repeat(43) }],
    ];
    for (const [name, headers] of cases) {
      const res = await post('/api/decisions', body, headers);
      expect(res.status, name).toBe(name === 'no session' ? 401 : 403);
    }
    expect(dbDecisions()).toEqual([]);
  });

  it('bounds and validates request bodies', async () => {
    const body = decideBody('mental_ill_health', 'confirm');
    expect((await post('/api/decisions', body, { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await post('/api/decisions', json({ ...body, memo: 'x'.repeat(70_000) }))).status).toBe(413);
    const declared = json({ ...body, memo: 'y'.repeat(70_000) });
    expect((await post('/api/decisions', declared, { 'Content-Length': String(Buffer.byteLength(declared)) })).status).toBe(413);
    expect((await post('/api/decisions', '{not json')).status).toBe(400);
    const invalid: Record<string, unknown>[] = [
      { ...body, extra: 1 },
      { ...body, code: 'no_such_code' },
      { ...body, action: 'delete' },
      { ...body, documentId: -1 },
      { ...body, segmentIndex: 'one' },
      { ...body, segmentTextSha256: 'abc' },
      { ...body, context: 'certain' },
      { ...body, memo: 'x'.repeat(2001) },
      { ...body, action: 'set_context' },
      { ...body, start: 1 },
      { ...body, action: 'reject', context: 'negated' },
      { ...body, memo: '   ' },
      { ...body, lexiconVersion: 7 },
      (({ basedOn: _b, ...rest }) => rest)(body),
    ];
    for (const b of invalid) {
      const res = await post('/api/decisions', b);
      expect(res.status, JSON.stringify(b).slice(0, 120)).toBe(400);
      expect(res.json().message).toMatch(/\w/);
    }
    const otherRoutes: [string, unknown][] = [
      ['/api/undo', { documentId: docId }],
      ['/api/undo', { documentId: docId, decisionId: 'x' }],
      ['/api/undo', { documentId: docId, decisionId: 1, extra: true }],
      ['/api/bulk', { documentId: docId, rule: 'x', action: 'set_context' }],
      ['/api/bulk', { documentId: docId, rule: '', action: 'confirm' }],
      ['/api/memos', { documentId: docId, segmentIndex: 0, code: null, text: 'x' }],
      ['/api/memos', { documentId: docId, segmentIndex: 0, code: 'no_such_code', text: 'x', segmentTextSha256: 'a'.repeat(64) }],
      ['/api/memos', { documentId: docId, segmentIndex: 0, code: null, text: 'x'.repeat(2001), segmentTextSha256: 'a'.repeat(64) }],
      ['/api/memos', [1, 2]],
    ];
    for (const [route, b] of otherRoutes) expect((await post(route, b)).status, `${route} ${JSON.stringify(b)}`).toBe(400);
    expect((await post('/api/nothing', {})).status).toBe(404);
    expect(dbDecisions()).toEqual([]);
  });

  it('has no generic file serving: only the fixed assets, and records by numeric id', async () => {
    for (const path of ['/package.json', '/../package.json', '/app.js/../../package.json', '/pipeline/review/server.ts', '/assets/app.js', '/%2e%2e/package.json', '/app.js?x=1', '/api/documents/1/../../', '/api/documents/abc', '/api/documents/99999']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
    }
    // A document that was not analysed has no text to open or search.
    const scanned = db.prepare(`SELECT id FROM documents WHERE status = 'needs_ocr'`).pluck().get() as number;
    expect((await get(`/api/documents/${scanned}`)).status).toBe(404);
    expect((await get(`/api/documents/${scanned}/search?q=child`)).status).toBe(404);
    expect((await get('/app.js')).status).toBe(200);
    expect((await get('/app.css')).status).toBe(200);
    expect((await raw(port, 'PUT', '/api/documents', { headers: { Cookie: session.cookie } })).status).toBe(405);
  });

  it('sends a strict CSP and the other security headers on every answer, errors included', async () => {
    for (const res of [await get('/'), await get('/app.js'), await get('/api/documents'), await get('/nope'), await raw(port, 'GET', '/api/documents')]) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });
});

describe('reading', () => {
  it('GET /api/session gives the reviewer, a CSRF token and the codebook', async () => {
    const s = (await get('/api/session')).json();
    expect(s.reviewer).toBe('ann');
    expect(s.csrfToken).toBe(session.csrf);
    expect(s.codes).toHaveLength(26);
    expect(s.codes.find((c: any) => c.code === 'domestic_violence')).toEqual({ code: 'domestic_violence', label: 'Domestic violence', kind: 'risk_factor' });
    expect(s.codes.find((c: any) => c.code === 'bme').label).toBe('Black or minority ethnic (BME)');
  });

  it('GET /api/documents lists coded documents with progress and checklist, and the ones not analysed with the reason', async () => {
    const { documents } = (await get('/api/documents')).json();
    const coded = documents.find((d: any) => d.id === docId);
    const pairs = new Set(view.proposals.map((p: any) => `${p.segmentIndex}/${p.code}`)).size;
    expect(coded.progress).toEqual({ proposed: pairs, confirmed: 0, rejected: 0, undecided: pairs, added: 0 });
    expect(coded.checklist.domestic_violence).toBe(true);
    expect(coded.checklist.temporary_accommodation).toBe(true);
    expect(coded.checklist.neglect).toBe(false);
    expect(documents.find((d: any) => d.fileName === 'scanned.pdf')).toMatchObject({ status: 'needs_ocr', reason: 'PDF has no text layer: needs OCR', progress: null });
  });

  it('GET /api/documents/:id gives the text by segment and each proposal with its evidence and reason', () => {
    expect(view.document.fileName).toBe('harrowgate_scr_child_x.txt');
    for (const p of view.proposals) {
      const seg = view.segments.find((s: any) => s.index === p.segmentIndex);
      expect(seg.text.slice(p.start - seg.start, p.end - seg.start)).toBe(p.evidence);
      expect(p.reason).toContain(`matched '${p.evidence}' — lexicon entry ${p.rule}, v`);
    }
    expect(segmentWith('<script>').text).toContain('<script>alert("x")</script> & <b>bold</b>');
    expect(view.rules.length).toBeGreaterThan(3);
  });
});

describe('deciding', () => {
  it('stores a confirm with reviewer and lexicon version before answering, and refuses the same decision made on a stale view', async () => {
    const first = await post('/api/decisions', decideBody('mental_ill_health', 'confirm'));
    expect(first.status).toBe(200);
    const stored = dbDecisions().at(-1);
    // The context the reviewer saw is recorded with the confirm, so a later re-tag cannot change what was confirmed.
    expect(stored).toMatchObject({ id: first.json().decision.id, action: 'confirm', code: 'mental_ill_health', context: 'asserted', reviewer: 'ann', basedOn: null });
    expect(db.prepare('SELECT lexicon_version FROM decisions WHERE id = ?').pluck().get(stored.id)).toBe(view.document.lexiconVersion);

    const stale = await post('/api/decisions', decideBody('mental_ill_health', 'reject'));
    expect(stale.status).toBe(409);
    expect(stale.json()).toMatchObject({ error: 'stale', current: { id: stored.id, action: 'confirm', reviewer: 'ann' } });
    expect(stale.json().message).toMatch(/ann confirmed it/);
    expect(dbDecisions()).toHaveLength(1);

    const fresh = await post('/api/decisions', decideBody('mental_ill_health', 'reject', { basedOn: stored.id }));
    expect(fresh.status).toBe(200);
    expect(fresh.json().decision).toMatchObject({ action: 'reject', basedOn: stored.id });
  });

  it('changes a context, and adds a code to a selected span or to a whole segment', async () => {
    const ctx = await post('/api/decisions', decideBody('temporary_accommodation', 'set_context', { context: 'generic' }));
    expect(ctx.status).toBe(200);
    expect(ctx.json().decision).toMatchObject({ action: 'set_context', context: 'generic' });

    const seg = segmentWith('Nobody asked');
    const at = seg.text.indexOf('older sister');
    const add = await post('/api/decisions', {
      documentId: docId, segmentIndex: seg.index, code: 'communication', action: 'add', start: seg.start + at, end: seg.start + at + 12,
      basedOn: null, segmentTextSha256: seg.textSha256, memo: 'the sibling was never spoken to',
    });
    expect(add.status).toBe(200);
    expect(add.json().decision).toMatchObject({ action: 'add', context: 'asserted', start: seg.start + at, end: seg.start + at + 12 });
    expect(dbDecisions().at(-1)).toMatchObject({ segStart: at, segEnd: at + 12 });

    const whole = await post('/api/decisions', { documentId: docId, segmentIndex: seg.index, code: 'training', action: 'add', basedOn: null, segmentTextSha256: seg.textSha256 });
    expect(whole.json().decision).toMatchObject({ action: 'add', start: null, end: null });

    const outside = await post('/api/decisions', { documentId: docId, segmentIndex: seg.index, code: 'supervision', action: 'add', start: 0, end: 5, basedOn: null, segmentTextSha256: seg.textSha256 });
    expect(outside.status).toBe(400);
    const notProposed = await post('/api/decisions', { documentId: docId, segmentIndex: seg.index, code: 'neglect', action: 'confirm', basedOn: null, segmentTextSha256: seg.textSha256 });
    expect(notProposed.status).toBe(400);
    expect(notProposed.json().message).toMatch(/add it instead/);
  });

  it('refuses a decision or memo on a segment whose text changed, or on proposals re-made since the page loaded', async () => {
    const res = await post('/api/decisions', decideBody('recording', 'confirm', { segmentTextSha256: 'f'.repeat(64) }));
    expect(res.status).toBe(409);
    expect(res.json().error).toBe('segment_changed');
    const memo = await post('/api/memos', { documentId: docId, segmentIndex: 0, code: null, text: 'x', segmentTextSha256: 'f'.repeat(64) });
    expect(memo.json().error).toBe('segment_changed');
    const retagged = await post('/api/decisions', decideBody('recording', 'confirm', { lexiconVersion: 'an-older-lexicon' }));
    expect(retagged.status).toBe(409);
    expect(retagged.json()).toMatchObject({ error: 'proposals_changed' });
    expect(retagged.json().message).toMatch(/coded again/);
  });

  it('undo is a new decision restoring the state before; a page can undo its decisions in turn, never a later one', async () => {
    const confirm = (await post('/api/decisions', decideBody('recording', 'confirm'))).json().decision;
    const reject = (await post('/api/decisions', decideBody('recording', 'reject', { basedOn: confirm.id }))).json().decision;

    const notCurrent = await post('/api/undo', { documentId: docId, decisionId: confirm.id });
    expect(notCurrent.status).toBe(409);
    expect(notCurrent.json().error).toBe('stale');

    const back = await post('/api/undo', { documentId: docId, decisionId: reject.id });
    expect(back.status).toBe(200);
    expect(back.json().decision).toMatchObject({ action: 'confirm', basedOn: reject.id, reviewer: 'ann' });
    const first = await post('/api/undo', { documentId: docId, decisionId: confirm.id });
    expect(first.status).toBe(200);
    expect(first.json().decision).toMatchObject({ action: 'withdraw', basedOn: back.json().decision.id });
    expect((await post('/api/undo', { documentId: docId, decisionId: reject.id })).status).toBe(409);
    // Nothing was deleted or changed: four rows for recording, in order.
    expect(dbDecisions().filter((d) => d.code === 'recording').map((d) => d.action)).toEqual(['confirm', 'reject', 'confirm', 'withdraw']);
    const current = (await get(`/api/documents/${docId}`)).json().decisions.find((d: any) => d.code === 'recording');
    expect(current.action).toBe('withdraw');
  });

  it('confirms everything one rule proposed that nobody decided, leaving decided pairs alone', async () => {
    const rule = view.rules.find((r: any) => r.proposals >= 2) ?? view.rules.find((r: any) => r.code === 'information_sharing');
    const pairs = view.proposals.filter((p: any) => p.rule === rule.rule);
    const first = pairs[0];
    const seg = view.segments.find((s: any) => s.index === first.segmentIndex);
    const setup = await post('/api/decisions', { documentId: docId, segmentIndex: first.segmentIndex, code: first.code, action: 'reject', basedOn: null, segmentTextSha256: seg.textSha256 });
    expect(setup.status).toBe(200);
    const res = await post('/api/bulk', { documentId: docId, rule: rule.rule, action: 'confirm' });
    expect(res.status).toBe(200);
    const distinct = new Set(pairs.map((p: any) => `${p.segmentIndex}/${p.code}`)).size;
    expect(res.json()).toMatchObject({ applied: distinct - 1, skipped: 1 });
    const after = (await get(`/api/documents/${docId}`)).json();
    const firstNow = after.decisions.find((d: any) => d.segmentIndex === first.segmentIndex && d.code === first.code);
    expect(firstNow.action).toBe('reject');
    expect((await post('/api/bulk', { documentId: docId, rule: 'no/such_rule', action: 'confirm' })).status).toBe(400);
  });

  it('rejects everything another rule proposed that nobody decided', async () => {
    const decided = new Set((await get(`/api/documents/${docId}`)).json().decisions.map((d: any) => `${d.segmentIndex}/${d.code}`));
    const rule = view.rules.find((r: any) => view.proposals.filter((p: any) => p.rule === r.rule).every((p: any) => !decided.has(`${p.segmentIndex}/${p.code}`)));
    const res = await post('/api/bulk', { documentId: docId, rule: rule.rule, action: 'reject' });
    expect(res.json()).toMatchObject({ applied: rule.proposals, skipped: 0 });
    expect(res.json().decisions.every((d: any) => d.action === 'reject' && d.reviewer === 'ann')).toBe(true);
  });

  it('a second reviewer on the same database: a stale decision is refused, and only its author can undo a decision', async () => {
    const bobDb = openDatabase(fixture.dbPath);
    const bob = await startReviewServer({ db: bobDb, lexicon: loadLexicon(), codebook: loadCodebook(), reviewer: 'bob', port: 0 });
    try {
      const bobSession = await login(bob.port, bob.url);
      const bobPost = (path: string, body: unknown) => raw(bob.port, 'POST', path, {
        headers: { Cookie: bobSession.cookie, Origin: bob.origin, 'X-CSRF-Token': bobSession.csrf, 'Content-Type': 'application/json' }, body: json(body),
      });
      // Both load the same undecided pair, both decide on that view: the first wins, the second is told why.
      const fresh = (await get(`/api/documents/${docId}`)).json();
      const pair = fresh.proposals.find((p: any) => !fresh.decisions.some((d: any) => d.segmentIndex === p.segmentIndex && d.code === p.code));
      const seg = fresh.segments.find((x: any) => x.index === pair.segmentIndex);
      const body = { documentId: docId, segmentIndex: pair.segmentIndex, code: pair.code, basedOn: null, segmentTextSha256: seg.textSha256 };
      const [annRes, bobRes] = await Promise.all([post('/api/decisions', { ...body, action: 'confirm' }), bobPost('/api/decisions', { ...body, action: 'reject' })]);
      expect([annRes.status, bobRes.status].sort()).toEqual([200, 409]);
      const winner = annRes.status === 200 ? annRes.json().decision : bobRes.json().decision;
      const loser = annRes.status === 200 ? bobRes : annRes;
      expect(loser.json().current.id).toBe(winner.id);
      // Bob cannot undo ann's decision (nor ann bob's).
      const undoBy = winner.reviewer === 'ann' ? bobPost : (path: string, b: unknown) => post(path, b);
      const refused = await undoBy('/api/undo', { documentId: docId, decisionId: winner.id });
      expect(refused.status).toBe(403);
      expect(refused.json().message).toMatch(/only they can undo it/);
      // Undo naming another document is refused too.
      const scanned = db.prepare(`SELECT id FROM documents WHERE status = 'needs_ocr'`).pluck().get() as number;
      expect((await post('/api/undo', { documentId: scanned, decisionId: winner.id })).status).toBe(404);
    } finally {
      await bob.close();
      bobDb.close();
    }
  });

  it('keeps memos append-only and shows the latest', async () => {
    const seg = segmentWith('temporary accommodation');
    const m1 = await post('/api/memos', { documentId: docId, segmentIndex: seg.index, code: null, text: 'first thought', segmentTextSha256: seg.textSha256 });
    const m2 = await post('/api/memos', { documentId: docId, segmentIndex: seg.index, code: null, text: 'second thought', segmentTextSha256: seg.textSha256 });
    expect([m1.status, m2.status]).toEqual([200, 200]);
    const memos = (await get(`/api/documents/${docId}`)).json().memos.filter((m: any) => m.segmentIndex === seg.index);
    expect(memos).toEqual([expect.objectContaining({ text: 'second thought', reviewer: 'ann', code: null })]);
    // Another reviewer's memo on the same paragraph is shown beside it, not instead of it.
    db.prepare(`INSERT INTO memos (document_sha256, segment_idx, segment_text_sha256, code, text, reviewer) VALUES (?, ?, ?, NULL, 'bob thinks otherwise', 'bob')`)
      .run(view.document.sha256, seg.index, seg.textSha256);
    const both = (await get(`/api/documents/${docId}`)).json().memos.filter((m: any) => m.segmentIndex === seg.index);
    expect(both.map((m: any) => [m.reviewer, m.text])).toEqual([['ann', 'second thought'], ['bob', 'bob thinks otherwise']]);
    expect(db.prepare('SELECT count(*) FROM memos').pluck().get()).toBe(3);
    expect((await post('/api/memos', { documentId: docId, segmentIndex: seg.index, code: null, text: '', segmentTextSha256: seg.textSha256 })).status).toBe(400);
  });

  it('progress and checklist follow the decisions', async () => {
    const coded = (await get('/api/documents')).json().documents.find((d: any) => d.id === docId);
    // temporary_accommodation was set to generic: no longer asserted present; mental_ill_health was rejected.
    expect(coded.checklist.temporary_accommodation).toBe(false);
    expect(coded.checklist.mental_ill_health).toBe(false);
    expect(coded.progress.added).toBe(2);
    expect(coded.progress.confirmed + coded.progress.rejected + coded.progress.undecided).toBe(coded.progress.proposed);
  });
});

describe('why not', () => {
  it('finds a term as words and says, per place, which codes fired and why others did not', async () => {
    const res = (await get(`/api/documents/${docId}/search?q=${encodeURIComponent('MARAC')}`)).json();
    expect(res.hits.length).toBe(2);
    const findings = res.hits.find((h: any) => h.section === 'findings');
    const dv = findings.codes.find((c: any) => c.code === 'domestic_violence');
    expect(dv).toMatchObject({ fired: true, context: 'asserted' });
    expect(dv.why).toMatch(/matched '.+' — domestic_violence\//);
    const recommendation = res.hits.find((h: any) => h.section === 'recommendations');
    const dvThere = recommendation.codes.find((c: any) => c.code === 'domestic_violence');
    expect(dvThere.fired).toBe(false);
    expect(dvThere.why).toMatch(/MARAC|section|threshold|look-alike/);
  });

  it('matches word forms by stem and refuses empty or long queries', async () => {
    const res = (await get(`/api/documents/${docId}/search?q=argument`)).json();
    expect(res.hits.map((h: any) => view.segments.find((s: any) => s.index === h.segmentIndex).text.slice(h.start - view.segments.find((s: any) => s.index === h.segmentIndex).start, h.end - view.segments.find((s: any) => s.index === h.segmentIndex).start))).toEqual(['arguments']);
    expect((await get('/api/documents/' + docId + '/search?q=')).status).toBe(400);
    expect((await get('/api/documents/' + docId + '/search?q=' + 'a'.repeat(101))).status).toBe(400);
  });
});

describe('the profile sheet', () => {
  const profileRows = () => db.prepare('SELECT id, field, value, memo, reviewer, based_on AS basedOn FROM profile_decisions ORDER BY id').all() as any[];
  const entry = (doc: any, field: string) => doc.profile.find((f: any) => f.field === field);

  it('GET /api/documents/:id gives every field with its extracted value, evidence, correction and value in force', async () => {
    const doc = (await get(`/api/documents/${docId}`)).json();
    expect(doc.profile.map((f: any) => f.field)).toEqual([
      'area', 'child_age_months', 'gender', 'ethnicity', 'outcome', 'nature_of_harm', 'agencies',
      'review_commissioned', 'review_completed', 'review_duration_days', 'recommendations_count', 'risk_factors_present',
    ]);
    // The fixture opens "Harrowgate Local Safeguarding Children Board" and says "aged 14 months".
    expect(entry(doc, 'child_age_months')).toMatchObject({ kind: 'count', value: 14, extracted: 14, correction: null, derivedFrom: null });
    expect(entry(doc, 'child_age_months').evidence).toEqual([expect.objectContaining({ text: '14 months', rule: expect.any(String) })]);
    expect(entry(doc, 'area')).toMatchObject({ kind: 'text', value: 'Harrowgate LSCB', correction: null });
    expect(entry(doc, 'outcome')).toMatchObject({ kind: 'outcome', value: 'seriously_harmed' });
    expect(entry(doc, 'review_commissioned')).toMatchObject({ kind: 'date', value: null, extracted: null, evidence: [] });
    // Every evidence span is the text at its offsets, in the segment that holds it.
    for (const f of doc.profile) {
      for (const e of f.evidence) {
        const seg = doc.segments.find((x: any) => x.start <= e.start && e.end <= x.end);
        expect(seg.text.slice(e.start - seg.start, e.end - seg.start), `${f.field} ${e.rule}`).toBe(e.text);
      }
    }
    // The checklist in force follows the decisions made above, as the document list's checklist does.
    const listed = (await get('/api/documents')).json().documents.find((d: any) => d.id === docId).checklist;
    const risk = entry(doc, 'risk_factors_present');
    expect(risk.value).toEqual(Object.keys(listed).filter((rf) => listed[rf]));
    expect(risk.extracted).toEqual(['domestic_violence', 'mental_ill_health', 'temporary_accommodation']);
    expect(risk.derivedFrom).toEqual(['risk_factors_present']);
  });

  it('stores a correction append-only before answering, shows it as the value in force, and refuses one made on a stale view', async () => {
    const first = await post('/api/profile', { documentId: docId, field: 'child_age_months', value: 15, memo: 'the chronology says 15 months', basedOn: null });
    expect(first.status).toBe(200);
    const correction = first.json().correction;
    expect(correction).toMatchObject({ value: 15, reviewer: 'ann', memo: 'the chronology says 15 months', basedOn: null });
    expect(profileRows()).toEqual([{ id: correction.id, field: 'child_age_months', value: '15', memo: 'the chronology says 15 months', reviewer: 'ann', basedOn: null }]);
    expect(entry(first.json(), 'child_age_months')).toMatchObject({ value: 15, extracted: 14, correction: { id: correction.id } });
    const read = entry((await get(`/api/documents/${docId}`)).json(), 'child_age_months');
    expect(read).toMatchObject({ value: 15, extracted: 14, correction: { id: correction.id, value: 15, reviewer: 'ann', decidedAt: expect.any(String) } });

    // A second correction on the view that showed no correction: refused, with who set what.
    const stale = await post('/api/profile', { documentId: docId, field: 'child_age_months', value: 16, basedOn: null });
    expect(stale.status).toBe(409);
    expect(stale.json()).toMatchObject({ error: 'stale', current: { id: correction.id, value: 15, reviewer: 'ann' } });
    expect(stale.json().message).toMatch(/ann set it to 15/);
    expect(profileRows()).toHaveLength(1);

    const fresh = await post('/api/profile', { documentId: docId, field: 'child_age_months', value: 16, basedOn: correction.id });
    expect(fresh.status).toBe(200);
    expect(fresh.json().correction).toMatchObject({ value: 16, basedOn: correction.id });
    expect(profileRows().map((r) => r.value)).toEqual(['15', '16']);
  });

  it('records "not stated", normalises lists, and carries corrected dates into the duration', async () => {
    const none = await post('/api/profile', { documentId: docId, field: 'nature_of_harm', value: null, basedOn: null });
    expect(none.status).toBe(200);
    expect(entry(none.json(), 'nature_of_harm')).toMatchObject({ value: null, extracted: 'skull fracture, bruising' });
    expect(profileRows().at(-1).value).toBeNull();

    const risks = await post('/api/profile', { documentId: docId, field: 'risk_factors_present', value: ['neglect', 'domestic_violence'], basedOn: null });
    expect(risks.status).toBe(200);
    // Codebook order, whatever order the page sent.
    expect(entry(risks.json(), 'risk_factors_present')).toMatchObject({ value: ['domestic_violence', 'neglect'], derivedFrom: null });

    const agencies = await post('/api/profile', { documentId: docId, field: 'agencies', value: ['police', 'GP', 'school nurse'], basedOn: null });
    expect(entry(agencies.json(), 'agencies').value).toEqual(['police', 'GP', 'school nurse']);

    expect((await post('/api/profile', { documentId: docId, field: 'review_commissioned', value: '2014-04-01', basedOn: null })).status).toBe(200);
    const completed = await post('/api/profile', { documentId: docId, field: 'review_completed', value: '2015-01-15', basedOn: null });
    // 1 April 2014 to 15 January 2015: 275 days to 1 January, then 14.
    expect(entry(completed.json(), 'review_duration_days')).toMatchObject({ value: 289, extracted: null, correction: null, derivedFrom: ['review_commissioned', 'review_completed'] });
    const month = await post('/api/profile', { documentId: docId, field: 'review_completed', value: '2015-01', basedOn: completed.json().correction.id });
    expect(month.status).toBe(200);
    expect(entry(month.json(), 'review_duration_days').value).toBeNull();
  });

  it('refuses an unknown field, a value not of the field\'s kind, and a malformed body, storing nothing', async () => {
    const before = profileRows().length;
    const body = (field: string, value: unknown) => ({ documentId: docId, field, value, basedOn: null });
    const invalid: Record<string, unknown>[] = [
      body('age', 14),
      body('child_age_months', -1),
      body('child_age_months', 1.5),
      body('child_age_months', '14'),
      body('recommendations_count', true),
      body('review_duration_days', [3]),
      body('review_commissioned', '2014-13'),
      body('review_commissioned', '2014-02-30'),
      body('review_completed', '10/02/2014'),
      body('review_completed', 2014),
      body('outcome', 'harmed'),
      body('outcome', ['died']),
      body('agencies', 'police'),
      body('agencies', [1]),
      body('agencies', ['  ']),
      body('agencies', Array.from({ length: 101 }, (_, i) => `agency ${i}`)),
      body('risk_factors_present', ['smoking']),
      body('risk_factors_present', 'neglect'),
      body('area', 'x'.repeat(501)),
      body('area', '   '),
      body('gender', 5),
      { ...body('gender', 'female'), memo: '  ' },
      { ...body('gender', 'female'), extra: 1 },
      { documentId: docId, field: 'gender', basedOn: null },
      { documentId: docId, field: 'gender', value: 'female' },
      { ...body('gender', 'female'), basedOn: 'none' },
    ];
    for (const b of invalid) {
      const res = await post('/api/profile', b);
      expect(res.status, JSON.stringify(b).slice(0, 120)).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid', message: expect.stringMatching(/\w/) });
    }
    expect((await post('/api/profile', body('age', 14))).json().message).toMatch(/"field" must be one of area, child_age_months/);
    const scanned = db.prepare(`SELECT id FROM documents WHERE status = 'needs_ocr'`).pluck().get() as number;
    expect((await post('/api/profile', { ...body('gender', 'female'), documentId: scanned })).status).toBe(404);
    expect(profileRows()).toHaveLength(before);
  });

  it('needs the session, the CSRF token and the page\'s own Origin, like every change', async () => {
    const before = profileRows().length;
    const body = { documentId: docId, field: 'gender', value: 'female', basedOn: null };
    expect((await post('/api/profile', body, { 'X-CSRF-Token': '' })).status).toBe(403);
    expect((await post('/api/profile', body, { 'X-CSRF-Token': 'x'.repeat(43) })).status).toBe(403);
    expect((await post('/api/profile', body, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await post('/api/profile', body, { Cookie: '' })).status).toBe(401);
    expect((await post('/api/profile', json({ ...body, memo: 'x'.repeat(70_000) }))).status).toBe(413);
    expect(profileRows()).toHaveLength(before);
    expect(logLines.some((l) => /^POST \/api\/profile 200 \d+ ms$/.test(l))).toBe(true);
  });
});

describe('logs', () => {
  it('hold method, route, status and time, never report text, names or search terms', () => {
    expect(logLines.length).toBeGreaterThan(20);
    for (const line of logLines) {
      expect(line).toMatch(/^(GET|POST|PUT) \S+ \d{3} \d+ ms$/);
      expect(line).not.toMatch(/Harrowgate|MARAC|argument|token=|sister|thought/i);
    }
  });
});

describe('the page assets', () => {
  it('never turn text into HTML or code, and hold no inline script, style or handler', async () => {
    const script = (await get('/app.js')).body;
    for (const banned of [/\.innerHTML\b/, /\.outerHTML\b/, /insertAdjacentHTML/, /document\.write/, /\beval\s*\(/, /new Function\s*\(/, /setAttribute\(\s*['"]on/]) {
      expect(script, String(banned)).not.toMatch(banned);
    }
    const page = (await get('/')).body;
    expect(page).toMatch(/<script src="\/app\.js" defer><\/script>/);
    expect(page).not.toMatch(/<script>|<style|\sstyle=|\son[a-z]+=/i);
    const style = (await get('/app.css')).body;
    expect(style).not.toMatch(/@import|url\(/);
    expect(page + script + style).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
  });
});
