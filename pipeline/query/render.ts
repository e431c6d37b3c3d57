// A query's table on the terminal, as CSV (formula-guarded, like the exports) or as JSON.
import { formatTable } from '../eval/formatReport.js';
import { csvRow } from '../export/exportCsv.js';
import type { Cell, QueryResult } from './queries.js';

export const OUTPUT_FORMATS = ['table', 'csv', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function renderResult(r: QueryResult, format: OutputFormat): string {
  if (format === 'csv') return [r.columns, ...r.rows].map((row) => csvRow(row)).join('');
  if (format === 'json') {
    const rows = r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c, row[i] ?? null])));
    return `${JSON.stringify({ title: r.title, basis: r.basis, columns: r.columns, rows, notes: r.notes }, null, 2)}\n`;
  }
  const head = [r.title, ...(r.basis ? [`Counts: ${r.basis}.`] : []), ''];
  const body = r.rows.length ? formatTable([r.columns, ...r.rows.map((row) => row.map(cellText))]) : '(no rows)';
  return `${[...head, body, '', ...r.notes].join('\n')}\n`;
}

function cellText(c: Cell): string {
  return c === null ? '' : String(c);
}
