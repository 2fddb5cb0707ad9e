/**
 * Validate benchmark: wall time of a whole-corpus `validate` over ESCU (target < 2 s on the
 * 2-core reference machine): load every YAML of the content tree, run every lint rule, locate
 * every finding. This is what `spl-harness validate --content ../shared/security_content` does,
 * minus writing the report. The first pass runs cold (module JIT, schema compilation); the
 * headline is the median of three passes, with the cold pass and the split in the details.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadContent } from '../harness/content/load.js';
import { lintContent } from '../harness/lint/index.js';
import type { BenchResult } from './types.js';
import { sharedRoot } from './shared.js';

const TARGET_SECONDS = 2;

export async function benchValidate(): Promise<BenchResult[]> {
  const escu = resolve(sharedRoot(), 'security_content');
  const name = 'validate: whole ESCU corpus';
  if (!existsSync(resolve(escu, 'detections'))) {
    return [{ name, value: NaN, unit: 's', skipped: `../shared not found (${escu})` }];
  }
  const passes: Array<{ load: number; lint: number; total: number; cpu: number; files: number; findings: number; errors: number; warnings: number }> = [];
  for (let i = 0; i < 4; i++) {
    // CPU time beside wall time: on a shared machine the wall clock also measures the neighbours.
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const content = loadContent(escu);
    const t1 = performance.now();
    const { summary, findings } = lintContent(content);
    const t2 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    passes.push({
      load: t1 - t0,
      lint: t2 - t1,
      total: t2 - t0,
      cpu: (cpu.user + cpu.system) / 1000,
      files: summary.files,
      findings: findings.length,
      errors: summary.errors,
      warnings: summary.warnings,
    });
  }
  const [cold, ...warm] = passes;
  const median = [...warm].sort((a, b) => a.total - b.total)[Math.floor(warm.length / 2)];
  const seconds = median.total / 1000;
  return [
    {
      name,
      value: Number(seconds.toFixed(3)),
      unit: 's',
      target: `< ${TARGET_SECONDS} s`,
      met: seconds < TARGET_SECONDS,
      details: {
        files: median.files,
        findings: median.findings,
        errors: median.errors,
        warnings: median.warnings,
        load_ms: Math.round(median.load),
        lint_ms: Math.round(median.lint),
        cpu_ms: Math.round(median.cpu),
        cold_total_ms: Math.round(cold.total),
      },
    },
  ];
}
