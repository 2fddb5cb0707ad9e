/**
 * `spl-harness test` as CI runs it, for the benchmarks: a child process with one job, its JSON
 * report read back, and its wall time, CPU seconds and peak RSS (from `/usr/bin/time`).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './memory-probe.js';

export interface TimedTest {
  wall: number;
  cpu: number;
  rssMb: number;
  results: Array<{ status: string; rows: number; reasons: string[]; explanation?: string; detection?: string; file?: string; timings: Record<string, number> }>;
  /** The one-minute load average when the run ended: the neighbours are part of every wall time. */
  load: number;
}

/** Where benchmarks keep their generated inputs between runs. */
export function benchDir(): string {
  return process.env.SPL_HARNESS_BENCH_DIR ?? join(tmpdir(), 'spl-harness-bench');
}

export function timedTest(args: string[], output: string, jobs = 1): Promise<TimedTest> {
  const cli = join(projectRoot(), 'bin', 'spl-harness.js');
  const timeFile = `${output}.time`;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(
      '/usr/bin/time',
      ['-f', '%M %U %S', '-o', timeFile, process.execPath, cli, 'test', ...args, '--jobs', String(jobs), '--format', 'json', '--output', output],
      { stdio: 'ignore' },
    );
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = (performance.now() - t0) / 1000;
      if (code !== 0 && code !== 1) return reject(new Error(`spl-harness test exited ${code}`));
      const [rssKb, user, sys] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
      const report = JSON.parse(readFileSync(output, 'utf8')) as { results: TimedTest['results'] };
      resolve({ wall, cpu: user + sys, rssMb: Math.round(rssKb / 1024), results: report.results, load: +loadavg()[0].toFixed(2) });
    });
  });
}
