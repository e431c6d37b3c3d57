// One entry point for both the committed sample and the benchmark corpus: spec in, file and
// expected facts out.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildReport } from './build.js';
import { expectedFor, type ExpectedFile } from './expected.js';
import type { Report } from './model.js';
import { layoutReport, type ReportLayout } from './pdfLayout.js';
import { renderDocx } from './renderDocx.js';
import { renderPdf } from './renderPdf.js';
import type { ReportSpec } from './spec.js';

export interface GeneratedReport { report: Report; bytes: Buffer; expected: ExpectedFile; layout: ReportLayout | null }

export async function generateReport(spec: ReportSpec): Promise<GeneratedReport> {
  const report = buildReport(spec);
  return renderReport(report);
}

export async function renderReport(report: Report, layout: ReportLayout | null = null): Promise<GeneratedReport> {
  if (report.format === 'docx') {
    return { report, bytes: await renderDocx(report), expected: expectedFor(report, null), layout: null };
  }
  const laid = layout ?? layoutReport(report);
  return { report, bytes: await renderPdf(report, laid), expected: expectedFor(report, laid), layout: laid };
}

export async function writeReport(spec: ReportSpec, dir: string): Promise<GeneratedReport> {
  const generated = await generateReport(spec);
  await writeFile(join(dir, generated.report.fileName), generated.bytes);
  return generated;
}
