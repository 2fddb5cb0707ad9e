/**
 * Which detections a `test` run covers: those named (`--detection`), or those a change selects
 * (`--changed`, narrowed by any names given), less the ones excluded by status; each selected by
 * a change keeps the reasons it was selected. The CLI prints what this decides.
 */
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Content, Detection, Finding } from '../content/types.js';
import type { MirrorRule } from '../config.js';
import { selectChanged } from './changed.js';
import { exclusionReason, selectDetections, unloadableDetections } from './plan.js';

export interface RunSelectionOptions {
  /** Detection ids, names, files or directories (`--detection`). */
  specs: string[];
  includeExperimental: boolean;
  /** Select by the changes against a base (`--changed [--base]`). */
  changed?: { base?: string; cwd: string; mirrors: MirrorRule[] };
  /** The content root, against which `specs` that are paths are also resolved. */
  root: string;
}

export interface RunSelection {
  detections: Detection[];
  excluded: Array<{ detection: Detection; reason: string }>;
  /** Why each detection a change selected was selected. */
  why: Map<Detection, string[]>;
  /** Lines for the run's log (the base, deleted detections). */
  notes: string[];
  /**
   * Which detection files that could not be loaded end as errors of this run (content-relative
   * path): all of them (undefined), those a `--detection` path names, or those the change touches.
   */
  broken?: (relPath: string) => boolean;
}

/** A `--detection` spec that matches nothing. */
export class UnmatchedSpecError extends Error {}

function named(content: Content, specs: string[], includeExperimental: boolean, brokenNamed?: (rel: string) => boolean) {
  const sel = selectDetections(content, specs, { includeExperimental });
  // A path naming only a file that cannot be loaded still selects it: it ends as an error result.
  const namesBroken = brokenNamed && unloadableDetections(content, brokenNamed).length > 0;
  if (sel.unmatched.length && !namesBroken)
    throw new UnmatchedSpecError(`no detection matches ${sel.unmatched.map((s) => `'${s}'`).join(', ')} (give an id, a name, a file or a directory)`);
  return sel;
}

/** Throws UnmatchedSpecError for a spec that matches nothing, ChangedError when git cannot tell what changed. */
export function selectForRun(content: Content, opts: RunSelectionOptions): RunSelection {
  const { root, specs } = opts;
  const brokenNamed = (rel: string) =>
    specs.some((spec) => [resolve(spec), resolve(root, spec)].some((p) => join(root, rel) === p || join(root, rel).startsWith(p + sep)));
  if (!opts.changed) {
    const { detections, excluded } = named(content, specs, opts.includeExperimental, brokenNamed);
    return { detections, excluded, why: new Map(), notes: [], broken: specs.length ? brokenNamed : undefined };
  }
  const changed = selectChanged(content, opts.changed);
  const narrowed = opts.specs.length ? new Set(named(content, opts.specs, true).detections) : undefined;
  const detections: Detection[] = [];
  const excluded: RunSelection['excluded'] = [];
  const why = new Map<Detection, string[]>();
  for (const c of changed.selected) {
    if (narrowed && !narrowed.has(c.detection)) continue;
    const reason = exclusionReason(c.detection, { includeExperimental: opts.includeExperimental });
    if (reason) excluded.push({ detection: c.detection, reason });
    else detections.push(c.detection);
    why.set(c.detection, c.reasons);
  }
  const notes = [
    `changes against ${changed.base} (merge base ${changed.mergeBase.slice(0, 12)}): ${changed.changedFiles.length} files, ${detections.length} detections selected`,
    ...changed.deleted.map((d) => `deleted, not run: ${d}`),
  ];
  const touched = changed.changedFiles;
  const inChange = (rel: string) => touched.some((p) => p === rel || p.endsWith('/' + rel));
  return { detections, excluded, why, notes, broken: specs.length ? (rel) => inChange(rel) && brokenNamed(rel) : inChange };
}

/** What `validate --changed` reports on: content-relative files, and the detections a change deleted. */
export interface ChangedScope {
  files: Set<string>;
  deleted: string[];
}

/**
 * Content-relative files a change touches: the selected detections (changed, or depending on a
 * changed macro, lookup, data source or story) and every changed file inside the content root.
 * Throws ChangedError when git cannot tell what changed.
 */
export function changedScope(content: Content, base: string | undefined): ChangedScope {
  const selection = selectChanged(content, { base });
  const files = new Set(selection.selected.map((s) => s.detection.file.relPath));
  // changedFiles are relative to the repository root, which may sit above the content root.
  const top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: content.root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  for (const changed of selection.changedFiles) {
    const rel = relative(realpathSync(content.root), resolve(top, changed)).split(sep).join('/');
    if (!rel.startsWith('../') && !isAbsolute(rel)) files.add(rel);
  }
  return { files, deleted: selection.deleted };
}

/** The findings about files in `scope`, and their summary. */
export function findingsInScope(
  findings: Finding[],
  scope: Set<string>,
): { summary: { files: number; errors: number; warnings: number }; findings: Finding[] } {
  const kept = findings.filter((f) => scope.has(f.file));
  return {
    summary: { files: scope.size, errors: kept.filter((f) => f.severity === 'error').length, warnings: kept.filter((f) => f.severity === 'warning').length },
    findings: kept,
  };
}
