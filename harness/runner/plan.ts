import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Content, Detection, Finding } from '../content/types.js';
import { loadSidecar, type SidecarCase } from './cases.js';
import type { TestResult } from '../report/types.js';
import { unloadableDetectionFiles } from '../content/load.js';
import { locateNode } from '../content/block-locate.js';

/**
 * Test planning: which detections run (selection by id / name / file / directory, experimental
 * and deprecated filters) and the flat, ordered list of tests they contribute — each ESCU test
 * of a detection, then each case of its sidecar file.
 */

/** One input file of a test, uniform over ESCU tests and sidecar cases. */
export interface PlannedDataset {
  /** URL or local path handed to the datasets stage. */
  ref: string;
  source: string;
  sourcetype: string;
  host?: string;
  index?: string;
}

export interface PlannedTest {
  /** Stable identity across machines: `<file>#<n>` for ESCU tests, `<file>#case:<name>` for sidecar cases. */
  key: string;
  detection: Detection;
  /** The test's display name. */
  name: string;
  kind: 'escu' | 'case';
  /** ESCU: true positive unless the test says otherwise; case: its `expect`. */
  expect: 'positive' | 'negative';
  datasets: PlannedDataset[];
  /** The sidecar case, for kind 'case'. */
  sidecar?: SidecarCase;
  /** Why this test is not run at all (manual test, no tests, bad sidecar); it ends as `skipped` or `error`. */
  skip?: { status: 'skipped' | 'error'; reason: string };
  /** 1-based line to annotate: the test entry in the detection, or the case in its sidecar. */
  line: number;
  /** File the line refers to (content-relative). */
  lineFile: string;
}

export interface SelectOptions {
  /** Run detections with `status: experimental` too (by default only production ones run). */
  includeExperimental?: boolean;
  /** Where relative FILE/DIR arguments are resolved; default the process cwd. */
  cwd?: string;
}

export interface Selection {
  detections: Detection[];
  /** Arguments that matched nothing. */
  unmatched: string[];
  /** Detections that were selected but filtered out, and why. */
  excluded: Array<{ detection: Detection; reason: string }>;
}

/** Why a detection does not run by default, or undefined when it does. */
export function exclusionReason(d: Detection, opts: SelectOptions): string | undefined {
  if (d.deprecated || d.status === 'deprecated') return 'deprecated';
  if (d.status === 'experimental' && !opts.includeExperimental) return 'experimental (use --include-experimental)';
  return undefined;
}

/**
 * Selects detections. With no specs every detection is a candidate. A spec is a detection id,
 * a detection name (case-insensitive), a detection file, or a directory holding detections.
 * Deprecated detections never run; experimental ones only with `includeExperimental`.
 */
export function selectDetections(content: Content, specs: string[], opts: SelectOptions = {}): Selection {
  const cwd = opts.cwd ?? process.cwd();
  const chosen = new Set<Detection>();
  const unmatched: string[] = [];
  if (specs.length === 0) content.detections.forEach((d) => chosen.add(d));
  for (const spec of specs) {
    const hits = matchSpec(content, spec, cwd);
    if (hits.length === 0) unmatched.push(spec);
    hits.forEach((d) => chosen.add(d));
  }
  const detections: Detection[] = [];
  const excluded: Selection['excluded'] = [];
  // Content order (sorted by file) so that every run, shard and report lists tests alike.
  for (const d of content.detections) {
    if (!chosen.has(d)) continue;
    const reason = exclusionReason(d, opts);
    if (reason) excluded.push({ detection: d, reason });
    else detections.push(d);
  }
  return { detections, unmatched, excluded };
}

function matchSpec(content: Content, spec: string, cwd: string): Detection[] {
  const lower = spec.trim().toLowerCase();
  const byId = content.detections.filter((d) => d.id.toLowerCase() === lower);
  if (byId.length) return byId;
  const byName = content.detections.filter((d) => d.name.toLowerCase() === lower);
  if (byName.length) return byName;
  // A path: absolute, relative to the cwd, or relative to the content root.
  const candidates = isAbsolute(spec) ? [spec] : [resolve(cwd, spec), resolve(content.root, spec)];
  for (const abs of candidates) {
    if (!existsSync(abs)) continue;
    if (statSync(abs).isDirectory()) {
      const prefix = abs.endsWith(sep) ? abs : abs + sep;
      const inside = content.detections.filter((d) => resolve(d.file.path).startsWith(prefix));
      if (inside.length) return inside;
    } else {
      const file = content.detections.filter((d) => resolve(d.file.path) === abs);
      if (file.length) return file;
    }
  }
  return [];
}

export interface Plan {
  tests: PlannedTest[];
  /** Sidecar schema problems (also reported on the affected tests). */
  findings: Finding[];
}

/**
 * The tests of the selected detections, in a stable order. Detections that were selected but
 * excluded (deprecated, experimental) each become one `skipped` entry, so that a run accounts
 * for every detection it was pointed at.
 */
export function planTests(content: Content, detections: Detection[], excluded: Selection['excluded'] = []): Plan {
  const tests: PlannedTest[] = [];
  const findings: Finding[] = [];
  const skippedBecause = new Map(excluded.map((e) => [e.detection, e.reason]));
  const order = content.detections.filter((d) => detections.includes(d) || skippedBecause.has(d));
  for (const detection of order) {
    const reason = skippedBecause.get(detection);
    if (reason !== undefined && !detections.includes(detection)) {
      tests.push({
        key: `${detection.file.relPath}#excluded`,
        detection,
        name: '(not run)',
        kind: 'escu',
        expect: 'positive',
        datasets: [],
        skip: { status: 'skipped', reason: `not run: ${reason}` },
        line: locateNode(detection.file, ['status'], true).line,
        lineFile: detection.file.relPath,
      });
      continue;
    }
    const file = detection.file.relPath;
    const manual = detection.tags.manual_test;
    const rawTests = (detection.raw as Record<string, unknown>).tests;
    if (rawTests !== undefined && rawTests !== null && !Array.isArray(rawTests)) {
      // `tests: some text` is a broken test block, not a detection without tests.
      tests.push({
        key: `${file}#tests`,
        detection,
        name: '(invalid tests)',
        kind: 'escu',
        expect: 'positive',
        datasets: [],
        skip: { status: 'error', reason: `'tests' must be a list of tests, got ${typeof rawTests === 'string' ? 'a string' : typeof rawTests}` },
        line: locateNode(detection.file, ['tests'], true).line,
        lineFile: file,
      });
      continue;
    }
    detection.tests.forEach((t, i) => {
      const testType = (t.test_type ?? '').toLowerCase();
      const item: PlannedTest = {
        key: `${file}#${i}`,
        detection,
        name: t.name || `test ${i + 1}`,
        kind: 'escu',
        expect: /false positive|negative/i.test(t.name) ? 'negative' : 'positive',
        datasets: t.attack_data.map((a) => ({ ref: a.data, source: a.source, sourcetype: a.sourcetype, index: a.custom_index })),
        line: locateNode(detection.file, ['tests', i]).line,
        lineFile: file,
      };
      if (manual) item.skip = { status: 'skipped', reason: `manual test: ${String(manual).trim()}` };
      else if (testType === 'integration')
        item.skip = { status: 'skipped', reason: 'integration test (needs a live risk index; only unit tests are replayed)' };
      else if (t.attack_data.length === 0) item.skip = { status: 'error', reason: 'the test has no attack_data' };
      tests.push(item);
    });
    const sidecar = loadSidecar(detection, content.root);
    if (sidecar) {
      findings.push(...sidecar.findings, ...(sidecar.warnings ?? []));
      for (const c of sidecar.cases) {
        tests.push({
          key: `${file}#case:${c.name}`,
          detection,
          name: `case: ${c.name}`,
          kind: 'case',
          expect: c.expect,
          datasets: c.attackData.map((a) => ({ ref: a.ref, source: a.source, sourcetype: a.sourcetype, host: a.host, index: a.index })),
          sidecar: c,
          line: c.line,
          lineFile: sidecar.relPath,
        });
      }
      if (sidecar.findings.length) {
        const first = sidecar.findings[0];
        tests.push({
          key: `${file}#case:(invalid)`,
          detection,
          name: 'case: (invalid sidecar)',
          kind: 'case',
          expect: 'positive',
          datasets: [],
          skip: { status: 'error', reason: sidecar.findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.message}`).join('; ') },
          line: first.line,
          lineFile: sidecar.relPath,
        });
      }
    }
    if (detection.tests.length === 0 && !sidecar?.cases.length) {
      tests.push({
        key: `${file}#none`,
        detection,
        name: '(no tests)',
        kind: 'escu',
        expect: 'positive',
        datasets: [],
        skip: { status: 'skipped', reason: 'the detection has no tests' },
        line: locateNode(detection.file, ['tests'], true).line,
        lineFile: file,
      });
    }
  }
  return { tests, findings };
}

/** Content-relative path (forward slashes) of an absolute path, or undefined when outside the root. */
export function insideRoot(root: string, abs: string): string | undefined {
  const rel = relative(root, abs);
  if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/**
 * Detection files the loader could not load, as error results: a broken file must fail `test`,
 * not vanish from it. `only` narrows them to some content-relative files (--changed, a path).
 */
export function unloadableDetections(content: Content, only?: (relPath: string) => boolean): TestResult[] {
  return unloadableDetectionFiles(content)
    .filter(({ file }) => !only || only(file))
    .map(({ file, findings }) => ({
      key: `${file}#load`,
      id: '',
      name: file,
      file,
      test: '(detection file)',
      status: 'error' as const,
      rows: 0,
      reasons: findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.message} (the detection cannot be loaded, so none of its tests ran)`),
      timings: {},
      datasets: [],
      line: findings[0].line,
    }));
}
