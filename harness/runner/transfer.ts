import { toDetection } from '../content/load.js';
import { loadYaml } from '../content/yaml.js';
import type { Content, Detection, Lookup, Macro, YamlFile } from '../content/types.js';
import type { PlannedTest } from './plan.js';

/**
 * What a worker thread needs of the content and of a test, as plain data that crosses a thread
 * boundary (structured clone): parsed YAML with position lookups does not, so each YAML file
 * travels as its text and is rebuilt on the other side (lazily, for macros and lookups, whose
 * files are only consulted to place an error).
 *
 * `executeTest` reads of the content only `macros` (expansion, the filter's definition) and
 * `lookups` (tables, read from their CSV on first use); of a test, the detection (search, tags,
 * risk, file for positions) and the test's plain fields.
 */

export interface PlainFile {
  path: string;
  relPath: string;
  text: string;
}

export interface PlainContent {
  root: string;
  macros: Array<[string, Omit<Macro, 'file'> & { file: PlainFile }]>;
  lookups: Array<[string, Omit<Lookup, 'file'> & { file: PlainFile }]>;
}

export type PlainTest = Omit<PlannedTest, 'detection'> & { detection: PlainFile };

export function plainFile(f: YamlFile): PlainFile {
  return { path: f.path, relPath: f.relPath, text: f.text };
}

/** The parts of the content a worker needs, as plain data. */
export function toPlainContent(content: Content): PlainContent {
  return {
    root: content.root,
    macros: [...content.macros].map(([key, { file, ...m }]) => [key, { ...m, file: plainFile(file) }]),
    lookups: [...content.lookups].map(([key, { file, ...l }]) => [key, { ...l, file: plainFile(file) }]),
  };
}

/** A YamlFile rebuilt from its text on first use. */
function lazyFile<T extends object>(target: T, file: PlainFile): T & { file: YamlFile } {
  let built: YamlFile | undefined;
  return Object.defineProperty(target, 'file', {
    enumerable: true,
    get: () => (built ??= loadYaml(file.path, file.relPath, file.text).file),
  }) as T & { file: YamlFile };
}

/** The content as a worker sees it: macros and lookups; no detections (each test brings its own). */
export function fromPlainContent(plain: PlainContent): Content {
  return {
    root: plain.root,
    detections: [],
    macros: new Map(plain.macros.map(([key, { file, ...m }]) => [key, lazyFile(m, file) as Macro])),
    lookups: new Map(plain.lookups.map(([key, { file, ...l }]) => [key, lazyFile(l, file) as Lookup])),
    stories: new Map(),
    dataSources: new Map(),
    baselines: [],
    loadFindings: [],
  };
}

export function toPlainTest(test: PlannedTest): PlainTest {
  return { ...test, detection: plainFile(test.detection.file) };
}

/**
 * Rebuilds a test on the receiving side; `detections` caches each detection file parsed once
 * (keyed by path, checked against the text).
 */
export function fromPlainTest(plain: PlainTest, detections: Map<string, { text: string; detection: Detection }>): PlannedTest {
  const f = plain.detection;
  let known = detections.get(f.relPath);
  if (!known || known.text !== f.text) {
    const detection = toDetection(loadYaml(f.path, f.relPath, f.text).file);
    if (!detection) throw new Error(`${f.relPath}: not a detection`);
    known = { text: f.text, detection };
    detections.set(f.relPath, known);
  }
  return { ...plain, detection: known.detection };
}
