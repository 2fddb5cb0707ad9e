import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import jsYaml from 'js-yaml';
import type { Severity } from './content/types.js';
import { configProblems } from './config-schema.js';

/**
 * The project config file, `spl-harness.yml` at the content root (or `--config FILE`).
 *
 *   mirrors:                      # URL prefix → local directory or another base URL
 *     - prefix: https://media.githubusercontent.com/media/splunk/attack_data/master/
 *       target: test/fixtures/attack_data        # relative to this file
 *   cache_dir: .cache/datasets                  # default $XDG_CACHE_HOME/spl-harness
 *   allow_data_dirs: [../datasets]              # local `data:` may also be read from here
 *   test_timeout: 5m                            # each test's time budget (0: none)
 *   heap_limit_mb: 1024                         # each worker thread's heap limit (0: V8's own)
 *   rules:                                      # re-grade or switch off lint rules
 *     risk-score-formula: warning
 *     detection-name-length: off
 *   suppress:                                   # one detection, one rule
 *     - detection: 0dd296a2-4338-11ec-ba02-3e22fbd008af
 *       rule: mitre-parent-and-child
 *   filter_macros: generated                    # or `required`, see FilterMacroMode
 */

/**
 * Where `<name>_filter` macros come from. `generated` (default): as in security_content, the
 * repository does not keep them and contentctl generates each one as `search *` at build time, so
 * a missing one is that default (no finding; `test` runs it as `search *`). `required`: the
 * repository keeps its own, so a missing one is a `filter-macro-defined` finding and an unknown
 * macro in `test`.
 */
export type FilterMacroMode = 'generated' | 'required';
export const FILTER_MACRO_MODES: readonly FilterMacroMode[] = ['generated', 'required'];
export interface MirrorRule {
  prefix: string;
  /** An absolute directory or a base URL (http:// or https://). */
  target: string;
}

export interface HarnessConfig {
  /** Absolute path of the file the config came from, when one was read. */
  path?: string;
  mirrors: MirrorRule[];
  cacheDir?: string;
  /**
   * Directories outside the content root that tests' local `data:` paths may read (absolute, or
   * relative to this file). Only this file can widen where data is read from, never a detection.
   */
  allowDataDirs: string[];
  /** `test_timeout:` each test's time budget in milliseconds (the file gives seconds or `90s`, `5m`). */
  testTimeoutMs?: number;
  /** `heap_limit_mb:` each worker thread's JavaScript heap limit (runner/pool.ts DEFAULT_HEAP_LIMIT_MB). */
  heapLimitMb?: number;
  rules: Record<string, Severity | 'off'>;
  suppress: Array<{ detection: string; rule: string }>;
  filterMacros: FilterMacroMode;
}

export const CONFIG_FILE = 'spl-harness.yml';

/**
 * Reads and checks the config file. Throws an Error naming the file and each bad key (callers
 * turn it into exit 2). `knownRules`, when given, are the rule ids `rules:` and `suppress:` may name.
 */
export function loadConfig(contentRoot: string, explicit?: string, knownRules?: readonly string[]): HarnessConfig {
  const path = explicit ? resolve(explicit) : join(resolve(contentRoot), CONFIG_FILE);
  const config: HarnessConfig = { mirrors: [], allowDataDirs: [], rules: {}, suppress: [], filterMacros: 'generated' };
  if (!existsSync(path)) {
    if (explicit) throw new Error(`config file not found: ${explicit}`);
    return config;
  }
  let data: Record<string, unknown> | null;
  try {
    data = jsYaml.load(readFileSync(path, 'utf8')) as Record<string, unknown> | null;
  } catch (err) {
    throw new Error(`${path}: malformed YAML: ${(err as { reason?: string }).reason ?? (err as Error).message}`);
  }
  config.path = path;
  if (data === null || data === undefined) return config;
  const problems = configProblems(data);
  if (knownRules && !problems.length) {
    const known = new Set(knownRules);
    for (const id of Object.keys((data.rules as Record<string, unknown> | undefined) ?? {})) if (!known.has(id)) problems.push(`rules.${id}: unknown rule`);
    ((data.suppress as Array<{ rule: string }> | undefined) ?? []).forEach((s, i) => {
      if (s.rule !== '*' && !known.has(s.rule)) problems.push(`suppress.${i}.rule: unknown rule '${s.rule}'`);
    });
  }
  if (problems.length) throw new Error(`${path}: ${problems.join('; ')}`);
  const base = dirname(path);
  const toTarget = (t: string) => (/^https?:\/\//.test(t) || isAbsolute(t) ? t : resolve(base, t));
  if (Array.isArray(data.mirrors)) {
    for (const m of data.mirrors as Array<Record<string, unknown>>) {
      if (m && typeof m.prefix === 'string' && typeof m.target === 'string') config.mirrors.push({ prefix: m.prefix, target: toTarget(m.target) });
    }
  }
  if (typeof data.cache_dir === 'string') config.cacheDir = toTarget(data.cache_dir);
  if (data.test_timeout !== undefined) {
    const ms = parseDuration(String(data.test_timeout));
    if (ms === undefined) throw new Error(`${path}: test_timeout: expects seconds or a duration such as 90s or 5m, got '${String(data.test_timeout)}'`);
    config.testTimeoutMs = ms;
  }
  if (typeof data.heap_limit_mb === 'number') config.heapLimitMb = data.heap_limit_mb;
  if (Array.isArray(data.allow_data_dirs)) {
    for (const dir of data.allow_data_dirs) if (typeof dir === 'string') config.allowDataDirs.push(isAbsolute(dir) ? dir : resolve(base, dir));
  }
  if (data.rules && typeof data.rules === 'object') {
    for (const [k, v] of Object.entries(data.rules as Record<string, unknown>)) {
      if (v === 'off' || v === 'error' || v === 'warning' || v === 'info') config.rules[k] = v;
      else if (v === false) config.rules[k] = 'off';
    }
  }
  if (data.filter_macros !== undefined) {
    if (!FILTER_MACRO_MODES.includes(data.filter_macros as FilterMacroMode))
      throw new Error(`${path}: filter_macros must be ${FILTER_MACRO_MODES.join(' or ')}, got '${String(data.filter_macros)}'`);
    config.filterMacros = data.filter_macros as FilterMacroMode;
  }
  if (Array.isArray(data.suppress)) {
    for (const s of data.suppress as Array<Record<string, unknown>>) {
      if (s && typeof s.detection === 'string' && typeof s.rule === 'string') config.suppress.push({ detection: s.detection, rule: s.rule });
    }
  }
  return config;
}

/** Parses a CLI `--mirror PREFIX=TARGET` value (TARGET resolved against the cwd when a path). */
export function parseMirrorFlag(value: string): MirrorRule {
  // The prefix is a URL, so split at the last '=' that is followed by a path or URL.
  const idx = value.lastIndexOf('=');
  if (idx <= 0) throw new Error(`--mirror expects PREFIX=DIR_OR_URL, got '${value}'`);
  const prefix = value.slice(0, idx);
  const target = value.slice(idx + 1);
  return { prefix, target: /^https?:\/\//.test(target) || isAbsolute(target) ? target : resolve(target) };
}

/** `90`, `90s`, `5m`, `500ms` → milliseconds (a bare number is seconds); undefined when not a duration. */
export function parseDuration(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/i.exec(text);
  if (!m) return undefined;
  const unit = (m[2] ?? 's').toLowerCase();
  return Math.round(Number(m[1]) * (unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000));
}
