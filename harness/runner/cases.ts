import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Detection, Finding, YamlFile } from '../content/types.js';
import { loadYaml } from '../content/yaml.js';
import { toRel } from '../content/files.js';
import { isObj } from '../common/text.js';

/**
 * Sidecar test cases, so the ESCU `tests` block stays exactly as Splunk ships it. They live in
 * `test_cases/`, a tree that mirrors `detections/`: `detections/endpoint/x.yml` has its cases in
 * `test_cases/endpoint/x.yml`. Not beside the detection: contentctl loads every .yml file under
 * `detections/` as a detection (Utils.get_all_yml_files_from_directory, a recursive `*.yml` glob
 * per content folder: detections, macros, stories, ...; `test_cases/` is none of them), so a
 * `<stem>.cases.yml` there breaks `contentctl validate`. That old name is still read, with a
 * deprecation warning. The schema (documented in docs/RUNNER.md):
 *
 *   detection: <id>                 # optional; must be the detection's id when given
 *   cases:
 *     - name: Security 4688 fires   # required, unique in the file
 *       expect: positive            # positive (default) | negative (must return zero rows)
 *       min_rows: 1                 # positive only; default 1
 *       exact_rows: 5               # positive only; instead of min_rows
 *       attack_data:                # files, as in an ESCU test
 *         - data: <URL, or a path relative to this file>
 *           source: XmlWinEventLog:Security
 *           sourcetype: XmlWinEventLog
 *           host: ws01                # optional
 *       events:                     # inline events, read by the reader for their sourcetype
 *         - source: crowdstrike
 *           sourcetype: crowdstrike:events:sensor
 *           raw: '{"event_simpleName":"ProcessRollup2", ...}'
 *
 * A case needs at least one `attack_data` entry or one inline event.
 */

export interface CaseInput {
  source: string;
  sourcetype: string;
  host?: string;
  index?: string;
}

export interface CaseDataset extends CaseInput {
  /** As written in the file. */
  data: string;
  /** A URL, or the absolute local path the relative `data` points at. */
  ref: string;
}

export interface InlineEvent extends CaseInput {
  raw: string;
}

export interface SidecarCase {
  name: string;
  expect: 'positive' | 'negative';
  minRows?: number;
  exactRows?: number;
  attackData: CaseDataset[];
  events: InlineEvent[];
  /** 1-based line of the case in the sidecar file. */
  line: number;
}

export interface Sidecar {
  /** Absolute path. */
  path: string;
  /** Relative to the content root. */
  relPath: string;
  cases: SidecarCase[];
  /** Schema problems; a case with a problem is left out of `cases`. */
  findings: Finding[];
  /** Problems that do not stop the cases from running (a deprecated location). */
  warnings?: Finding[];
}

/** The folder, beside `detections/`, that holds the sidecar files. */
export const SIDECAR_DIR = 'test_cases';
/** The deprecated sidecar name, beside the detection. */
export const LEGACY_SIDECAR_SUFFIX = '.cases.yml';

/** Where a detection's sidecar is: `<root>/detections/a/x.yml` → `<root>/test_cases/a/x.yml`. */
export function sidecarPath(detectionRelPath: string, contentRoot: string): string {
  const rel = detectionRelPath.replace(/^detections\//, '');
  return resolve(contentRoot, SIDECAR_DIR, rel.replace(/\.yaml$/, '.yml'));
}

/** The deprecated place: `x.yml` → `x.cases.yml` in the detection's folder. */
export function legacySidecarPath(detectionPath: string): string {
  return detectionPath.replace(/\.ya?ml$/, '') + LEGACY_SIDECAR_SUFFIX;
}

const URL_RE = /^[a-z][a-z0-9+.-]*:\/\//i;

const CASE_KEYS = new Set(['name', 'description', 'expect', 'min_rows', 'exact_rows', 'attack_data', 'events']);
const DATA_KEYS = new Set(['data', 'source', 'sourcetype', 'host', 'index', 'custom_index']);
const EVENT_KEYS = new Set(['raw', 'source', 'sourcetype', 'host', 'index']);

/** Loads the detection's sidecar, or undefined when it has none. Never throws. */
export function loadSidecar(detection: Detection, contentRoot: string): Sidecar | undefined {
  const current = sidecarPath(detection.file.relPath, contentRoot);
  const legacy = legacySidecarPath(detection.file.path);
  const warnings: Finding[] = [];
  let path = current;
  if (existsSync(legacy)) {
    const where = toRel(contentRoot, current);
    const message = existsSync(current)
      ? `${toRel(contentRoot, legacy)} is ignored: the cases are read from ${where}; delete it (contentctl loads every detections/**/*.yml as a detection)`
      : `sidecar cases beside the detection are deprecated: contentctl loads every detections/**/*.yml as a detection, so this file breaks \`contentctl validate\`; move it to ${where} (relative data paths stay valid at the same depth)`;
    warnings.push({ rule: 'cases-location', severity: 'warning', file: toRel(contentRoot, legacy), line: 1, column: 1, message, detection_id: detection.id });
    if (!existsSync(current)) path = legacy;
  }
  if (!existsSync(path)) return undefined;
  const sidecar = readSidecar(path, toRel(contentRoot, path), detection);
  if (warnings.length) sidecar.warnings = warnings;
  return sidecar;
}

function readSidecar(path: string, relPath: string, detection: Detection): Sidecar {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return { path, relPath, cases: [], findings: [finding(relPath, { line: 1, column: 1 }, `cannot read sidecar: ${(err as Error).message}`)] };
  }
  const { file, finding: syntax } = loadYaml(path, relPath, text);
  if (syntax) return { path, relPath, cases: [], findings: [{ ...syntax, rule: 'cases-syntax' }] };
  return parseSidecar(file, detection);
}

/** Validates a parsed sidecar file against the schema above. */
export function parseSidecar(file: YamlFile, detection: Detection): Sidecar {
  const findings: Finding[] = [];
  const cases: SidecarCase[] = [];
  const out: Sidecar = { path: file.path, relPath: file.relPath, cases, findings };
  const problem = (at: Array<string | number>, message: string) => findings.push(finding(file.relPath, file.locate(at), message, detection.id));
  const data = file.data;
  if (!isObj(data)) {
    problem([], 'a cases file must be a mapping with a `cases` list');
    return out;
  }
  for (const key of Object.keys(data)) if (key !== 'detection' && key !== 'cases') problem([key], `unknown key '${key}' (expected detection, cases)`);
  if (data.detection !== undefined && String(data.detection) !== detection.id) {
    problem(['detection'], `'detection: ${String(data.detection)}' does not match the detection's id ${detection.id}`);
  }
  if (!Array.isArray(data.cases)) {
    problem(['cases'], '`cases` must be a list');
    return out;
  }
  const names = new Set<string>();
  data.cases.forEach((raw, i) => {
    const at = ['cases', i];
    const before = findings.length;
    if (!isObj(raw)) {
      problem(at, 'a case must be a mapping');
      return;
    }
    for (const key of Object.keys(raw)) if (!CASE_KEYS.has(key)) problem([...at, key], `unknown key '${key}' in a case`);
    const name = typeof raw.name === 'string' ? raw.name.trim() : '';
    if (!name) problem([...at, 'name'], 'a case needs a `name`');
    else if (names.has(name)) problem([...at, 'name'], `duplicate case name '${name}'`);
    names.add(name);
    const expect = raw.expect ?? 'positive';
    if (expect !== 'positive' && expect !== 'negative') problem([...at, 'expect'], "`expect` must be 'positive' or 'negative'");
    const count = (key: 'min_rows' | 'exact_rows'): number | undefined => {
      const v = raw[key];
      if (v === undefined) return undefined;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
        problem([...at, key], `\`${key}\` must be a whole number ≥ 0`);
        return undefined;
      }
      if (expect === 'negative') problem([...at, key], `\`${key}\` is for positive cases (a negative case always expects zero rows)`);
      return v;
    };
    const minRows = count('min_rows');
    const exactRows = count('exact_rows');
    if (minRows !== undefined && exactRows !== undefined) problem([...at, 'exact_rows'], 'give `min_rows` or `exact_rows`, not both');

    const attackData: CaseDataset[] = [];
    if (raw.attack_data !== undefined && !Array.isArray(raw.attack_data)) problem([...at, 'attack_data'], '`attack_data` must be a list');
    (Array.isArray(raw.attack_data) ? raw.attack_data : []).forEach((d, j) => {
      const dat = [...at, 'attack_data', j];
      const input = readInput(d, dat, DATA_KEYS, problem);
      if (!input || !isObj(d)) return;
      if (typeof d.data !== 'string' || !d.data.trim()) {
        problem([...dat, 'data'], 'an attack_data entry needs `data` (a URL or a path relative to the cases file)');
        return;
      }
      const ref = URL_RE.test(d.data) || isAbsolute(d.data) ? d.data : resolve(dirname(file.path), d.data);
      if (!URL_RE.test(ref) && !existsSync(ref)) problem([...dat, 'data'], `file not found: ${d.data}`);
      const index = typeof d.custom_index === 'string' ? d.custom_index : input.index;
      attackData.push({ ...input, index, data: d.data, ref });
    });
    const events: InlineEvent[] = [];
    if (raw.events !== undefined && !Array.isArray(raw.events)) problem([...at, 'events'], '`events` must be a list');
    (Array.isArray(raw.events) ? raw.events : []).forEach((e, j) => {
      const eat = [...at, 'events', j];
      const input = readInput(e, eat, EVENT_KEYS, problem);
      if (!input || !isObj(e)) return;
      if (typeof e.raw !== 'string' || e.raw.trim() === '') {
        problem([...eat, 'raw'], 'an inline event needs `raw` (the event text as the log source writes it)');
        return;
      }
      events.push({ ...input, raw: e.raw });
    });
    if (attackData.length === 0 && events.length === 0 && findings.length === before) {
      problem(at, 'a case needs at least one `attack_data` entry or inline `events`');
    }
    if (findings.length === before) {
      cases.push({ name, expect: expect as SidecarCase['expect'], minRows, exactRows, attackData, events, line: file.locate(at).line });
    }
  });
  return out;
}

function readInput(
  v: unknown,
  at: Array<string | number>,
  allowed: Set<string>,
  problem: (at: Array<string | number>, message: string) => void,
): CaseInput | undefined {
  if (!isObj(v)) {
    problem(at, 'expected a mapping');
    return undefined;
  }
  for (const key of Object.keys(v)) if (!allowed.has(key)) problem([...at, key], `unknown key '${key}'`);
  let ok = true;
  for (const key of ['source', 'sourcetype'] as const) {
    if (typeof v[key] !== 'string' || !(v[key] as string).trim()) {
      problem([...at, key], `\`${key}\` is required`);
      ok = false;
    }
  }
  if (!ok) return undefined;
  const opt = (k: string) => (typeof v[k] === 'string' || typeof v[k] === 'number' ? String(v[k]) : undefined);
  return { source: String(v.source), sourcetype: String(v.sourcetype), host: opt('host'), index: opt('index') };
}

function finding(file: string, pos: { line: number; column: number }, message: string, detection_id?: string): Finding {
  return { rule: 'cases-schema', severity: 'error', file, line: pos.line, column: pos.column, message, detection_id };
}
