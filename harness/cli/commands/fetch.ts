/**
 * `spl-harness fetch`: resolve test datasets ahead of a run (for CI caches and air-gapped use)
 * and print where each file is. Exit 0 when every file resolved, 1 otherwise, with one line
 * per failure naming the URL and the cause; 2 when the command could not run.
 */
import { resolve } from 'node:path';
import { loadConfig, parseMirrorFlag, type MirrorRule } from '../../config.js';
import { loadContent } from '../../content/load.js';
import type { Detection } from '../../content/types.js';
import { fetchAll, type FetchOutcome } from '../../datasets/index.js';
import { createProgress, formatBytes } from '../../datasets/progress.js';
import { missingContentRoot, parseCommandArgs, UsageError, withUsage } from '../args.js';
import { displayPath } from '../../datasets/display-path.js';

const HELP = `usage: spl-harness fetch [options] [URL ...]

Downloads (or finds in a mirror or the cache) the attack data of detection tests and prints
where each file is. With no URL and no --detection, fetches the data of every detection.

options:
  --content DIR        content root (default: .)
  --detection ID       only this detection's data (id, name or file name; repeatable)
  --cache-dir DIR      cache location (default: cache_dir from spl-harness.yml, else
                       $XDG_CACHE_HOME/spl-harness)
  --mirror P=D         serve URLs starting with P from directory or base URL D (repeatable;
                       adds to the mirrors in spl-harness.yml, and wins over them)
  --no-mirror          ignore every mirror rule
  --offline            never use the network; fail for files not in a mirror or the cache
  --config FILE        config file (default: <content>/spl-harness.yml)
  --concurrency N      files fetched at once (default 4)
`;

const OPTIONS = {
  content: { type: 'string' },
  detection: { type: 'string', multiple: true },
  'cache-dir': { type: 'string' },
  mirror: { type: 'string', multiple: true },
  'no-mirror': { type: 'boolean' },
  offline: { type: 'boolean' },
  config: { type: 'string' },
  concurrency: { type: 'string' },
} as const;

/** The `data:` references of the selected detections' tests, in content order, deduplicated. */
export function datasetRefs(detections: readonly Detection[]): string[] {
  const refs = new Set<string>();
  for (const d of detections)
    for (const t of d.tests) for (const a of t.attack_data ?? []) if (typeof a?.data === 'string' && a.data.trim()) refs.add(a.data.trim());
  return [...refs];
}

function selectDetections(all: readonly Detection[], wanted: readonly string[]): Detection[] {
  const picked: Detection[] = [];
  for (const w of wanted) {
    const key = w.toLowerCase().replace(/\.ya?ml$/, '');
    const hit = all.find(
      (d) =>
        d.id.toLowerCase() === key ||
        d.name.toLowerCase() === key ||
        d.file.relPath
          .toLowerCase()
          .replace(/\.ya?ml$/, '')
          .endsWith(key),
    );
    if (!hit) throw new UsageError(`no detection matches '${w}' (give an id, a name or a file name)`);
    picked.push(hit);
  }
  return picked;
}

export async function run(argv: string[]): Promise<number> {
  return withUsage(async () => {
    const parsed = parseCommandArgs(argv, OPTIONS, HELP);
    if (!parsed) return 0;
    const v = parsed.values;
    const contentRoot = resolve((v.content as string | undefined) ?? '.');
    let config;
    try {
      config = loadConfig(contentRoot, v.config as string | undefined);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const cliMirrors: MirrorRule[] = ((v.mirror as string[] | undefined) ?? []).map((m) => {
      try {
        return parseMirrorFlag(m);
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
    });
    const concurrency = v.concurrency === undefined ? undefined : Number(v.concurrency);
    if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1))
      throw new UsageError(`--concurrency expects a positive integer, got '${v.concurrency}'`);

    const wanted = (v.detection as string[] | undefined) ?? [];
    const urls = parsed.positionals;
    let refs: string[] = [...urls];
    if (wanted.length || !urls.length) {
      const missing = missingContentRoot(contentRoot);
      if (missing) {
        process.stderr.write(`spl-harness fetch: ${missing}\n`);
        return 2;
      }
      const content = loadContent(contentRoot);
      const detections = wanted.length ? selectDetections(content.detections, wanted) : content.detections;
      refs.push(...datasetRefs(detections));
    }
    refs = [...new Set(refs)];
    if (!refs.length) {
      process.stderr.write(`spl-harness fetch: no datasets to fetch (no detection tests under ${displayPath(contentRoot)})\n`);
      return 0;
    }

    const progress = createProgress({ totalFiles: refs.length });
    const outcomes = await fetchAll(refs, {
      contentRoot,
      mirrors: [...cliMirrors, ...config.mirrors],
      allowDataDirs: config.allowDataDirs,
      noMirror: v['no-mirror'] === true,
      offline: v.offline === true,
      cacheDir: (v['cache-dir'] as string | undefined) ?? config.cacheDir,
      concurrency,
      onProgress: (e) => progress.onProgress(e),
    });
    progress.finish();
    return report(outcomes);
  });
}

function report(outcomes: FetchOutcome[]): number {
  const byOrigin = new Map<string, number>();
  let bytes = 0;
  for (const o of outcomes) {
    if (o.ok) {
      const d = o.dataset;
      byOrigin.set(d.origin, (byOrigin.get(d.origin) ?? 0) + 1);
      bytes += d.size;
      process.stdout.write(`${d.origin.padEnd(8)}  ${displayPath(d.path)}  ${d.url}\n`);
      for (const extra of d.paths?.slice(1) ?? []) process.stdout.write(`${''.padEnd(8)}  ${displayPath(extra)}\n`);
      for (const w of d.warnings ?? []) process.stderr.write(`warning: ${w}\n`);
    }
  }
  const failures = outcomes.filter((o): o is Extract<FetchOutcome, { ok: false }> => !o.ok);
  for (const f of failures) process.stderr.write(`FAIL ${f.error.code}: ${f.error.message}\n`);
  const origins = [...byOrigin].map(([k, n]) => `${n} ${k}`).join(', ');
  process.stderr.write(
    `fetch: ${outcomes.length - failures.length} of ${outcomes.length} resolved${origins ? ` (${origins})` : ''}, ${formatBytes(bytes)}${failures.length ? `; ${failures.length} failed` : ''}\n`,
  );
  return failures.length ? 1 : 0;
}
