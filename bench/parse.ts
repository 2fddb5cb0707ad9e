/**
 * Parse benchmark: wall time to expand the macros of and parse every non-deprecated ESCU
 * detection search (target < 1 s). Content loading is not timed. The first pass runs on a cold
 * JIT; the headline is the best of three warm passes, with the cold pass in the details.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './types.js';
import { loadContent } from '../harness/content/load.js';
import { expandMacros } from '../harness/spl/expand.js';
import { parseSearch } from '../harness/spl/parse.js';

function sharedRoot(): string {
  if (process.env.SPL_HARNESS_SHARED) return process.env.SPL_HARNESS_SHARED;
  // bench/parse.ts or dist/bench/parse.js → the project root's sibling ../shared
  let dir = resolve(fileURLToPath(import.meta.url), '..');
  for (let i = 0; i < 4; i++) {
    const candidate = resolve(dir, '..', 'shared');
    if (existsSync(resolve(candidate, 'README.md'))) return candidate;
    dir = resolve(dir, '..');
  }
  return resolve(process.cwd(), '..', 'shared');
}

export async function benchParse(): Promise<BenchResult[]> {
  const escu = resolve(sharedRoot(), 'security_content');
  if (!existsSync(resolve(escu, 'detections'))) {
    return [{ name: 'parse: expand+parse all ESCU searches', value: NaN, unit: 's', skipped: `../shared not found (${escu})` }];
  }
  const content = loadContent(escu);
  const searches = content.detections.filter((d) => !d.deprecated).map((d) => d.search);
  let errors = 0;
  // Wall time is the headline; CPU time is recorded too because a shared, loaded machine can
  // stretch wall time well beyond the work done.
  let cpu = 0;
  const pass = () => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    errors = 0;
    for (const s of searches) {
      const e = expandMacros(s, content.macros);
      errors += e.errors.length + parseSearch(e.text).errors.length;
    }
    const c = process.cpuUsage(c0);
    cpu = (c.user + c.system) / 1e6;
    return (performance.now() - t0) / 1000;
  };
  const cold = pass();
  const coldCpu = cpu;
  let warm = Infinity;
  let warmCpu = Infinity;
  for (let i = 0; i < 3; i++) {
    warm = Math.min(warm, pass());
    warmCpu = Math.min(warmCpu, cpu);
  }
  return [
    {
      name: 'parse: expand+parse all ESCU searches',
      value: warm,
      unit: 's',
      target: '< 1 s',
      met: warm < 1,
      details: {
        searches: searches.length,
        cpu_s: Number(warmCpu.toFixed(3)),
        cold_s: Number(cold.toFixed(3)),
        cold_cpu_s: Number(coldCpu.toFixed(3)),
        per_search_ms: Number(((warm * 1000) / searches.length).toFixed(3)),
        errors,
      },
    },
  ];
}
