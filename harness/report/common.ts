import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../content/types.js';
import type { Report, TestResult, TestStatus } from './types.js';

/** Findings grouped by file, files in report order. */
export function findingsByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  return byFile;
}

/** The findings of any report (a test report may carry validate findings too). */
export const reportFindings = (report: Report): Finding[] => (report.command === 'validate' ? report.findings : (report.findings ?? []));

/** Test results that are a problem for CI: a failure or an error. */
export const isProblem = (status: TestStatus) => status === 'failed' || status === 'error';

/** A failed or errored test described in one paragraph: reasons, then the explanation. */
export function problemText(r: TestResult): string {
  const parts = [...r.reasons];
  if (r.explanation) parts.push(r.explanation);
  return parts.join('\n') || r.status;
}

/**
 * A test's duration in milliseconds: its `total` timing (the runner's sum of the stages), else
 * the sum of the stages. Never the sum of all timings, which would count every stage twice.
 */
export function durationMs(r: Pick<TestResult, 'timings'>): number {
  const t = r.timings ?? {};
  if (Number.isFinite(Number(t.total))) return Number(t.total);
  return Object.entries(t).reduce((sum, [k, v]) => (k === 'total' ? sum : sum + (Number(v) || 0)), 0);
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

let version: string | undefined;

/** This package's version (from its package.json, found upward from this module; works from source and dist/). */
export function toolVersion(): string {
  if (version === undefined) {
    version = '0.0.0';
    let dir = dirname(fileURLToPath(import.meta.url));
    for (let i = 0; i < 5; i++) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'spl-harness' && pkg.version) {
          version = pkg.version;
          break;
        }
      } catch {
        // not here: look one level up
      }
      dir = dirname(dir);
    }
  }
  return version;
}

/** A finding as the machine-readable reports (JSON, summary.yml) write it. */
export function plainFinding(f: Finding): Record<string, string | number | null> {
  return { rule: f.rule, severity: f.severity, file: f.file, line: f.line, column: f.column, message: f.message, detection_id: f.detection_id ?? null };
}
