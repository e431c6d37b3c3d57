import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSampleSpecs } from '../../scripts/corpus/sample.js';
import { generateReport } from '../../scripts/corpus/generate.js';
import type { ExpectedFile } from '../../scripts/corpus/expected.js';

const SAMPLE = join(import.meta.dirname, '..', '..', 'corpus-sample');
const expected = (JSON.parse(readFileSync(join(SAMPLE, 'expected.json'), 'utf8')) as { files: ExpectedFile[] }).files;
const specs = await loadSampleSpecs();
const hasPdftotext = (() => { try { execFileSync('pdftotext', ['-v'], { stdio: 'ignore' }); return true; } catch { return false; } })();
const pdfText = (path: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('corpus-sample', () => {
  it('holds at least six reports with the required variety', () => {
    expect(expected.length).toBeGreaterThanOrEqual(6);
    const pdfs = expected.filter((e) => e.format === 'pdf');
    expect(pdfs.some((e) => (e.pageCount ?? 0) >= 60)).toBe(true);
    expect(pdfs.some((e) => (e.pdfLayout?.twoColumnPages.length ?? 0) > 0)).toBe(true);
    expect(pdfs.some((e) => (e.pdfLayout?.hyphenatedLineEnds.length ?? 0) > 0 && (e.pdfLayout?.compoundLineEnds.length ?? 0) > 0)).toBe(true);
    expect(pdfs.filter((e) => !e.textLayer).map((e) => e.expectedStatus)).toEqual(['needs_ocr']);
    expect(expected.some((e) => e.numbering === 'none')).toBe(true);
    for (const format of ['pdf', 'docx']) {
      expect(expected.some((e) => e.format === format && e.blocks.some((b) => b.kind === 'table_row' && b.text.startsWith('No. Recommendation')))).toBe(true);
    }
    expect(expected.some((e) => e.format === 'docx' && e.counts.listItems > 0)).toBe(true);
  });

  it.each(expected.map((e) => [e.file, e] as const))('%s exists and has the right magic bytes', (file, e) => {
    const bytes = readFileSync(join(SAMPLE, file));
    const magic = bytes.subarray(0, 4).toString('latin1');
    expect(magic).toBe(e.format === 'pdf' ? '%PDF' : 'PK\u0003\u0004');
    if (e.format === 'docx') expect(bytes.includes(Buffer.from('word/document.xml'))).toBe(true);
  });

  it.each(specs.map((s) => [s.id, s] as const))('%s: regenerating gives the committed bytes and expected.json', async (id, spec) => {
    const g = await generateReport(spec);
    const committed = readFileSync(join(SAMPLE, g.report.fileName));
    expect(g.bytes.equals(committed)).toBe(true);
    expect(g.expected).toEqual(expected.find((e) => e.file === g.report.fileName));
  });

  it.runIf(hasPdftotext)('PDF text layers carry the expected paragraphs, and the scanned PDF has none', () => {
    for (const e of expected.filter((x) => x.format === 'pdf')) {
      const text = pdfText(join(SAMPLE, e.file));
      if (!e.textLayer) {
        expect(text.trim()).toBe('');
        continue;
      }
      // Drop the running header and footer of each page; pdftotext itself re-joins
      // line-end hyphens ("assess-"/"ment" -> "assessment", "multi-"/"agency" -> "multiagency").
      const furniture = (line: string) => line.trim() === e.header || /^(Page \d+ of \d+|- \d+ -|\d+)$/.test(line.trim());
      let joined = norm(text.split('\f').map((page) => page.split('\n').filter((l) => !furniture(l)).join('\n')).join('\n'));
      for (const w of e.pdfLayout!.hyphenatedLineEnds) {
        const at = w.indexOf('-');
        joined = joined.split(`${w.slice(0, at + 1)} ${w.slice(at + 1)}`).join(w.replace('-', ''));
      }
      for (const w of e.pdfLayout!.compoundLineEnds) {
        const at = w.indexOf('-');
        joined = joined.split(w.replace('-', '')).join(w).split(`${w.slice(0, at + 1)} ${w.slice(at + 1)}`).join(w);
      }
      const paragraphs = e.blocks.filter((b) => b.kind === 'paragraph' || b.kind === 'heading');
      const found = paragraphs.filter((b) => joined.includes(norm(b.text))).length;
      expect(found / paragraphs.length, e.file).toBe(1);
      if (e.header) expect(text).toContain(e.header);
    }
  });

  it('expected.json risk summaries follow from the paragraph annotations', () => {
    for (const e of expected) {
      const present = new Set(e.blocks.flatMap((b) => b.present ?? []));
      expect(new Set(e.riskFactors.present)).toEqual(present);
      for (const code of Object.keys(e.riskFactors.mentionedOnly)) expect(present.has(code)).toBe(false);
      expect(e.profile.recommendations_count).toBe(e.recommendationsCount);
      expect(e.recommendationsCount).toBeGreaterThan(0);
      expect(existsSync(join(SAMPLE, e.file))).toBe(true);
    }
  });
});
