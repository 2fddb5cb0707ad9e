/**
 * Cache upkeep behind `spl-harness cache verify | prune`: rehash everything stored, and drop
 * what nothing refers to any more. Both are safe while another process uses the cache: an
 * object is only removed when it is corrupt or unreferenced, and temp files only when stale.
 */
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type DatasetCache, type CacheEntry } from './cache.js';
import { hashFile } from './hash.js';

export interface VerifyReport {
  objects: number;
  extracted: number;
  /** What was found wrong (and removed, so that the next resolve fetches it again). */
  problems: string[];
}

/** Rehashes every object and every extracted file; removes what does not match. */
export async function verifyCache(cache: DatasetCache): Promise<VerifyReport> {
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
  return { objects: objects.length, extracted: extracted.length, problems };
}

export interface PruneOptions {
  /** Also forget index entries not fetched or revalidated for this many days. */
  olderThanDays?: number;
  /** Temp files older than this are leftovers of a crashed process (default 1 hour). */
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
  const staleMs = opts.staleTmpMs ?? 3_600_000;
  for (const tmp of await cache.listTmp()) {
    if (now - tmp.mtimeMs < staleMs) continue;
    await rm(tmp.path, { recursive: true, force: true });
    report.tmp++;
  }
  return report;
}
