import type { Finding } from '../content/types.js';
import type { Report } from './types.js';
import { plainFinding } from './common.js';

/**
 * Machine-readable report. A validate report is exactly
 * `{"summary":{"files","errors","warnings"},"findings":[{rule,severity,file,line,column,message,detection_id}]}`
 * (detection_id null when the finding is not about one detection); a test report is
 * `{"summary":…, "results":[…]}` (plus `findings` when validation ran too, and `shard`
 * `{index, count, planned, plan_total, plan_digest}` for a `--shard i/n` run), which is what
 * `merge-reports` reads back.
 */
export function renderJson(report: Report): string {
  const findings = (list: Finding[]) => list.map(plainFinding);
  if (report.command === 'validate') {
    const { files, errors, warnings } = report.summary;
    return JSON.stringify({ summary: { files, errors, warnings }, findings: findings(report.findings) }, null, 2) + '\n';
  }
  const out: Record<string, unknown> = { summary: report.summary, results: report.results };
  if (report.findings?.length) out.findings = findings(report.findings);
  if (report.shard) out.shard = report.shard;
  return JSON.stringify(out, null, 2) + '\n';
}
