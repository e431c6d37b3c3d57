// The REFI-QDA exports (.qdpx project, .qdc codebook), made with the real CLI from reports the
// real pipeline coded, validated against the standard's XSD with xmllint and read back.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { Parser } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCodebook } from '../../pipeline/codebook.js';
import { codePointPositions, stableGuid } from '../../pipeline/export/refiQda.js';
import { redactDocument } from '../../pipeline/redact/index.js';
import { type Db, openDatabase } from '../../pipeline/store/db.js';
import { addDecision } from '../../pipeline/store/decisions.js';
import { listExports } from '../../pipeline/store/exports.js';
import { ROOT, scrcode, tempDir } from '../helpers/cli.js';
import { REVIEW_FIXTURES } from '../review/helpers.js';

const XSD = join(ROOT, 'pipeline', 'export', 'refi-qda', 'Project.xsd');
const ASTRAL_REPORT = 'oakmere_scr_child_y.txt';
const REVIEW_REPORT = 'harrowgate_scr_child_x.txt';
const codebook = loadCodebook();

// ------------------------------------------------------------------ a small XML reader

interface XmlNode { name: string; attrs: Record<string, string>; children: XmlNode[]; text: string }

function parseXml(xml: string): XmlNode {
  const root: XmlNode = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [root];
  const parser = new Parser({
    onopentag(name, attributes) {
      const node = { name, attrs: attributes, children: [], text: '' };
      stack[stack.length - 1].children.push(node);
      stack.push(node);
    },
    ontext(text) { stack[stack.length - 1].text += text; },
    onclosetag() { stack.pop(); },
  }, { xmlMode: true });
  parser.end(xml);
  expect(stack).toHaveLength(1);
  return root.children[0];
}

const child = (n: XmlNode, name: string): XmlNode | undefined => n.children.find((c) => c.name === name);
const childrenNamed = (n: XmlNode, name: string): XmlNode[] => n.children.filter((c) => c.name === name);
function descendants(n: XmlNode, name: string): XmlNode[] {
  return n.children.flatMap((c) => [...(c.name === name ? [c] : []), ...descendants(c, name)]);
}

/** Validates with xmllint against the shipped Project.xsd; fails with a clear message where xmllint is missing. */
function validate(xmlFile: string): void {
  const version = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  if (version.error) throw new Error('xmllint is not installed: the REFI-QDA export is validated with it (Debian/Ubuntu: apt-get install libxml2-utils)');
  const r = spawnSync('xmllint', ['--noout', '--schema', XSD, xmlFile], { encoding: 'utf8' });
  expect(r.stderr.trim().split('\n').slice(-1)[0], r.stderr).toMatch(/ validates$/);
  expect(r.status, r.stderr).toBe(0);
}

interface Qdpx { qde: string; project: XmlNode; sources: Map<string, string>; files: string[] }

async function readQdpx(file: string, dir: string): Promise<Qdpx> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const qde = await zip.file('project.qde')!.async('string');
  const qdeFile = join(dir, `project-${Date.now()}-${Math.random()}.qde`);
  writeFileSync(qdeFile, qde);
  validate(qdeFile);
  const sources = new Map<string, string>();
  for (const name of Object.keys(zip.files).filter((n) => n.startsWith('Sources/') && !zip.files[n].dir)) {
    sources.set(name, await zip.file(name)!.async('string'));
  }
  return { qde, project: parseXml(qde), sources, files: Object.keys(zip.files) };
}

// ------------------------------------------------------------------ the coded database and decisions

let dir: string;
let dbPath: string;

interface StoredSegment { idx: number; charStart: number; charEnd: number; text: string; paragraph: string | null }

function docRow(db: Db, fileName: string): { id: number; sha256: string; text: string; lexiconVersion: string } {
  return db.prepare(`SELECT id, sha256, text, lexicon_version AS lexiconVersion FROM documents WHERE file_name = ?`).get(fileName) as never;
}

function segmentAt(db: Db, fileName: string, paragraph: string): StoredSegment {
  const s = db.prepare(
    `SELECT s.idx, s.char_start AS charStart, s.char_end AS charEnd, s.text, s.paragraph
     FROM segments s JOIN documents d ON d.id = s.document_id WHERE d.file_name = ? AND s.paragraph = ?`,
  ).get(fileName, paragraph) as StoredSegment | undefined;
  if (!s) throw new Error(`fixture: no paragraph ${paragraph} in ${fileName}`);
  return s;
}

function proposalContexts(db: Db, fileName: string, paragraph: string, code: string): string[] {
  return (db.prepare(
    `SELECT p.context FROM proposals p JOIN segments s ON s.id = p.segment_id JOIN documents d ON d.id = s.document_id
     WHERE d.file_name = ? AND s.paragraph = ? AND p.code = ?`,
  ).pluck().all(fileName, paragraph, code) as string[]);
}

const CRY = "I can't cope 😢😢";

beforeAll(() => {
  dir = tempDir('scrcode-qdpx-');
  const input = join(dir, 'reports');
  mkdirSync(input);
  copyFileSync(join(REVIEW_FIXTURES, REVIEW_REPORT), join(input, REVIEW_REPORT));
  copyFileSync(join(ROOT, 'tests', 'fixtures', 'qdpx', ASTRAL_REPORT), join(input, ASTRAL_REPORT));
  dbPath = join(dir, 'qdpx.db');
  const run = scrcode(['run', input, '--db', dbPath, '--quiet']);
  if (run.status !== 0) throw new Error(`coding the fixtures failed: ${run.stderr}`);

  const db = openDatabase(dbPath);
  try {
    // What the decisions below act on must be there, or the test would prove nothing.
    expect(proposalContexts(db, REVIEW_REPORT, '3.1', 'information_sharing')).toContain('asserted');
    expect(proposalContexts(db, REVIEW_REPORT, '2.1', 'domestic_violence')).toContain('asserted');
    expect(proposalContexts(db, ASTRAL_REPORT, '2.4', 'unknown_adult')).toEqual(['asserted']);
    expect(proposalContexts(db, ASTRAL_REPORT, '2.4', 'assessment')).toEqual(['asserted']);
    expect(proposalContexts(db, ASTRAL_REPORT, '2.2', 'substance_misuse')).toEqual(['negated']);
    expect(proposalContexts(db, ASTRAL_REPORT, '2.1', 'mental_ill_health')).toEqual([]);
    expect(proposalContexts(db, ASTRAL_REPORT, '2.2', 'neglect')).toEqual([]);

    const harrowgate = docRow(db, REVIEW_REPORT).sha256;
    const oakmere = docRow(db, ASTRAL_REPORT).sha256;
    const decide = (sha: string, fileName: string, paragraph: string, action: 'confirm' | 'reject' | 'add' | 'set_context', code: string, reviewer: string, extra = {}) =>
      addDecision(db, { documentSha256: sha, segmentIndex: segmentAt(db, fileName, paragraph).idx, action, code, reviewer, ...extra });
    decide(harrowgate, REVIEW_REPORT, '3.1', 'reject', 'information_sharing', 'r.patel');
    decide(harrowgate, REVIEW_REPORT, '2.1', 'confirm', 'domestic_violence', 'j.okafor', { memo: 'MARAC & police callouts <3>' });
    const s21 = segmentAt(db, ASTRAL_REPORT, '2.1');
    const at = s21.charStart + s21.text.indexOf(CRY);
    decide(oakmere, ASTRAL_REPORT, '2.1', 'add', 'mental_ill_health', 'r.patel', { start: at, end: at + CRY.length });
    decide(oakmere, ASTRAL_REPORT, '2.2', 'add', 'neglect', 'j.okafor');
    decide(oakmere, ASTRAL_REPORT, '2.4', 'set_context', 'unknown_adult', 'r.patel', { context: 'hypothetical' });
    decide(oakmere, ASTRAL_REPORT, '2.4', 'set_context', 'assessment', 'r.patel', { context: 'generic' });
  } finally {
    db.close();
  }
});

afterAll(() => {
  if (dir) spawnSync('rm', ['-rf', dir]);
});

function exportQdpx(name: string): string {
  const out = join(dir, name);
  const r = scrcode(['export', '--format', 'qdpx', '--db', dbPath, '--out', out]);
  expect(r.status, r.stderr).toBe(0);
  expect(r.stderr).toMatch(/^Wrote \d+ codings to /);
  return out;
}

interface ReadSelection { source: string; name: string; start: number; end: number; text: string; code: string; user: string; description: string }

/** Every selection with its text cut from the exported source by code points, its code's name and its coder's name. */
function selectionsOf(q: Qdpx): ReadSelection[] {
  const codeNames = new Map(descendants(q.project, 'Code').map((c) => [c.attrs.guid, c.attrs.name]));
  const userNames = new Map(descendants(q.project, 'User').map((u) => [u.attrs.guid, u.attrs.name]));
  return descendants(child(q.project, 'Sources')!, 'TextSource').flatMap((source) => {
    const text = q.sources.get(`Sources/${source.attrs.guid}.txt`)!;
    const codePoints = Array.from(text);
    return childrenNamed(source, 'PlainTextSelection').map((sel) => {
      const codings = childrenNamed(sel, 'Coding');
      expect(codings).toHaveLength(1);
      expect(codings[0].attrs.creatingUser).toBe(sel.attrs.creatingUser);
      const start = Number(sel.attrs.startPosition);
      const end = Number(sel.attrs.endPosition);
      return {
        source: source.attrs.name, name: sel.attrs.name, start, end, text: codePoints.slice(start, end).join(''),
        code: codeNames.get(child(codings[0], 'CodeRef')!.attrs.targetGUID)!, user: userNames.get(codings[0].attrs.creatingUser)!,
        description: child(sel, 'Description')?.text ?? '',
      };
    });
  });
}

const label = (id: string): string => codebook.codes.find((c) => c.id === id)!.label;

describe('scrcode export --format qdpx', () => {
  let first: Qdpx;
  let selections: ReadSelection[];
  let db: Db;
  beforeAll(async () => {
    first = await readQdpx(exportQdpx('first.qdpx'), dir);
    selections = selectionsOf(first);
    db = openDatabase(dbPath);
  });
  afterAll(() => db?.close());

  it('validates against the QDA-XML 1.0 schema and holds project.qde and one text per report', () => {
    expect(first.project.name).toBe('Project');
    expect(first.project.attrs.xmlns).toBe('urn:QDA-XML:project:1.0');
    const sources = descendants(first.project, 'TextSource');
    expect(sources.map((s) => s.attrs.name).sort()).toEqual([REVIEW_REPORT, ASTRAL_REPORT].sort());
    expect(first.files.filter((f) => !f.endsWith('/')).sort()).toEqual(['project.qde', ...sources.map((s) => `Sources/${s.attrs.guid}.txt`)].sort());
    for (const s of sources) {
      expect(s.attrs.plainTextPath).toBe(`internal://${s.attrs.guid}.txt`);
      expect(first.sources.get(`Sources/${s.attrs.guid}.txt`)).toBe(docRow(db, s.attrs.name).text);
      expect(s.attrs.guid).toBe(stableGuid(`source:${docRow(db, s.attrs.name).sha256}`));
    }
  });

  it('holds the codebook as a tree: Themes and Risk factors, not codable, with every code in the codebook order', () => {
    const groups = childrenNamed(child(child(first.project, 'CodeBook')!, 'Codes')!, 'Code');
    expect(groups.map((g) => [g.attrs.name, g.attrs.isCodable])).toEqual([['Themes', 'false'], ['Risk factors', 'false']]);
    const [themes, risks] = groups.map((g) => childrenNamed(g, 'Code'));
    expect(themes.map((c) => c.attrs.name)).toEqual(codebook.codes.filter((c) => c.kind === 'theme').map((c) => c.label));
    expect(risks.map((c) => c.attrs.name)).toEqual(codebook.codes.filter((c) => c.kind === 'risk_factor').map((c) => c.label));
    expect(themes.length + risks.length).toBe(26);
    for (const [i, c] of [...themes, ...risks].entries()) {
      expect(c.attrs.isCodable).toBe('true');
      expect(child(c, 'Description')!.text).toContain(codebook.codes.find((x) => x.label === c.attrs.name)!.meaning);
      expect(c.children.filter((x) => x.name === 'Code')).toEqual([]);
      expect(i).toBeLessThan(26);
    }
  });

  it('indexes every selection in code points to exactly the segment (or the reviewer\'s span) stored in the database', () => {
    expect(selections.length).toBeGreaterThan(10);
    for (const fileName of [REVIEW_REPORT, ASTRAL_REPORT]) {
      const doc = docRow(db, fileName);
      const toCodePoints = (utf16: number) => Array.from(doc.text.slice(0, utf16)).length;
      const expected = new Map<string, string>();
      const segments = db.prepare('SELECT char_start AS s, char_end AS e, text FROM segments WHERE document_id = ?').all(doc.id) as { s: number; e: number; text: string }[];
      for (const seg of segments) expected.set(`${toCodePoints(seg.s)}:${toCodePoints(seg.e)}`, seg.text);
      const spans = db.prepare(
        `SELECT s.char_start + d.seg_start AS s, s.char_start + d.seg_end AS e FROM decisions d
         JOIN segments s ON s.idx = d.segment_idx AND s.document_id = ? WHERE d.document_sha256 = ? AND d.seg_start IS NOT NULL`,
      ).all(doc.id, doc.sha256) as { s: number; e: number }[];
      for (const span of spans) expected.set(`${toCodePoints(span.s)}:${toCodePoints(span.e)}`, doc.text.slice(span.s, span.e));
      const mine = selections.filter((s) => s.source === fileName);
      expect(mine.length).toBeGreaterThan(3);
      for (const sel of mine) {
        expect(expected.get(`${sel.start}:${sel.end}`), `${fileName} ${sel.name} at ${sel.start}:${sel.end}`).toBeDefined();
        expect(sel.text).toBe(expected.get(`${sel.start}:${sel.end}`));
      }
    }
  });

  it('counts positions in code points, so a report with emoji and mathematical letters still indexes exactly', () => {
    const doc = docRow(db, ASTRAL_REPORT);
    expect(doc.text).toMatch(/🧸[\s\S]*🩹[\s\S]*😢😢[\s\S]*𝐜𝐢𝐭𝐲/u);
    const s23 = segmentAt(db, ASTRAL_REPORT, '2.3');
    const dv = selections.find((s) => s.source === ASTRAL_REPORT && s.code === label('domestic_violence'))!;
    expect(dv.text).toBe(s23.text);
    // Four astral characters come before paragraph 2.3 (🧸 🩹 😢 😢) and nine inside it (𝐢𝐧 𝐭𝐡𝐞 𝐜𝐢𝐭𝐲): each is two JS units, one position.
    expect([dv.start, dv.end]).toEqual([s23.charStart - 4, s23.charEnd - 4 - 9]);
    expect(s23.text).toContain('𝐢𝐧 𝐭𝐡𝐞 𝐜𝐢𝐭𝐲');
    const cry = selections.find((s) => s.source === ASTRAL_REPORT && s.code === label('mental_ill_health'))!;
    expect(cry.text).toBe(CRY);
    expect(cry.end - cry.start).toBe(Array.from(CRY).length);
  });

  it('applies the reviewers\' decisions: rejected out, added in under the reviewer, non-asserted risk factors out', () => {
    const lexicon = docRow(db, REVIEW_REPORT).lexiconVersion;
    const at = (fileName: string, paragraph: string) => selections.filter((s) => s.source === fileName && s.name.startsWith(`${paragraph} `));
    const codesAt = (fileName: string, paragraph: string) => at(fileName, paragraph).map((s) => [s.code, s.user]);
    // The rejected proposal is absent; the paragraph's other codes stay the pipeline's.
    expect(codesAt(REVIEW_REPORT, '3.1').map(([code]) => code)).not.toContain(label('information_sharing'));
    expect(codesAt(REVIEW_REPORT, '3.1').every(([, user]) => user === `scrcode ${lexicon}`)).toBe(true);
    expect(codesAt(REVIEW_REPORT, '2.1').map(([code]) => code)).toContain(label('information_sharing'));
    // A confirmed proposal is the reviewer's coding now, with the memo in its description.
    const dv = at(REVIEW_REPORT, '2.1').find((s) => s.code === label('domestic_violence'))!;
    expect(dv.user).toBe('j.okafor');
    expect(dv.description).toContain('Confirmed by j.okafor');
    expect(dv.description).toContain('Memo: MARAC & police callouts <3>');
    expect(at(REVIEW_REPORT, '2.1').filter((s) => s.code !== label('domestic_violence')).every((s) => s.user === `scrcode ${lexicon}`)).toBe(true);
    // Reviewer-added codes: one on selected text, one on the whole paragraph.
    expect(at(ASTRAL_REPORT, '2.1').find((s) => s.code === label('mental_ill_health'))).toMatchObject({ user: 'r.patel', text: CRY });
    const neglect = at(ASTRAL_REPORT, '2.2').find((s) => s.code === label('neglect'))!;
    expect([neglect.user, neglect.text]).toEqual(['j.okafor', segmentAt(db, ASTRAL_REPORT, '2.2').text]);
    // The negated substance-misuse proposal (2.2) and the risk factor set to hypothetical (2.4) are left out;
    // the theme whose context was set to generic stays, saying so.
    const assessment = at(ASTRAL_REPORT, '2.4').find((s) => s.code === label('assessment'))!;
    expect(assessment.user).toBe('r.patel');
    expect(assessment.description).toMatch(/^Context: generic\. scrcode proposed this theme from ".+"/);
    expect(assessment.description).toContain('Context set to generic by r.patel');
    expect(codesAt(ASTRAL_REPORT, '2.2').map(([code]) => code)).not.toContain(label('substance_misuse'));
    expect(codesAt(ASTRAL_REPORT, '2.4').map(([code]) => code)).not.toContain(label('unknown_adult'));
    // Users: the pipeline by lexicon version, and each reviewer who made a coding.
    expect(descendants(first.project, 'User').map((u) => u.attrs.name)).toEqual([`scrcode ${lexicon}`, 'j.okafor', 'r.patel']);
  });

  it('gives the same GUIDs in every export, and records the export', async () => {
    const out = exportQdpx('second.qdpx');
    const second = await readQdpx(out, dir);
    const guids = (q: Qdpx) => q.qde.match(/guid="[^"]+"|GUID="[^"]+"|creatingUser="[^"]+"/gi)!;
    expect(guids(second)).toEqual(guids(first));
    expect(new Set(guids(first).filter((g) => /^guid=/.test(g))).size).toBe(guids(first).filter((g) => /^guid=/.test(g)).length);
    const stripTime = (q: string) => q.replace(/ creationDateTime="[^"]+"/, '');
    expect(stripTime(second.qde)).toBe(stripTime(first.qde));

    const record = listExports(db).filter((r) => r.format === 'qdpx').at(-1)!;
    expect(record).toMatchObject({ target: out, redacted: false, scope: null, rows: descendants(second.project, 'Coding').length });
    expect(record.rows).toBe(selections.length);
  });

  it('refuses to write a zip to standard output', () => {
    const noOut = scrcode(['export', '--format', 'qdpx', '--db', dbPath, '--redact']);
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toContain('--format qdpx writes a file: give --out FILE');
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });
});

// ------------------------------------------------------------------ --redact

const REDACT_REPORT = 'fernmoor_scr_child_p_quarrington.txt';
/** Every identifying string in the redaction fixture (compared case-insensitively). */
const SENTINELS = [
  'Zebedee', 'Quarrington', 'Ottoline', 'Vanstraaten', 'Barnaby', 'Cordelia', 'Pemberton', 'Skeffington',
  'Marisol', 'Thackeray', 'Peregrine', 'Oddsworth', 'Ignatius', 'Blennerhassett',
  '07700 900461', '01632 960461', '17 Wexley Gardens', '41 Harrowby Road', 'FM3 7QD',
  '14 February 2013', '14/02/2013', 'p.oddsworth@fernmoor.example.gov.uk',
];
const MEMO = 'Zebedee Quarrington admitted two of the call-outs; Ms Vanstraaten can be reached on 07700 900461.';
const HARM = 'fractured femur, inflicted by Quarrington';

/** Every entry of the zip, as text, file name first. */
async function zipEntries(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
  return Promise.all(names.map(async (n) => `${n}\n${await zip.file(n)!.async('string')}`));
}

const sentinelsIn = (text: string): string[] => SENTINELS.filter((s) => text.toLowerCase().includes(s.toLowerCase()));

describe('scrcode export --format qdpx --redact', () => {
  let rdir: string;
  let rdb: string;
  let doc: { id: number; sha256: string; text: string };
  /** The reviewer's added span: from inside "Ottoline" to inside "Zebedee", both names touched. */
  let added: { start: number; end: number };
  const files: Record<'redacted' | 'plain', string> = { redacted: '', plain: '' };

  beforeAll(() => {
    rdir = tempDir('scrcode-qdpx-redact-');
    const input = join(rdir, 'reports');
    mkdirSync(input);
    copyFileSync(join(ROOT, 'tests', 'fixtures', 'redact', REDACT_REPORT), join(input, REDACT_REPORT));
    rdb = join(rdir, 'redact.db');
    const run = scrcode(['run', input, '--db', rdb, '--quiet']);
    if (run.status !== 0) throw new Error(`coding the redaction fixture failed: ${run.stderr}`);
    const db = openDatabase(rdb);
    try {
      doc = docRow(db, REDACT_REPORT);
      expect(proposalContexts(db, REDACT_REPORT, '3.1', 'domestic_violence')).toEqual(['asserted']);
      expect(proposalContexts(db, REDACT_REPORT, '2.1', 'child_focus')).toEqual([]);
      const s31 = segmentAt(db, REDACT_REPORT, '3.1');
      addDecision(db, { documentSha256: doc.sha256, segmentIndex: s31.idx, action: 'confirm', code: 'domestic_violence', reviewer: 'r.patel', memo: MEMO });
      const s21 = segmentAt(db, REDACT_REPORT, '2.1');
      const from = doc.text.indexOf('line Vanstraaten, and her partner, Zebe');
      added = { start: from, end: from + 'line Vanstraaten, and her partner, Zebe'.length };
      expect(added.start).toBeGreaterThan(s21.charStart);
      addDecision(db, { documentSha256: doc.sha256, segmentIndex: s21.idx, action: 'add', code: 'child_focus', reviewer: 'j.okafor', ...added });
      db.prepare('INSERT INTO profile_decisions (document_sha256, field, value, reviewer) VALUES (?, ?, ?, ?)')
        .run(doc.sha256, 'nature_of_harm', JSON.stringify(HARM), 'r.patel');
    } finally {
      db.close();
    }
    for (const kind of ['redacted', 'plain'] as const) {
      files[kind] = join(rdir, `${kind}.qdpx`);
      const r = scrcode(['export', '--format', 'qdpx', '--db', rdb, '--out', files[kind], ...(kind === 'redacted' ? ['--redact'] : [])]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr.includes('(redacted)')).toBe(kind === 'redacted');
    }
  });
  afterAll(() => {
    if (rdir) spawnSync('rm', ['-rf', rdir]);
  });

  it('leaves no sentinel in any entry of the redacted .qdpx, and every one in the plain one', async () => {
    const redacted = await zipEntries(files.redacted);
    expect(redacted.map((e) => e.split('\n')[0]).sort()).toEqual(['Sources/' + stableGuid(`source:${doc.sha256}`) + '.txt', 'project.qde']);
    for (const entry of redacted) expect(sentinelsIn(entry), entry.split('\n')[0]).toEqual([]);
    expect(sentinelsIn((await zipEntries(files.plain)).join('\n'))).toEqual(SENTINELS);
  });

  it('validates, and holds the redacted document text with every selection indexing it exactly', async () => {
    const q = await readQdpx(files.redacted, rdir); // validates project.qde with xmllint
    const redaction = redactDocument({ text: doc.text });
    const source = descendants(q.project, 'TextSource');
    expect(source.map((s) => s.attrs.name)).toEqual(['fernmoor_scr_child_p_redacted.txt']);
    const text = q.sources.get(`Sources/${source[0].attrs.guid}.txt`)!;
    expect(text).toBe(redaction.text);
    expect(text).toContain('2.1 Child P lived with the mother, [mother], and her partner, [mother\'s partner], in temporary accommodation at [address]');

    // What each selection may select: a stored segment or the reviewer's span, mapped into the redacted text.
    const db = openDatabase(rdb);
    const segments = db.prepare('SELECT char_start AS s, char_end AS e FROM segments WHERE document_id = ?').all(doc.id) as { s: number; e: number }[];
    db.close();
    const expected = new Map<string, string>();
    for (const { s, e } of [...segments, { s: added.start, e: added.end }]) {
      const span = redaction.mapSpan(s, e);
      expected.set(`${span.start}:${span.end}`, redaction.text.slice(span.start, span.end));
    }
    const selections = selectionsOf(q);
    const plain = selectionsOf(await readQdpx(files.plain, rdir));
    expect(selections.map((s) => [s.name, s.code, s.user])).toEqual(plain.map((s) => [s.name, s.code, s.user]));
    // 16 asserted proposals in 13 coded paragraphs, each a selection, and the reviewer's added span.
    expect(selections.length).toBe(17);
    for (const sel of selections) {
      expect(sel.text, `${sel.name} at ${sel.start}:${sel.end}`).toBe(expected.get(`${sel.start}:${sel.end}`));
      expect(sentinelsIn(sel.text)).toEqual([]);
      // The quoted evidence is cut from the same redacted text, inside the selected segment.
      const evidence = /from "(.*)" \(rule /.exec(sel.description)?.[1];
      if (evidence !== undefined) expect(sel.text).toContain(evidence);
    }
    // The names before them shorten the text: the positions really moved.
    expect(selections.filter((s, i) => s.start !== plain[i].start).length).toBeGreaterThan(5);
    // The reviewer's span touched half of two names: it selects both labels whole.
    expect(selections.find((s) => s.code === label('child_focus'))).toMatchObject({ user: 'j.okafor', text: "[mother], and her partner, [mother's partner]" });
    expect(plain.find((s) => s.code === label('child_focus'))!.text).toBe('line Vanstraaten, and her partner, Zebe');
  });

  it('redacts the reviewer\'s memo, the case name and a free-text case variable', async () => {
    const q = await readQdpx(files.redacted, rdir);
    const dv = selectionsOf(q).find((s) => s.code === label('domestic_violence'))!;
    expect(dv.description).toContain('Confirmed by r.patel');
    // The memo gets the report's own labels: the partner and the mother as in the text above.
    expect(dv.description).toContain("Memo: [mother's partner] admitted two of the call-outs; [mother] can be reached on [phone].");
    const plainDv = selectionsOf(await readQdpx(files.plain, rdir)).find((s) => s.code === label('domestic_violence'))!;
    expect(plainDv.description).toContain(`Memo: ${MEMO}`);

    const cases = childrenNamed(child(q.project, 'Cases')!, 'Case');
    expect(cases.map((c) => c.attrs.name)).toEqual(['fernmoor_scr_child_p_redacted.txt']);
    const nameOf = new Map(childrenNamed(child(q.project, 'Variables')!, 'Variable').map((v) => [v.attrs.guid, v.attrs.name]));
    const values = Object.fromEntries(childrenNamed(cases[0], 'VariableValue').map((v) => [nameOf.get(child(v, 'VariableRef')!.attrs.targetGUID), v.children[1].text]));
    expect(values).toMatchObject({ area: 'Fernmoor LSCB', nature_of_harm: "fractured femur, inflicted by [mother's partner]", child_age_months: '22' });
  });

  it('records the export as redacted', () => {
    const db = openDatabase(rdb);
    try {
      expect(listExports(db).map((e) => [e.format, e.target, e.redacted])).toEqual([
        ['qdpx', files.redacted, true], ['qdpx', files.plain, false],
      ]);
    } finally {
      db.close();
    }
  });
});

describe('profiles as cases and variables', () => {
  it('exports no Cases or Variables while no profile was extracted', async () => {
    // A run extracts profiles; a database from before migration 005's profiles has none.
    const db = openDatabase(dbPath);
    db.prepare('DELETE FROM profile_fields').run();
    db.close();
    const q = await readQdpx(exportQdpx('no-profile.qdpx'), dir);
    expect(child(q.project, 'Variables')).toBeUndefined();
    expect(child(q.project, 'Cases')).toBeUndefined();
  });

  it('exports one case per report with its profile values, typed, a reviewer\'s correction applied', async () => {
    const db = openDatabase(dbPath);
    try {
      const oak = docRow(db, ASTRAL_REPORT);
      const har = docRow(db, REVIEW_REPORT);
      db.prepare('DELETE FROM profile_fields').run();
      const insert = db.prepare('INSERT INTO profile_fields (document_id, field, value, lexicon_version) VALUES (?, ?, ?, ?)');
      const rows: [number, string, unknown][] = [
        [oak.id, 'area', 'Oakmere & District'], [har.id, 'area', 'Harrowgate'],
        [oak.id, 'child_age_months', 9], [har.id, 'child_age_months', 14],
        [oak.id, 'outcome', 'harmed'], [har.id, 'outcome', null],
        [oak.id, 'agencies', ['Health visiting', 'Police']],
        [har.id, 'review_commissioned', '2014-05-01'], [oak.id, 'review_commissioned', '2015-07-20'],
      ];
      for (const [id, field, value] of rows) insert.run(id, field, value === null ? null : JSON.stringify(value), oak.lexiconVersion);
      db.prepare('INSERT INTO profile_decisions (document_sha256, field, value, reviewer) VALUES (?, ?, ?, ?)').run(har.sha256, 'outcome', '"died"', 'r.patel');
      db.prepare('INSERT INTO profile_decisions (document_sha256, field, value, reviewer) VALUES (?, ?, ?, ?)').run(oak.sha256, 'child_age_months', '10', 'r.patel');
    } finally {
      db.close();
    }
    const q = await readQdpx(exportQdpx('profile.qdpx'), dir);
    const variables = childrenNamed(child(q.project, 'Variables')!, 'Variable');
    // The profile as it stands (as the profiles export has it): the reviewers' segment decisions in
    // this database also give the documents a risk-factor checklist.
    expect(variables.map((v) => [v.attrs.name, v.attrs.typeOfVariable])).toEqual([
      ['area', 'Text'], ['child_age_months', 'Integer'], ['outcome', 'Text'], ['agencies', 'Text'], ['review_commissioned', 'Date'], ['risk_factors_present', 'Text'],
    ]);
    const nameOf = new Map(variables.map((v) => [v.attrs.guid, v.attrs.name]));
    const sourceOf = new Map(descendants(q.project, 'TextSource').map((s) => [s.attrs.guid, s.attrs.name]));
    const cases = childrenNamed(child(q.project, 'Cases')!, 'Case').map((c) => ({
      name: c.attrs.name,
      source: sourceOf.get(child(c, 'SourceRef')!.attrs.targetGUID),
      values: Object.fromEntries(childrenNamed(c, 'VariableValue').map((v) => [nameOf.get(child(v, 'VariableRef')!.attrs.targetGUID), v.children[1].text])),
    }));
    // The checklist is the one the profiles export holds (segment decisions applied).
    const profiles = scrcode(['export', '--format', 'profiles', '--db', dbPath]).stdout.trim().split('\n').map((l) => JSON.parse(l));
    const checklist = (doc: string) => profiles.find((p) => p.document === doc).risk_factors_present.join('; ');
    expect(cases.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: REVIEW_REPORT, source: REVIEW_REPORT, values: { area: 'Harrowgate', child_age_months: '14', outcome: 'died', review_commissioned: '2014-05-01', risk_factors_present: checklist(REVIEW_REPORT) } },
      { name: ASTRAL_REPORT, source: ASTRAL_REPORT, values: { area: 'Oakmere & District', child_age_months: '10', outcome: 'harmed', agencies: 'Health visiting; Police', review_commissioned: '2015-07-20', risk_factors_present: checklist(ASTRAL_REPORT) } },
    ]);
  });
});

describe('scrcode export --format qdc', () => {
  it('writes the codebook alone with the project\'s code GUIDs, and it fits the standard\'s CodeBook definition', async () => {
    const out = join(dir, 'codebook.qdc');
    const r = scrcode(['export', '--format', 'qdc', '--db', dbPath, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const xml = readFileSync(out, 'utf8');
    const book = parseXml(xml);
    expect([book.name, book.attrs.xmlns]).toEqual(['CodeBook', 'urn:QDA-XML:codebook:1.0']);
    const codes = descendants(book, 'Code');
    expect(codes).toHaveLength(28);
    const project = (await readQdpx(exportQdpx('for-qdc.qdpx'), dir)).project;
    expect(codes.map((c) => [c.attrs.guid, c.attrs.name, c.attrs.isCodable, c.attrs.color]))
      .toEqual(descendants(child(project, 'CodeBook')!, 'Code').map((c) => [c.attrs.guid, c.attrs.name, c.attrs.isCodable, c.attrs.color]));
    // Codebook.xsd is not available offline: the CodeBook element is checked against Project.xsd's identical definition.
    const wrapped = join(dir, 'qdc-in-project.qde');
    writeFileSync(wrapped, xml.replace('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"', '<Project xmlns="urn:QDA-XML:project:1.0" name="qdc check"><CodeBook').replace('</CodeBook>', '</CodeBook></Project>').replace(/ origin="[^"]*">/, '>'));
    validate(wrapped);
    const db = openDatabase(dbPath);
    try {
      expect(listExports(db).filter((e) => e.format === 'qdc').map((e) => e.rows)).toEqual([26]);
    } finally {
      db.close();
    }
  });
});

describe('codePointPositions', () => {
  it('maps JS string offsets to code points, and refuses an offset inside a surrogate pair', () => {
    const text = 'a😀b𝐱c';
    const at = codePointPositions(text);
    expect([0, 1, 3, 4, 6, 7].map(at)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(() => at(2)).toThrow(/splits a surrogate pair/);
    expect(codePointPositions('plain')(3)).toBe(3);
  });
});
