/**
 * The HTML report's style sheet and script, inlined into the page (it must open from a file,
 * offline, with no request). The script reads only the DOM the report wrote: no data is
 * embedded as script, so the only escaping that matters is the HTML one.
 */

export const REPORT_CSS = `
:root { color-scheme: light; --fg: #1d1d1f; --muted: #5f6368; --line: #dadce0; --bg: #fff; --head: #f5f6f7;
  --passed: #2e7d32; --failed: #c62828; --error: #ef6c00; --unsupported: #7b1fa2; --skipped: #757575; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header { padding: 16px 24px; border-bottom: 1px solid var(--line); background: var(--head); }
header h1 { margin: 0 0 4px; font-size: 20px; }
.meta, .sub, .empty { color: var(--muted); }
main { padding: 8px 24px 48px; }
h2 { font-size: 17px; margin: 28px 0 10px; }
h3 { font-size: 15px; margin: 0 0 4px; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin-top: 12px; }
.card { min-width: 120px; padding: 10px 14px; border: 1px solid var(--line); border-radius: 8px; }
.card b { display: block; font-size: 24px; }
.card.failed b { color: var(--failed); } .card.error b { color: var(--error); } .card.passed b { color: var(--passed); }
.card.unsupported b { color: var(--unsupported); } .card.skipped b { color: var(--skipped); }
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; color: #fff; font-size: 12px; font-weight: 600; white-space: nowrap; }
.badge.passed { background: var(--passed); } .badge.failed { background: var(--failed); } .badge.error { background: var(--error); }
.badge.unsupported { background: var(--unsupported); } .badge.skipped { background: var(--skipped); }
.badge.warning { background: var(--error); } .badge.info { background: var(--skipped); }
.change { display: block; margin-top: 3px; font-size: 12px; color: var(--muted); white-space: nowrap; }
.change.worse { color: var(--failed); font-weight: 600; } .change.better { color: var(--passed); font-weight: 600; }
.charts { display: grid; grid-template-columns: minmax(0, 1fr); gap: 4px; }
.chart { max-width: 100%; height: auto; font-size: 12px; }
.chart text { fill: var(--fg); } .chart text.count { fill: var(--muted); }
.chart g[data-filter] { cursor: pointer; } .chart g[data-filter]:hover text, .chart g[data-filter]:focus text { text-decoration: underline; }
.legend { display: flex; gap: 16px; list-style: none; padding: 0; margin: 0 0 8px; }
.controls { display: flex; flex-wrap: wrap; align-items: center; gap: 10px; margin-bottom: 8px; }
.controls input { flex: 1 1 360px; max-width: 640px; padding: 6px 8px; font: inherit; border: 1px solid var(--line); border-radius: 6px; }
.controls select { padding: 5px 6px; font: inherit; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
thead th { position: sticky; top: 0; background: var(--head); z-index: 1; }
th button { all: unset; cursor: pointer; font-weight: 600; }
th button:focus-visible { outline: 2px solid #1a73e8; }
th[aria-sort="ascending"] button::after { content: " ▲"; } th[aria-sort="descending"] button::after { content: " ▼"; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.reasons { min-width: 360px; max-width: 720px; overflow-wrap: anywhere; }
td.reasons div + div { margin-top: 3px; }
/* Long reasons (a dataset URL and path) show three lines until their row is clicked. */
#rows td.reasons div { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 3; overflow: hidden; cursor: pointer; }
#rows tr.open td.reasons div { display: block; }
td.name { min-width: 220px; } td.name .sub { font-size: 12px; overflow-wrap: anywhere; }
td.sources { font-size: 12px; max-width: 200px; } td.test { min-width: 8.5em; }
tbody tr:hover { background: #f8f9fa; }
.failure { border: 1px solid var(--line); border-left: 4px solid var(--failed); border-radius: 6px; padding: 10px 14px; margin: 10px 0; }
.failure.error { border-left-color: var(--error); }
.failure ul { margin: 6px 0; padding-left: 20px; }
pre { margin: 6px 0 0; padding: 8px 10px; background: var(--head); border-radius: 4px; overflow-x: auto; font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
details { margin: 8px 0; } summary { cursor: pointer; font-weight: 600; }
td.reasons details { margin: 4px 0 0; } td.reasons details summary { font-weight: 400; color: var(--muted); }
.leaves { margin: 4px 0; padding-left: 18px; } .leaves code { overflow-wrap: anywhere; }
/* Clause coverage: a leaf no event exercised stands out; an exercised one is only underlined. */
mark.leaf.unexercised { background: #ffe0b2; color: inherit; outline: 1px solid var(--error); border-radius: 2px; }
.leaf.exercised { text-decoration: underline dotted var(--passed); text-underline-offset: 2px; }
.more { color: var(--muted); font-style: italic; }
`;

export const REPORT_JS = `
(() => {
  'use strict';
  const table = document.getElementById('rows');
  if (!table) return;
  const tbody = table.tBodies[0];
  const rows = Array.from(tbody.rows);
  // Searchable text per row: what it shows, plus its exact items (data sources, tactics, status).
  const items = rows.map((r) => (r.dataset.items || '').toLowerCase().split('\\n').filter(Boolean));
  const texts = rows.map((r, i) => (r.textContent || '').toLowerCase() + '\\n' + items[i].join('\\n'));
  const filter = document.getElementById('filter');
  const status = document.getElementById('status');
  const shown = document.getElementById('shown');

  // Words must all appear; a "quoted phrase" must equal one of the row's items (a data source,
  // a tactic, a technique id, a status), so "Sysmon EventID 1" does not also pick EventID 10.
  function terms(query) {
    const out = [];
    const re = /"([^"]*)"|(\\S+)/g;
    let m;
    while ((m = re.exec(query.toLowerCase()))) {
      if (m[1] !== undefined) { if (m[1].trim()) out.push({ exact: m[1].trim() }); }
      else out.push({ word: m[2] });
    }
    return out;
  }

  function apply() {
    const want = terms(filter.value);
    const state = status.value;
    let n = 0;
    rows.forEach((r, i) => {
      const s = r.dataset.status;
      const statusOk = !state || (state === 'problem' ? s === 'failed' || s === 'error' : s === state);
      const ok = statusOk && want.every((t) => (t.exact !== undefined ? items[i].includes(t.exact) : texts[i].includes(t.word)));
      r.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = n === rows.length ? rows.length + ' shown' : n + ' of ' + rows.length + ' shown';
  }
  filter.addEventListener('input', apply);
  status.addEventListener('change', apply);

  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  const headers = Array.from(table.tHead.rows[0].cells);
  headers.forEach((th, col) => {
    const button = th.querySelector('button');
    if (!button) return;
    button.addEventListener('click', () => {
      const ascending = th.getAttribute('aria-sort') !== 'ascending';
      headers.forEach((h) => h.removeAttribute('aria-sort'));
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const numeric = th.dataset.type === 'number';
      const keyed = Array.from(tbody.rows, (r, i) => {
        const cell = r.cells[col];
        const raw = cell.dataset.sort !== undefined ? cell.dataset.sort : (cell.textContent || '').trim();
        return { r, i, k: numeric ? Number(raw) : raw };
      });
      keyed.sort((a, b) => {
        const c = numeric ? a.k - b.k : collator.compare(a.k, b.k);
        return (ascending ? c : -c) || a.i - b.i;
      });
      tbody.append(...keyed.map((x) => x.r));
    });
  });

  tbody.addEventListener('click', (e) => {
    const cell = e.target instanceof Element ? e.target.closest('td.reasons') : null;
    if (cell && !(e.target instanceof HTMLAnchorElement)) cell.parentElement.classList.toggle('open');
  });

  // A chart bar selects its tests in the table.
  document.querySelectorAll('[data-filter]').forEach((bar) => {
    const select = () => {
      filter.value = '"' + bar.getAttribute('data-filter') + '"';
      status.value = '';
      apply();
      table.scrollIntoView({ block: 'start' });
    };
    bar.addEventListener('click', select);
    bar.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(); } });
  });
  apply();
})();
`;
