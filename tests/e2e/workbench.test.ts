// The reviewer's workbench in real headless Chromium (Debian's chromium, driven by
// playwright-core): the printed one-time URL, keyboard decisions, a span added from a text
// selection, undo, reload, two reviewers at once, a report holding <script>, and the whole of
// corpus-sample worked through in the browser. Timings are logged, not asserted.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import Database from 'better-sqlite3';
import { ROOT, scrcode, scrcodeAsync, tempDir } from '../helpers/cli.js';
import { REVIEW_FIXTURES } from '../review/helpers.js';
import { makeBenchCorpus } from '../../bench/makeBenchCorpus.js';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = join(ROOT, 'out', 'workbench-document.png');

let dir: string;
let dbPath: string;
let browser: Browser;
let longReport: string;
const servers: ChildProcess[] = [];

/** Starts `scrcode review` as a user would and reads the one-time URL it prints. */
async function startReview(reviewer: string): Promise<string> {
  const child = scrcodeAsync(['review', '--db', dbPath, '--port', '0', '--reviewer', reviewer, '--quiet']);
  servers.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (url) resolve(url[1]);
    });
    child.once('exit', (code) => reject(new Error(`scrcode review exited with ${code}: ${out}`)));
  });
}

function decisionsInDb(): { action: string; code: string; reviewer: string; segStart: number | null }[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT action, code, reviewer, seg_start AS segStart FROM decisions ORDER BY id').all() as any[];
  } finally {
    db.close();
  }
}

function codedFileNames(): string[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare(`SELECT file_name FROM documents WHERE status = 'coded' ORDER BY file_name`).pluck().all() as string[];
  } finally {
    db.close();
  }
}

async function openDocument(page: Page, fileName: string): Promise<number> {
  const t0 = Date.now();
  await page.locator('[data-testid="doc-row"]', { hasText: fileName }).click();
  await page.locator('[data-testid="chip"]').first().waitFor();
  return Date.now() - t0;
}

const chip = (page: Page, state?: string) => page.locator(`[data-testid="chip"]${state ? `[data-state="${state}"]` : ''}`);

async function savedAfter(page: Page, action: () => Promise<void>): Promise<number> {
  const t0 = Date.now();
  await action();
  await page.locator('[data-testid="status"]', { hasText: /^(Saved|Undone)/ }).waitFor();
  return Date.now() - t0;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (.ci/run does)`);
  dir = tempDir('scrcode-workbench-');
  dbPath = join(dir, 'review.db');
  // A 150-page report from the benchmark's generator, for the timings the issue asks to log.
  const long = await makeBenchCorpus(join(dir, 'long'), { count: 1, minPages: 145, maxPages: 160, seed: 1 });
  longReport = long.files[0].file;
  for (const input of [join(ROOT, 'corpus-sample'), REVIEW_FIXTURES, join(dir, 'long')]) {
    const r = scrcode(['run', input, '--db', dbPath, '--quiet', '--allow-skipped']);
    if (r.status !== 0) throw new Error(r.stderr);
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
  for (const s of servers) s.kill('SIGINT');
});

describe('the workbench in Chromium', () => {
  let ann: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    const url = await startReview('ann');
    ann = await browser.newContext();
    page = await ann.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(url);
  });

  it('opens the printed URL, lists the documents, and says which could not be analysed and why', async () => {
    expect(new URL(page.url()).search).toBe('');
    await page.locator('[data-testid="doc-row"]').first().waitFor();
    // corpus-sample's 7 files (one not analysed), the review fixture and the 150-page report.
    expect(await page.locator('[data-testid="doc-row"]').count()).toBe(9);
    const scanned = page.locator('[data-testid="doc-row"]', { hasText: 'kestlewood_scr_child_s_scanned.pdf' });
    await expect.poll(() => scanned.innerText()).toMatch(/Needs OCR[\s\S]*PDF has no text layer/);
  });

  it('opens the 61-page report quickly, with proposals highlighted on their evidence', async () => {
    const ms = await openDocument(page, 'maddersley_scr_child_k.pdf');
    const chips = await chip(page).count();
    console.log(`workbench: maddersley (61 pages, ${chips} codes) opened in ${ms} ms`);
    expect(chips).toBeGreaterThan(300);
    expect(await page.locator('[data-testid="segment-text"] mark').count()).toBeGreaterThan(300);
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
    await page.keyboard.press('g');
    await page.locator('[data-testid="doc-row"]').first().waitFor();
  });

  it('opens a 150-page report and saves a decision on it without waiting (timings logged)', async () => {
    const ms = await openDocument(page, longReport);
    await page.keyboard.press('j');
    const firstMs = await savedAfter(page, () => page.keyboard.press('c'));
    await expect.poll(() => page.locator('[data-testid="chip"]:focus').getAttribute('data-state')).toBe('confirmed');
    // The page fills in the menus of far-away paragraphs for a moment after opening; then a decision is steady-state.
    await page.waitForTimeout(2500);
    await page.keyboard.press('j');
    const laterMs = await savedAfter(page, () => page.keyboard.press('r'));
    await expect.poll(() => page.locator('[data-testid="chip"]:focus').getAttribute('data-state')).toBe('rejected');
    console.log(`workbench: ${longReport} (${await page.locator('[data-testid="segment-text"]').count()} paragraphs, ${await chip(page).count()} codes) opened in ${ms} ms; ` +
      `a decision saved and shown in ${firstMs} ms right after opening, ${laterMs} ms later on`);
    await page.keyboard.press('g');
    await page.locator('[data-testid="doc-row"]').first().waitFor();
  });

  it('confirms and rejects by keyboard, adds a code to a selected span, undoes, and keeps it all after a reload', async () => {
    await openDocument(page, 'harrowgate_scr_child_x.txt');
    const before = decisionsInDb().length;
    await page.keyboard.press('j');
    const first = page.locator('[data-testid="chip"]:focus');
    const firstCode = await first.getAttribute('data-code');
    const firstSegment = await first.getAttribute('data-segment-index');
    const confirmMs = await savedAfter(page, () => page.keyboard.press('c'));
    await expect.poll(() => page.locator(`[data-testid="chip"][data-code="${firstCode}"][data-segment-index="${firstSegment}"]`).getAttribute('data-state')).toBe('confirmed');
    console.log(`workbench: a decision was saved and shown ${confirmMs} ms after the key press`);

    await page.keyboard.press('j');
    const second = page.locator('[data-testid="chip"]:focus');
    const secondKey = [await second.getAttribute('data-code'), await second.getAttribute('data-segment-index')];
    await savedAfter(page, () => page.keyboard.press('r'));
    await expect.poll(() => page.locator(`[data-testid="chip"][data-code="${secondKey[0]}"][data-segment-index="${secondKey[1]}"]`).getAttribute('data-state')).toBe('rejected');

    // Select "older sister" in the paragraph that begins "Nobody asked", then add a code to it.
    const segment = page.locator('[data-segment-index]', { has: page.locator('[data-testid="segment-text"]', { hasText: 'Nobody asked' }) }).first();
    await segment.locator('[data-testid="segment-text"]').evaluate((el) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf('older sister');
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 'older sister'.length);
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return;
      }
      throw new Error('"older sister" not found in one text node');
    });
    await page.keyboard.press('a');
    const select = segment.locator('[data-testid="add-code-select"]');
    await expect.poll(() => select.evaluate((el) => el === document.activeElement)).toBe(true);
    await select.selectOption('communication');
    await savedAfter(page, () => segment.locator('[data-testid="add-code-button"]').click());
    await expect.poll(() => segment.locator('[data-testid="chip"][data-code="communication"]').getAttribute('data-state')).toBe('added');
    const added = decisionsInDb().at(-1)!;
    expect(added).toMatchObject({ action: 'add', code: 'communication', reviewer: 'ann' });
    const segmentText = (await segment.locator('[data-testid="segment-text"]').textContent())!;
    expect(segmentText.slice(added.segStart!, added.segStart! + 12)).toBe('older sister');

    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await savedAfter(page, () => page.keyboard.press('u'));
    await expect.poll(() => segment.locator('[data-testid="chip"][data-code="communication"]').count()).toBe(0);

    await page.reload();
    await page.locator('[data-testid="chip"]').first().waitFor();
    expect(await page.locator(`[data-testid="chip"][data-code="${firstCode}"][data-segment-index="${firstSegment}"]`).getAttribute('data-state')).toBe('confirmed');
    expect(await page.locator(`[data-testid="chip"][data-code="${secondKey[0]}"][data-segment-index="${secondKey[1]}"]`).getAttribute('data-state')).toBe('rejected');
    expect(await page.locator('[data-testid="chip"][data-code="communication"]').count()).toBe(0);
    expect(decisionsInDb().slice(before).map((d) => `${d.action} ${d.code}`)).toEqual([
      `confirm ${firstCode}`, `reject ${secondKey[0]}`, 'add communication', 'withdraw communication',
    ]);
  });

  it('shows a report holding <script> as text, and runs nothing', async () => {
    const text = page.locator('[data-testid="segment-text"]', { hasText: 'A note left on the file' });
    // textContent: off-screen paragraphs skip layout (content-visibility), and innerText needs layout.
    expect(await text.textContent()).toContain('<script>alert("x")</script> & <b>bold</b>');
    await text.scrollIntoViewIfNeeded();
    await expect.poll(() => text.innerText()).toContain('<script>alert("x")</script> & <b>bold</b>');
    expect(await page.locator('[data-testid="segment-text"] script, [data-testid="segment-text"] b').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('corrects the child\'s age in the profile sheet; the correction survives a reload and reaches the profiles export', async () => {
    await page.keyboard.press('g');
    await page.locator('[data-testid="doc-row"]').first().waitFor();
    await openDocument(page, 'harrowgate_scr_child_x.txt');
    const ageRow = () => page.locator('[data-testid="profile"] [data-testid="profile-field"][data-field="child_age_months"]');
    expect(await page.locator('[data-testid="profile"] [data-testid="profile-field"]').count()).toBe(12);
    // The fixture says "aged 14 months"; "Why" highlights those words in the text.
    expect(await ageRow().locator('[data-testid="profile-value"]').textContent()).toBe('14');
    expect(await ageRow().getAttribute('data-state')).toBe('extracted');
    await ageRow().locator('[data-testid="profile-why"]').first().click();
    await expect.poll(() => page.evaluate(() => {
      const highlight = (CSS as any).highlights?.get('profile-evidence');
      return highlight ? [...highlight].map((r: Range) => r.toString()) : null;
    })).toEqual(['14 months']);

    await ageRow().locator('[data-testid="profile-input"]').fill('15');
    await savedAfter(page, () => ageRow().locator('[data-testid="profile-save"]').click());
    // "Saved" means committed: the row is in the database when the page says so.
    const stored = new Database(dbPath, { readonly: true });
    try {
      expect(stored.prepare('SELECT field, value, reviewer, based_on AS basedOn FROM profile_decisions ORDER BY id').all()).toEqual([
        { field: 'child_age_months', value: '15', reviewer: 'ann', basedOn: null },
      ]);
    } finally {
      stored.close();
    }
    await expect.poll(() => ageRow().locator('[data-testid="profile-value"]').textContent()).toBe('15');

    await page.reload();
    await page.locator('[data-testid="chip"]').first().waitFor();
    expect(await ageRow().locator('[data-testid="profile-value"]').textContent()).toBe('15');
    expect(await ageRow().getAttribute('data-state')).toBe('corrected');
    expect(await ageRow().locator('[data-testid="profile-source"]').textContent()).toMatch(/^Corrected by ann, .+ \(extracted: 14\)$/);
    expect(await ageRow().locator('[data-testid="profile-input"]').inputValue()).toBe('15');

    const out = join(dir, 'profiles.jsonl');
    expect(scrcode(['export', '--format', 'profiles', '--db', dbPath, '--out', out]).status).toBe(0);
    const profiles = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(profiles.map((p) => p.document)).toEqual(codedFileNames());
    expect(profiles.find((p) => p.document === 'harrowgate_scr_child_x.txt').child_age_months).toBe(15);
  });

  it('lets two reviewers work at once, and refuses a decision made on a stale view with a clear message', async () => {
    const bobUrl = await startReview('bob');
    const bob = await browser.newContext();
    const bobPage = await bob.newPage();
    await bobPage.goto(bobUrl);
    await bobPage.locator('[data-testid="doc-row"]').first().waitFor();
    await openDocument(bobPage, 'harrowgate_scr_child_x.txt');
    await page.reload();
    await page.locator('[data-testid="chip"]').first().waitFor();

    // Different codes at the same moment: both saved.
    const undecided = chip(page, 'undecided');
    const [a, b] = [undecided.nth(0), undecided.nth(1)];
    const keyOf = async (c: ReturnType<typeof chip>) => [await c.getAttribute('data-code'), await c.getAttribute('data-segment-index')] as const;
    const [aKey, bKey] = [await keyOf(a), await keyOf(b)];
    const bobChip = (k: readonly [string | null, string | null]) => bobPage.locator(`[data-testid="chip"][data-code="${k[0]}"][data-segment-index="${k[1]}"]`);
    await Promise.all([
      savedAfter(page, () => a.locator('[data-action="confirm"]').click()),
      savedAfter(bobPage, () => bobChip(bKey).locator('[data-action="confirm"]').click()),
    ]);
    const rows = decisionsInDb();
    expect(rows.some((d) => d.reviewer === 'ann' && d.code === aKey[0] && d.action === 'confirm')).toBe(true);
    expect(rows.some((d) => d.reviewer === 'bob' && d.code === bKey[0] && d.action === 'confirm')).toBe(true);

    // Bob's page still shows ann's pair as undecided: his reject is refused, and he is told why.
    const count = decisionsInDb().length;
    await bobChip(aKey).locator('[data-action="reject"]').click();
    await bobPage.locator('[data-testid="alert"]', { hasText: /changed since this page loaded.*ann confirmed it/ }).waitFor();
    expect(decisionsInDb().length).toBe(count);
    await expect.poll(() => bobChip(aKey).getAttribute('data-state')).toBe('confirmed');
    await bob.close();
  });

  it('works through every proposed code of corpus-sample by rule, and the decisions reach export and agreement', async () => {
    await page.keyboard.press('g');
    const rows = page.locator('[data-testid="doc-row"]');
    await rows.first().waitFor();
    const names = codedFileNames().filter((n) => !n.startsWith('harrowgate') && n !== longReport);
    expect(names).toHaveLength(6);
    const t0 = Date.now();
    for (const name of names) {
      await page.keyboard.press('g');
      await rows.first().waitFor();
      await openDocument(page, name);
      const rules = page.locator('[data-testid="bulk-rule"] option');
      const values = (await rules.evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).filter(Boolean);
      for (const value of values) {
        await page.locator('[data-testid="bulk-rule"]').selectOption(value);
        await page.locator('[data-testid="bulk-confirm"]').click();
        await page.locator('[data-testid="status"]', { hasText: /Confirmed \d+/ }).waitFor();
      }
      await expect.poll(() => chip(page, 'undecided').count()).toBe(0);
    }
    console.log(`workbench: ${names.length} corpus-sample reports worked through by rule in ${Date.now() - t0} ms`);

    const out = join(dir, 'export.jsonl');
    expect(scrcode(['export', '--format', 'jsonl', '--db', dbPath, '--out', out]).status).toBe(0);
    const codes = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l))
      .filter((r) => !r.document.startsWith('harrowgate') && r.document !== longReport).flatMap((r) => r.codes);
    expect(codes.length).toBeGreaterThan(1000);
    expect(codes.filter((c: any) => c.decision === null)).toEqual([]);
    const agreement = scrcode(['agreement', '--db', dbPath]);
    expect(agreement.status).toBe(0);
    expect(agreement.stdout).toContain('ann');
    expect(agreement.stdout).toMatch(/domestic_violence\//);
  }, 300_000);

  it('logged no browser errors and no CSP violations', () => {
    expect(consoleErrors.filter((e) => !/409|Conflict/.test(e))).toEqual([]);
  });
});

mkdirSync(join(ROOT, 'out'), { recursive: true });
