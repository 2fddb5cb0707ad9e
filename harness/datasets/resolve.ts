/**
 * resolveDataset: a test's `data:` value → a local file to read.
 *
 *   path (relative to the content root, or file://)  → read in place              origin 'local'
 *   URL with a mirror rule to a directory holding it → read in place              origin 'mirror'
 *   URL in the verified cache (offline, or 304)      → the cached object          origin 'cache'
 *   URL with a mirror rule to a base URL             → downloaded from there      origin 'mirror'
 *   otherwise                                        → downloaded and cached      origin 'download'
 *
 * Every route checks for a Git LFS pointer and unpacks archives (by extension) into the cache.
 * Files read in place are hashed once per (path, size, mtime), memoised in the cache.
 */
import { rm, stat, mkdir } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { archiveKind, DEFAULT_ARCHIVE_LIMITS, extractArchive } from './archive.js';
import { DatasetCache, defaultCacheDir, type ExtractManifest } from './cache.js';
import { createFetcher, type Fetcher } from './download.js';
import { confineDataPath, refuseEncodedEscape, type DataRoot } from './confine.js';
import { DatasetError, describeError } from './errors.js';
import { lfsPointerError, readLfsPointer } from './lfs.js';
import { applyMirrors } from './mirror.js';
import { displayPath } from './display-path.js';
import type { DatasetOrigin, ResolveOptions, ResolvedDataset } from './types.js';

const isHttpUrl = (s: string) => /^https?:\/\//i.test(s);
/** Any scheme://… other than file: (mirror rules may map s3:// or other prefixes to a folder). */
const isRemoteUrl = (s: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(s) && !/^file:/i.test(s);

let defaultFetcher: Fetcher | undefined;
/** The process-wide fetcher: one connection pool and one concurrency limit for every caller. */
export function sharedFetcher(): Fetcher {
  return (defaultFetcher ??= createFetcher());
}

/**
 * Results already resolved in this process, so a dataset shared by many tests is verified and
 * revalidated once per run, and two concurrent calls for one URL share one download.
 */
const memo = new Map<string, Promise<ResolvedDataset>>();

/** Forgets memoised results (tests, or a long-running process that wants to revalidate). */
export function clearResolveMemo(): void {
  memo.clear();
}

export function resolveDataset(ref: string, opts: ResolveOptions): Promise<ResolvedDataset> {
  const cacheDir = resolve(opts.cacheDir ?? defaultCacheDir());
  const key = JSON.stringify([
    ref,
    cacheDir,
    resolve(opts.contentRoot),
    opts.noMirror ? [] : opts.mirrors,
    opts.allowDataDirs ?? [],
    !!opts.offline,
    !!opts.noRevalidate,
  ]);
  const known = memo.get(key);
  if (known) return known;
  const pending = resolveUncached(ref, { ...opts, cacheDir }).catch((err) => {
    // Failures are not remembered: the next call tries again.
    memo.delete(key);
    throw err;
  });
  memo.set(key, pending);
  return pending;
}

async function resolveUncached(ref: string, opts: ResolveOptions & { cacheDir: string }): Promise<ResolvedDataset> {
  opts.onProgress?.({ type: 'start', url: ref });
  try {
    const resolved = await route(ref, opts, new DatasetCache(opts.cacheDir));
    opts.onProgress?.({ type: 'done', url: ref, origin: resolved.origin, size: resolved.size });
    return resolved;
  } catch (err) {
    const error = err instanceof DatasetError ? err : new DatasetError('cache', ref, `${ref}: ${describeError(err)} (cache ${opts.cacheDir})`, { cause: err });
    opts.onProgress?.({ type: 'fail', url: ref, message: error.message });
    throw error;
  }
}

async function route(ref: string, opts: ResolveOptions & { cacheDir: string }, cache: DatasetCache): Promise<ResolvedDataset> {
  const trimmed = ref.trim();
  if (!isRemoteUrl(trimmed)) {
    refuseEncodedEscape(trimmed);
    const path = /^file:/i.test(trimmed) ? fileURLToPath(trimmed) : isAbsolute(trimmed) ? trimmed : resolve(opts.contentRoot, trimmed);
    if (!(await isFile(path))) {
      throw new DatasetError(
        'not-found',
        ref,
        `${ref}: data file not found at ${path} (relative paths are read from the content root ${resolve(opts.contentRoot)})`,
      );
    }
    return serveInPlace(ref, await confineDataPath(ref, path, dataRoots(opts)), 'local', cache, opts);
  }

  if (!URL.canParse(trimmed)) throw new DatasetError('invalid-url', ref, `'${ref}' is not a valid URL`);
  const mirror = opts.noMirror ? undefined : applyMirrors(trimmed, opts.mirrors);
  if (mirror?.kind === 'dir' && (await isFile(mirror.path))) {
    return serveInPlace(ref, await confineDataPath(ref, mirror.path, dataRoots(opts)), 'mirror', cache, opts);
  }
  if (!isHttpUrl(trimmed) && mirror?.kind !== 'url') {
    throw new DatasetError(
      'not-found',
      ref,
      `${ref}: only http(s) URLs can be downloaded; add a --mirror mapping this prefix to a folder or an http(s) base URL`,
    );
  }
  const fetchUrl = mirror?.kind === 'url' ? mirror.url : trimmed;
  const fetchedOrigin: DatasetOrigin = mirror?.kind === 'url' ? 'mirror' : 'download';
  const warnings: string[] = [];

  const entry = await cache.getEntry(trimmed);
  const cachedPath = entry ? await cache.verifiedObject(entry.sha256, entry.size) : undefined;
  if (entry && !cachedPath) {
    await cache.deleteEntry(trimmed);
    warnings.push(`the cached copy of ${ref} was missing or corrupt; it was fetched again`);
  }

  if (opts.offline) {
    if (cachedPath && entry) return finish(ref, cachedPath, entry.sha256, entry.size, 'cache', cache, opts, warnings);
    const looked = mirror?.kind === 'dir' ? `not in the mirror ${displayPath(mirror.rule.target)}, nor ` : '';
    throw new DatasetError(
      'offline-unavailable',
      ref,
      `${ref}: not available offline: ${looked}in the cache ${displayPath(cache.root)}${entry ? ' (the cached copy was corrupt)' : ''}; run \`spl-harness fetch\` while online, or add --mirror PREFIX=DIR pointing at a copy`,
    );
  }
  if (cachedPath && entry && opts.noRevalidate) return finish(ref, cachedPath, entry.sha256, entry.size, 'cache', cache, opts, warnings);

  const fetcher = opts.fetcher ?? sharedFetcher();
  const tmp = await cache.tmpPath('download');
  try {
    let result;
    try {
      result = await fetcher.download({
        url: fetchUrl,
        dest: tmp,
        displayUrl: fetchUrl === trimmed ? ref : `${ref} (via ${fetchUrl})`,
        progressUrl: ref,
        etag: cachedPath ? entry?.etag : undefined,
        lastModified: cachedPath ? entry?.lastModified : undefined,
        signal: opts.signal,
        onProgress: opts.onProgress,
      });
    } catch (err) {
      // Stale beats nothing: a verified copy is still the bytes the test was written against.
      if (cachedPath && entry && !(err instanceof DatasetError && err.code === 'aborted')) {
        warnings.push(`could not revalidate ${ref} (${describeError(err)}); using the cached copy from ${entry.fetchedAt}`);
        return finish(ref, cachedPath, entry.sha256, entry.size, 'cache', cache, opts, warnings);
      }
      throw err;
    }
    if (result.status === 'not-modified') {
      if (!cachedPath || !entry) throw new DatasetError('http', ref, `${ref}: server answered 304 Not Modified to an unconditional request`);
      await cache.putEntry({ ...entry, fetchedAt: new Date().toISOString() });
      return finish(ref, cachedPath, entry.sha256, entry.size, 'cache', cache, opts, warnings);
    }
    const pointer = await readLfsPointer(tmp, result.size);
    if (pointer) throw lfsPointerError(trimmed, pointer, fetchUrl);
    const objectPath = await cache.storeObject(tmp, result.sha256);
    await cache.putEntry({
      url: trimmed,
      sha256: result.sha256,
      size: result.size,
      etag: result.etag,
      lastModified: result.lastModified,
      fetchedAt: new Date().toISOString(),
      ...(fetchUrl !== trimmed ? { source: fetchUrl } : {}),
    });
    return finish(ref, objectPath, result.sha256, result.size, fetchedOrigin, cache, opts, warnings);
  } finally {
    await rm(tmp, { force: true });
  }
}

/** The directories a local dataset may be read from: the content root, mirror directories, allow_data_dirs. */
function dataRoots(opts: ResolveOptions): DataRoot[] {
  const mirrors = opts.noMirror ? [] : opts.mirrors.filter((m) => !isRemoteUrl(m.target) && !isHttpUrl(m.target));
  return [
    { dir: opts.contentRoot, what: 'the content root' },
    ...mirrors.map((m) => ({ dir: m.target, what: 'the mirror directory' })),
    ...(opts.allowDataDirs ?? []).map((dir) => ({ dir, what: 'allow_data_dirs' })),
  ];
}

/** A local file (content-relative or in a mirror directory): checked and hashed, never copied. */
async function serveInPlace(ref: string, path: string, origin: DatasetOrigin, cache: DatasetCache, opts: ResolveOptions): Promise<ResolvedDataset> {
  const { size } = await stat(path);
  const pointer = await readLfsPointer(path, size);
  if (pointer) throw lfsPointerError(ref, pointer, path);
  const hashed = await cache.localHash(path);
  return finish(ref, path, hashed.sha256, hashed.size, origin, cache, opts, []);
}

/** Unpacks an archive (once per content hash, shared by every process) or returns the file. */
async function finish(
  ref: string,
  path: string,
  sha256: string,
  size: number,
  origin: DatasetOrigin,
  cache: DatasetCache,
  opts: ResolveOptions,
  warnings: string[],
): Promise<ResolvedDataset> {
  const base = { url: ref, sha256, size, origin, ...(warnings.length ? { warnings } : {}) };
  const kind = archiveKind(isRemoteUrl(ref.trim()) ? new URL(ref.trim()).pathname : path);
  if (!kind) return { ...base, path };
  const manifest = (await cache.extracted(sha256)) ?? (await unpack(ref, path, sha256, kind, cache, opts));
  const files = manifest.files.map((f) => f.path).sort();
  if (!files.length)
    throw new DatasetError(
      'corrupt-archive',
      ref,
      `${ref}: the archive holds no files${manifest.skipped.length ? ` (skipped: ${manifest.skipped.join(', ')})` : ''}`,
    );
  const dir = cache.extractedDir(sha256);
  const paths = files.map((f) => join(dir, f));
  return { ...base, path: paths[0], paths };
}

async function unpack(
  ref: string,
  archivePath: string,
  sha256: string,
  kind: NonNullable<ReturnType<typeof archiveKind>>,
  cache: DatasetCache,
  opts: ResolveOptions,
): Promise<ExtractManifest> {
  const tmpDir = await cache.tmpPath('extract');
  await mkdir(tmpDir, { recursive: true });
  try {
    const limits = { ...DEFAULT_ARCHIVE_LIMITS, ...opts.archiveLimits };
    const { files, skipped } = await extractArchive(archivePath, kind, tmpDir, isRemoteUrl(ref.trim()) ? ref.trim() : archivePath, limits);
    const manifest: ExtractManifest = { archive: sha256, kind, files, skipped };
    await cache.publishExtracted(tmpDir, manifest);
    return (await cache.extracted(sha256)) ?? manifest;
  } finally {
    await rm(tmpDir, { recursive: true, force: true });
  }
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}
