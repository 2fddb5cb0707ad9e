import { readFileSync, existsSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import type { Content, DataSource, Detection, Finding, Lookup, Macro, Story, YamlFile } from './types.js';
import { loadYaml } from './yaml.js';
import { listFiles, toRel } from './files.js';
import { isObj } from '../common/text.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads one YAML file; unreadable, badly encoded or malformed files become findings. */
export function readYamlFile(root: string, abs: string, findings: Finding[]): YamlFile | undefined {
  const relPath = toRel(root, abs);
  let text: string;
  try {
    const bytes = readFileSync(abs);
    try {
      text = utf8.decode(bytes);
    } catch {
      findings.push({ rule: 'file-encoding', severity: 'error', file: relPath, line: 1, column: 1, message: 'file is not valid UTF-8' });
      text = bytes.toString('latin1');
    }
  } catch (err) {
    findings.push({ rule: 'file-read', severity: 'error', file: relPath, line: 1, column: 1, message: `cannot read file: ${(err as Error).message}` });
    return undefined;
  }
  const { file, finding } = loadYaml(abs, relPath, text);
  if (finding) findings.push(finding);
  return file;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
const strList = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => String(x)) : typeof v === 'string' ? [v] : []);
const bool = (v: unknown): boolean | undefined =>
  typeof v === 'boolean' ? v : typeof v === 'string' ? (/^(true|1)$/i.test(v) ? true : /^(false|0)$/i.test(v) ? false : undefined) : undefined;

export function toDetection(file: YamlFile): Detection | undefined {
  const d = file.data;
  if (!isObj(d)) return undefined;
  const tags = isObj(d.tags) ? (d.tags as Detection['tags']) : ({} as Detection['tags']);
  const tests = Array.isArray(d.tests)
    ? d.tests.filter(isObj).map((t) => ({
        name: str(t.name) ?? '',
        test_type: str(t.test_type),
        attack_data: Array.isArray(t.attack_data)
          ? t.attack_data.filter(isObj).map((a) => ({
              data: str(a.data) ?? '',
              source: str(a.source) ?? '',
              sourcetype: str(a.sourcetype) ?? '',
              custom_index: str(a.custom_index),
            }))
          : [],
      }))
    : [];
  return {
    file,
    id: str(d.id) ?? '',
    name: str(d.name) ?? '',
    version: typeof d.version === 'number' ? d.version : undefined,
    date: str(d.date),
    status: str(d.status),
    type: str(d.type),
    search: str(d.search) ?? '',
    data_source: strList(d.data_source),
    tests,
    tags,
    rba: isObj(d.rba) ? (d.rba as Detection['rba']) : undefined,
    raw: d,
    deprecated: /(^|\/)deprecated\//.test(file.relPath),
  };
}

/** The call name of a macro: `name` without arguments, `name(N)` with N arguments. */
export function macroKey(name: string, arity: number): string {
  return arity > 0 ? `${name}(${arity})` : name;
}

export function toMacro(file: YamlFile): Macro | undefined {
  const d = file.data;
  if (!isObj(d) || typeof d.name !== 'string') return undefined;
  return {
    file,
    name: d.name,
    definition: str(d.definition) ?? '',
    arguments: strList(d.arguments),
    description: str(d.description),
  };
}

function toLookup(root: string, file: YamlFile): Lookup | undefined {
  const d = file.data;
  if (!isObj(d) || typeof d.name !== 'string') return undefined;
  const filename = str(d.filename);
  const csv = filename ? join(dirname(file.path), filename) : undefined;
  return {
    file,
    name: d.name,
    filename,
    csvPath: csv && existsSync(csv) ? csv : undefined,
    match_type: str(d.match_type),
    case_sensitive_match: bool(d.case_sensitive_match),
    min_matches: d.min_matches !== undefined ? Number(d.min_matches) : undefined,
    max_matches: d.max_matches !== undefined ? Number(d.max_matches) : undefined,
    default_match: str(d.default_match),
    raw: d,
  };
}

export interface LoadOptions {
  /** Skip detections (useful when only macros are needed). */
  skipDetections?: boolean;
}

/** Loads a content tree in the security_content layout. Never throws for bad files. */
export function loadContent(root: string, opts: LoadOptions = {}): Content {
  const loadFindings: Finding[] = [];
  const emptyDetections: string[] = [];
  const read = (abs: string) => readYamlFile(root, abs, loadFindings);
  const ymls = (sub: string) => listFiles(join(root, sub), ['.yml', '.yaml']);

  const detections: Detection[] = [];
  if (!opts.skipDetections) {
    for (const abs of ymls('detections')) {
      if (abs.endsWith('.cases.yml') || abs.endsWith('.cases.yaml')) continue; // sidecar test cases, not detections
      const f = read(abs);
      if (!f) continue;
      if (f.data === undefined || f.data === null) {
        // A YAML error was reported by read(); an empty file is a detection that vanished.
        // (validate's schema rule reports it as a finding; this records it as not loaded)
        if (!loadFindings.some((x) => x.file === f.relPath)) emptyDetections.push(f.relPath);
        continue;
      }
      const det = toDetection(f);
      if (det) detections.push(det);
      else loadFindings.push({ rule: 'schema', severity: 'error', file: f.relPath, line: 1, column: 1, message: 'a detection file must hold a mapping' });
    }
  }
  const macros = new Map<string, Macro>();
  for (const abs of ymls('macros')) {
    const f = read(abs);
    const m = f && toMacro(f);
    if (m) macros.set(macroKey(m.name, m.arguments.length), m);
  }
  const stories = new Map<string, Story>();
  for (const abs of ymls('stories')) {
    const f = read(abs);
    if (f && isObj(f.data) && typeof f.data.name === 'string') stories.set(f.data.name, { file: f, name: f.data.name, id: str(f.data.id) });
  }
  const dataSources = new Map<string, DataSource>();
  for (const abs of ymls('data_sources')) {
    const f = read(abs);
    if (f && isObj(f.data) && typeof f.data.name === 'string')
      dataSources.set(f.data.name, {
        file: f,
        name: f.data.name,
        id: str(f.data.id),
        source: str(f.data.source),
        sourcetype: str(f.data.sourcetype),
        raw: f.data,
      });
  }
  const lookups = new Map<string, Lookup>();
  for (const abs of ymls('lookups')) {
    const f = read(abs);
    const l = f && toLookup(root, f);
    if (l) lookups.set(l.name, l);
  }
  const baselines = ymls('baselines')
    .map(read)
    .filter((f): f is YamlFile => !!f);
  return { root, detections, macros, stories, dataSources, lookups, baselines, loadFindings, emptyDetections };
}

/** `remote_process_instantiation_via_winrm_and_winrs.yml` → `remote_process_instantiation_via_winrm_and_winrs`. */
export function fileStem(relPath: string): string {
  return basename(relPath).replace(/\.ya?ml$/, '');
}

/** The file name ESCU expects for a detection name: spaces, `-`, `.`, `/` become `_`, lower-cased. */
export function expectedFileStem(name: string): string {
  return name.replace(/[ \-./]/g, '_').toLowerCase();
}

/**
 * Detection files the loader could not turn into a detection (malformed YAML, a duplicate key, an
 * empty file, a list instead of a mapping, unreadable), each with the loader's findings, in file
 * order. Every command that walks detections reports these: a broken file must not vanish.
 */
export function unloadableDetectionFiles(content: Content): Array<{ file: string; findings: Finding[] }> {
  const loaded = new Set(content.detections.map((d) => d.file.relPath));
  const byFile = new Map<string, Finding[]>();
  for (const f of content.loadFindings) {
    if (f.severity !== 'error' || !f.file || !/^detections\//.test(f.file) || /\.cases\.ya?ml$/.test(f.file) || loaded.has(f.file)) continue;
    byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  }
  for (const file of content.emptyDetections ?? []) {
    byFile.set(file, [{ rule: 'schema', severity: 'error', file, line: 1, column: 1, message: 'the detection file is empty' }]);
  }
  return [...byFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([file, findings]) => ({ file, findings }));
}
