import { mitreTechniques, parentTechnique } from '../content/mitre.js';
import type { TestResult, TestStatus } from './types.js';
import { xmlEscape as esc } from './xml.js';

/**
 * Charts of the HTML report, drawn here as inline SVG so the page needs no charting library
 * and no network: one horizontal bar per category (a data source, an ATT&CK tactic), split by
 * verdict.
 */

export const STATUS_ORDER: readonly TestStatus[] = ['failed', 'error', 'unsupported', 'passed', 'skipped'];

export const STATUS_COLOR: Record<TestStatus, string> = {
  passed: '#2e7d32',
  failed: '#c62828',
  error: '#ef6c00',
  unsupported: '#7b1fa2',
  skipped: '#9e9e9e',
};

/** ATT&CK enterprise tactics in kill-chain order (the order of the ATT&CK matrix's columns). */
const TACTIC_ORDER = [
  'Reconnaissance',
  'Resource Development',
  'Initial Access',
  'Execution',
  'Persistence',
  'Privilege Escalation',
  'Defense Evasion',
  'Credential Access',
  'Discovery',
  'Lateral Movement',
  'Collection',
  'Command And Control',
  'Exfiltration',
  'Impact',
];

export const NONE = '(none)';

/** Strings of a field that came from JSON: anything but an array of strings counts as none. */
export const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/**
 * The tactics of a test's detection, from its technique ids. A sub-technique the offline table
 * lacks takes its parent technique's tactics; an id the table does not know at all adds none.
 */
export function tacticsOf(r: TestResult): string[] {
  const table = mitreTechniques();
  const tactics = new Set<string>();
  for (const id of stringList(r.mitre_attack_id)) {
    const technique = table.get(id) ?? table.get(parentTechnique(id) ?? '');
    for (const t of technique?.tactics ?? []) tactics.add(t);
  }
  return [...tactics].sort((a, b) => tacticRank(a) - tacticRank(b) || a.localeCompare(b));
}

const tacticRank = (t: string) => {
  const i = TACTIC_ORDER.indexOf(t);
  return i < 0 ? TACTIC_ORDER.length : i;
};

export interface Category {
  label: string;
  counts: Record<TestStatus, number>;
  total: number;
  /** True for the bar that folds the tail of many small categories. */
  folded?: boolean;
}

const zero = (): Record<TestStatus, number> => ({ passed: 0, failed: 0, error: 0, unsupported: 0, skipped: 0 });

/** Verdict counts per category; a test counts once in each of its categories, in `(none)` when it has none. */
export function tally(results: readonly TestResult[], categoriesOf: (r: TestResult) => string[]): Category[] {
  const byLabel = new Map<string, Category>();
  for (const r of results) {
    const labels = categoriesOf(r);
    for (const label of labels.length ? labels : [NONE]) {
      let c = byLabel.get(label);
      if (!c) byLabel.set(label, (c = { label, counts: zero(), total: 0 }));
      if (r.status in c.counts) c.counts[r.status]++;
      c.total++;
    }
  }
  return [...byLabel.values()];
}

/** The data-source view: the busiest sources first, the tail folded into one bar. */
export function byDataSource(results: readonly TestResult[], limit = 25): Category[] {
  const all = tally(results, (r) => [...new Set(stringList(r.data_source))]).sort((a, b) => b.total - a.total || a.label.localeCompare(b.label));
  if (all.length <= limit) return all;
  const rest = all.slice(limit - 1);
  const other: Category = { label: `${rest.length} other data sources`, counts: zero(), total: 0, folded: true };
  for (const c of rest) {
    for (const s of STATUS_ORDER) other.counts[s] += c.counts[s];
    other.total += c.total;
  }
  return [...all.slice(0, limit - 1), other];
}

/** The tactic view, in kill-chain order, `(none)` last. */
export function byTactic(results: readonly TestResult[]): Category[] {
  return tally(results, tacticsOf).sort((a, b) => tacticRank(a.label) - tacticRank(b.label) || a.label.localeCompare(b.label));
}

const ROW = 22;
const LABEL_WIDTH = 300;
const BAR_WIDTH = 520;
const COUNT_WIDTH = 60;

/**
 * A horizontal stacked bar chart. Each bar carries `data-filter` (the text that selects its tests
 * in the table) unless `filterable` is false, e.g. for a folded "other" bar.
 */
export function barChart(title: string, categories: readonly Category[], filterable: (c: Category) => boolean = () => true): string {
  if (categories.length === 0) return `<p class="empty">No tests.</p>`;
  const max = Math.max(1, ...categories.map((c) => c.total));
  const height = categories.length * ROW + 4;
  const width = LABEL_WIDTH + BAR_WIDTH + COUNT_WIDTH;
  const rows = categories.map((c, i) => {
    const y = i * ROW + 2;
    let x = LABEL_WIDTH;
    const segments: string[] = [];
    for (const s of STATUS_ORDER) {
      const n = c.counts[s];
      if (!n) continue;
      const w = (n / max) * BAR_WIDTH;
      segments.push(
        `<rect x="${x.toFixed(1)}" y="${y + 3}" width="${Math.max(w, 1).toFixed(1)}" height="${ROW - 6}" fill="${STATUS_COLOR[s]}"><title>${esc(`${c.label}: ${n} ${s}`)}</title></rect>`,
      );
      x += w;
    }
    const label = c.label.length > 44 ? `${c.label.slice(0, 43)}…` : c.label;
    const problems = c.counts.failed + c.counts.error;
    const filter = filterable(c) && c.label !== NONE ? ` data-filter="${esc(c.label)}" tabindex="0" role="button"` : '';
    return (
      `<g class="bar"${filter}><title>${esc(`${c.label}: ${c.total} tests, ${problems} failed or errored`)}</title>` +
      `<text x="${LABEL_WIDTH - 8}" y="${y + ROW / 2 + 4}" text-anchor="end">${esc(label)}</text>${segments.join('')}` +
      `<text x="${x + 6}" y="${y + ROW / 2 + 4}" class="count">${c.total}</text></g>`
    );
  });
  return `<svg class="chart" role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">${rows.join('')}</svg>`;
}

/** The colour key shared by the charts. */
export function legend(): string {
  return `<ul class="legend">${STATUS_ORDER.map((s) => `<li><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="${STATUS_COLOR[s]}"/></svg> ${s}</li>`).join('')}</ul>`;
}
