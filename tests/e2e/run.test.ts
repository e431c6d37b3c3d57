import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BROKEN, DEV_CORPUS, ROOT, folderWith, scrcode, scrcodeAsync, tempDir } from '../helpers/cli.js';

const dev = (name: string) => join(DEV_CORPUS, name);
const sample = [dev('stanbury_scr_child_l.pdf'), dev('hallowfield_scr_baby_q.pdf'), dev('lindenford_scr_child_r.docx'), dev('brindlewick_scr_family_f.docx')];

describe('scrcode run on real reports and real broken files', () => {
  const input = folderWith([...sample, ...readdirSync(BROKEN).map((f) => join(BROKEN, f))]);
  writeFileSync(join(input, 'notes.md'), '# not a report\n');
  const db = join(tempDir(), 'run.db');
  const first = scrcode(['run', input, '--db', db]);

  it('codes the good documents, reports each bad one on one line, and exits 3', () => {
    expect(first.status, first.stderr).toBe(3);
    for (const f of sample) expect(first.stdout).toContain(`${f.split('/').pop()}: coded`);
    expect(first.stdout).toMatch(/skipped .*notes\.md: unsupported type/);
    const notAnalysed = first.stdout.split('\n').filter((l) => l.includes('NOT ANALYSED'));
    expect(notAnalysed.length).toBeGreaterThanOrEqual(6);
    for (const line of notAnalysed) expect(line).toMatch(/^\[\d+\/\d+\] \S+: NOT ANALYSED: [a-z_]+ — .+/);
  });

  it('stores each good document whole, and a status for each bad one', () => {
    const d = new Database(db, { readonly: true });
    const rows = d.prepare('SELECT file_name, status FROM documents').all() as { file_name: string; status: string }[];
    const status = Object.fromEntries(rows.map((r) => [r.file_name, r.status]));
    for (const f of sample) expect(status[f.split('/').pop()!]).toBe('coded');
    expect(status['encrypted.pdf']).toBe('encrypted');
    expect(status['no-text-layer.pdf']).toBe('needs_ocr');
    expect(status['legacy.doc']).toBe('legacy_doc');
    expect(status['really-a-pdf.docx']).toBe('wrong_extension');
    const segs = d.prepare(`SELECT count(*) AS n FROM segments s JOIN documents d ON d.id = s.document_id WHERE d.status <> 'coded'`).get() as { n: number };
    expect(segs.n).toBe(0);
    d.close();
  });

  it('skips unchanged documents on a second run', () => {
    const again = scrcode(['run', ...sample, '--db', db]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout.match(/unchanged since the last run/g)?.length).toBe(sample.length);
  });

  it('exports every segment, with evidence that is the text at its span', () => {
    const out = join(tempDir(), 'export.jsonl');
    const r = scrcode(['export', '--format', 'jsonl', '--db', db, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const d = new Database(db, { readonly: true });
    const n = (d.prepare('SELECT count(*) AS n FROM segments').get() as { n: number }).n;
    const texts = new Map((d.prepare(`SELECT sha256, text FROM documents WHERE status = 'coded'`).all() as { sha256: string; text: string }[]).map((x) => [x.sha256, x.text]));
    d.close();
    expect(lines.length).toBe(n);
    let codes = 0;
    for (const l of lines) {
      expect(texts.get(l.sha256)!.slice(l.start, l.end)).toBe(l.text);
      for (const c of l.codes) {
        codes++;
        expect(texts.get(l.sha256)!.slice(c.evidence.start, c.evidence.end)).toBe(c.evidence.text);
        expect(c.lexicon_version).toMatch(/\S/);
      }
    }
    expect(codes).toBeGreaterThan(20);
  });

  it('stops quietly when the reader of its output goes away (`| head`)', async () => {
    const child = scrcodeAsync(['export', '--format', 'jsonl', '--db', db]);
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('exits 2 with a message on a wrong command line', () => {
    const r = scrcode(['run']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/name at least one file or folder/);
  });

  it.each([
    ['page_numbers.json', '{"version": 1, "page_words": [], "of_words": ["of"], "dashes": ["-"], "max_chars": 24}', '"page_words" must be a non-empty list'],
    ['hyphenation.json', '{"version": 1, "keep_hyphen_prefixes": "self", "keep_hyphen_words": []}', '"keep_hyphen_prefixes" must be a list of strings'],
  ])('a bad %s stops the run before any PDF is read, naming the file (exit 1)', (file, text, message) => {
    const lexicons = join(tempDir(), 'lexicons');
    cpSync(join(ROOT, 'lexicons'), lexicons, { recursive: true });
    writeFileSync(join(lexicons, file), text);
    const r = scrcode(['run', sample[0], '--db', join(tempDir(), 'bad.db'), '--lexicons', lexicons]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${join(lexicons, file)}: ${message}`);
    expect(r.stdout).not.toMatch(/NOT ANALYSED/);
  });
});
