/**
 * Parse benchmark: wall time to expand the macros of and parse every non-deprecated ESCU
 * detection search (target < 1 s), and the same with every drilldown search added. Content
 * loading is not timed. The first pass runs on a cold JIT (recorded in the details); the
 * headline is the best of three warm passes. CPU time is recorded too, because on a shared,
 * loaded machine wall time can stretch well beyond the work done.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BenchResult } from './types.js';
import { loadContent } from '../harness/content/load.js';
import type { Macro } from '../harness/content/types.js';
import { expandMacros } from '../harness/spl/expand.js';
import { parseSearch } from '../harness/spl/parse.js';
import { detectionSearches } from '../harness/spl/searches.js';
import { sharedRoot } from './shared.js';

/** Times expand+parse over `searches`: cold pass, then the best of three warm passes. The issue sets a target only for the detection searches. */
function measure(name: string, searches: string[], macros: Map<string, Macro>, targetSeconds?: number): BenchResult {
  let errors = 0;
  const pass = () => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    errors = 0;
    for (const s of searches) {
      const e = expandMacros(s, macros);
      errors += e.errors.length + parseSearch(e.text).errors.length;
    }
    const c = process.cpuUsage(c0);
    return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
  };
  const cold = pass();
  const warm = [pass(), pass(), pass()];
  const wall = Math.min(...warm.map((w) => w.wall));
  const cpu = Math.min(...warm.map((w) => w.cpu));
  const round = (n: number) => Number(n.toFixed(3));
  return {
    name,
    value: wall,
    unit: 's',
    target: targetSeconds === undefined ? undefined : `< ${targetSeconds} s`,
    met: targetSeconds === undefined ? undefined : wall < targetSeconds,
    details: {
      searches: searches.length,
      cpu_s: round(cpu),
      cold_s: round(cold.wall),
      cold_cpu_s: round(cold.cpu),
      per_search_ms: round((wall * 1000) / searches.length),
      errors,
    },
  };
}

export async function benchParse(): Promise<BenchResult[]> {
  const escu = resolve(sharedRoot(), 'security_content');
  if (!existsSync(resolve(escu, 'detections'))) {
    const skipped = `../shared not found (${escu})`;
    return [{ name: 'parse: ESCU detection searches', value: NaN, unit: 's', skipped }];
  }
  const content = loadContent(escu);
  const active = content.detections.filter((d) => !d.deprecated);
  return [
    measure(
      'parse: ESCU detection searches',
      active.map((d) => d.search),
      content.macros,
      1,
    ),
    measure(
      'parse: ESCU searches + drilldowns',
      active.flatMap((d) => detectionSearches(d).map((s) => s.text)),
      content.macros,
    ),
  ];
}
