/**
 * `spl-harness cache ls | verify | prune`: look inside the dataset cache, rehash it, or drop
 * what is no longer referenced.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../../config.js';
import { DatasetCache, defaultCacheDir, pruneCache, verifyCache } from '../../datasets/index.js';
import { formatBytes } from '../../datasets/progress.js';
import { parseCommandArgs, UsageError, withUsage } from '../args.js';

const HELP = `usage: spl-harness cache <ls | verify | prune> [options]

  ls       list cached URLs with hash, size and fetch time
  verify   rehash every cached file; remove corrupt ones (fetched again on next use);
           exit 1 when something was wrong
  prune    remove files no URL refers to, extracted archives of removed files, and
           temp files left by crashed runs

options:
  --cache-dir DIR      cache location (default: cache_dir from spl-harness.yml, else
                       $XDG_CACHE_HOME/spl-harness)
  --content DIR        where to look for spl-harness.yml (default: .)
  --config FILE        config file
  --older-than DAYS    prune: also forget URLs not fetched or revalidated for DAYS days
`;

const OPTIONS = {
  'cache-dir': { type: 'string' },
  content: { type: 'string' },
  config: { type: 'string' },
  'older-than': { type: 'string' },
} as const;

export async function run(argv: string[]): Promise<number> {
  return withUsage(async () => {
    const parsed = parseCommandArgs(argv, OPTIONS, HELP);
    if (!parsed) return 0;
    const [action, ...extra] = parsed.positionals;
    if (!action) throw new UsageError(`missing action\n\n${HELP}`);
    if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'`);
    const v = parsed.values;
    if (v.content !== undefined && !existsSync(resolve(v.content as string))) {
      process.stderr.write(`spl-harness cache: content directory not found: ${resolve(v.content as string)}\n`);
      return 2;
    }
    let config;
    try {
      config = loadConfig(resolve((v.content as string | undefined) ?? '.'), v.config as string | undefined);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const root = (v['cache-dir'] as string | undefined) ?? config.cacheDir ?? defaultCacheDir();
    const cache = new DatasetCache(root);
    if (!existsSync(cache.root)) {
      process.stderr.write(`cache: ${cache.root} does not exist yet (nothing cached)\n`);
      return 0;
    }
    switch (action) {
      case 'ls':
        return list(cache);
      case 'verify': {
        const r = await verifyCache(cache);
        for (const p of r.problems) process.stdout.write(`${p}\n`);
        process.stderr.write(
          `cache verify: ${r.objects} files, ${r.extracted} unpacked archives in ${cache.root}: ${r.problems.length ? `${r.problems.length} problem(s)` : 'all good'}\n`,
        );
        return r.problems.length ? 1 : 0;
      }
      case 'prune': {
        const days = v['older-than'] === undefined ? undefined : Number(v['older-than']);
        if (days !== undefined && !(days >= 0)) throw new UsageError(`--older-than expects a number of days, got '${v['older-than']}'`);
        const r = await pruneCache(cache, { olderThanDays: days });
        process.stderr.write(
          `cache prune: removed ${r.entries} index entries, ${r.objects} files, ${r.extracted} unpacked archives, ${r.tmp} temp files, ${r.memos} stale hash memos; freed ${formatBytes(r.freedBytes)}\n`,
        );
        return 0;
      }
      default:
        throw new UsageError(`unknown action '${action}' (expected ls, verify or prune)`);
    }
  });
}

async function list(cache: DatasetCache): Promise<number> {
  const entries = await cache.listEntries();
  const objects = new Map((await cache.listObjects()).map((o) => [o.sha256, o]));
  for (const e of entries) {
    const missing = objects.has(e.sha256) ? '' : '  (file missing)';
    process.stdout.write(`${e.sha256.slice(0, 12)}  ${formatBytes(e.size).padStart(9)}  ${e.fetchedAt}  ${e.url}${missing}\n`);
  }
  const total = [...objects.values()].reduce((n, o) => n + o.size, 0);
  process.stderr.write(`cache: ${entries.length} URLs, ${objects.size} files, ${formatBytes(total)} in ${cache.root}\n`);
  return 0;
}
