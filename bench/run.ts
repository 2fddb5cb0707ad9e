/**
 * `npm run bench`: runs every benchmark, prints a table and writes bench/results.json.
 * Benchmarks are measurements, not tests: nothing here fails the build. Each benchmark module
 * exports an async function returning BenchResult rows; a module that is missing or throws is
 * reported as skipped with its reason, so one broken benchmark never hides the others.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, totalmem } from 'node:os';
import type { BenchResult } from './types.js';

type BenchFn = (...args: unknown[]) => Promise<BenchResult[]>;

/** Module (bench/<module>.ts) and exported function of each benchmark, in the order they run. */
const benches: Array<{ name: string; module: string; fn: string }> = [
  { name: 'validate', module: 'validate', fn: 'benchValidate' },
  { name: 'parse', module: 'parse', fn: 'benchParse' },
  { name: 'ingest', module: 'pipeline', fn: 'benchPipeline' },
  { name: 'ground-truth', module: 'ground-truth', fn: 'benchGroundTruth' },
  { name: 'fetch', module: 'fetch', fn: 'benchFetch' },
  { name: 'grouping', module: 'grouping', fn: 'benchGrouping' },
  { name: 'quality', module: 'quality', fn: 'benchQuality' },
  { name: 'corpus', module: 'corpus', fn: 'benchCorpus' },
];

// A path built at run time keeps a missing benchmark module a runtime skip, not a build error.
const load = async (module: string, fn: string): Promise<BenchFn> => {
  const mod = (await import(`./${module}.js`)) as Record<string, unknown>;
  if (typeof mod[fn] !== 'function') throw new Error(`bench/${module} does not export ${fn}`);
  return mod[fn] as BenchFn;
};

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
  return n.toFixed(n >= 100 ? 0 : n >= 10 ? 1 : 2);
}

async function main() {
  const only = process.argv.slice(2);
  const rows: BenchResult[] = [];
  for (const b of benches) {
    if (only.length && !only.includes(b.name)) continue;
    process.stderr.write(`bench: ${b.name} ...\n`);
    try {
      const fn = await load(b.module, b.fn);
      rows.push(...(await fn()));
    } catch (err) {
      rows.push({ name: b.name, value: NaN, unit: '', skipped: (err as Error).message.split('\n')[0] });
    }
  }
  const table = rows.map((r) => [
    r.name,
    r.skipped ? 'skipped' : `${fmt(r.value)} ${r.unit}`,
    r.target ?? '',
    r.skipped ? r.skipped : r.met === undefined ? '' : r.met ? 'met' : 'MISSED',
  ]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...table.map((row) => row[i].length), ['benchmark', 'value', 'target', 'status'][i].length));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(line(['benchmark', 'value', 'target', 'status']));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of table) console.log(line(row));
  const here = dirname(fileURLToPath(import.meta.url));
  // dist/bench/run.js → project bench/results.json
  const out = resolve(here, '..', '..', 'bench', 'results.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    JSON.stringify(
      { date: new Date().toISOString(), node: process.version, cpus: cpus().length, memory_gb: Math.round(totalmem() / 2 ** 30), results: rows },
      null,
      2,
    ) + '\n',
  );
  console.log(`\nwrote ${join('bench', 'results.json')}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 2;
});
