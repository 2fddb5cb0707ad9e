/** Mirror rules (to a directory and to a base URL), --no-mirror, and content-relative paths. */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyMirrors,
  clearResolveMemo,
  DatasetError,
  lfsMediaUrl,
  parseLfsPointer,
  resolveDataset,
  type Fetcher,
  type ResolveOptions,
} from '../../harness/datasets/index.js';
import { fastFetcher, serveBody, startServer, tempDir, type TestServer } from './server.js';

const PREFIX = 'https://media.githubusercontent.com/media/splunk/attack_data/master/';
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

let server: TestServer | undefined;
let dir: { path: string; remove(): Promise<void> };
let fetcher: Fetcher;
let cacheDir: string;
let mirrorDir: string;

beforeEach(async () => {
  clearResolveMemo();
  dir = await tempDir();
  cacheDir = join(dir.path, 'cache');
  mirrorDir = join(dir.path, 'attack_data');
  await mkdir(join(mirrorDir, 'datasets', 'T1'), { recursive: true });
  fetcher = fastFetcher();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await fetcher.close();
  await dir.remove();
});

const opts = (extra: Partial<ResolveOptions> = {}): ResolveOptions => ({ contentRoot: dir.path, mirrors: [], cacheDir, fetcher, ...extra });

describe('applyMirrors', () => {
  it('maps a URL under a prefix to a file in the directory, longest prefix first', () => {
    const rules = [
      { prefix: PREFIX, target: '/data/all' },
      { prefix: PREFIX + 'datasets/special/', target: '/data/special' },
    ];
    expect(applyMirrors(PREFIX + 'datasets/T1/a.log', rules)).toMatchObject({ kind: 'dir', path: '/data/all/datasets/T1/a.log' });
    expect(applyMirrors(PREFIX + 'datasets/special/b.log', rules)).toMatchObject({ kind: 'dir', path: '/data/special/b.log' });
    expect(applyMirrors('https://elsewhere.example/x.log', rules)).toBeUndefined();
  });

  it('decodes percent-escapes and refuses paths that climb out of the directory', () => {
    const rules = [{ prefix: PREFIX, target: '/data/all' }];
    expect(applyMirrors(PREFIX + 'datasets/a%20b.log', rules)).toMatchObject({ path: '/data/all/datasets/a b.log' });
    expect(applyMirrors(PREFIX + '..%2F..%2Fetc%2Fpasswd', rules)).toBeUndefined();
  });

  it('rewrites to a base URL', () => {
    const rules = [{ prefix: PREFIX, target: 'http://127.0.0.1:9/mirror/' }];
    expect(applyMirrors(PREFIX + 'datasets/a.log?x=1', rules)).toMatchObject({ kind: 'url', url: 'http://127.0.0.1:9/mirror/datasets/a.log' });
  });
});

describe('resolving through mirrors', () => {
  it('reads a directory mirror in place (no copy, no request) and memoises its hash', async () => {
    const file = join(mirrorDir, 'datasets', 'T1', 'sysmon.log');
    await writeFile(file, 'mirrored event\n');
    const got = await resolveDataset(PREFIX + 'datasets/T1/sysmon.log', opts({ mirrors: [{ prefix: PREFIX, target: mirrorDir }] }));
    expect(got).toMatchObject({ origin: 'mirror', path: file, sha256: sha('mirrored event\n') });
    expect(await readdir(join(cacheDir, 'local'))).toHaveLength(1);
    expect(await readdir(join(cacheDir, 'objects')).catch(() => [])).toEqual([]);
  });

  it('uses the memoised hash while (size, mtime) are unchanged, and rehashes after a change', async () => {
    const file = join(mirrorDir, 'datasets', 'T1', 'memo.log');
    await writeFile(file, 'AAAA\n');
    const when = new Date('2024-01-01T00:00:00Z');
    await utimes(file, when, when);
    const ref = PREFIX + 'datasets/T1/memo.log';
    const o = opts({ mirrors: [{ prefix: PREFIX, target: mirrorDir }] });
    expect((await resolveDataset(ref, o)).sha256).toBe(sha('AAAA\n'));
    // Same size and mtime, different bytes: the memo answers (proving no rehash happened).
    await writeFile(file, 'BBBB\n');
    await utimes(file, when, when);
    clearResolveMemo();
    expect((await resolveDataset(ref, o)).sha256).toBe(sha('AAAA\n'));
    // A new mtime invalidates the memo.
    await utimes(file, new Date(), new Date());
    clearResolveMemo();
    expect((await resolveDataset(ref, o)).sha256).toBe(sha('BBBB\n'));
  });

  it('reports a mirror file that is itself an LFS pointer as lfs-pointer', async () => {
    const file = join(mirrorDir, 'datasets', 'T1', 'lfs.log');
    await writeFile(file, 'version https://git-lfs.github.com/spec/v1\noid sha256:' + 'b'.repeat(64) + '\nsize 99\n');
    const err = await resolveDataset(PREFIX + 'datasets/T1/lfs.log', opts({ mirrors: [{ prefix: PREFIX, target: mirrorDir }] })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect((err as DatasetError).code).toBe('lfs-pointer');
    expect((err as DatasetError).message).toContain(PREFIX + 'datasets/T1/lfs.log');
    expect((err as DatasetError).message).toContain(file);
  });

  it('falls through to a download when the mirror directory lacks the file', async () => {
    server = await startServer({ '/datasets/T1/absent.log': (req, res) => serveBody(req, res, Buffer.from('from server\n')) });
    // The content URL points at the test server; the mirror rule covers it but has no such file.
    const ref = server.url('/datasets/T1/absent.log');
    const got = await resolveDataset(ref, opts({ mirrors: [{ prefix: server.base + '/', target: mirrorDir }] }));
    expect(got.origin).toBe('download');
  });

  it('ignores mirrors with noMirror', async () => {
    await writeFile(join(mirrorDir, 'datasets', 'T1', 'n.log'), 'mirror copy\n');
    server = await startServer({ '/datasets/T1/n.log': (req, res) => serveBody(req, res, Buffer.from('server copy\n')) });
    const got = await resolveDataset(server.url('/datasets/T1/n.log'), opts({ mirrors: [{ prefix: server.base + '/', target: mirrorDir }], noMirror: true }));
    expect(got.origin).toBe('download');
    expect(await readFile(got.path, 'utf8')).toBe('server copy\n');
  });

  it('downloads from a base-URL mirror, caching under the original URL', async () => {
    server = await startServer({ '/mirror/datasets/T1/remote.log': (req, res) => serveBody(req, res, Buffer.from('via mirror\n')) });
    const ref = PREFIX + 'datasets/T1/remote.log';
    const mirrors = [{ prefix: PREFIX, target: server.url('/mirror/') }];
    const got = await resolveDataset(ref, opts({ mirrors }));
    expect(got.origin).toBe('mirror');
    expect(await readFile(got.path, 'utf8')).toBe('via mirror\n');
    clearResolveMemo();
    // Offline afterwards, the cached copy answers for the original URL.
    const offline = await resolveDataset(ref, opts({ offline: true }));
    expect(offline).toMatchObject({ origin: 'cache', sha256: got.sha256 });
  });

  it('offline, a directory mirror still serves', async () => {
    await writeFile(join(mirrorDir, 'datasets', 'T1', 'off.log'), 'here\n');
    const got = await resolveDataset(PREFIX + 'datasets/T1/off.log', opts({ offline: true, mirrors: [{ prefix: PREFIX, target: mirrorDir }] }));
    expect(got.origin).toBe('mirror');
  });
});

describe('other URL schemes', () => {
  it('serves any scheme through a directory mirror, and says what to do without one', async () => {
    await writeFile(join(mirrorDir, 'x.log'), 'bucket copy\n');
    const got = await resolveDataset('s3://bucket/x.log', opts({ mirrors: [{ prefix: 's3://bucket/', target: mirrorDir }] }));
    expect(got.origin).toBe('mirror');
    const err = (await resolveDataset('s3://bucket/y.log', opts()).catch((e: unknown) => e)) as DatasetError;
    expect(err.code).toBe('not-found');
    expect(err.message).toMatch(/only http\(s\) URLs can be downloaded.*--mirror/);
  });

  it('rejects a malformed URL with invalid-url', async () => {
    const err = (await resolveDataset('https://exa mple.org/x.log', opts()).catch((e: unknown) => e)) as DatasetError;
    expect(err.code).toBe('invalid-url');
  });
});

describe('content-relative paths', () => {
  it('reads a path relative to the content root in place', async () => {
    await mkdir(join(dir.path, 'data'), { recursive: true });
    await writeFile(join(dir.path, 'data', 'local.log'), 'local\n');
    const got = await resolveDataset('data/local.log', opts());
    expect(got).toMatchObject({ origin: 'local', path: join(dir.path, 'data', 'local.log'), sha256: sha('local\n') });
  });

  it('names the path it looked for when the file is missing', async () => {
    const err = (await resolveDataset('data/nope.log', opts()).catch((e: unknown) => e)) as DatasetError;
    expect(err.code).toBe('not-found');
    expect(err.message).toContain(join(dir.path, 'data', 'nope.log'));
  });
});

describe('LFS helpers', () => {
  it('parses a pointer and ignores data that merely mentions the spec', () => {
    expect(parseLfsPointer(Buffer.from('version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 12\n'))).toEqual({ oid: 'sha256:abc', size: 12 });
    expect(parseLfsPointer(Buffer.from('<Event>version https://git-lfs.github.com/spec/v1</Event>'))).toBeUndefined();
  });

  it('derives the media URL from raw and blob GitHub URLs', () => {
    expect(lfsMediaUrl('https://raw.githubusercontent.com/splunk/attack_data/master/datasets/a.log')).toBe(
      'https://media.githubusercontent.com/media/splunk/attack_data/master/datasets/a.log',
    );
    expect(lfsMediaUrl('https://github.com/splunk/attack_data/raw/master/datasets/a.log')).toBe(
      'https://media.githubusercontent.com/media/splunk/attack_data/master/datasets/a.log',
    );
    expect(lfsMediaUrl(PREFIX + 'datasets/a.log')).toBeUndefined();
  });
});
