/**
 * Cache upkeep touches only the cache (issue 19, item 7): the cache writes a CACHEDIR.TAG marker
 * (https://bford.info/cachedir/) when it first writes; `cache verify` and `cache prune` refuse
 * (exit 2) a folder without it, and only look at names the cache gives its files, so
 * `prune --cache-dir /` cannot delete what else lies in /tmp. A partial download left by an
 * interrupted run is reported by verify and removed by prune.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run as cacheCmd } from '../../harness/cli/commands/cache.js';
import { DatasetCache, NotACacheError, pruneCache, verifyCache } from '../../harness/datasets/index.js';

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'spl-harness-cachemark-'));
  dirs.push(d);
  return d;
}

async function capture(fn: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((out += String(c)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((err += String(c)), true));
  try {
    return { code: await fn(), out, err };
  } finally {
    vi.restoreAllMocks();
  }
}

/** A process id that was just in use and is not any more. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid!;
}

function writeOld(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  const old = new Date(Date.now() - 30 * 86_400_000);
  utimesSync(path, old, old);
}

describe('the cache marker', () => {
  it('is written with the first file the cache writes', async () => {
    const root = join(tempDir(), 'cache');
    const cache = new DatasetCache(root);
    expect(await cache.isMarked()).toBe(false);
    await cache.putEntry({ url: 'https://example.invalid/a.log', sha256: 'a'.repeat(64), size: 1, fetchedAt: new Date().toISOString() });
    expect(readFileSync(join(root, 'CACHEDIR.TAG'), 'utf8')).toMatch(/^Signature: 8a477f597d28d172789f06886806bc55\n.*spl-harness/);
    expect(await cache.isMarked()).toBe(true);
  });

  it('verify and prune refuse a folder without it (exit 2) and delete nothing, even what looks like a cache file', async () => {
    const root = tempDir();
    const unrelated = join(root, 'tmp', 'someone-elses-file.txt');
    const lookalike = join(root, 'tmp', `download-${deadPid()}-0123456789ab`);
    writeOld(unrelated, 'keep me');
    writeOld(lookalike, 'keep me too');
    // Another program's cache tag is not ours either.
    writeFileSync(join(root, 'CACHEDIR.TAG'), 'Signature: 8a477f597d28d172789f06886806bc55\n# made by another tool\n');
    for (const action of ['prune', 'verify']) {
      const r = await capture(() => cacheCmd([action, '--cache-dir', root]));
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/is not a spl-harness dataset cache \(it has no CACHEDIR\.TAG written by spl-harness\); refusing/);
    }
    await expect(pruneCache(new DatasetCache(root))).rejects.toBeInstanceOf(NotACacheError);
    expect(existsSync(unrelated) && existsSync(lookalike)).toBe(true);
  });

  it('prune in a marked cache leaves files it did not name alone', async () => {
    const root = tempDir();
    const cache = new DatasetCache(root);
    await cache.tmpPath('json'); // marks the folder
    const foreign = [
      join(root, 'tmp', 'notes.txt'),
      join(root, 'tmp', 'download-partial'),
      join(root, 'objects', 'zz', 'foreign.bin'),
      join(root, 'objects', 'ab', 'c'.repeat(64)),
      join(root, 'local', 'memo.json'),
      join(root, 'index', 'x.json'),
    ];
    for (const f of foreign) writeOld(f, '{}');
    const r = await capture(() => cacheCmd(['prune', '--cache-dir', root, '--older-than', '0']));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/removed 0 index entries, 0 files, 0 unpacked archives, 0 temp files, 0 stale hash memos/);
    for (const f of foreign) expect(existsSync(f), f).toBe(true);
  });
});

describe('a partial download left by an interrupted run', () => {
  it('is reported by verify (exit 1) and removed by prune; a download in progress is neither', async () => {
    const root = tempDir();
    const cache = new DatasetCache(root);
    const inProgress = await cache.tmpPath('download');
    writeFileSync(inProgress, 'x'.repeat(100));
    const partial = join(root, 'tmp', `download-${deadPid()}-00112233aabb`);
    writeFileSync(partial, 'y'.repeat(2048)); // fresh: only its writer being gone gives it away

    const verify = await capture(() => cacheCmd(['verify', '--cache-dir', root]));
    expect(verify.code).toBe(1);
    expect(verify.out).toMatch(
      /^tmp\/download-\d+-00112233aabb: a partial download \(2\.0 KB\) left by an interrupted run \(process \d+\); `cache prune` removes it$/m,
    );
    expect(verify.out).not.toContain(inProgress.split('/').pop());
    expect(existsSync(partial)).toBe(true); // verify reports; prune removes

    const prune = await capture(() => cacheCmd(['prune', '--cache-dir', root]));
    expect(prune.code).toBe(0);
    expect(prune.err).toMatch(/1 temp files/);
    expect(existsSync(partial)).toBe(false);
    expect(existsSync(inProgress)).toBe(true);
    expect((await verifyCache(cache)).problems).toEqual([]);
  });
});
