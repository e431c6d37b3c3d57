// scrcode review: the reviewer's workbench in the browser. Plain JavaScript, no build step.
// The HTTP contract is pipeline/review/API.md.
//
// Report text is untrusted data. It reaches the page only through textContent,
// document.createTextNode and Node.append(string) (which makes a text node); no HTML is ever
// parsed from a string here. Styles are classes (plus CSSOM widths for the progress bars):
// the Content-Security-Policy allows no inline style or script.
'use strict';

(() => {
  const SESSION_ENDED = 'Your session has ended: open the URL that scrcode review printed.';
  const EAGER_LIMIT = 1500; // segments + proposed (segment, code) pairs built with every control at once
  const STATES = ['undecided', 'confirmed', 'rejected', 'added'];
  const STATE_LABEL = { undecided: 'Undecided', confirmed: 'Confirmed', rejected: 'Rejected', added: 'Added' };
  const SECTION_LABEL = {
    front_matter: 'Front matter', introduction: 'Introduction', family_background: 'Family background',
    chronology: 'Chronology', organisational_issues: 'Organisational issues', findings: 'Findings',
    analysis: 'Analysis', child_focus: 'Child focus', care_pathway: 'Care pathway', conclusions: 'Conclusions',
    recommendations: 'Recommendations', other: 'Other',
  };
  const STATUS_LABEL = {
    coded: 'Coded', needs_ocr: 'Needs OCR (scanned, no text)', encrypted: 'Encrypted', corrupt: 'Corrupt file',
    truncated: 'Truncated file', empty: 'Empty', unsupported_type: 'File type not read', legacy_doc: 'Old Word (.doc) file',
    not_word: 'Not a Word document', wrong_extension: 'Wrong file extension', timeout: 'Timed out',
    resource_limit: 'Too large to read', failed: 'Failed',
  };
  const ACTION_PAST = {
    confirm: 'Confirmed', reject: 'Rejected', add: 'Added', set_context: 'Context set', withdraw: 'Undone',
  };
  // The profile sheet (API.md, GET /api/documents/:id "profile"): labels and what each kind of field takes.
  const PROFILE_LABEL = {
    area: 'Area (LSCB)', child_age_months: 'Child\u2019s age (months)', gender: 'Gender', ethnicity: 'Ethnicity',
    outcome: 'Outcome', nature_of_harm: 'Nature of harm', agencies: 'Agencies involved',
    review_commissioned: 'Review commissioned', review_completed: 'Review completed',
    review_duration_days: 'Review duration (days)', recommendations_count: 'Recommendations', risk_factors_present: 'Risk factors present',
  };
  const OUTCOME_LABEL = { died: 'Died', seriously_harmed: 'Seriously harmed' };
  const PROFILE_HINT = {
    count: 'A whole number. Leave empty if the report does not state it.',
    date: 'YYYY-MM-DD, or YYYY-MM if the report gives no day. Leave empty if not stated.',
    text: 'Leave empty if the report does not state it.',
    list: 'One per line. Leave empty if the report does not state it.',
    outcome: '',
    risk_factors: 'Ctrl-click to choose several; none chosen means none present.',
  };
  const PROFILE_EVIDENCE_SHOWN = 4; // evidence links per field before "more"

  // ------------------------------------------------------------------ state

  const S = {
    session: null,
    codeMap: new Map(), // code -> { code, label, kind }
    codeOrder: new Map(), // code -> position in the codebook
    riskCodes: [],
    docs: null,
    docId: null,
    doc: null, // GET /api/documents/:id payload
    idx: null, // indexes over S.doc
    view: null, // element references of the document view
    current: null, // { seg, code } the keyboard cursor
    cursorSeg: null, // segment index a search hit jumped to (j/k start from there)
    mine: new Set(), // decision ids this page made and may undo
    undo: [], // [{ id, docId, key }], newest last
    basis: new Map(), // decision id this page made -> the basedOn it was sent with
    maker: new Map(), // 'docId:seg|code' -> { cur: current decision id, maker: id whose state it is }
    inFlight: new Set(), // keys with a decision being saved
    sticky: new Set(), // keys decided since the filters last changed: kept visible
    pending: null, // { seg, start, end, text } a text selection inside one segment
    addTemplate: null, // <select> of all codes, cloned per segment
    loadToken: 0,
    hydrateGen: 0,
    tpl: null,
    eager: true, // build every control at once (small documents) or hydrate segments progressively
    profileInFlight: new Set(), // profile fields with a correction being saved
    profileExpanded: new Set(), // profile fields showing all their evidence
  };

  const main = document.getElementById('main');
  const statusEl = document.getElementById('status');
  const alertBox = document.getElementById('alert-box');
  const alertEl = document.getElementById('alert');
  const alertDismiss = document.getElementById('alert-dismiss');
  const helpEl = document.getElementById('help');
  const helpToggle = document.getElementById('help-toggle');

  // ------------------------------------------------------------------ small helpers

  /** Creates an element. props: class, text, data (dataset), and plain attributes. Children: nodes or strings (text). */
  function h(tag, props, ...children) {
    const e = document.createElement(tag);
    if (props) {
      for (const k of Object.keys(props)) {
        const v = props[k];
        if (v == null || v === false) continue;
        if (k === 'class') e.className = v;
        else if (k === 'text') e.textContent = v;
        else if (k === 'data') Object.assign(e.dataset, v);
        else e.setAttribute(k, v === true ? '' : String(v));
      }
    }
    for (const c of children) if (c != null && c !== false) e.append(c);
    return e;
  }

  const K = (seg, code) => seg + '|' + code;
  const codeLabel = (code) => (S.codeMap.get(code) || { label: code }).label;
  const sectionLabel = (s) => SECTION_LABEL[s] || (s ? String(s).replace(/_/g, ' ') : 'No section');
  const cssAttr = (v) => (window.CSS && CSS.escape ? CSS.escape(String(v)) : String(v).replace(/["\\]/g, '\\$&'));

  const dateFmt = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit',
  });
  function when(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? String(iso) : dateFmt.format(d);
  }

  function segPlace(seg) {
    const parts = [];
    if (seg.paragraph) parts.push('¶ ' + seg.paragraph);
    if (seg.page != null) parts.push('p. ' + seg.page);
    return parts.join(' · ');
  }
  function segName(seg) {
    if (seg.paragraph) return 'paragraph ' + seg.paragraph;
    return 'text block ' + (seg.index + 1);
  }

  // ------------------------------------------------------------------ messages

  let statusTimer = 0;
  function setStatus(text) {
    clearTimeout(statusTimer);
    statusEl.textContent = text;
  }
  function showAlert(text) {
    alertEl.textContent = text;
    alertBox.classList.add('has-alert');
    alertDismiss.hidden = false;
  }
  function clearAlert() {
    alertEl.textContent = '';
    alertBox.classList.remove('has-alert');
    alertDismiss.hidden = true;
  }
  alertDismiss.addEventListener('click', clearAlert);

  // ------------------------------------------------------------------ HTTP

  class ApiError extends Error {
    constructor(status, kind, message, data) {
      super(message);
      this.status = status;
      this.kind = kind;
      this.data = data;
    }
  }

  async function api(method, path, body) {
    const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' }, cache: 'no-store' };
    if (method === 'POST') {
      init.headers['Content-Type'] = 'application/json';
      init.headers['X-CSRF-Token'] = S.session ? S.session.csrfToken : '';
      init.body = JSON.stringify(body);
    }
    let res;
    try {
      res = await fetch(path, init);
    } catch {
      throw new ApiError(0, 'network', 'Could not reach the scrcode review server. Is `scrcode review` still running?');
    }
    let data = null;
    try {
      data = await res.json();
    } catch {
      data = null;
    }
    if (res.ok) return data;
    if (res.status === 401) throw new ApiError(401, 'unauthorised', SESSION_ENDED, data);
    const message = data && typeof data.message === 'string' && data.message
      ? data.message
      : 'The server answered ' + res.status + (res.statusText ? ' ' + res.statusText : '') + '.';
    throw new ApiError(res.status, data && data.error ? data.error : 'http', message, data);
  }

  function reportError(err) {
    if (!(err instanceof ApiError)) {
      console.error(err);
      showAlert('Something went wrong in this page: ' + (err && err.message ? err.message : String(err)));
      return;
    }
    showAlert(err.message);
  }

  // ------------------------------------------------------------------ start

  async function boot() {
    try {
      S.session = await api('GET', '/api/session');
    } catch (err) {
      reportError(err);
      main.replaceChildren(h('p', { class: 'empty-note', text: err instanceof ApiError ? err.message : 'The page could not start.' }));
      return;
    }
    document.getElementById('reviewer-name').textContent = S.session.reviewer;
    document.getElementById('lexicon-version').textContent = S.session.lexiconVersion || 'unknown';
    document.title = 'scrcode review — ' + S.session.reviewer;
    (S.session.codes || []).forEach((c, i) => {
      S.codeMap.set(c.code, c);
      S.codeOrder.set(c.code, i);
    });
    S.riskCodes = (S.session.codes || []).filter((c) => c.kind === 'risk_factor');
    S.addTemplate = buildAddTemplate();
    window.addEventListener('hashchange', route);
    document.addEventListener('keydown', onKey);
    document.addEventListener('selectionchange', onSelectionChange);
    main.addEventListener('click', onClick);
    main.addEventListener('change', onChange);
    main.addEventListener('focusin', onFocusIn);
    main.addEventListener('pointerdown', onPointerDown, true);
    main.addEventListener('mousedown', onPointerDown, true);
    main.addEventListener('submit', onSubmit);
    main.addEventListener('keydown', onFieldKey);
    main.addEventListener('input', onProfileInput);
    route();
  }

  function route() {
    const m = /^#\/doc\/(\d+)\/?$/.exec(location.hash);
    if (m) openDocument(Number(m[1]));
    else showDocuments();
  }

  // ------------------------------------------------------------------ documents view

  async function showDocuments() {
    const token = ++S.loadToken;
    S.docId = null;
    S.doc = null;
    S.idx = null;
    S.view = null;
    S.pending = null;
    S.hydrateGen++;
    document.title = 'Documents — scrcode review';
    if (!S.docs) main.replaceChildren(h('p', { class: 'loading', text: 'Loading the documents…' }));
    let data;
    try {
      data = await api('GET', '/api/documents');
    } catch (err) {
      if (token !== S.loadToken) return;
      reportError(err);
      main.replaceChildren(h('p', { class: 'empty-note', text: err.message }));
      return;
    }
    if (token !== S.loadToken) return;
    S.docs = data.documents || [];
    renderDocuments();
  }

  function progressBar(p) {
    const total = p.confirmed + p.rejected + p.undecided + p.added;
    const bar = h('div', { class: 'bar', 'aria-hidden': 'true' });
    for (const st of ['confirmed', 'added', 'rejected', 'undecided']) {
      const n = p[st] || 0;
      if (!n || !total) continue;
      const part = h('span', { class: 'bar-part st-' + st });
      part.style.width = (100 * n / total).toFixed(3) + '%';
      bar.append(part);
    }
    return bar;
  }

  function progressText(p) {
    const decided = p.confirmed + p.rejected;
    return p.proposed + ' proposed: ' + p.confirmed + ' confirmed, ' + p.rejected + ' rejected, ' +
      p.undecided + ' undecided; ' + p.added + ' added' +
      (p.proposed ? ' (' + Math.round(100 * decided / p.proposed) + '% decided)' : '');
  }

  function progressBlock(p) {
    return h('div', { class: 'progress' },
      h('p', { class: 'progress-text' },
        h('span', { class: 'pnum' }, String(p.proposed)), ' proposed · ',
        h('span', { class: 'pnum' }, String(p.confirmed)), ' confirmed · ',
        h('span', { class: 'pnum' }, String(p.rejected)), ' rejected · ',
        h('span', { class: 'pnum' }, String(p.undecided)), ' undecided · ',
        h('span', { class: 'pnum' }, String(p.added)), ' added'),
      progressBar(p));
  }

  function renderDocuments() {
    const docs = S.docs;
    const coded = docs.filter((d) => d.status === 'coded').length;
    const table = h('table', { class: 'docs' },
      h('caption', { class: 'visually-hidden', text: 'Documents in this review database' }),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col', text: 'Document' }),
        h('th', { scope: 'col', text: 'Status' }),
        h('th', { scope: 'col', text: 'Progress' }),
        h('th', { scope: 'col', text: 'Risk factors present' }))));
    const tbody = h('tbody');
    for (const d of docs) {
      const isCoded = d.status === 'coded';
      const row = h('tr', {
        class: isCoded ? 'doc-row is-coded' : 'doc-row not-analysed',
        data: { testid: 'doc-row', documentId: String(d.id) },
      });
      const nameCell = h('td', { class: 'doc-name' });
      if (isCoded) nameCell.append(h('a', { href: '#/doc/' + d.id, class: 'doc-link', text: d.fileName }));
      else nameCell.append(h('span', { text: d.fileName }));
      const meta = [];
      if (d.pageCount != null) meta.push(d.pageCount + (d.pageCount === 1 ? ' page' : ' pages'));
      if (isCoded) meta.push(d.segments + ' paragraphs');
      if (meta.length) nameCell.append(h('span', { class: 'doc-meta', text: meta.join(' · ') }));

      const statusCell = h('td', { class: 'doc-status' },
        h('span', { class: 'badge ' + (isCoded ? 'badge-ok' : 'badge-warn'), text: STATUS_LABEL[d.status] || d.status }));
      if (!isCoded) statusCell.append(h('span', { class: 'doc-reason', text: d.reason || 'This file could not be analysed.' }));

      const progCell = h('td', { class: 'doc-progress' });
      if (isCoded && d.progress) {
        progCell.append(progressBlock(d.progress));
        progCell.setAttribute('aria-label', progressText(d.progress));
      } else progCell.append(h('span', { class: 'muted', text: 'Not analysed' }));

      const riskCell = h('td', { class: 'doc-risks' });
      if (isCoded && d.checklist) {
        const present = S.riskCodes.filter((c) => d.checklist[c.code]);
        if (present.length) {
          const ul = h('ul', { class: 'risk-list', 'aria-label': present.length + ' of ' + S.riskCodes.length + ' risk factors present' });
          for (const c of present) ul.append(h('li', { class: 'risk', data: { code: c.code }, text: c.label }));
          riskCell.append(ul);
        } else riskCell.append(h('span', { class: 'muted', text: 'None found' }));
      } else riskCell.append(h('span', { class: 'muted', text: '—' }));

      row.append(nameCell, statusCell, progCell, riskCell);
      tbody.append(row);
    }
    table.append(tbody);
    const intro = h('p', { class: 'lead' },
      docs.length + (docs.length === 1 ? ' document, ' : ' documents, ') + coded + ' analysed. Open a document to review its codes.');
    main.replaceChildren(h('h1', { class: 'page-title', text: 'Documents' }), intro,
      docs.length ? h('div', { class: 'table-wrap' }, table) : h('p', { class: 'empty-note', text: 'No documents in this database yet.' }));
  }

  // ------------------------------------------------------------------ document data and indexes

  async function openDocument(id) {
    const token = ++S.loadToken;
    const sameDoc = S.docId === id && S.doc;
    if (!sameDoc) {
      S.docId = id;
      S.doc = null;
      S.current = null;
      S.cursorSeg = null;
      S.sticky.clear();
      S.pending = null;
      S.profileExpanded.clear();
      main.replaceChildren(h('p', { class: 'loading', text: 'Opening the document…' }));
    }
    let data;
    try {
      data = await api('GET', '/api/documents/' + id);
    } catch (err) {
      if (token !== S.loadToken) return;
      reportError(err);
      main.replaceChildren(h('p', { class: 'empty-note', text: err.message }),
        h('p', null, h('a', { href: '#/', text: 'Back to the documents' })));
      return;
    }
    if (token !== S.loadToken) return;
    S.doc = data;
    S.idx = buildIndex(data);
    renderDocument();
  }

  /** Re-fetches the open document and re-renders its text, keeping the scroll position and current code. */
  async function reloadDocument() {
    const id = S.docId;
    if (id == null) return;
    const token = ++S.loadToken;
    const data = await api('GET', '/api/documents/' + id);
    if (token !== S.loadToken || S.docId !== id) return;
    S.doc = data;
    S.idx = buildIndex(data);
    refreshDocument();
  }

  function buildIndex(d) {
    const segByIndex = new Map();
    for (const s of d.segments) segByIndex.set(s.index, s);
    const props = new Map(); // key -> proposals (in start order)
    const propCodes = new Map(); // seg -> codes in order of first evidence
    const sorted = d.proposals.slice().sort((a, b) => a.segmentIndex - b.segmentIndex || a.start - b.start || a.end - b.end);
    for (const p of sorted) {
      const key = K(p.segmentIndex, p.code);
      let list = props.get(key);
      if (!list) {
        props.set(key, (list = []));
        let codes = propCodes.get(p.segmentIndex);
        if (!codes) propCodes.set(p.segmentIndex, (codes = []));
        codes.push(p.code);
      }
      list.push(p);
    }
    const dec = new Map(); // key -> current decision
    const decCodes = new Map(); // seg -> Set(code)
    for (const x of d.decisions) {
      const key = K(x.segmentIndex, x.code);
      const prev = dec.get(key);
      if (prev && prev.id > x.id) continue;
      dec.set(key, x);
      let set = decCodes.get(x.segmentIndex);
      if (!set) decCodes.set(x.segmentIndex, (set = new Set()));
      set.add(x.code);
    }
    const memos = new Map(); // key (code '' for the segment) -> reviewer -> that reviewer's latest memo
    for (const m of d.memos || []) {
      const key = K(m.segmentIndex, m.code == null ? '' : m.code);
      let byReviewer = memos.get(key);
      if (!byReviewer) memos.set(key, (byReviewer = new Map()));
      const prev = byReviewer.get(m.reviewer);
      if (!prev || prev.id < m.id) byReviewer.set(m.reviewer, m);
    }
    const ruleKeys = new Map(); // rule -> Set(key)
    for (const p of d.proposals) {
      let set = ruleKeys.get(p.rule);
      if (!set) ruleKeys.set(p.rule, (set = new Set()));
      set.add(K(p.segmentIndex, p.code));
    }
    return { segByIndex, props, propCodes, dec, decCodes, memos, ruleKeys };
  }

  /** Codes that get a chip in a segment: every proposed code, then codes a person decided that the machine did not propose. */
  function chipCodes(segIndex) {
    const I = S.idx;
    const out = (I.propCodes.get(segIndex) || []).slice();
    const decided = I.decCodes.get(segIndex);
    if (decided) {
      const extra = [];
      for (const code of decided) {
        if (I.props.has(K(segIndex, code))) continue;
        const d = I.dec.get(K(segIndex, code));
        if (d && d.action !== 'withdraw') extra.push(code);
      }
      extra.sort((a, b) => (S.codeOrder.get(a) ?? 999) - (S.codeOrder.get(b) ?? 999) || (a < b ? -1 : 1));
      out.push(...extra);
    }
    return out;
  }

  function chipState(key) {
    const d = S.idx.dec.get(key);
    if (!d) return 'undecided';
    switch (d.action) {
      case 'confirm':
      case 'set_context': return 'confirmed';
      case 'reject': return 'rejected';
      case 'add': return 'added';
      default: return 'undecided';
    }
  }

  function chipContext(key) {
    const d = S.idx.dec.get(key);
    if (d && d.action !== 'withdraw' && d.context) return d.context;
    const ps = S.idx.props.get(key);
    if (ps && ps.length) return ps[0].context;
    return d && d.action === 'add' ? 'asserted' : null;
  }

  /** Progress counts as API.md defines them, from the indexes in memory. */
  function computeProgress() {
    const I = S.idx;
    const p = { proposed: 0, confirmed: 0, rejected: 0, undecided: 0, added: 0 };
    for (const key of I.props.keys()) {
      p.proposed++;
      const st = chipState(key);
      if (st === 'rejected') p.rejected++;
      else if (st === 'undecided') p.undecided++;
      else p.confirmed++;
    }
    for (const [key, d] of I.dec) if (!I.props.has(key) && d.action === 'add') p.added++;
    return p;
  }

  /** Risk factors present: asserted and not rejected (as in API.md's checklist). */
  function computeChecklist() {
    const I = S.idx;
    const present = new Set();
    const consider = (key, code) => {
      if (present.has(code)) return;
      const d = I.dec.get(key);
      if (d && d.action === 'reject') return;
      if (d && d.action !== 'withdraw') {
        if (chipContext(key) === 'asserted') present.add(code);
        return;
      }
      const ps = I.props.get(key);
      if (ps && ps.some((p) => p.context === 'asserted')) present.add(code);
    };
    for (const [key, ps] of I.props) consider(key, ps[0].code);
    for (const [key, d] of I.dec) consider(key, d.code);
    return present;
  }

  function ruleUndecided(rule) {
    const keys = S.idx.ruleKeys.get(rule);
    let n = 0;
    if (keys) for (const key of keys) if (chipState(key) === 'undecided') n++;
    return n;
  }

  // ------------------------------------------------------------------ document view

  function renderDocument() {
    const d = S.doc;
    const doc = d.document;
    document.title = doc.fileName + ' — scrcode review';
    const v = (S.view = { segEls: new Map(), chipEls: new Map(), groups: [] });

    const head = h('div', { class: 'doc-head' },
      h('p', { class: 'crumbs' }, h('a', { href: '#/', text: '← All documents' }), h('span', { class: 'muted', text: ' (g)' })),
      h('h1', { class: 'page-title doc-title', text: doc.fileName }),
      h('p', { class: 'doc-meta' },
        [doc.pageCount != null ? doc.pageCount + ' pages' : null, d.segments.length + ' paragraphs',
          'lexicon ' + (doc.lexiconVersion || '?')].filter(Boolean).join(' · ')));
    v.progress = h('div', { class: 'doc-progress-wrap' });
    v.risks = h('p', { class: 'doc-risks-line' });
    head.append(v.progress, v.risks);

    // Side panel: filters, bulk by rule, "why not" search.
    const side = h('aside', { class: 'doc-side', 'aria-label': 'Filters, decisions by rule and search' });

    v.fCode = h('select', { id: 'filter-code', data: { testid: 'filter-code' } });
    v.fContext = h('select', { id: 'filter-context', data: { testid: 'filter-context' } });
    v.fSection = h('select', { id: 'filter-section', data: { testid: 'filter-section' } });
    v.fDecision = h('select', { id: 'filter-decision', data: { testid: 'filter-decision' } });
    v.fShowAll = h('input', { type: 'checkbox', id: 'filter-showall', data: { testid: 'filter-showall' } });
    fillFilterOptions();
    v.filterCount = h('p', { class: 'filter-count', 'aria-live': 'polite' });
    v.fReset = h('button', { type: 'button', class: 'link-button', id: 'filter-reset', text: 'Clear filters' });
    const filters = h('section', { class: 'panel filters', 'aria-labelledby': 'filters-title' },
      h('h2', { id: 'filters-title', class: 'panel-title', text: 'Show' }),
      field('Code', v.fCode), field('Context', v.fContext), field('Section', v.fSection), field('Decision', v.fDecision),
      h('div', { class: 'field field-check' }, v.fShowAll, h('label', { for: 'filter-showall', text: 'Show all text' })),
      h('div', { class: 'filter-foot' }, v.filterCount, v.fReset));

    v.bulkRule = h('select', { id: 'bulk-rule', data: { testid: 'bulk-rule' } });
    v.bulkConfirm = h('button', { type: 'button', id: 'bulk-confirm', data: { testid: 'bulk-confirm' }, text: 'Confirm all undecided' });
    v.bulkReject = h('button', { type: 'button', id: 'bulk-reject', data: { testid: 'bulk-reject' }, text: 'Reject all undecided' });
    v.bulkNote = h('p', { class: 'muted small', id: 'bulk-note' });
    const bulk = h('section', { class: 'panel bulk', 'aria-labelledby': 'bulk-title' },
      h('h2', { id: 'bulk-title', class: 'panel-title', text: 'Decide by rule' }),
      field('Lexicon rule', v.bulkRule),
      h('div', { class: 'button-row' }, v.bulkConfirm, v.bulkReject), v.bulkNote);
    fillRules();

    v.search = h('input', {
      type: 'search', id: 'search-input', data: { testid: 'search-input' }, maxlength: '100',
      autocomplete: 'off', spellcheck: 'false', placeholder: 'e.g. shouting',
    });
    v.results = h('div', { class: 'search-results', data: { testid: 'search-results' }, 'aria-live': 'polite' });
    const search = h('section', { class: 'panel search', 'aria-labelledby': 'search-title' },
      h('h2', { id: 'search-title', class: 'panel-title', text: 'Why not? Search the report' }),
      h('form', { class: 'search-form', role: 'search', id: 'search-form', 'aria-label': 'Search this report' },
        h('label', { for: 'search-input', class: 'visually-hidden', text: 'Word or phrase' }),
        v.search, h('button', { type: 'submit', id: 'search-button', text: 'Search' })),
      v.results);
    v.profileList = h('div', { class: 'pf-list' });
    const profile = h('section', { class: 'panel profile', data: { testid: 'profile' }, 'aria-labelledby': 'profile-title' },
      h('h2', { id: 'profile-title', class: 'panel-title', text: 'Profile sheet' }),
      h('p', { class: 'muted small pf-intro', text: 'What the report says about the child and the review. Correct a value and Save; "Why" shows where it was read.' }),
      v.profileList);
    side.append(filters, bulk, search, profile);
    v.profileRows = new Map();
    updateProfileRows(null);

    v.text = h('article', { class: 'doc-text', 'aria-label': 'Report text' });
    v.hint = h('p', { class: 'add-hint', id: 'add-hint' });
    v.text.append(buildTextFragment());
    const layout = h('div', { class: 'doc-layout' }, h('div', { class: 'doc-main' }, v.text), side);
    main.replaceChildren(head, layout);
    updateSummary();
    applyFilters();
    window.scrollTo(0, 0);
    startHydration();
    requestAnimationFrame(() => { if (S.view === v && document.activeElement === document.body) main.focus({ preventScroll: true }); });
  }

  function field(label, control) {
    return h('div', { class: 'field' }, h('label', { for: control.id, text: label }), control);
  }

  function fillFilterOptions() {
    const v = S.view;
    const d = S.doc;
    const keep = (sel) => sel.value;
    const prev = { code: keep(v.fCode), context: keep(v.fContext), section: keep(v.fSection), decision: keep(v.fDecision) };
    // Codes: counts of chips per code in this document.
    const perCode = new Map();
    for (const s of d.segments) for (const code of chipCodes(s.index)) perCode.set(code, (perCode.get(code) || 0) + 1);
    const themes = h('optgroup', { label: 'Themes' });
    const risks = h('optgroup', { label: 'Risk factors' });
    for (const c of S.session.codes) {
      const n = perCode.get(c.code) || 0;
      const opt = h('option', { value: c.code, text: c.label + ' (' + n + ')' });
      (c.kind === 'risk_factor' ? risks : themes).append(opt);
    }
    v.fCode.replaceChildren(h('option', { value: '', text: 'All codes' }), themes, risks);
    v.fContext.replaceChildren(h('option', { value: '', text: 'All contexts' }),
      ...(S.session.contexts || []).map((c) => h('option', { value: c, text: c })));
    const sections = [];
    const seen = new Set();
    for (const s of d.segments) if (!seen.has(s.section)) { seen.add(s.section); sections.push(s.section); }
    v.fSection.replaceChildren(h('option', { value: '', text: 'All sections' }),
      ...sections.map((s) => h('option', { value: s, text: sectionLabel(s) })));
    v.fDecision.replaceChildren(h('option', { value: '', text: 'Any decision' }),
      ...STATES.map((s) => h('option', { value: s, text: STATE_LABEL[s] })));
    for (const [sel, val] of [[v.fCode, prev.code], [v.fContext, prev.context], [v.fSection, prev.section], [v.fDecision, prev.decision]]) {
      if (val && [...sel.options].some((o) => o.value === val)) sel.value = val;
    }
  }

  function fillRules() {
    const v = S.view;
    const prev = v.bulkRule.value;
    const rules = (S.doc.rules || []).slice().sort((a, b) => (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
    const opts = [h('option', { value: '', text: rules.length ? 'Choose a rule…' : 'No rules fired in this document' })];
    for (const r of rules) {
      const und = ruleUndecided(r.rule);
      opts.push(h('option', {
        value: r.rule,
        text: r.rule + ' — ' + codeLabel(r.code) + ': ' + r.proposals + (r.proposals === 1 ? ' proposal, ' : ' proposals, ') + und + ' undecided',
      }));
    }
    v.bulkRule.replaceChildren(...opts);
    if (prev && rules.some((r) => r.rule === prev)) v.bulkRule.value = prev;
    updateBulkButtons();
  }

  function updateBulkButtons() {
    const v = S.view;
    const rule = v.bulkRule.value;
    const n = rule ? ruleUndecided(rule) : 0;
    v.bulkConfirm.disabled = false;
    v.bulkReject.disabled = false;
    v.bulkNote.textContent = !rule ? 'Confirms or rejects every code the rule proposed that nobody has decided yet.'
      : n === 0 ? 'Nothing is undecided for this rule.'
        : n + (n === 1 ? ' undecided code' : ' undecided codes') + ' from this rule. Codes someone already decided are left alone.';
  }

  function updateSummary() {
    const v = S.view;
    if (!v) return;
    const p = computeProgress();
    v.progress.replaceChildren(progressBlock(p));
    v.progress.setAttribute('aria-label', progressText(p));
    const present = computeChecklist();
    const names = S.riskCodes.filter((c) => present.has(c.code)).map((c) => c.label);
    v.risks.textContent = 'Risk factors present: ' + (names.length ? names.join(', ') : 'none');
    syncRiskFactorsField(present);
  }

  function buildAddTemplate() {
    const sel = h('select', { class: 'add-select', data: { testid: 'add-code-select' } });
    sel.append(h('option', { value: '', text: 'Add a code…' }));
    const themes = h('optgroup', { label: 'Themes' });
    const risks = h('optgroup', { label: 'Risk factors' });
    for (const c of S.session.codes) (c.kind === 'risk_factor' ? risks : themes).append(h('option', { value: c.code, text: c.label }));
    sel.append(themes, risks);
    return sel;
  }

  /** The whole text in one fragment: O(segments + proposals + decisions). */
  function buildTextFragment() {
    const v = S.view;
    const frag = document.createDocumentFragment();
    v.segEls = new Map();
    v.chipEls = new Map();
    v.groups = [];
    S.eager = S.doc.segments.length + S.idx.props.size <= EAGER_LIMIT;
    let group = null;
    let lastSection;
    let lastHeading;
    for (const seg of S.doc.segments) {
      const heading = seg.heading || null;
      const newSection = group === null || seg.section !== lastSection;
      // A heading segment shows its own words just below: the group title need not repeat them.
      const selfHeading = (seg.kind === 'heading' || seg.kind === 'title') && heading && seg.text.trim() === heading.trim();
      const showHeading = !!heading && !selfHeading && heading.toLowerCase() !== sectionLabel(seg.section).toLowerCase();
      if (!newSection && heading !== lastHeading && !showHeading) lastHeading = heading;
      if (newSection || (heading !== lastHeading && showHeading)) {
        lastSection = seg.section;
        lastHeading = heading;
        const hEl = h(newSection ? 'h2' : 'h3', { class: newSection ? 'sec-heading' : 'sub-heading' });
        if (newSection) hEl.append(h('span', { class: 'sec-name', text: sectionLabel(seg.section) }));
        if (showHeading) hEl.append(h('span', { class: 'sec-heading-text', text: heading }));
        group = { el: hEl, segs: [] };
        v.groups.push(group);
        frag.append(hEl);
      }
      group.segs.push(seg.index);
      const block = buildSegment(seg, S.eager);
      frag.append(block);
    }
    return frag;
  }

  /** Skeletons cloned per segment and per chip: one native clone is much cheaper than a dozen createElement calls. */
  function templates() {
    if (S.tpl) return S.tpl;
    const seg = h('div', { class: 'seg' },
      h('div', { class: 'seg-label' }),
      h('div', { class: 'seg-body' },
        h('p', { class: 'seg-text', data: { testid: 'segment-text' } }),
        h('div', { class: 'chips' }),
        h('div', { class: 'seg-add' }, h('button', { type: 'button', class: 'add-button', data: { testid: 'add-code-button' }, text: 'Add' }))));
    const chip = h('div', { class: 'chip', data: { testid: 'chip' }, tabindex: '-1', role: 'group' },
      h('div', { class: 'chip-head' }, h('span', { class: 'chip-code' }), h('span', { class: 'chip-state' })),
      h('div', { class: 'chip-actions' },
        h('button', { type: 'button', class: 'act act-confirm', data: { action: 'confirm' }, 'aria-pressed': 'false', text: 'Confirm' }),
        h('button', { type: 'button', class: 'act act-reject', data: { action: 'reject' }, 'aria-pressed': 'false', text: 'Reject' }),
        h('button', { type: 'button', class: 'act act-memo', data: { action: 'memo' }, 'aria-expanded': 'false', text: 'Memo' })));
    S.tpl = { seg, chip };
    return S.tpl;
  }

  function buildSegment(seg, eager) {
    const v = S.view;
    const block = templates().seg.cloneNode(true);
    block.className = 'seg kind-' + seg.kind;
    if (!eager) block.dataset.lazy = '1';
    block.id = 'seg-' + seg.index;
    block.dataset.segmentIndex = seg.index;
    block.dataset.section = seg.section;
    const label = block.firstChild;
    const body = label.nextSibling;
    const text = body.firstChild;
    const chips = text.nextSibling;
    const add = chips.nextSibling;
    const place = segPlace(seg);
    if (place) label.textContent = place;
    fillSegmentText(text, seg);

    const segMemos = S.idx.memos.get(K(seg.index, ''));
    if (segMemos) for (const m of [...segMemos.values()].reverse()) text.after(memoLine(m, 'seg-memo'));

    for (const code of chipCodes(seg.index)) {
      const chip = buildChip(seg, code, eager);
      v.chipEls.set(K(seg.index, code), chip);
      chips.append(chip);
    }
    const btn = add.firstChild;
    btn.setAttribute('aria-label', 'Add the chosen code to ' + segName(seg));
    if (eager) add.prepend(makeAddSelect(seg));
    v.segEls.set(seg.index, block);
    return block;
  }

  /** Splits the segment text at every span boundary; each piece is wrapped in one <mark> per code covering it. */
  function fillSegmentText(el, seg) {
    const I = S.idx;
    const text = seg.text;
    const len = text.length;
    const spans = [];
    for (const code of I.propCodes.get(seg.index) || []) {
      for (const p of I.props.get(K(seg.index, code))) spans.push({ a: p.start - seg.start, b: p.end - seg.start, code });
    }
    const decided = I.decCodes.get(seg.index);
    if (decided) {
      for (const code of decided) {
        const d = I.dec.get(K(seg.index, code));
        if (d && d.action !== 'withdraw' && d.start != null && d.end != null) spans.push({ a: d.start - seg.start, b: d.end - seg.start, code });
      }
    }
    const usable = [];
    for (const s of spans) {
      const a = Math.max(0, Math.min(len, s.a));
      const b = Math.max(0, Math.min(len, s.b));
      if (b > a) usable.push({ a, b, code: s.code });
    }
    if (!usable.length) {
      el.textContent = text;
      return;
    }
    const cuts = new Set([0, len]);
    for (const s of usable) { cuts.add(s.a); cuts.add(s.b); }
    const points = [...cuts].sort((x, y) => x - y);
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i];
      const b = points[i + 1];
      const piece = text.slice(a, b);
      const codes = [];
      for (const s of usable) if (s.a <= a && s.b >= b && !codes.includes(s.code)) codes.push(s.code);
      if (!codes.length) {
        el.append(piece);
        continue;
      }
      let outer = null;
      let inner = null;
      for (const code of codes) {
        const st = chipState(K(seg.index, code));
        const m = document.createElement('mark');
        m.className = 'ev st-' + st;
        m.dataset.code = code;
        m.dataset.segmentIndex = seg.index;
        m.title = codeLabel(code) + ' — ' + STATE_LABEL[st];
        if (inner) inner.append(m);
        else outer = m;
        inner = m;
      }
      inner.append(piece);
      el.append(outer);
    }
  }

  function memoLine(memo, cls) {
    return h('p', { class: 'memo ' + (cls || '') },
      h('span', { class: 'memo-label', text: 'Memo' }), ' ',
      h('span', { class: 'memo-text', text: memo.text }), ' ',
      h('span', { class: 'memo-by', text: '— ' + memo.reviewer + ', ' + when(memo.writtenAt) }));
  }

  function textEl(tag, cls, text) {
    const e = document.createElement(tag);
    e.className = cls;
    e.textContent = text;
    return e;
  }

  function buildChip(seg, code, eager) {
    const I = S.idx;
    const key = K(seg.index, code);
    const ps = I.props.get(key);
    const dec = I.dec.get(key) || null;
    const state = chipState(key);
    const ctx = chipContext(key);
    const label = codeLabel(code);
    const risk = (S.codeMap.get(code) || {}).kind === 'risk_factor';

    const chip = templates().chip.cloneNode(true);
    chip.className = 'chip st-' + state + (risk ? ' is-risk' : '') +
      (S.current && S.current.seg === seg.index && S.current.code === code ? ' is-current' : '');
    chip.dataset.segmentIndex = seg.index;
    chip.dataset.code = code;
    chip.dataset.state = state;
    chip.setAttribute('aria-label', label + ': ' + STATE_LABEL[state] + (ctx ? ', ' + ctx : '') + ', ' + segName(seg));

    const head = chip.firstChild;
    const actions = head.nextSibling;
    const codeEl = head.firstChild;
    const stateEl = codeEl.nextSibling;
    codeEl.textContent = label;
    stateEl.className = 'chip-state st-' + state;
    stateEl.textContent = STATE_LABEL[state];
    if (ctx) head.append(textEl('span', 'chip-context ctx-' + ctx, ctx));
    if (risk) head.append(textEl('span', 'chip-kind', 'risk factor'));

    if (ps) {
      const seen = ps.length > 1 ? new Set() : null;
      for (const p of ps) {
        const reason = p.reason || ('matched \u2018' + p.evidence + '\u2019 — ' + p.rule);
        if (seen) {
          if (seen.has(reason)) continue;
          seen.add(reason);
        }
        actions.before(textEl('p', 'chip-reason', reason));
      }
    } else {
      const adder = dec && dec.action === 'add' ? dec.reviewer : null;
      actions.before(textEl('p', 'chip-reason', adder ? 'added by ' + adder + ', ' + when(dec.decidedAt) : 'added by a reviewer (not proposed by the lexicon)'));
    }
    if (dec && !(dec.action === 'add' && !ps)) {
      const verb = dec.action === 'withdraw' ? 'Decision undone (undecided again)' : ACTION_PAST[dec.action] || dec.action;
      const extra = dec.action === 'set_context' && dec.context ? ' as ' + dec.context : '';
      actions.before(textEl('p', 'chip-who', verb + extra + ' by ' + dec.reviewer + ', ' + when(dec.decidedAt)));
      if (dec.memo) actions.before(textEl('p', 'chip-who', 'Note: ' + dec.memo));
    }
    const memos = I.memos.get(key);
    if (memos) for (const m of memos.values()) actions.before(memoLine(m, 'chip-memo'));

    const confirm = actions.firstChild;
    const reject = confirm.nextSibling;
    const memoBtn = reject.nextSibling;
    if (state === 'confirmed') confirm.setAttribute('aria-pressed', 'true');
    if (state === 'rejected') reject.setAttribute('aria-pressed', 'true');
    if (eager) reject.after(makeContextSelect(code, ctx));
    if (dec && S.mine.has(stateMaker(key))) {
      memoBtn.before(h('button', { type: 'button', class: 'act act-undo', data: { action: 'undo' }, text: 'Undo' }));
    }
    if (memos && memos.size) memoBtn.textContent = 'New memo';
    if (S.inFlight.has(key)) setChipBusy(chip, true);
    return chip;
  }

  function makeContextSelect(code, ctx) {
    const sel = document.createElement('select');
    sel.className = 'act-context';
    sel.dataset.action = 'context';
    sel.setAttribute('aria-label', 'Context of ' + codeLabel(code));
    if (!ctx) sel.append(h('option', { value: '', text: '—' }));
    for (const c of S.session.contexts || []) {
      const o = document.createElement('option');
      o.value = c;
      o.textContent = c;
      sel.append(o);
    }
    sel.value = ctx || '';
    return sel;
  }

  function makeAddSelect(seg) {
    const sel = S.addTemplate.cloneNode(true);
    sel.setAttribute('aria-label', 'Code to add to ' + segName(seg));
    return sel;
  }

  /**
   * <select>s (thousands of them, with their options) are the costliest part of a long report.
   * A big document is shown first with its text, codes and buttons; each paragraph's selects are
   * added when it comes near the screen or is used, and the rest a slice at a time in the
   * background, so every control is there a moment after the page appears.
   */
  function hydrateSegment(block) {
    if (!block || !block.dataset.lazy) return;
    delete block.dataset.lazy;
    const seg = segmentFor(Number(block.dataset.segmentIndex));
    if (!seg) return;
    for (const chip of block.querySelectorAll('[data-testid="chip"]')) {
      const reject = chip.querySelector('[data-action="reject"]');
      if (!reject || chip.querySelector('[data-action="context"]')) continue;
      const sel = makeContextSelect(chip.dataset.code, chipContext(K(seg.index, chip.dataset.code)));
      if (chip.classList.contains('is-busy')) sel.disabled = true;
      reject.after(sel);
    }
    const add = block.querySelector('.seg-add');
    if (add && !add.querySelector('[data-testid="add-code-select"]')) add.prepend(makeAddSelect(seg));
  }

  /** Index (in S.doc.segments) of the first segment whose block reaches below the top of the screen. */
  function firstSegmentOnScreen() {
    const v = S.view;
    const segs = S.doc.segments;
    let lo = 0;
    let hi = segs.length - 1;
    let found = segs.length ? segs.length - 1 : -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      let j = mid; // skip blocks hidden by a filter (no box)
      while (j <= hi && v.segEls.get(segs[j].index).classList.contains('is-hidden')) j++;
      if (j > hi) { hi = mid - 1; continue; }
      if (v.segEls.get(segs[j].index).getBoundingClientRect().bottom > 0) { found = j; hi = mid - 1; } else lo = j + 1;
    }
    return found;
  }

  function hydrateNearScreen() {
    const v = S.view;
    if (!v || S.eager) return;
    const segs = S.doc.segments;
    const first = firstSegmentOnScreen();
    if (first < 0) return;
    for (let i = Math.max(0, first - 5); i < Math.min(segs.length, first + 40); i++) hydrateSegment(v.segEls.get(segs[i].index));
  }

  let scrollQueued = false;
  window.addEventListener('scroll', () => {
    if (scrollQueued || !S.view || S.eager) return;
    scrollQueued = true;
    requestAnimationFrame(() => { scrollQueued = false; hydrateNearScreen(); });
  }, { passive: true });

  function startHydration() {
    const v = S.view;
    const gen = ++S.hydrateGen;
    if (S.eager) return;
    // The paragraphs on screen first, then the rest in order, in slices between frames.
    const segs = S.doc.segments;
    const first = Math.max(0, firstSegmentOnScreen() - 5);
    const order = [];
    for (let i = first; i < segs.length; i++) order.push(v.segEls.get(segs[i].index));
    for (let i = 0; i < first; i++) order.push(v.segEls.get(segs[i].index));
    let i = 0;
    const slice = () => {
      if (gen !== S.hydrateGen || S.view !== v) return;
      const until = performance.now() + 40;
      while (i < order.length && performance.now() < until) {
        for (let k = 0; k < 8 && i < order.length; k++) hydrateSegment(order[i++]);
      }
      if (i < order.length) setTimeout(slice, 0);
    };
    requestAnimationFrame(() => setTimeout(slice, 0));
  }

  function setChipBusy(chip, busy) {
    chip.classList.toggle('is-busy', busy);
    chip.setAttribute('aria-busy', String(busy));
    for (const c of chip.querySelectorAll('.chip-actions button, .chip-actions select')) c.disabled = busy;
  }

  /** Re-builds one segment in place (after a decision or memo), keeping focus on the equivalent control. */
  function rerenderSegment(segIndex) {
    const v = S.view;
    const seg = S.idx.segByIndex.get(segIndex);
    const old = v.segEls.get(segIndex);
    if (!seg || !old) return;
    const active = document.activeElement;
    let focusKey = null;
    let focusAction = null;
    let focusTestid = null;
    if (active && old.contains(active)) {
      const chip = active.closest('[data-testid="chip"]');
      if (chip) {
        focusKey = K(chip.dataset.segmentIndex, chip.dataset.code);
        focusAction = active === chip ? null : active.dataset.action || null;
      } else focusTestid = active.dataset.testid || null;
    }
    const openMemo = old.querySelector('.memo-editor');
    const memoDraft = openMemo ? { key: openMemo.dataset.key, text: openMemo.querySelector('textarea').value } : null;
    for (const el of old.querySelectorAll('[data-testid="chip"]')) v.chipEls.delete(K(el.dataset.segmentIndex, el.dataset.code));
    const addSel = old.querySelector('[data-testid="add-code-select"]');
    const addValue = addSel ? addSel.value : '';
    const block = buildSegment(seg, true);
    const newSel = block.querySelector('[data-testid="add-code-select"]');
    if (newSel && addValue) newSel.value = addValue;
    old.replaceWith(block);
    if (memoDraft) {
      const chip = v.chipEls.get(memoDraft.key);
      if (chip) openMemoEditor(chip, memoDraft.text, false);
    }
    applyFiltersToSegment(segIndex);
    if (S.pending && S.pending.seg === segIndex) S.pending = null;
    updateHint();
    if (focusKey) {
      const chip = v.chipEls.get(focusKey);
      if (chip) {
        const target = (focusAction && chip.querySelector('[data-action="' + focusAction + '"]')) || chip;
        target.focus({ preventScroll: true });
      }
    } else if (focusTestid) {
      const t = block.querySelector('[data-testid="' + focusTestid + '"]');
      if (t) t.focus({ preventScroll: true });
    }
  }

  /** After a re-fetch: rebuild the text, keep the reader where they were. */
  function refreshDocument() {
    const v = S.view;
    if (!v) { renderDocument(); return; }
    const anchor = scrollAnchor();
    const hadFocus = document.activeElement;
    const focusInText = hadFocus === document.body || hadFocus === main || (hadFocus && v.text.contains(hadFocus));
    const focusedChip = hadFocus && hadFocus.closest ? hadFocus.closest('[data-testid="chip"]') : null;
    const memoEd = v.text.querySelector('.memo-editor');
    const memoDraft = memoEd ? { key: memoEd.dataset.key, text: memoEd.querySelector('textarea').value } : null;
    const node = buildTextFragment();
    v.text.replaceChildren(node);
    fillFilterOptions();
    fillRules();
    updateProfileRows(null);
    updateSummary();
    applyFilters(true);
    if (memoDraft) {
      const chip = v.chipEls.get(memoDraft.key);
      if (chip) openMemoEditor(chip, memoDraft.text, false);
    }
    restoreAnchor(anchor);
    startHydration();
    if (S.current) {
      const chip = v.chipEls.get(K(S.current.seg, S.current.code));
      if (chip) hydrateSegment(chip.closest('.seg'));
      if (chip && (focusInText || focusedChip)) chip.focus({ preventScroll: true });
      if (chip) chip.classList.add('is-current');
    }
    updateHint();
  }

  function scrollAnchor() {
    const v = S.view;
    if (S.current) {
      const chip = v.chipEls.get(K(S.current.seg, S.current.code));
      if (chip && !chip.classList.contains('is-hidden')) {
        const r = chip.getBoundingClientRect();
        if (r.bottom > 0 && r.top < window.innerHeight) return { kind: 'chip', key: K(S.current.seg, S.current.code), top: r.top };
      }
    }
    const segs = S.doc.segments;
    let lo = 0;
    let hi = segs.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const el = v.segEls.get(segs[mid].index);
      const r = el.getBoundingClientRect();
      if (r.height === 0) { // hidden by a filter: look linearly from here
        let j = mid;
        while (j <= hi && v.segEls.get(segs[j].index).getBoundingClientRect().height === 0) j++;
        if (j > hi) { hi = mid - 1; continue; }
        const rj = v.segEls.get(segs[j].index).getBoundingClientRect();
        if (rj.bottom > 0) { found = j; hi = mid - 1; } else lo = j + 1;
        continue;
      }
      if (r.bottom > 0) { found = mid; hi = mid - 1; } else lo = mid + 1;
    }
    if (found < 0) return null;
    const idx = segs[found].index;
    return { kind: 'seg', seg: idx, top: v.segEls.get(idx).getBoundingClientRect().top };
  }

  function restoreAnchor(anchor) {
    if (!anchor) return;
    const v = S.view;
    const el = anchor.kind === 'chip' ? v.chipEls.get(anchor.key) : v.segEls.get(anchor.seg);
    if (!el) return;
    const top = el.getBoundingClientRect().top;
    window.scrollBy(0, top - anchor.top);
  }

  // ------------------------------------------------------------------ filters

  function filterState() {
    const v = S.view;
    return {
      code: v.fCode.value, context: v.fContext.value, section: v.fSection.value, decision: v.fDecision.value,
      showAll: v.fShowAll.checked,
    };
  }

  function chipMatches(f, key, code) {
    if (S.sticky.has(key)) return true;
    if (f.code && code !== f.code) return false;
    if (f.context && chipContext(key) !== f.context) return false;
    if (f.decision && chipState(key) !== f.decision) return false;
    return true;
  }

  function segmentVisibility(f, seg) {
    const v = S.view;
    const chipFilter = !!(f.code || f.context || f.decision);
    let shownChips = 0;
    let totalChips = 0;
    for (const code of chipCodes(seg.index)) {
      const key = K(seg.index, code);
      const el = v.chipEls.get(key);
      if (!el) continue;
      totalChips++;
      const ok = chipMatches(f, key, code);
      el.classList.toggle('is-hidden', !ok);
      if (ok) shownChips++;
    }
    const sectionOk = !f.section || seg.section === f.section;
    const visible = f.showAll || (sectionOk && (!chipFilter || shownChips > 0));
    const block = v.segEls.get(seg.index);
    block.classList.toggle('is-hidden', !visible);
    if (f.code || v.dimmed) {
      // With a code filter, the other codes' evidence is shown faintly.
      for (const m of block.getElementsByTagName('mark')) m.classList.toggle('dim', !!f.code && m.dataset.code !== f.code);
    }
    return { visible, shownChips, totalChips };
  }

  function applyFilters(keepSticky) {
    const v = S.view;
    if (!v) return;
    if (!keepSticky) S.sticky.clear();
    const f = filterState();
    let segsShown = 0;
    let chipsShown = 0;
    let chipsTotal = 0;
    const visibleSeg = new Set();
    for (const seg of S.doc.segments) {
      const r = segmentVisibility(f, seg);
      if (r.visible) { segsShown++; visibleSeg.add(seg.index); }
      if (r.visible) chipsShown += r.shownChips;
      chipsTotal += r.totalChips;
    }
    v.dimmed = !!f.code;
    for (const g of v.groups) g.el.classList.toggle('is-hidden', !g.segs.some((i) => visibleSeg.has(i)));
    const active = f.code || f.context || f.section || f.decision;
    v.fReset.hidden = !active && !f.showAll;
    v.filterCount.textContent = active
      ? 'Showing ' + chipsShown + ' of ' + chipsTotal + ' codes in ' + segsShown + ' of ' + S.doc.segments.length + ' paragraphs.'
      : chipsTotal + ' codes in ' + S.doc.segments.length + ' paragraphs.';
    v.text.classList.toggle('is-filtered', !!active);
  }

  function applyFiltersToSegment(segIndex) {
    const v = S.view;
    const seg = S.idx.segByIndex.get(segIndex);
    if (!seg || !v) return;
    segmentVisibility(filterState(), seg);
    for (const g of v.groups) {
      if (!g.segs.includes(segIndex)) continue;
      g.el.classList.toggle('is-hidden', !g.segs.some((i) => !v.segEls.get(i).classList.contains('is-hidden')));
      break;
    }
  }

  // ------------------------------------------------------------------ decisions

  function segmentFor(segIndex) {
    return S.idx ? S.idx.segByIndex.get(segIndex) : null;
  }

  async function decide(segIndex, code, action, extra) {
    const docId = S.docId;
    const seg = segmentFor(segIndex);
    if (!seg || docId == null) return;
    const key = K(segIndex, code);
    if (S.inFlight.has(key)) {
      setStatus('Still saving the last decision on this code…');
      return;
    }
    const cur = S.idx.dec.get(key) || null;
    const body = {
      documentId: docId, segmentIndex: segIndex, code, action,
      basedOn: cur ? cur.id : null, segmentTextSha256: seg.textSha256, lexiconVersion: S.doc.document.lexiconVersion,
    };
    if (extra) Object.assign(body, extra);
    S.inFlight.add(key);
    const chip = S.view && S.view.chipEls.get(key);
    if (chip) setChipBusy(chip, true);
    setStatus('Saving…');
    try {
      const res = await api('POST', '/api/decisions', body);
      S.inFlight.delete(key);
      if (S.docId !== docId) { setStatus('Saved'); return true; }
      const d = res.decision;
      noteMine(d, body.basedOn);
      S.undo.push({ id: d.id, docId, key });
      applyDecision(d);
      setStatus('Saved');
      return true;
    } catch (err) {
      S.inFlight.delete(key);
      if (S.docId !== docId) { reportError(err); return; }
      setStatus('Not saved');
      reportError(err);
      if (err.status === 409 && err.kind === 'stale' && err.data && 'current' in err.data) {
        setCurrentDecision(segIndex, code, err.data.current || null);
        afterDecisionChange(segIndex);
      } else if (err.status === 409) {
        try { await reloadDocument(); } catch (e2) { reportError(e2); }
      } else if (S.view && S.idx.segByIndex.has(segIndex)) {
        afterDecisionChange(segIndex); // back to what is stored (e.g. the context select)
      }
      return false;
    }
  }

  function setCurrentDecision(segIndex, code, d) {
    const I = S.idx;
    const key = K(segIndex, code);
    if (d) {
      I.dec.set(key, d);
      let set = I.decCodes.get(segIndex);
      if (!set) I.decCodes.set(segIndex, (set = new Set()));
      set.add(code);
    } else {
      I.dec.delete(key);
      const set = I.decCodes.get(segIndex);
      if (set) set.delete(code);
    }
    // Keep S.doc.decisions in step, for anything that reads it later.
    const list = S.doc.decisions;
    const i = list.findIndex((x) => x.segmentIndex === segIndex && x.code === code);
    if (i >= 0) { if (d) list[i] = d; else list.splice(i, 1); } else if (d) list.push(d);
  }

  function applyDecision(d) {
    const key = K(d.segmentIndex, d.code);
    setCurrentDecision(d.segmentIndex, d.code, d);
    if (S.view && S.view.fCode.value + S.view.fContext.value + S.view.fDecision.value !== '') S.sticky.add(key);
    afterDecisionChange(d.segmentIndex);
  }

  /** Many decisions at once (bulk): each touched paragraph is drawn again once, the summary once. */
  function applyDecisions(list) {
    const touched = new Set();
    for (const d of list) {
      setCurrentDecision(d.segmentIndex, d.code, d);
      touched.add(d.segmentIndex);
    }
    if (!S.view) return;
    for (const segIndex of touched) rerenderSegment(segIndex);
    updateSummary();
    fillRulesCounts();
  }

  function afterDecisionChange(segIndex) {
    if (!S.view) return;
    rerenderSegment(segIndex);
    updateSummary();
    fillRulesCounts();
  }

  function fillRulesCounts() {
    const v = S.view;
    for (const opt of v.bulkRule.options) {
      if (!opt.value) continue;
      const r = (S.doc.rules || []).find((x) => x.rule === opt.value);
      if (!r) continue;
      opt.textContent = r.rule + ' — ' + codeLabel(r.code) + ': ' + r.proposals + (r.proposals === 1 ? ' proposal, ' : ' proposals, ') +
        ruleUndecided(r.rule) + ' undecided';
    }
    updateBulkButtons();
  }

  /**
   * The decision whose state a (segment, code) is in now, as the server's undo sees it: the current
   * decision itself, or after an undo the decision the undone one was based on (API: undoing D2
   * makes D1's state current again, and D1 can be undone next). Known for pairs this page touched.
   */
  function stateMaker(key) {
    const d = S.idx && S.idx.dec.get(key);
    if (!d) return null;
    const r = S.maker.get(S.docId + ':' + key);
    if (r && r.cur === d.id) return r.maker;
    return d.action === 'withdraw' ? null : d.id;
  }

  function noteMine(d, basedOn) {
    S.mine.add(d.id);
    S.basis.set(d.id, basedOn == null ? null : basedOn);
    S.maker.set(S.docId + ':' + K(d.segmentIndex, d.code), { cur: d.id, maker: d.id });
  }

  async function undoDecision(decisionId, key) {
    const docId = S.docId;
    if (docId == null || decisionId == null) return;
    const dropEntry = () => {
      const j = S.undo.findIndex((e) => e.id === decisionId && e.docId === docId);
      if (j >= 0) S.undo.splice(j, 1);
    };
    setStatus('Saving…');
    try {
      const res = await api('POST', '/api/undo', { documentId: docId, decisionId });
      const nd = res && res.decision;
      dropEntry();
      S.mine.delete(decisionId);
      if (nd) {
        const k = key || K(nd.segmentIndex, nd.code);
        const basis = S.basis.has(decisionId) ? S.basis.get(decisionId) : null;
        S.maker.set(docId + ':' + k, { cur: nd.id, maker: basis });
      }
      if (S.docId === docId) await reloadDocument();
      setStatus('Undone');
    } catch (err) {
      setStatus('Not saved');
      reportError(err);
      if (err.status === 409 || err.status === 404) {
        dropEntry();
        S.mine.delete(decisionId);
        try { await reloadDocument(); } catch (e2) { reportError(e2); }
      }
    }
  }

  function undoLast() {
    for (let i = S.undo.length - 1; i >= 0; i--) {
      const e = S.undo[i];
      if (e.docId === S.docId) {
        undoDecision(e.id, e.key);
        return;
      }
    }
    setStatus('Nothing to undo: you have not made a decision on this page yet.');
  }

  async function bulk(action) {
    const v = S.view;
    const rule = v.bulkRule.value;
    const docId = S.docId;
    if (!rule) {
      showAlert('Choose a lexicon rule first.');
      v.bulkRule.focus();
      return;
    }
    v.bulkConfirm.disabled = true;
    v.bulkReject.disabled = true;
    setStatus('Saving…');
    try {
      const res = await api('POST', '/api/bulk', { documentId: docId, rule, action });
      for (const d of res.decisions || []) noteMine(d, null);
      if (S.docId === docId) applyDecisions(res.decisions || []);
      const verb = action === 'confirm' ? 'Confirmed' : 'Rejected';
      const skipped = res.skipped || 0;
      setStatus(verb + ' ' + (res.applied || 0) + ', ' + skipped + ' already decided ' + (skipped === 1 ? 'was' : 'were') + ' left alone');
    } catch (err) {
      setStatus('Not saved');
      reportError(err);
      if (err.status === 409) { try { await reloadDocument(); } catch (e2) { reportError(e2); } }
    } finally {
      if (S.view) updateBulkButtons();
    }
  }

  async function addCode(segIndex, code) {
    const seg = segmentFor(segIndex);
    if (!seg) return;
    const extra = {};
    if (S.pending && S.pending.seg === segIndex) {
      extra.start = S.pending.start;
      extra.end = S.pending.end;
    }
    const ok = await decide(segIndex, code, 'add', extra);
    if (ok && S.view) {
      const block = S.view.segEls.get(segIndex);
      const sel = block && block.querySelector('[data-testid="add-code-select"]');
      if (sel) sel.value = '';
    }
    return ok;
  }

  // ------------------------------------------------------------------ profile sheet

  const profileEntry = (field) => (S.doc && S.doc.profile || []).find((f) => f.field === field) || null;
  const sameJson = (a, b) => JSON.stringify(a) === JSON.stringify(b);

  function profileValueText(entry, value) {
    if (value == null) return 'Not stated';
    if (entry.kind === 'outcome') return OUTCOME_LABEL[value] || String(value);
    if (entry.kind === 'risk_factors') return value.length ? value.map(codeLabel).join(', ') : 'None present';
    if (Array.isArray(value)) return value.length ? value.join(', ') : 'None';
    return String(value);
  }

  function profileSource(entry) {
    const extracted = entry.extracted == null ? 'nothing extracted' : 'extracted: ' + profileValueText(entry, entry.extracted);
    const c = entry.correction;
    if (c) return 'Corrected by ' + c.reviewer + ', ' + when(c.decidedAt) + (sameJson(c.value, entry.extracted) ? ' (the extracted value, checked)' : ' (' + extracted + ')');
    if (entry.derivedFrom && entry.derivedFrom.includes('risk_factors_present')) return 'Follows reviewers\u2019 decisions on risk-factor codes (' + extracted + ')';
    if (entry.derivedFrom) return 'Follows the corrected review dates (' + extracted + ')';
    if (entry.extracted == null) return 'Not found in the report';
    return 'Extracted from the report';
  }

  /** What the edit control shows for a value: text for inputs, the value(s) for selects. */
  function profileControl(entry, inputId, draft) {
    const value = draft !== undefined ? draft : entry.value;
    const label = PROFILE_LABEL[entry.field] || entry.field;
    let control;
    if (entry.kind === 'outcome') {
      control = h('select', { id: inputId },
        h('option', { value: '', text: 'Not stated' }),
        ...Object.keys(OUTCOME_LABEL).map((o) => h('option', { value: o, text: OUTCOME_LABEL[o] })));
      control.value = value == null ? '' : String(value);
    } else if (entry.kind === 'risk_factors') {
      control = h('select', { id: inputId, multiple: true, size: '5' },
        ...S.riskCodes.map((c) => h('option', { value: c.code, text: c.label })));
      const chosen = new Set(Array.isArray(value) ? value : []);
      for (const o of control.options) o.selected = chosen.has(o.value);
    } else if (entry.kind === 'list') {
      control = h('textarea', { id: inputId, rows: '3' });
      control.value = Array.isArray(value) ? value.join('\n') : value == null ? '' : String(value);
    } else {
      control = h('input', {
        id: inputId, type: 'text', autocomplete: 'off', spellcheck: 'false', maxlength: '500',
        inputmode: entry.kind === 'count' ? 'numeric' : null,
        placeholder: entry.kind === 'date' ? 'YYYY-MM-DD' : entry.kind === 'count' ? 'e.g. 14' : null,
      });
      control.value = value == null ? '' : String(value);
    }
    control.classList.add('pf-input');
    control.dataset.testid = 'profile-input';
    control.dataset.profileField = entry.field;
    control.setAttribute('aria-label', 'New value: ' + label);
    return control;
  }

  /** The control's value as the API takes it, or { error } when it cannot be one. */
  function profileInputValue(entry, control) {
    if (entry.kind === 'risk_factors') return { value: [...control.selectedOptions].map((o) => o.value) };
    if (entry.kind === 'list') {
      const items = control.value.split('\n').map((x) => x.trim()).filter(Boolean);
      return { value: items.length ? items : null };
    }
    const text = control.value.trim();
    if (!text) return { value: null };
    if (entry.kind === 'count') {
      if (!/^\d+$/.test(text)) return { error: PROFILE_LABEL[entry.field] + ' must be a whole number (or empty for "not stated").' };
      return { value: Number(text) };
    }
    return { value: text };
  }

  function profileRow(entry, expanded) {
    const field = entry.field;
    const label = PROFILE_LABEL[field] || field;
    const state = entry.correction ? 'corrected' : entry.derivedFrom ? 'derived' : entry.value == null ? 'not-stated' : 'extracted';
    const row = h('div', { class: 'pf-row st-' + state, data: { testid: 'profile-field', field, state } });
    row.append(h('div', { class: 'pf-head' },
      h('span', { class: 'pf-label', text: label }),
      h('span', { class: 'pf-value' + (entry.value == null ? ' is-null' : ''), data: { testid: 'profile-value' }, text: profileValueText(entry, entry.value) })));
    row.append(h('p', { class: 'pf-source', data: { testid: 'profile-source' }, text: profileSource(entry) }));
    if (entry.correction && entry.correction.memo) row.append(h('p', { class: 'pf-note-text', text: 'Note: ' + entry.correction.memo }));
    const ev = entry.evidence || [];
    if (ev.length) {
      const why = h('p', { class: 'pf-why' }, h('span', { class: 'pf-why-label', text: 'Why: ' }));
      const shown = expanded ? ev.length : Math.min(ev.length, PROFILE_EVIDENCE_SHOWN);
      for (let i = 0; i < shown; i++) {
        const e = ev[i];
        const quote = e.text.length > 60 ? e.text.slice(0, 57) + '\u2026' : e.text;
        why.append(h('button', {
          type: 'button', class: 'link-button pf-ev', data: { testid: 'profile-why', evidenceField: field, evidenceIndex: String(i) },
          title: 'Show in the text \u2014 ' + e.rule, text: '\u201c' + quote + '\u201d',
        }), ' ');
      }
      if (shown < ev.length) why.append(h('button', { type: 'button', class: 'link-button pf-more', data: { profileMore: field }, text: (ev.length - shown) + ' more' }));
      row.append(why);
    }
    const inputId = 'pf-input-' + field;
    const noteId = 'pf-note-' + field;
    row.append(h('div', { class: 'pf-edit' },
      profileControl(entry, inputId),
      h('button', { type: 'button', class: 'pf-save', data: { testid: 'profile-save', profileSave: field }, 'aria-label': 'Save ' + label, text: 'Save' })));
    row.append(h('div', { class: 'pf-note' },
      h('label', { for: noteId, class: 'visually-hidden', text: 'Note on this correction (optional)' }),
      h('input', { id: noteId, type: 'text', class: 'pf-note-input', maxlength: '2000', autocomplete: 'off', placeholder: 'Note on this correction (optional)' })));
    if (PROFILE_HINT[entry.kind]) row.append(h('p', { class: 'pf-hint', text: PROFILE_HINT[entry.kind] }));
    row.dataset.sig = JSON.stringify([entry.value, entry.correction && entry.correction.id, entry.derivedFrom, ev.length]);
    return row;
  }

  /**
   * Draws again the rows whose value, correction or evidence changed (and `field`, just saved, with
   * its control reset); other rows keep what the reviewer is typing in them.
   */
  function updateProfileRows(field) {
    const v = S.view;
    if (!v || !v.profileList) return;
    const entries = S.doc.profile || [];
    if (!entries.length) {
      v.profileList.replaceChildren(h('p', { class: 'muted small', text: 'This document has no profile sheet.' }));
      return;
    }
    for (const entry of entries) {
      const old = v.profileRows.get(entry.field);
      const sig = JSON.stringify([entry.value, entry.correction && entry.correction.id, entry.derivedFrom, (entry.evidence || []).length]);
      if (old && old.dataset.sig === sig && entry.field !== field) continue;
      const row = profileRow(entry, S.profileExpanded.has(entry.field));
      if (old) {
        const hadFocus = old.contains(document.activeElement) ? document.activeElement.dataset.testid : null;
        old.replaceWith(row);
        if (hadFocus) { const t = row.querySelector('[data-testid="' + hadFocus + '"]'); if (t) t.focus({ preventScroll: true }); }
      } else v.profileList.append(row);
      v.profileRows.set(entry.field, row);
    }
  }

  /** risk_factors_present follows the code decisions made on this page, as the server derives it, until someone corrects it. */
  function syncRiskFactorsField(present) {
    const entry = profileEntry('risk_factors_present');
    if (!entry || entry.correction) return;
    const value = S.riskCodes.filter((c) => present.has(c.code)).map((c) => c.code);
    if (sameJson(value, entry.value)) return;
    entry.value = value;
    entry.derivedFrom = sameJson(value, entry.extracted) ? null : ['risk_factors_present'];
    updateProfileRows(null);
  }

  async function saveProfileField(field) {
    const docId = S.docId;
    const v = S.view;
    const entry = profileEntry(field);
    const row = v && v.profileRows.get(field);
    if (!entry || !row || docId == null) return;
    if (S.profileInFlight.has(field)) { setStatus('Still saving this field…'); return; }
    const control = row.querySelector('[data-testid="profile-input"]');
    const parsed = profileInputValue(entry, control);
    if (parsed.error) { setStatus('Not saved'); showAlert(parsed.error); control.focus(); return; }
    const note = row.querySelector('.pf-note-input').value.trim();
    const body = { documentId: docId, field, value: parsed.value, basedOn: entry.correction ? entry.correction.id : null };
    if (note) body.memo = note;
    S.profileInFlight.add(field);
    row.classList.add('is-busy');
    for (const c of row.querySelectorAll('input, select, textarea, button')) c.disabled = true;
    setStatus('Saving…');
    try {
      const res = await api('POST', '/api/profile', body);
      S.profileInFlight.delete(field);
      if (S.docId !== docId || S.view !== v) { setStatus('Saved'); return; }
      S.doc.profile = res.profile;
      updateProfileRows(field);
      const saved = S.view.profileRows.get(field);
      // The row's controls were disabled while saving, which took the focus away: give it back.
      if (saved && (!document.activeElement || document.activeElement === document.body)) saved.querySelector('[data-testid="profile-save"]').focus({ preventScroll: true });
      setStatus('Saved');
    } catch (err) {
      S.profileInFlight.delete(field);
      setStatus('Not saved');
      reportError(err);
      if (S.docId !== docId || S.view !== v) return;
      const draft = profileInputValue(entry, control);
      if (err.status === 409 && err.kind === 'stale' && err.data && 'current' in err.data) {
        // Show what is current now; the reviewer's draft stays in the box, to save again on the new basis.
        const cur = err.data.current;
        entry.correction = cur || null;
        entry.value = cur ? cur.value : entry.extracted;
        entry.derivedFrom = null;
      }
      const fresh = profileRow(entry, S.profileExpanded.has(field));
      const freshControl = fresh.querySelector('[data-testid="profile-input"]');
      freshControl.replaceWith(profileControl(entry, freshControl.id, draft.error ? undefined : draft.value));
      fresh.querySelector('.pf-note-input').value = note;
      if (note) fresh.classList.add('is-editing');
      row.replaceWith(fresh);
      v.profileRows.set(field, fresh);
      fresh.querySelector('[data-testid="profile-input"]').focus({ preventScroll: true });
    }
  }

  /** The segment that holds a document offset (or the next one, for an offset between segments). */
  function segmentAt(offset) {
    const segs = S.doc.segments;
    return segs.find((s) => s.start <= offset && offset < s.end) || segs.find((s) => s.start >= offset) || null;
  }

  /** A DOM range over [a, b) of an element's text, counted in characters across its text nodes. */
  function textRange(el, a, b) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let at = 0;
    let started = false;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const len = node.textContent.length;
      if (!started && a <= at + len) { range.setStart(node, a - at); started = true; }
      if (started && b <= at + len) { range.setEnd(node, b - at); return range; }
      at += len;
    }
    return null;
  }

  /** "Why": scrolls to the span a profile value was read from and highlights it (CSS Custom Highlight, no change to the text's DOM). */
  function showEvidence(field, i) {
    const entry = profileEntry(field);
    const e = entry && entry.evidence[i];
    if (!e) return;
    const seg = segmentAt(e.start);
    if (!seg) { setStatus('That evidence is outside the text shown here.'); return; }
    jumpToSegment(seg.index);
    const textEl = S.view.segEls.get(seg.index).querySelector('[data-testid="segment-text"]');
    const a = Math.max(0, e.start - seg.start);
    const b = Math.min(seg.text.length, e.end - seg.start);
    const range = b > a ? textRange(textEl, a, b) : null;
    if (range && window.CSS && CSS.highlights && typeof Highlight === 'function') {
      CSS.highlights.set('profile-evidence', new Highlight(range));
      const r = range.getBoundingClientRect();
      if (r.top < 0 || r.bottom > window.innerHeight) window.scrollBy(0, r.top - window.innerHeight / 2);
    }
    setStatus((PROFILE_LABEL[field] || field) + ': read from \u201c' + e.text + '\u201d (' + e.rule + ')' + (e.end > seg.end ? ', which runs on past this paragraph' : ''));
  }

  // ------------------------------------------------------------------ memos

  function openMemoEditor(chip, text, focus) {
    const existing = chip.querySelector('.memo-editor');
    const btn = chip.querySelector('[data-action="memo"]');
    if (existing) {
      if (focus) existing.querySelector('textarea').focus();
      return;
    }
    const key = K(chip.dataset.segmentIndex, chip.dataset.code);
    const id = 'memo-' + chip.dataset.segmentIndex + '-' + chip.dataset.code;
    const ta = h('textarea', { id, rows: '3', maxlength: '2000', class: 'memo-input' });
    ta.value = text || '';
    const ed = h('div', { class: 'memo-editor', data: { key } },
      h('label', { for: id, text: 'Memo on ' + codeLabel(chip.dataset.code) + ' (only the latest is shown; Ctrl+Enter saves)' }),
      ta,
      h('div', { class: 'button-row' },
        h('button', { type: 'button', class: 'memo-save', data: { memoAction: 'save' }, text: 'Save memo' }),
        h('button', { type: 'button', class: 'memo-cancel', data: { memoAction: 'cancel' }, text: 'Cancel' })));
    chip.append(ed);
    if (btn) btn.setAttribute('aria-expanded', 'true');
    if (focus) ta.focus();
  }

  function closeMemoEditor(chip) {
    const ed = chip.querySelector('.memo-editor');
    if (ed) ed.remove();
    const btn = chip.querySelector('[data-action="memo"]');
    if (btn) { btn.setAttribute('aria-expanded', 'false'); btn.focus(); }
  }

  async function saveMemo(chip) {
    const ed = chip.querySelector('.memo-editor');
    if (!ed) return;
    const ta = ed.querySelector('textarea');
    const text = ta.value.trim();
    if (!text) {
      showAlert('Write the memo first (up to 2,000 characters).');
      ta.focus();
      return;
    }
    const segIndex = Number(chip.dataset.segmentIndex);
    const code = chip.dataset.code;
    const seg = segmentFor(segIndex);
    const docId = S.docId;
    for (const b of ed.querySelectorAll('button')) b.disabled = true;
    setStatus('Saving…');
    try {
      const res = await api('POST', '/api/memos', {
        documentId: docId, segmentIndex: segIndex, code, text, segmentTextSha256: seg.textSha256,
      });
      if (S.docId !== docId) { setStatus('Saved'); return; }
      const m = res.memo;
      const mine = S.idx.memos.get(K(segIndex, code)) || new Map();
      mine.set(m.reviewer, m);
      S.idx.memos.set(K(segIndex, code), mine);
      if (S.doc.memos) S.doc.memos.push(m);
      ed.remove();
      rerenderSegment(segIndex);
      const fresh = S.view.chipEls.get(K(segIndex, code));
      if (fresh) {
        const b = fresh.querySelector('[data-action="memo"]');
        if (b) b.focus({ preventScroll: true });
      }
      setStatus('Saved');
    } catch (err) {
      for (const b of ed.querySelectorAll('button')) b.disabled = false;
      setStatus('Not saved');
      reportError(err);
      if (err.status === 409) { try { await reloadDocument(); } catch (e2) { reportError(e2); } }
    }
  }

  // ------------------------------------------------------------------ search ("why not")

  async function runSearch() {
    const v = S.view;
    const q = v.search.value.trim();
    if (!q) {
      v.results.replaceChildren(h('p', { class: 'muted', text: 'Type a word or phrase to search for.' }));
      return;
    }
    if (q.length > 100) {
      v.results.replaceChildren(h('p', { class: 'muted', text: 'Search for at most 100 characters.' }));
      return;
    }
    const docId = S.docId;
    v.results.replaceChildren(h('p', { class: 'muted', text: 'Searching…' }));
    let res;
    try {
      res = await api('GET', '/api/documents/' + docId + '/search?q=' + encodeURIComponent(q));
    } catch (err) {
      if (S.docId !== docId || !S.view) return;
      v.results.replaceChildren(h('p', { class: 'muted', text: err.message }));
      reportError(err);
      return;
    }
    if (S.docId !== docId || !S.view) return;
    renderSearch(res);
  }

  function snippet(seg, start, end) {
    const t = seg.text;
    const a = Math.max(0, Math.min(t.length, start - seg.start));
    const b = Math.max(a, Math.min(t.length, end - seg.start));
    let before = t.slice(Math.max(0, a - 60), a);
    if (a > 60) {
      const sp = before.search(/\s/);
      before = '…' + (sp >= 0 ? before.slice(sp + 1) : before);
    }
    let after = t.slice(b, b + 60);
    if (b + 60 < t.length) {
      const sp = after.search(/\s\S*$/);
      after = (sp > 0 ? after.slice(0, sp) : after) + '…';
    }
    return h('span', { class: 'hit-snippet' }, before, h('mark', { class: 'hit-match', text: t.slice(a, b) }), after);
  }

  function renderSearch(res) {
    const v = S.view;
    const hits = res.hits || [];
    const out = [];
    out.push(h('p', { class: 'search-summary' },
      hits.length
        ? hits.length + (hits.length === 1 ? ' place' : ' places') + ' with \u201c' + (res.query || '') + '\u201d' + (res.truncated ? ' (the first ' + hits.length + ' only)' : '') + '.'
        : '\u201c' + (res.query || '') + '\u201d does not occur in this report as a word.'));
    const ol = h('ol', { class: 'hits' });
    for (const hit of hits) {
      const seg = segmentFor(hit.segmentIndex);
      const where = [sectionLabel(hit.section)];
      if (hit.page != null) where.push('p. ' + hit.page);
      if (seg && seg.paragraph) where.push('¶ ' + seg.paragraph);
      const jump = h('button', { type: 'button', class: 'hit-jump', data: { jumpSegment: String(hit.segmentIndex) } },
        h('span', { class: 'hit-where', text: where.join(' · ') }),
        seg ? snippet(seg, hit.start, hit.end) : h('span', { class: 'hit-snippet', text: '(paragraph ' + hit.segmentIndex + ')' }));
      const codes = h('ul', { class: 'hit-codes' });
      for (const c of hit.codes || []) {
        codes.append(h('li', { class: c.fired ? 'fired' : 'not-fired' },
          h('span', { class: 'hit-code', text: codeLabel(c.code) }), ' ',
          h('span', { class: 'badge ' + (c.fired ? 'badge-ok' : 'badge-muted'), text: c.fired ? 'fired' + (c.context ? ', ' + c.context : '') : 'not fired' }), ' ',
          h('span', { class: 'hit-why', text: c.why || '' })));
      }
      if (!(hit.codes || []).length) codes.append(h('li', { class: 'muted', text: 'No code fired here, and no lexicon entry matches this word.' }));
      ol.append(h('li', { class: 'hit' }, jump, codes));
    }
    if (hits.length) out.push(ol);
    v.results.replaceChildren(...out);
  }

  function jumpToSegment(segIndex) {
    const v = S.view;
    const block = v && v.segEls.get(segIndex);
    if (!block) return;
    if (block.classList.contains('is-hidden')) {
      v.fShowAll.checked = true;
      applyFilters(true);
      setStatus('Showing all text so you can see this paragraph.');
    }
    S.cursorSeg = segIndex;
    hydrateSegment(block);
    block.tabIndex = -1;
    block.scrollIntoView({ block: 'center' });
    block.focus({ preventScroll: true });
    block.classList.remove('flash');
    void block.offsetWidth;
    block.classList.add('flash');
  }

  // ------------------------------------------------------------------ text selection → span for "Add"

  function segTextOf(node) {
    const el = node && (node.nodeType === 1 ? node : node.parentElement);
    return el ? el.closest('[data-testid="segment-text"]') : null;
  }

  function charOffset(textEl, node, offset) {
    const r = document.createRange();
    r.selectNodeContents(textEl);
    r.setEnd(node, offset);
    return r.toString().length;
  }

  function onSelectionChange() {
    if (!S.view) return;
    const sel = window.getSelection();
    if (!sel || !sel.rangeCount) return;
    const range = sel.getRangeAt(0);
    if (range.collapsed) {
      const ae = document.activeElement;
      if (ae && ae.closest && ae.closest('.seg-add')) return; // choosing a code keeps the selection in mind
      if (S.pending) { S.pending = null; updateHint(); }
      return;
    }
    const startEl = segTextOf(range.startContainer);
    const endEl = segTextOf(range.endContainer);
    const textEl = startEl || endEl;
    if (!textEl || !S.view.text.contains(textEl)) {
      if (S.pending) { S.pending = null; updateHint(); }
      return;
    }
    const block = textEl.closest('.seg');
    const seg = segmentFor(Number(block.dataset.segmentIndex));
    if (!seg) return;
    const len = seg.text.length;
    let a = startEl === textEl ? charOffset(textEl, range.startContainer, range.startOffset) : 0;
    let b = endEl === textEl ? charOffset(textEl, range.endContainer, range.endOffset) : len;
    a = Math.max(0, Math.min(len, a));
    b = Math.max(a, Math.min(len, b));
    while (a < b && /\s/.test(seg.text[a])) a++;
    while (b > a && /\s/.test(seg.text[b - 1])) b--;
    if (b <= a) {
      if (S.pending) { S.pending = null; updateHint(); }
      return;
    }
    S.pending = { seg: seg.index, start: seg.start + a, end: seg.start + b, text: seg.text.slice(a, b) };
    updateHint();
  }

  function updateHint() {
    const v = S.view;
    if (!v) return;
    const p = S.pending;
    const block = p && v.segEls.get(p.seg);
    if (!block) {
      v.hint.remove();
      return;
    }
    const shown = p.text.length > 80 ? p.text.slice(0, 77) + '…' : p.text;
    v.hint.textContent = 'Add will use the selected words: \u201c' + shown + '\u201d';
    const add = block.querySelector('.seg-add');
    if (add && v.hint.parentNode !== add) add.append(v.hint);
  }

  // ------------------------------------------------------------------ events

  function chipOf(node) {
    return node && node.closest ? node.closest('[data-testid="chip"]') : null;
  }

  function setCurrentChip(chip, focus) {
    const v = S.view;
    if (!v) return;
    const prev = S.current && v.chipEls.get(K(S.current.seg, S.current.code));
    if (prev && prev !== chip) prev.classList.remove('is-current');
    S.current = { seg: Number(chip.dataset.segmentIndex), code: chip.dataset.code };
    S.cursorSeg = null;
    chip.classList.add('is-current');
    hydrateSegment(chip.closest('.seg[data-lazy]'));
    if (focus) {
      chip.focus({ preventScroll: true });
      chip.scrollIntoView({ block: 'center' });
    }
  }

  function onFocusIn(e) {
    if (e.target instanceof Element) hydrateSegment(e.target.closest('.seg[data-lazy]'));
    const chip = chipOf(e.target);
    if (chip && S.view) setCurrentChip(chip, false);
  }

  function onPointerDown(e) {
    if (e.target instanceof Element) hydrateSegment(e.target.closest('.seg[data-lazy]'));
  }

  function onClick(e) {
    const t = e.target;
    if (!(t instanceof Element)) return;
    const v = S.view;
    if (!v) return;
    const btn = t.closest('button');
    if (!btn) return;
    const chip = chipOf(btn);
    if (chip) {
      const segIndex = Number(chip.dataset.segmentIndex);
      const code = chip.dataset.code;
      const memoAction = btn.dataset.memoAction;
      if (memoAction === 'save') { saveMemo(chip); return; }
      if (memoAction === 'cancel') { closeMemoEditor(chip); return; }
      setCurrentChip(chip, false);
      switch (btn.dataset.action) {
        case 'confirm': decide(segIndex, code, 'confirm'); return;
        case 'reject': decide(segIndex, code, 'reject'); return;
        case 'undo': {
          const maker = stateMaker(K(segIndex, code));
          if (maker != null) undoDecision(maker, K(segIndex, code));
          return;
        }
        case 'memo':
          if (chip.querySelector('.memo-editor')) closeMemoEditor(chip);
          else openMemoEditor(chip, '', true);
          return;
        default: return;
      }
    }
    if (btn.dataset.profileSave) { saveProfileField(btn.dataset.profileSave); return; }
    if (btn.dataset.evidenceField) { showEvidence(btn.dataset.evidenceField, Number(btn.dataset.evidenceIndex)); return; }
    if (btn.dataset.profileMore) {
      S.profileExpanded.add(btn.dataset.profileMore);
      const row = v.profileRows.get(btn.dataset.profileMore);
      if (row) row.dataset.sig = ''; // draw it again, with every span
      updateProfileRows(null);
      return;
    }
    if (btn.dataset.testid === 'add-code-button') {
      const block = btn.closest('.seg');
      hydrateSegment(block);
      const sel = block.querySelector('[data-testid="add-code-select"]');
      if (!sel.value) {
        showAlert('Choose the code to add first.');
        sel.focus();
        return;
      }
      addCode(Number(block.dataset.segmentIndex), sel.value);
      return;
    }
    if (btn === v.bulkConfirm) { bulk('confirm'); return; }
    if (btn === v.bulkReject) { bulk('reject'); return; }
    if (btn === v.fReset) {
      v.fCode.value = '';
      v.fContext.value = '';
      v.fSection.value = '';
      v.fDecision.value = '';
      v.fShowAll.checked = false;
      applyFilters();
      return;
    }
    if (btn.dataset.jumpSegment != null) jumpToSegment(Number(btn.dataset.jumpSegment));
  }

  // Document rows are clickable even outside the documents view's link (no S.view there).
  main.addEventListener('click', (e) => {
    if (S.view) return;
    const t = e.target;
    if (!(t instanceof Element) || t.closest('a, button')) return;
    const row = t.closest('[data-testid="doc-row"].is-coded');
    if (row) location.hash = '#/doc/' + row.dataset.documentId;
  });

  /** Editing a profile value opens its optional note. */
  function onProfileInput(e) {
    const t = e.target;
    if (!(t instanceof Element) || !t.matches('.pf-input')) return;
    const row = t.closest('[data-testid="profile-field"]');
    if (row) row.classList.add('is-editing');
  }

  function onChange(e) {
    const t = e.target;
    const v = S.view;
    if (!v || !(t instanceof Element)) return;
    if (t.dataset.action === 'context') {
      const chip = chipOf(t);
      if (!chip) return;
      setCurrentChip(chip, false);
      decide(Number(chip.dataset.segmentIndex), chip.dataset.code, 'set_context', { context: t.value });
      return;
    }
    if (t === v.fCode || t === v.fContext || t === v.fSection || t === v.fDecision || t === v.fShowAll) {
      applyFilters();
      return;
    }
    if (t === v.bulkRule) updateBulkButtons();
  }

  function onSubmit(e) {
    e.preventDefault();
    if (S.view && e.target && e.target.id === 'search-form') runSearch();
  }

  /** Keys inside fields: Enter on an add-code select adds; Ctrl+Enter in a memo saves. */
  function onFieldKey(e) {
    const t = e.target;
    if (!(t instanceof Element) || !S.view) return;
    if (e.key === 'Enter' && t.matches('[data-testid="add-code-select"]') && t.value) {
      e.preventDefault();
      const block = t.closest('.seg');
      addCode(Number(block.dataset.segmentIndex), t.value);
      return;
    }
    if (e.key === 'Enter' && t.matches('input.pf-input, .pf-note-input')) {
      e.preventDefault();
      const row = t.closest('[data-testid="profile-field"]');
      if (row) saveProfileField(row.dataset.field);
      return;
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && t.matches('.memo-input')) {
      e.preventDefault();
      const chip = chipOf(t);
      if (chip) saveMemo(chip);
    }
  }

  function visibleChips() {
    return [...S.view.text.querySelectorAll('.seg:not(.is-hidden) [data-testid="chip"]:not(.is-hidden)')];
  }

  function moveChip(step) {
    const v = S.view;
    const chips = visibleChips();
    if (!chips.length) {
      setStatus('No codes to move to with the current filters.');
      return;
    }
    let i = -1;
    const cur = S.current && v.chipEls.get(K(S.current.seg, S.current.code));
    if (cur) i = chips.indexOf(cur);
    let next;
    const from = S.cursorSeg != null ? S.cursorSeg : S.current ? S.current.seg : null; // e.g. the current code was filtered out
    if (i >= 0) next = Math.max(0, Math.min(chips.length - 1, i + step));
    else if (from != null) {
      const j = chips.findIndex((c) => Number(c.dataset.segmentIndex) >= from);
      next = j >= 0 ? (step > 0 ? j : Math.max(0, j - 1)) : chips.length - 1;
    } else {
      // Start from the first chip on screen (binary search by position; chips are in document order).
      let lo = 0;
      let hi = chips.length - 1;
      let found = chips.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (chips[mid].getBoundingClientRect().bottom > 0) { found = mid; hi = mid - 1; } else lo = mid + 1;
      }
      next = found;
    }
    setCurrentChip(chips[next], true);
  }

  function currentChipEl() {
    const v = S.view;
    if (!v) return null;
    const ae = document.activeElement;
    const focused = chipOf(ae);
    if (focused) return focused;
    return S.current ? v.chipEls.get(K(S.current.seg, S.current.code)) || null : null;
  }

  function focusAddSelect() {
    // selectionchange fires asynchronously: a key pressed right after selecting must still see the selection.
    onSelectionChange();
    const v = S.view;
    let segIndex = null;
    if (S.pending) segIndex = S.pending.seg;
    else if (S.current) segIndex = S.current.seg;
    else if (S.cursorSeg != null) segIndex = S.cursorSeg;
    else {
      const a = scrollAnchor();
      if (a) segIndex = a.kind === 'seg' ? a.seg : Number(a.key.split('|')[0]);
    }
    const block = segIndex != null && v.segEls.get(segIndex);
    if (!block) return;
    if (block.classList.contains('is-hidden')) {
      v.fShowAll.checked = true;
      applyFilters(true);
    }
    hydrateSegment(block);
    const sel = block.querySelector('[data-testid="add-code-select"]');
    sel.focus({ preventScroll: true });
    sel.scrollIntoView({ block: 'center' });
  }

  let helpReturn = null;
  function toggleHelp(force) {
    const open = force === undefined ? helpEl.hidden : force;
    if (open === !helpEl.hidden) return;
    if (open) helpReturn = document.activeElement;
    helpEl.hidden = !open;
    helpToggle.setAttribute('aria-expanded', String(open));
    if (open) document.getElementById('help-close').focus();
    else if (helpReturn && helpReturn !== document.body && helpReturn.isConnected) helpReturn.focus({ preventScroll: true });
  }
  helpToggle.addEventListener('click', () => toggleHelp());
  document.getElementById('help-close').addEventListener('click', () => toggleHelp(false));

  function isTyping(t) {
    return t instanceof Element && (t.matches('input, select, textarea') || t.isContentEditable);
  }

  function onKey(e) {
    if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target;
    if (e.key === 'Escape') {
      if (!helpEl.hidden) { toggleHelp(false); e.preventDefault(); return; }
      const ae = document.activeElement;
      if (ae && ae !== document.body && typeof ae.blur === 'function') {
        const chip = chipOf(ae);
        ae.blur();
        if (chip && ae !== chip) chip.focus({ preventScroll: true });
        e.preventDefault();
      }
      return;
    }
    if (isTyping(t)) return;
    const key = e.key;
    if (key === '?') { e.preventDefault(); toggleHelp(); return; }
    if (key === 'g') { e.preventDefault(); location.hash = '#/'; return; }
    if (!S.view) {
      if (key === 'j' || key === 'k' || key === 'ArrowDown' || key === 'ArrowUp') {
        const links = [...main.querySelectorAll('.doc-link')];
        if (!links.length) return;
        e.preventDefault();
        let i = links.indexOf(document.activeElement);
        i = i < 0 ? 0 : Math.max(0, Math.min(links.length - 1, i + (key === 'j' || key === 'ArrowDown' ? 1 : -1)));
        links[i].focus();
      }
      return;
    }
    switch (key) {
      case 'j':
      case 'ArrowDown':
        e.preventDefault(); moveChip(1); return;
      case 'k':
      case 'ArrowUp':
        e.preventDefault(); moveChip(-1); return;
      case 'c':
      case 'r': {
        e.preventDefault();
        const chip = currentChipEl();
        if (!chip) { setStatus('No code chosen: press j to go to the first one.'); return; }
        setCurrentChip(chip, false);
        decide(Number(chip.dataset.segmentIndex), chip.dataset.code, key === 'c' ? 'confirm' : 'reject');
        return;
      }
      case 'u': e.preventDefault(); undoLast(); return;
      case 'a': e.preventDefault(); focusAddSelect(); return;
      case '/': e.preventDefault(); S.view.search.focus(); S.view.search.select(); return;
      default:
    }
  }

  boot();
})();
