/**
 * Coverage: for every detection, whether the engine can execute it, and if not, every feature
 * that blocks it: macros that do not resolve, parse errors, commands, options, functions, data
 * model datasets, lookups without a CSV (built-in external lookups count as present), MLTK models
 * `apply` cannot evaluate, and the sourcetypes of its tests that the ingest layer has no field
 * extractions for. `spl-harness coverage` prints it.
 */
import type { Content, Detection } from '../content/types.js';
import { unloadableDetectionFiles } from '../content/load.js';
import { compileDetectionSearch } from '../spl/index.js';
import { checkSupport, pipelineLookups } from '../engine/support.js';
import { findLookup, loadLookupTable } from '../engine/lookup.js';
import { mltkModelName, readModel } from '../engine/mltk/model.js';
import { builtinLookup, lookupBlocker } from '../engine/lookups/index.js';
import { supportedSourcetypes } from '../ingest/datamodel.js';

export interface DetectionCoverage {
  id: string;
  name: string;
  file: string;
  executable: boolean;
  blocked_by: string[];
}

export interface CoverageReport {
  summary: { total: number; executable: number; tested_production: number; tested_production_executable: number };
  detections: DetectionCoverage[];
}

/**
 * "Tested production": status production, not a Correlation search, has tests with attack data,
 * and not marked `tags.manual_test` (those are the detections Splunk's own CI replays).
 */
export function isTestedProduction(d: Detection): boolean {
  return (
    (d.status ?? '').toLowerCase() === 'production' &&
    (d.type ?? '').toLowerCase() !== 'correlation' &&
    d.tests.some((t) => t.attack_data.length > 0) &&
    d.tags.manual_test === undefined
  );
}

/** Everything that keeps one detection from running, as `kind:name` strings (empty when executable). */
function detectionBlockers(d: Detection, content: Content, sourcetypes: Set<string>): string[] {
  const blocked = new Set<string>();
  const { expanded, pipeline, errors } = compileDetectionSearch(d.search, content);
  for (const e of expanded.errors) {
    const problem = expanded.macroProblem(e);
    blocked.add(`macro:${problem?.kind === 'unknown' ? problem.key : e.message}`);
  }
  // compileDetectionSearch lists the expansion errors first, then the parse errors.
  const parseError = errors[expanded.errors.length];
  if (!expanded.errors.length) {
    if (parseError) blocked.add(`parse:${parseError.message}`);
    else {
      for (const u of checkSupport(pipeline)) blocked.add(`${u.kind}:${u.name}`);
      for (const name of pipelineLookups(pipeline)) {
        const model = mltkModelName(name);
        if (model !== undefined) {
          const found = findLookup(content, name);
          const read = readModel(model, found ? loadLookupTable(found) : undefined);
          if ('unsupported' in read) blocked.add(`model:${read.unsupported}`);
          continue;
        }
        if (findLookup(content, name)?.csvPath) continue;
        const builtin = builtinLookup(name);
        if (!builtin || builtin.unsupported) blocked.add(`lookup:${lookupBlocker(name)}`);
      }
    }
  }
  for (const t of d.tests)
    for (const a of t.attack_data) if (a.sourcetype && !sourcetypes.has(a.sourcetype.toLowerCase())) blocked.add(`sourcetype:${a.sourcetype}`);
  return [...blocked].sort();
}

export function coverageReport(content: Content): CoverageReport {
  const sourcetypes = new Set(supportedSourcetypes().map((s) => s.toLowerCase()));
  const summary = { total: 0, executable: 0, tested_production: 0, tested_production_executable: 0 };
  const detections: DetectionCoverage[] = [];
  for (const d of content.detections) {
    const blocked_by = detectionBlockers(d, content, sourcetypes);
    const executable = blocked_by.length === 0;
    const tested = isTestedProduction(d);
    summary.total++;
    if (executable) summary.executable++;
    if (tested) summary.tested_production++;
    if (tested && executable) summary.tested_production_executable++;
    detections.push({ id: d.id, name: d.name, file: d.file.relPath, executable, blocked_by });
  }
  for (const { file, findings } of unloadableDetectionFiles(content)) {
    summary.total++;
    detections.push({ id: '', name: file, file, executable: false, blocked_by: findings.map((f) => `load:${f.line}:${f.column}: ${f.message}`) });
  }
  detections.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { summary, detections };
}

/** How many detections each blocker stops, most first (optionally only among `only`). */
export function blockerCounts(report: CoverageReport, only?: Set<string>): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const d of report.detections) {
    if (only && !only.has(d.id + '\u0000' + d.file)) continue;
    for (const b of d.blocked_by) counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** True when a detection file could not be loaded (a content error, as in validate and test). */
export const hasUnloadable = (report: CoverageReport): boolean => report.detections.some((d) => d.blocked_by.some((b) => b.startsWith('load:')));
