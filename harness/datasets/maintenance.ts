/**
 * Cache upkeep behind `spl-harness cache verify | prune`: rehash everything stored, and drop
 * what nothing refers to any more. Both are safe while another process uses the cache: an
 * object is only removed when it is corrupt or unreferenced, and temp files only when the process
 * writing them is gone (or they are stale). Both refuse a folder without the cache's marker, and
 * only ever look at names the cache gives its files: `cache prune --cache-dir /` must not
 * delete whatever lies in /tmp.
 */
import { rm, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { CACHE_MARKER, type DatasetCache, type CacheEntry, type TmpFile } from './cache.js';
import { formatBytes } from './progress.js';
import { hashFile } from './hash.js';

/** The folder is not one the cache made: upkeep refuses to touch it. */
export class NotACacheError extends Error {
  constructor(readonly root: string) {
    super(
      `${root} is not a spl-harness dataset cache (it has no ${CACHE_MARKER} written by spl-harness); refusing to verify or prune it. Check --cache-dir; a cache gets its marker on its first download.`,
    );
    this.name = 'NotACacheError';
  }
}

async function assertCache(cache: DatasetCache): Promise<void> {
  if (!(await cache.isMarked())) throw new NotACacheError(cache.root);
}

/** Whether a process with this id runs on this host (EPERM: it does, as another user). */
function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Temp files nobody will finish: their writer is gone (a killed or crashed run), or they are older
 * than `staleMs` (a cache shared between hosts, where a process id says nothing).
 */
async function abandonedTmp(cache: DatasetCache, now: number, staleMs: number): Promise<TmpFile[]> {
  return (await cache.listTmp()).filter((t) => !processAlive(t.pid) || now - t.mtimeMs >= staleMs);
}

const DEFAULT_STALE_TMP_MS = 3_600_000;

export interface VerifyReport {
  objects: number;
  extracted: number;
  /** What was found wrong (and removed, so that the next resolve fetches it again). */
  problems: string[];
}

/**
 * Rehashes every object and every extracted file; removes what does not match. Partial files of
 * interrupted downloads are reported (prune removes them: verify leaves tmp/ alone).
 */
export async function verifyCache(cache: DatasetCache, opts: { staleTmpMs?: number; now?: number } = {}): Promise<VerifyReport> {
  await assertCache(cache);
  const problems: string[] = [];
  const objects = await cache.listObjects();
  for (const obj of objects) {
    const { sha256 } = await hashFile(obj.path);
    if (sha256 !== obj.sha256) {
      problems.push(`object ${obj.sha256} is corrupt (hashes to ${sha256}); removed`);
      await rm(obj.path, { force: true });
    }
  }
  const entries = await cache.listEntries();
  const present = new Set((await cache.listObjects()).map((o) => o.sha256));
  for (const entry of entries) {
    if (!present.has(entry.sha256)) problems.push(`${entry.url}: its object ${entry.sha256.slice(0, 12)}… is missing; it will be fetched again`);
  }
  const extracted = await cache.listExtracted();
  for (const sha of extracted) {
    const manifest = await cache.readManifest(sha);
    const dir = cache.extractedDir(sha);
    let bad: string | undefined = manifest ? undefined : 'has no manifest';
    for (const file of manifest?.files ?? []) {
      if (bad) break;
      const actual = await hashFile(join(dir, file.path)).catch(() => undefined);
      if (!actual) bad = `is missing ${file.path}`;
      else if (actual.sha256 !== file.sha256) bad = `has a corrupt ${file.path}`;
    }
    if (bad) {
      problems.push(`extracted archive ${sha.slice(0, 12)}… ${bad}; removed (it is unpacked again on next use)`);
      await rm(dir, { recursive: true, force: true });
    }
  }
  for (const t of await abandonedTmp(cache, opts.now ?? Date.now(), opts.staleTmpMs ?? DEFAULT_STALE_TMP_MS)) {
    const what = t.kind === 'download' ? 'a partial download' : t.kind === 'extract' ? 'a half-unpacked archive' : 'an unfinished index file';
    problems.push(
      `${relative(cache.root, t.path)}: ${what} (${formatBytes(t.size)}) left by an interrupted run (process ${t.pid}); \`cache prune\` removes it`,
    );
  }
  return { objects: objects.length, extracted: extracted.length, problems };
}

export interface PruneOptions {
  /** Also forget index entries not fetched or revalidated for this many days. */
  olderThanDays?: number;
  /** Temp files older than this are leftovers even when their process id is in use (default 1 hour). */
  staleTmpMs?: number;
  now?: number;
}

export interface PruneReport {
  entries: number;
  objects: number;
  extracted: number;
  tmp: number;
  memos: number;
  freedBytes: number;
}

/** Removes unreferenced objects and unpacked folders, dead index entries, stale temp files. */
export async function pruneCache(cache: DatasetCache, opts: PruneOptions = {}): Promise<PruneReport> {
  await assertCache(cache);
  const now = opts.now ?? Date.now();
  const report: PruneReport = { entries: 0, objects: 0, extracted: 0, tmp: 0, memos: 0, freedBytes: 0 };
  const objects = await cache.listObjects();
  const present = new Set(objects.map((o) => o.sha256));

  const kept: CacheEntry[] = [];
  for (const entry of await cache.listEntries()) {
    const age = now - Date.parse(entry.fetchedAt);
    const tooOld = opts.olderThanDays !== undefined && age > opts.olderThanDays * 86_400_000;
    if (tooOld || !present.has(entry.sha256)) {
      await cache.deleteEntry(entry.url);
      report.entries++;
    } else {
      kept.push(entry);
    }
  }
  const referenced = new Set(kept.map((e) => e.sha256));

  // Archives read in place from a mirror or the content tree are unpacked too: keep those
  // whose source file still has the memoised hash.
  const localHashes = new Set<string>();
  for (const { file, memo } of await cache.listLocalMemos()) {
    const st = memo ? await stat(memo.path).catch(() => undefined) : undefined;
    if (memo && st && st.size === memo.size && st.mtimeMs === memo.mtimeMs) {
      localHashes.add(memo.sha256);
    } else {
      await rm(file, { force: true });
      report.memos++;
    }
  }

  for (const obj of objects) {
    if (referenced.has(obj.sha256)) continue;
    await rm(obj.path, { force: true });
    report.objects++;
    report.freedBytes += obj.size;
  }
  for (const sha of await cache.listExtracted()) {
    if (referenced.has(sha) || localHashes.has(sha)) continue;
    const manifest = await cache.readManifest(sha);
    report.freedBytes += (manifest?.files ?? []).reduce((n, f) => n + f.size, 0);
    await rm(cache.extractedDir(sha), { recursive: true, force: true });
    report.extracted++;
  }
  for (const tmp of await abandonedTmp(cache, now, opts.staleTmpMs ?? DEFAULT_STALE_TMP_MS)) {
    await rm(tmp.path, { recursive: true, force: true });
    report.tmp++;
    report.freedBytes += tmp.size;
  }
  return report;
}
