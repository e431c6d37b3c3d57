// The annual report model as one self-contained HTML file (inline CSS and SVG charts, no script,
// nothing fetched: it opens offline and prints well) and as Markdown with the same content.
import { BASIS_TEXT } from '../query/coded.js';
import { SECONDARY_MARKER } from '../redact/index.js';
import type { ReportBars, ReportBlock, ReportGrid, ReportModel, ReportQuotes, ReportSection, ReportTable } from './build.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const cellText = (c: string | number | null) => (c === null ? '' : String(c));

const CSS = `
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1b1b; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.8rem; margin-bottom: .25rem; } h2 { margin-top: 2.5rem; border-bottom: 2px solid #1d4f73; padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .3rem; } .meta, .basis, .note { color: #555; font-size: .9rem; } .basis { font-style: italic; }
table { border-collapse: collapse; margin: .5rem 0; font-size: .85rem; } th, td { border: 1px solid #ccc; padding: .2rem .45rem; text-align: left; vertical-align: top; }
th { background: #eef3f7; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
blockquote { border-left: 4px solid #1d4f73; margin: .6rem 0; padding: .2rem .8rem; background: #f6f8fa; } blockquote cite { display: block; color: #555; font-size: .85rem; font-style: normal; }
svg text { font: 12px system-ui, sans-serif; fill: #1b1b1b; } .figure { break-inside: avoid; page-break-inside: avoid; margin: 1rem 0; }
@media print { body { margin: 0; max-width: none; font-size: 11pt; } h2 { break-before: page; } h2:first-of-type { break-before: auto; } a { color: inherit; } }
`;

export function renderHtml(m: ReportModel): string {
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${esc(m.title)}</title><style>${CSS}</style></head>
<body>
<h1>${esc(m.title)}</h1>
${metaLines(m).map((l) => `<p class="meta">${esc(l)}</p>`).join('\n')}
${m.sections.map(sectionHtml).join('\n')}
</body></html>
`;
}

function metaLines(m: ReportModel): string[] {
  return [
    `${m.reviews} review(s)${m.year === null ? '' : ` completed in ${m.year} (or, where no completion date is stated, commissioned in it; reviews with neither date are not in a year's report)`}. Generated ${m.generatedAt.slice(0, 10)} by scrcode.`,
    `Code counts are based on ${BASIS_TEXT[m.basis]}; each figure says so.`,
    m.redacted ? 'Quotes are redacted: names are replaced by role labels; dates of birth, addresses and phone numbers are removed. Redaction is automatic and can miss a name written in an unusual way (a nickname, a name that is also an ordinary word): read the quotes before publishing.' : 'Quotes are NOT redacted.',
    ...(m.suppressBelow > 1 ? [`Counts from 1 to ${m.suppressBelow - 1} are shown as "<${m.suppressBelow}" and drawn as nothing; tables with a row per review are left out. In tables where every review is counted once (age, gender, ethnicity, outcome), further counts are hidden as "${SECONDARY_MARKER}" where the total would otherwise give a suppressed one away; other tables and charts count reviews with a code, which add up to no published total.`] : []),
    ...(m.notAnalysed.length ? [`Not analysed (not counted): ${m.notAnalysed.map((d) => `${d.fileName} (${d.status})`).join(', ')}.`] : []),
  ];
}

function sectionHtml(s: ReportSection): string {
  return `<section id="${esc(s.id)}"><h2>${esc(s.title)}</h2>
${s.intro.map((p) => `<p>${esc(p)}</p>`).join('\n')}
${s.blocks.map(blockHtml).join('\n')}</section>`;
}

function blockHtml(b: ReportBlock): string {
  const head = `<h3>${esc(b.caption)}</h3>${'basis' in b && b.basis ? `<p class="basis">Counts: ${esc(b.basis)}.</p>` : ''}`;
  switch (b.kind) {
    case 'table': return `<div class="figure">${head}${tableHtml(b)}${b.notes.map((n) => `<p class="note">${esc(n)}</p>`).join('')}</div>`;
    case 'bars': return `<div class="figure">${head}${barsSvg(b)}</div>`;
    case 'grid': return `<div class="figure">${head}${gridSvg(b)}</div>`;
    case 'quotes': return `<div class="figure">${head}${quotesHtml(b)}</div>`;
  }
}

function tableHtml(t: ReportTable): string {
  const isNumber = (c: string | number | null) => typeof c === 'number' || /^<?\d+(\.\d+)?$/.test(String(c ?? ''));
  return `<table><thead><tr>${t.columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr></thead><tbody>
${t.rows.map((r) => `<tr>${r.map((c) => `<td${isNumber(c) ? ' class="n"' : ''}>${esc(cellText(c))}</td>`).join('')}</tr>`).join('\n')}
</tbody></table>`;
}

function barsSvg(b: ReportBars): string {
  const rowH = 22;
  const labelW = 260;
  const barW = 360;
  const max = Math.max(1, b.of);
  const h = b.bars.length * rowH + 24;
  const rows = b.bars.map((bar, i) => {
    const y = i * rowH;
    const w = Math.round((bar.value / max) * barW);
    return `<text x="${labelW - 8}" y="${y + 15}" text-anchor="end">${esc(bar.label)}</text>` +
      `<rect x="${labelW}" y="${y + 4}" width="${w}" height="${rowH - 8}" fill="#1d4f73"><title>${esc(`${bar.label}: ${bar.shown} of ${b.of}`)}</title></rect>` +
      `<text x="${labelW + w + 6}" y="${y + 15}">${esc(bar.shown)}</text>`;
  });
  const axis = `<text x="${labelW}" y="${h - 4}">0</text><text x="${labelW + barW}" y="${h - 4}" text-anchor="end">${b.of} review(s)</text>`;
  return `<svg role="img" aria-label="${esc(b.caption)}" width="${labelW + barW + 60}" height="${h}" viewBox="0 0 ${labelW + barW + 60} ${h}" xmlns="http://www.w3.org/2000/svg">${rows.join('')}${axis}</svg>`;
}

function gridSvg(g: ReportGrid): string {
  const cell = 26;
  const labelW = 200;
  const top = 150;
  const n = g.labels.length;
  const max = Math.max(1, ...g.cells.flat());
  const w = labelW + n * cell + 10;
  const h = top + n * cell + 10;
  const parts: string[] = [];
  g.labels.forEach((label, i) => {
    parts.push(`<text x="${labelW - 6}" y="${top + i * cell + 17}" text-anchor="end">${esc(label)}</text>`);
    parts.push(`<text transform="translate(${labelW + i * cell + 17},${top - 6}) rotate(-60)">${esc(label)}</text>`);
    g.cells[i].forEach((v, j) => {
      const shade = Math.round(245 - (v / max) * 190);
      const x = labelW + j * cell;
      const y = top + i * cell;
      parts.push(`<rect x="${x}" y="${y}" width="${cell - 1}" height="${cell - 1}" fill="rgb(${shade},${shade + 5},${Math.min(255, shade + 20)})"><title>${esc(`${label} & ${g.labels[j]}: ${g.shown[i][j]}`)}</title></rect>`);
      parts.push(`<text x="${x + cell / 2}" y="${y + 17}" text-anchor="middle" fill="${v / max > 0.5 ? '#fff' : '#1b1b1b'}">${esc(g.shown[i][j])}</text>`);
    });
  });
  return `<svg role="img" aria-label="${esc(g.caption)}" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg>`;
}

function quotesHtml(q: ReportQuotes): string {
  if (!q.quotes.length) return '<p class="note">None.</p>';
  return q.quotes.map((x) => `<blockquote>${esc(x.text)}<cite>${esc(x.source)}</cite></blockquote>`).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Markdown

const mdEsc = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function renderMarkdown(m: ReportModel): string {
  const out = [`# ${m.title}`, '', ...metaLines(m).map((l) => `*${l}*`), ''];
  for (const s of m.sections) {
    out.push(`## ${s.title}`, '', ...s.intro.flatMap((p) => [p, '']));
    for (const b of s.blocks) out.push(...blockMarkdown(b), '');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

function mdTable(columns: string[], rows: (string | number | null)[][]): string[] {
  return [`| ${columns.map(mdEsc).join(' | ')} |`, `|${columns.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.map((c) => mdEsc(cellText(c))).join(' | ')} |`)];
}

function blockMarkdown(b: ReportBlock): string[] {
  const head = [`### ${b.caption}`, '', ...('basis' in b && b.basis ? [`*Counts: ${b.basis}.*`, ''] : [])];
  switch (b.kind) {
    case 'table': return [...head, ...mdTable(b.columns, b.rows), ...b.notes.flatMap((n) => ['', `*${n}*`])];
    case 'bars': return [...head, ...mdTable(['', `reviews (of ${b.of})`, ''], b.bars.map((x) => [x.label, x.shown, '█'.repeat(Math.round((x.value / Math.max(1, b.of)) * 20))]))];
    case 'grid': return [...head, ...mdTable(['', ...b.labels], b.labels.map((l, i) => [l, ...b.shown[i]]))];
    case 'quotes': return [...head, ...(b.quotes.length ? b.quotes.flatMap((q) => [`> ${mdEsc(q.text)}`, `> — ${mdEsc(q.source)}`, '']) : ['None.'])];
  }
}
