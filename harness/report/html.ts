import { createHash } from 'node:crypto';
import type { Finding } from '../content/types.js';
import { runChanges, type RunChanges, type StatusChange } from './changes.js';
import { plural, reportFindings, toolVersion } from './common.js';
import { REPORT_CSS, REPORT_JS } from './html-assets.js';
import { barChart, byDataSource, byTactic, legend, STATUS_ORDER, stringList, tacticsOf } from './html-charts.js';
import type { ClauseCoverage, ClauseLeaf, Report, TestResult, TestStatus } from './types.js';
import { xmlEscape as esc } from './xml.js';

/**
 * One self-contained HTML page for people: the summary, what changed since a baseline, charts
 * of verdicts by data source and by ATT&CK tactic, each failure with its explanation, and a
 * sortable, filterable table of every test. Everything is inline; a Content-Security-Policy
 * allows only this page's own style and script (by hash), so the page makes no request and a
 * detection name or an event value that slipped through escaping still could not run script.
 * Every text that comes from content or events goes through `esc`.
 */
export function renderHtml(report: Report): string {
  if (report.command === 'validate') {
    const { files, errors, warnings } = report.summary;
    const title = `spl-harness validate: ${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files, 'file')}`;
    const body = [
      cards([
        ['files', files],
        ['errors', errors, 'failed'],
        ['warnings', warnings, 'error'],
      ]),
      section('all', 'Every finding', findingsTable(report.findings, true)),
    ];
    return page(title, body.join('\n'));
  }
  const s = report.summary;
  const title = `spl-harness test: ${s.passed}/${s.total} passed${s.failed + s.errors ? `, ${plural(s.failed, 'failure')}, ${plural(s.errors, 'error')}` : ''}`;
  const changes = report.baseline ? runChanges(report.baseline.results, report.results) : undefined;
  const changeOf = changes ? changeLabels(changes) : new Map<TestResult, Change>();
  const findings = reportFindings(report);
  const problems = report.results.filter((r) => r.status === 'failed' || (r.status === 'error' && r.explanation));
  const failureIds = new Map(problems.map((r, i) => [r, `failure-${i + 1}`]));
  const dataSources = byDataSource(report.results);
  const body = [
    cards([
      ['tests', s.total],
      ['passed', s.passed],
      ['failed', s.failed],
      ['errors', s.errors, 'error'],
      ['unsupported', s.unsupported],
      ['skipped', s.skipped],
      ['duration', seconds(s.duration_ms)],
    ]),
    changes && report.baseline ? section('changes', `Since the baseline (${report.baseline.label})`, changesHtml(changes)) : '',
    section(
      'charts',
      'Verdicts',
      `${legend()}<div class="charts"><h3>By data source</h3>${barChart('Verdicts by data source', dataSources, (c) => !c.folded)}` +
        `<h3>By ATT&amp;CK tactic</h3>${barChart('Verdicts by ATT&CK tactic', byTactic(report.results))}</div>` +
        `<p class="sub">A test counts once under each data source and tactic of its detection. Click a bar to list its tests.</p>`,
    ),
    problems.length ? section('failures', `Failures (${problems.length})`, problems.map((r) => failureHtml(r, failureIds.get(r)!)).join('\n')) : '',
    findings.length ? section('findings', `Content findings (${findings.length})`, findingsTable(findings, false)) : '',
    section('all', 'Every test', testsTable(report.results, failureIds, changeOf)),
  ];
  return page(title, body.filter(Boolean).join('\n'));
}

function page(title: string, body: string): string {
  const csp = `default-src 'none'; img-src data:; style-src '${sha256(REPORT_CSS)}'; script-src '${sha256(REPORT_JS)}'; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="generator" content="spl-harness ${esc(toolVersion())}">
<title>${esc(title)}</title>
<link rel="icon" href="data:,">
<style>${REPORT_CSS}</style>
</head>
<body>
<header><h1>${esc(title)}</h1><div class="meta">spl-harness ${esc(toolVersion())}</div></header>
<main>
${body}
</main>
<script>${REPORT_JS}</script>
</body>
</html>
`;
}

const sha256 = (text: string) => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;

const section = (id: string, heading: string, html: string) => `<section id="${id}"><h2>${esc(heading)}</h2>\n${html}\n</section>`;

/** The summary counts; a card named after a status takes its colour. */
function cards(items: Array<[string, number | string, string?]>): string {
  return `<section id="summary" class="cards">${items.map(([label, value, tone]) => `<div class="card ${esc(tone ?? label)}"><b>${esc(String(value))}</b>${esc(label)}</div>`).join('')}</section>`;
}

function seconds(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

const badge = (status: string) => `<span class="badge ${esc(status)}">${esc(status)}</span>`;

/** Sort rank of a status in the table: what needs attention first. */
const statusRank = (s: TestStatus) => {
  const i = STATUS_ORDER.indexOf(s);
  return i < 0 ? STATUS_ORDER.length : i;
};

interface Change {
  text: string;
  tone: 'worse' | 'better' | '';
}

function changeLabels(changes: RunChanges): Map<TestResult, Change> {
  const labels = new Map<TestResult, Change>();
  for (const c of changes.newProblems)
    labels.set(c.result, { text: `new ${c.result.status === 'error' ? 'error' : 'failure'} (was ${c.before})`, tone: 'worse' });
  for (const c of changes.fixed) labels.set(c.result, { text: `fixed (was ${c.before})`, tone: 'better' });
  for (const c of changes.otherChanges) labels.set(c.result, { text: `was ${c.before}`, tone: '' });
  for (const r of changes.added) labels.set(r, { text: 'new test', tone: '' });
  return labels;
}

/** At most this many tests per change list; a baseline from another tree could list thousands. */
const CHANGE_LIST_LIMIT = 300;

function changesHtml(c: RunChanges): string {
  const counts = `<p>${[
    plural(c.newProblems.length, 'new failure'),
    `${c.fixed.length} fixed`,
    `${c.vanished.length} vanished`,
    plural(c.added.length, 'new test'),
    plural(c.otherChanges.length, 'other change'),
  ].join(' · ')}</p>`;
  const list = (title: string, open: boolean, entries: Array<{ r: TestResult; before?: TestStatus; after?: TestStatus }>) => {
    if (!entries.length) return '';
    const shown = entries.slice(0, CHANGE_LIST_LIMIT);
    const rows = shown.map(({ r, before, after }) => {
      const move = `${before ? badge(before) : '—'} → ${after ? badge(after) : '—'}`;
      return `<tr><td>${move}</td><td class="name">${esc(r.name)}<div class="sub">${esc(r.file)}</div></td><td>${esc(r.test)}</td><td class="reasons">${esc(after && after !== 'passed' ? (r.reasons[0] ?? '') : '')}</td></tr>`;
    });
    const more = entries.length > shown.length ? `<p class="more">and ${entries.length - shown.length} more</p>` : '';
    return `<details${open ? ' open' : ''}><summary>${esc(title)} (${entries.length})</summary><table><thead><tr><th>status</th><th>detection</th><th>test</th><th>reason</th></tr></thead><tbody>${rows.join('')}</tbody></table>${more}</details>`;
  };
  const moved = (list: StatusChange[]) => list.map((x) => ({ r: x.result, before: x.before, after: x.result.status }));
  return [
    counts,
    list('New failures', true, moved(c.newProblems)),
    list(
      'Vanished (in the baseline, not in this run)',
      true,
      c.vanished.map((r) => ({ r, before: r.status })),
    ),
    list('Fixed', true, moved(c.fixed)),
    list('Other status changes', false, moved(c.otherChanges)),
    list(
      'New tests',
      false,
      c.added.map((r) => ({ r, after: r.status })),
    ),
  ].join('\n');
}

function location(r: TestResult): string {
  return r.line ? `${r.file}:${r.line}` : r.file;
}

function failureHtml(r: TestResult, id: string): string {
  const reasons = r.reasons.length ? `<ul>${r.reasons.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>` : '';
  const explanation = r.explanation ? `<pre>${esc(r.explanation)}</pre>` : '';
  return `<article class="failure ${esc(r.status)}" id="${id}"><h3>${badge(r.status)} ${esc(r.name)} — ${esc(r.test)}</h3><div class="sub">${esc(location(r))} · ${plural(r.rows, 'row')}</div>${reasons}${explanation}</article>`;
}

function testsTable(results: readonly TestResult[], failureIds: Map<TestResult, string>, changeOf: Map<TestResult, Change>): string {
  const rows = results.map((r) => {
    const sources = stringList(r.data_source);
    const techniques = stringList(r.mitre_attack_id);
    const tactics = tacticsOf(r);
    const change = changeOf.get(r);
    const items = [r.status, ...sources, ...techniques, ...tactics, ...(change ? [change.text] : [])].join('\n');
    const duration = Number(r.timings?.total) || 0;
    const failure = failureIds.get(r);
    const reasons =
      r.reasons.map((x) => `<div>${esc(x)}</div>`).join('') +
      (failure ? `<div><a href="#${failure}">explanation</a></div>` : '') +
      coverageHtml(r) +
      mutationHtml(r);
    const sub = [location(r), techniques.join(', ')].filter(Boolean).join(' · ');
    return (
      `<tr data-status="${esc(r.status)}" data-items="${esc(items)}">` +
      `<td data-sort="${statusRank(r.status)}">${badge(r.status)}${change ? `<span class="change ${change.tone}">${esc(change.text)}</span>` : ''}</td>` +
      `<td class="name">${esc(r.name)}<div class="sub">${esc(sub)}</div></td>` +
      `<td class="test">${esc(r.test)}</td>` +
      `<td class="sources">${sources.map(esc).join('<br>')}</td>` +
      `<td class="num">${Number(r.rows) || 0}</td>` +
      `<td class="num" data-sort="${duration}">${esc(seconds(duration))}</td>` +
      `<td class="reasons">${reasons}</td></tr>`
    );
  });
  const statuses = ['', 'problem', ...STATUS_ORDER];
  const statusLabel = (s: string) => (s === '' ? 'every status' : s === 'problem' ? 'failed or error' : s);
  const headers: Array<[string, string?]> = [
    ['Status', 'number'],
    ['Detection'],
    ['Test'],
    ['Data sources'],
    ['Rows', 'number'],
    ['Duration', 'number'],
    ['Reasons'],
  ];
  return (
    filterControls(
      'Filter tests: words, or a "quoted" data source, tactic or technique id',
      statuses.map((s) => [s, statusLabel(s)]),
    ) +
    `<table id="rows"><thead><tr>${headers.map(([h, type]) => `<th${type ? ` data-type="${type}"` : ''}><button type="button">${h}</button></th>`).join('')}</tr></thead>` +
    `<tbody>\n${rows.join('\n')}\n</tbody></table>`
  );
}

/** With `test --coverage`: the test's search with every leaf marked, the unexercised ones highlighted, and where they were written. */
function coverageHtml(r: TestResult): string {
  const c = r.coverage;
  if (!c || !Array.isArray(c.exercised) || !Array.isArray(c.unexercised)) return '';
  const total = c.exercised.length + c.unexercised.length;
  const summary = `clause coverage: ${c.exercised.length} of ${total} leaves exercised`;
  const search = typeof r.search === 'string' && r.search ? `<pre class="search">${markedSearch(r.search, c)}</pre>` : '';
  const where = (l: ClauseLeaf) => `${r.file}:${l.line}:${l.column}${l.macro ? ` (in macro ${l.macro})` : ''}`;
  const list = c.unexercised.length
    ? `<ul class="leaves">${c.unexercised.map((l) => `<li>not exercised: <code>${esc(String(l.text))}</code> <span class="sub">${esc(where(l))}</span></li>`).join('')}</ul>`
    : '';
  return `<details class="coverage"${c.unexercised.length ? ' open' : ''}><summary>${esc(summary)}</summary>${search}${list}</details>`;
}

/**
 * The search as written, escaped, with each leaf's span wrapped: `<mark>` for a leaf no event
 * exercised, an underline for one that was. The spans were found by the runner through spl/; here
 * the text is only cut at them, not read. They come from the report, which may be a file from
 * elsewhere: one that does not fit the text is left out. Where leaves overlap (the arms of a
 * nested `if()`, the leaves of one macro call), a character not exercised by any of them wins.
 */
export function markedSearch(written: string, c: ClauseCoverage): string {
  const marks: Array<{ start: number; end: number; hit: boolean; text: string }> = [];
  const add = (leaves: readonly ClauseLeaf[], hit: boolean) => {
    for (const l of leaves) {
      const span = l.search_span;
      if (!Array.isArray(span) || span.length !== 2) continue;
      const [start, end] = span;
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > written.length) continue;
      marks.push({ start, end, hit, text: String(l.text) });
    }
  };
  add(c.exercised, true);
  add(c.unexercised, false);
  const cuts = [...new Set([0, written.length, ...marks.flatMap((m) => [m.start, m.end])])].sort((a, b) => a - b);
  let html = '';
  let open: { key: string; close: string } | undefined;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const over = marks.filter((m) => m.start <= a && m.end >= b);
    const key = over.map((m) => `${m.start}:${m.end}:${m.hit}`).join(' ');
    if (open && open.key !== key) {
      html += open.close;
      open = undefined;
    }
    if (!open && over.length) {
      const missed = over.filter((m) => !m.hit);
      const title = [...missed.map((m) => `not exercised: ${m.text}`), ...over.filter((m) => m.hit).map((m) => `exercised: ${m.text}`)].join('\n');
      const tag = missed.length ? 'mark' : 'span';
      html += `<${tag} class="leaf ${missed.length ? 'unexercised' : 'exercised'}" title="${esc(title)}">`;
      open = { key, close: `</${tag}>` };
    }
    html += esc(written.slice(a, b));
  }
  return html + (open ? open.close : '');
}

/** With `test --mutate`: the mutation score and each surviving mutant. */
function mutationHtml(r: TestResult): string {
  const m = r.mutation;
  if (!m || !Array.isArray(m.survivors)) return '';
  const valid = (Number(m.mutants) || 0) - (Number(m.invalid) || 0);
  const summary = `mutation score: ${Math.round(100 * (Number(m.score) || 0))} % (${Number(m.killed) || 0} of ${valid} mutants killed)`;
  const survivors = m.survivors.map(
    (s) =>
      `<li>survived: ${esc(`${s.operator}: ${s.change}`)} <span class="sub">${esc(`${r.file}:${s.line}:${s.column}${s.macro ? ` (in macro ${s.macro})` : ''}`)}</span><pre>${esc(String(s.spl))}</pre></li>`,
  );
  return `<details class="mutation"><summary>${esc(summary)}</summary>${survivors.length ? `<ul class="leaves">${survivors.join('')}</ul>` : ''}</details>`;
}

function filterControls(placeholder: string, options: Array<[string, string]>): string {
  return (
    `<div class="controls"><input id="filter" type="search" autocomplete="off" aria-label="Filter" placeholder="${esc(placeholder)}">` +
    `<select id="status" aria-label="Status">${options.map(([v, label]) => `<option value="${esc(v)}">${esc(label)}</option>`).join('')}</select>` +
    `<span id="shown" class="sub" aria-live="polite"></span></div>`
  );
}

/** Findings as a table; the interactive one (with the filter) for a validate report's page. */
function findingsTable(findings: readonly Finding[], interactive: boolean): string {
  const rank: Record<string, number> = { error: 0, warning: 1, info: 2 };
  const rows = findings.map(
    (f) =>
      `<tr data-status="${esc(f.severity)}" data-items="${esc([f.severity, f.rule].join('\n'))}">` +
      `<td data-sort="${rank[f.severity] ?? 3}">${badge(f.severity)}</td><td>${esc(f.rule)}</td>` +
      `<td class="name">${esc(`${f.file}:${f.line}:${f.column}`)}</td><td class="reasons">${esc(f.message)}</td></tr>`,
  );
  if (!interactive)
    return `<table><thead><tr><th>severity</th><th>rule</th><th>location</th><th>message</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
  const headers: Array<[string, string?]> = [['Severity', 'number'], ['Rule'], ['Location'], ['Message']];
  const options: Array<[string, string]> = [
    ['', 'every severity'],
    ['error', 'error'],
    ['warning', 'warning'],
    ['info', 'info'],
  ];
  return (
    filterControls('Filter findings: words, or a "quoted" rule id', options) +
    `<table id="rows"><thead><tr>${headers.map(([h, type]) => `<th${type ? ` data-type="${type}"` : ''}><button type="button">${h}</button></th>`).join('')}</tr></thead>` +
    `<tbody>\n${rows.join('\n')}\n</tbody></table>`
  );
}
