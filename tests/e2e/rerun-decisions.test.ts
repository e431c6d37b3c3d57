import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../pipeline/store/db.js';
import { addDecision, currentDecisions } from '../../pipeline/store/decisions.js';
import { DEV_CORPUS, ROOT, scrcode, tempDir } from '../helpers/cli.js';

const reports = ['ravensholt_scr_child_n.docx', 'stanbury_scr_child_l.pdf'].map((f) => join(DEV_CORPUS, f));

describe('re-running with a changed lexicon', () => {
  it('re-tags stored segments without extracting, and keeps every human decision', () => {
    const db = join(tempDir(), 'decisions.db');
    expect(scrcode(['run', ...reports, '--db', db, '--quiet']).status).toBe(0);

    // A reviewer confirms one proposal of the code we will then take out of the lexicon, and rejects another.
    const d = openDatabase(db);
    const proposals = d
      .prepare(
        `SELECT doc.id AS docId, doc.sha256, s.idx, p.code, p.lexicon_version AS v FROM proposals p
           JOIN segments s ON s.id = p.segment_id JOIN documents doc ON doc.id = s.document_id
          WHERE p.context = 'asserted' ORDER BY doc.id, s.idx`,
      )
      .all() as { docId: number; sha256: string; idx: number; code: string; v: string }[];
    const target = proposals.find((p) => p.code === 'substance_misuse')!;
    const other = proposals.find((p) => p.code !== 'substance_misuse')!;
    addDecision(d, { documentSha256: target.sha256, segmentIndex: target.idx, action: 'confirm', code: target.code, reviewer: 'amina', lexiconVersion: target.v });
    addDecision(d, { documentSha256: other.sha256, segmentIndex: other.idx, action: 'reject', code: other.code, reviewer: 'amina', lexiconVersion: other.v });
    const before = currentDecisions(d, target.docId).length + (other.docId === target.docId ? 0 : currentDecisions(d, other.docId).length);
    d.close();

    // The same lexicons, but substance misuse can no longer be found.
    const lex = join(tempDir(), 'lexicons');
    cpSync(join(ROOT, 'lexicons'), lex, { recursive: true });
    const file = join(lex, 'codes', 'substance_misuse.json');
    const def = JSON.parse(readFileSync(file, 'utf8'));
    def.entries = [{ id: 'substance_misuse/never', terms: ['zzqx never matches'] }];
    delete def.proximity;
    delete def.rule_params;
    writeFileSync(file, JSON.stringify(def, null, 2));

    const rerun = scrcode(['run', ...reports, '--db', db, '--lexicons', lex]);
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(rerun.stdout.match(/re-tagged with the new lexicon/g)?.length).toBe(2);
    expect(rerun.stdout).toMatch(/decision\(s\) kept but no longer supported/);
    expect(rerun.stdout).toMatch(/confirm substance_misuse by amina — the current lexicon no longer proposes it/);

    const after = new Database(db, { readonly: true });
    expect((after.prepare(`SELECT count(*) AS n FROM decisions`).get() as { n: number }).n).toBe(2);
    expect((after.prepare(`SELECT count(*) AS n FROM proposals WHERE code = 'substance_misuse'`).get() as { n: number }).n).toBe(0);
    after.close();
    expect(before).toBe(2);
  });
});

describe('re-running with changed heading wordings', () => {
  it('extracts and segments again (a re-tag alone would keep the old sections), keeping decisions', () => {
    const report = join(DEV_CORPUS, 'lindenford_scr_child_r.docx');
    const db = join(tempDir(), 'sections.db');
    expect(scrcode(['run', report, '--db', db, '--quiet']).status).toBe(0);
    const sectionOf = () => {
      const d = new Database(db, { readonly: true });
      const row = d.prepare(`SELECT section FROM segments WHERE text = '1. Introduction'`).get() as { section: string };
      d.close();
      return row.section;
    };
    expect(sectionOf()).toBe('introduction');
    const d = openDatabase(db);
    const doc = d.prepare(`SELECT sha256 FROM documents`).get() as { sha256: string };
    addDecision(d, { documentSha256: doc.sha256, segmentIndex: 3, action: 'add', code: 'recording', reviewer: 'lee' });
    d.close();

    const lex = join(tempDir(), 'lexicons');
    cpSync(join(ROOT, 'lexicons'), lex, { recursive: true });
    const file = join(lex, 'headings.json');
    const headings = JSON.parse(readFileSync(file, 'utf8'));
    for (const s of headings.sections) if (s.id === 'introduction') s.phrases = s.phrases.filter((p: string) => p !== 'introduction');
    writeFileSync(file, JSON.stringify(headings, null, 2));

    const rerun = scrcode(['run', report, '--db', db, '--lexicons', lex]);
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(rerun.stdout).toMatch(/lindenford_scr_child_r\.docx: coded/);
    expect(sectionOf()).toBe('other');
    const after = new Database(db, { readonly: true });
    expect((after.prepare(`SELECT count(*) AS n FROM decisions`).get() as { n: number }).n).toBe(1);
    after.close();
  });
});
