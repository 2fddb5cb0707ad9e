/**
 * resolveDataset over a real HTTP server on 127.0.0.1: plain download, the verified cache,
 * conditional revalidation, and every fault the issue lists (resets, timeouts, 5xx, 429, 404,
 * short bodies, LFS pointers, offline).
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  clearResolveMemo,
  DatasetCache,
  DatasetError,
  resolveDataset,
  type Fetcher,
  type ProgressEvent,
  type ResolveOptions,
} from '../../harness/datasets/index.js';
import { bytes, fastFetcher, serveBody, startServer, tempDir, type TestServer } from './server.js';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

let server: TestServer | undefined;
let cache: { path: string; remove(): Promise<void> };
let fetcher: Fetcher;

beforeEach(async () => {
  clearResolveMemo();
  cache = await tempDir();
  fetcher = fastFetcher();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await fetcher.close();
  await cache.remove();
});

const opts = (extra: Partial<ResolveOptions> = {}): ResolveOptions => ({ contentRoot: cache.path, mirrors: [], cacheDir: cache.path, fetcher, ...extra });

async function expectError(p: Promise<unknown>, code: string): Promise<DatasetError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected a DatasetError with code ${code}`).toBeInstanceOf(DatasetError);
  expect((err as DatasetError).code).toBe(code);
  return err as DatasetError;
}

describe('plain downloads and the cache', () => {
  it('downloads a file, stores it by SHA-256 and indexes the URL', async () => {
    const body = bytes(300_000);
    server = await startServer({ '/a.log': (req, res) => serveBody(req, res, body, { etag: '"v1"' }) });
    const events: ProgressEvent[] = [];
    const got = await resolveDataset(server.url('/a.log'), opts({ onProgress: (e) => events.push(e) }));
    expect(got.origin).toBe('download');
    expect(got.sha256).toBe(sha(body));
    expect(got.size).toBe(body.length);
    expect(got.path).toBe(join(cache.path, 'objects', got.sha256.slice(0, 2), got.sha256));
    expect(Buffer.compare(await readFile(got.path), body)).toBe(0);
    const entry = await new DatasetCache(cache.path).getEntry(server.url('/a.log'));
    expect(entry).toMatchObject({ sha256: sha(body), size: body.length, etag: '"v1"' });
    expect(events.map((e) => e.type)).toContain('bytes');
    expect(events.at(-1)).toMatchObject({ type: 'done', origin: 'download' });
    // No temp file is left behind.
    expect(await readdir(join(cache.path, 'tmp'))).toEqual([]);
  });

  it('revalidates with If-None-Match and serves the cached copy on 304', async () => {
    const body = Buffer.from('event one\nevent two\n');
    server = await startServer({
      '/b.log': (req, res) => {
        if (req.headers['if-none-match'] === '"b1"') {
          res.statusCode = 304;
          res.end();
        } else serveBody(req, res, body, { etag: '"b1"' });
      },
    });
    const first = await resolveDataset(server.url('/b.log'), opts());
    clearResolveMemo();
    const second = await resolveDataset(server.url('/b.log'), opts());
    expect(second.origin).toBe('cache');
    expect(second.path).toBe(first.path);
    expect(server.hits('/b.log').map((r) => r.headers['if-none-match'])).toEqual([undefined, '"b1"']);
  });

  it('keeps a retried revalidation conditional: 500, then 304, serves the cache', async () => {
    const body = Buffer.from('stable\n');
    server = await startServer({
      '/r.log': (req, res, n) => {
        if (n === 1) return serveBody(req, res, body, { etag: '"r"' });
        if (n === 2) {
          res.statusCode = 500;
          return void res.end();
        }
        if (req.headers['if-none-match'] === '"r"') {
          res.statusCode = 304;
          return void res.end();
        }
        serveBody(req, res, body, { etag: '"r"' });
      },
    });
    await resolveDataset(server.url('/r.log'), opts());
    clearResolveMemo();
    const again = await resolveDataset(server.url('/r.log'), opts());
    expect(again.origin).toBe('cache');
    expect(server.hits('/r.log').map((r) => r.headers['if-none-match'])).toEqual([undefined, '"r"', '"r"']);
  });

  it('revalidates with If-Modified-Since when there is no ETag, and takes a changed file on 200', async () => {
    const lastModified = 'Wed, 21 Oct 2015 07:28:00 GMT';
    let body = Buffer.from('old\n');
    server = await startServer({ '/c.log': (req, res) => serveBody(req, res, body, { lastModified }) });
    await resolveDataset(server.url('/c.log'), opts());
    clearResolveMemo();
    body = Buffer.from('new content\n');
    const second = await resolveDataset(server.url('/c.log'), opts());
    expect(server.hits('/c.log')[1].headers['if-modified-since']).toBe(lastModified);
    expect(second.origin).toBe('download');
    expect(await readFile(second.path, 'utf8')).toBe('new content\n');
  });

  it('memoises within a process: one request for two resolves of the same URL', async () => {
    server = await startServer({ '/m.log': (req, res) => serveBody(req, res, Buffer.from('x\n')) });
    const [a, b] = await Promise.all([resolveDataset(server.url('/m.log'), opts()), resolveDataset(server.url('/m.log'), opts())]);
    expect(a).toEqual(b);
    expect(server.hits('/m.log')).toHaveLength(1);
  });

  it('refetches when the cached object is corrupt', async () => {
    const body = bytes(10_000, 7);
    server = await startServer({ '/d.log': (req, res) => serveBody(req, res, body, { etag: '"d"' }) });
    const first = await resolveDataset(server.url('/d.log'), opts());
    await writeFile(first.path, Buffer.concat([body.subarray(0, 5000), Buffer.alloc(5000)]));
    clearResolveMemo();
    const second = await resolveDataset(server.url('/d.log'), opts());
    expect(second.origin).toBe('download');
    expect(second.warnings?.join()).toMatch(/corrupt/);
    // Not a conditional request: the cached copy was not usable.
    expect(server.hits('/d.log')[1].headers['if-none-match']).toBeUndefined();
    expect(sha(await readFile(second.path))).toBe(sha(body));
  });

  it('follows redirects', async () => {
    server = await startServer({
      '/old.log': (_req, res) => {
        res.statusCode = 302;
        res.setHeader('Location', '/new.log');
        res.end();
      },
      '/new.log': (req, res) => serveBody(req, res, Buffer.from('moved\n')),
    });
    const got = await resolveDataset(server.url('/old.log'), opts());
    expect(await readFile(got.path, 'utf8')).toBe('moved\n');
  });
});

describe('faults', () => {
  it('resumes with a Range request after a connection reset mid-body; the cached file is whole', async () => {
    const body = bytes(2_000_000, 3);
    server = await startServer({
      '/big.log': (req, res, n) => {
        if (n === 1) {
          res.setHeader('Content-Length', body.length);
          res.setHeader('ETag', '"big"');
          res.setHeader('Accept-Ranges', 'bytes');
          res.write(body.subarray(0, 700_000), () => setTimeout(() => res.socket?.destroy(), 20));
          return;
        }
        serveBody(req, res, body, { etag: '"big"', ranges: true });
      },
    });
    const got = await resolveDataset(server.url('/big.log'), opts());
    const hits = server.hits('/big.log');
    expect(hits).toHaveLength(2);
    const range = /^bytes=(\d+)-$/.exec(String(hits[1].headers.range));
    expect(range, 'second request resumes with Range').not.toBeNull();
    expect(Number(range![1])).toBeGreaterThan(0);
    expect(hits[1].headers['if-range']).toBe('"big"');
    expect(got.sha256).toBe(sha(body));
    expect(sha(await readFile(got.path))).toBe(sha(body));
  });

  it('restarts from zero after a reset when the server does not support ranges', async () => {
    const body = bytes(1_000_000, 4);
    server = await startServer({
      '/nr.log': (req, res, n) => {
        if (n === 1) {
          res.setHeader('Content-Length', body.length);
          res.write(body.subarray(0, 400_000), () => setTimeout(() => res.socket?.destroy(), 20));
          return;
        }
        serveBody(req, res, body);
      },
    });
    const got = await resolveDataset(server.url('/nr.log'), opts());
    expect(server.hits('/nr.log')[1].headers.range).toBeUndefined();
    expect(sha(await readFile(got.path))).toBe(sha(body));
  });

  it('times out slow headers, then retries', async () => {
    server = await startServer({
      '/slow.log': (req, res, n) => {
        if (n === 1) {
          // Longer than the 1 s headers timeout; the client gives up first.
          setTimeout(() => !res.destroyed && serveBody(req, res, Buffer.from('late\n')), 4000);
          return;
        }
        serveBody(req, res, Buffer.from('on time\n'));
      },
    });
    const retries: ProgressEvent[] = [];
    const got = await resolveDataset(server.url('/slow.log'), opts({ onProgress: (e) => e.type === 'retry' && retries.push(e) }));
    expect(await readFile(got.path, 'utf8')).toBe('on time\n');
    expect(server.hits('/slow.log')).toHaveLength(2);
    expect(retries[0]).toMatchObject({ type: 'retry' });
    expect((retries[0] as { reason: string }).reason).toMatch(/timeout/i);
  });

  it('retries a 500 and succeeds on the following 200', async () => {
    server = await startServer({
      '/flaky.log': (req, res, n) => {
        if (n === 1) {
          res.statusCode = 500;
          res.end('boom');
        } else serveBody(req, res, Buffer.from('ok\n'));
      },
    });
    const got = await resolveDataset(server.url('/flaky.log'), opts());
    expect(await readFile(got.path, 'utf8')).toBe('ok\n');
    expect(server.hits('/flaky.log')).toHaveLength(2);
  });

  it('gives up on a server that keeps failing, naming the status', async () => {
    server = await startServer({
      '/down.log': (_req, res) => {
        res.statusCode = 503;
        res.end();
      },
    });
    const err = await expectError(resolveDataset(server.url('/down.log'), opts()), 'http');
    expect(err.message).toMatch(/503/);
    expect(err.message).toMatch(/gave up after 4 attempts/);
    expect(server.hits('/down.log')).toHaveLength(4);
  });

  it('waits for Retry-After on 429 before retrying', async () => {
    server = await startServer({
      '/limited.log': (req, res, n) => {
        if (n === 1) {
          res.statusCode = 429;
          res.setHeader('Retry-After', '1');
          res.end();
        } else serveBody(req, res, Buffer.from('ok\n'));
      },
    });
    const started = Date.now();
    await resolveDataset(server.url('/limited.log'), opts());
    // Backoff alone would be ~20 ms; Retry-After asked for a full second.
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.hits('/limited.log')).toHaveLength(2);
  });

  it('fails a 404 at once with one clear error and no retries', async () => {
    server = await startServer({});
    const url = server.url('/missing.log');
    const err = await expectError(resolveDataset(url, opts()), 'not-found');
    expect(err.url).toBe(url);
    expect(err.message).toContain(url);
    expect(err.message).toMatch(/404/);
    expect(server.hits('/missing.log')).toHaveLength(1);
  });

  it('never retries other 4xx', async () => {
    server = await startServer({
      '/private.log': (_req, res) => {
        res.statusCode = 403;
        res.end();
      },
    });
    const err = await expectError(resolveDataset(server.url('/private.log'), opts()), 'http');
    expect(err.message).toMatch(/403/);
    expect(server.hits('/private.log')).toHaveLength(1);
  });

  it('treats a body shorter than its Content-Length as broken: retried, and never cached', async () => {
    const body = bytes(50_000, 9);
    server = await startServer({
      '/short.log': (_req, res) => {
        res.setHeader('Content-Length', body.length);
        res.write(body.subarray(0, 20_000), () => res.socket?.end());
      },
    });
    const err = await resolveDataset(server.url('/short.log'), opts()).catch((e: unknown) => e as DatasetError);
    expect(err).toBeInstanceOf(DatasetError);
    expect(['network', 'incomplete']).toContain((err as DatasetError).code);
    expect(server.hits('/short.log').length).toBe(4);
    expect(await new DatasetCache(cache.path).getEntry(server.url('/short.log'))).toBeUndefined();
    expect(await readdir(join(cache.path, 'tmp'))).toEqual([]);
  });

  it('recovers when a short body is followed by a whole one', async () => {
    const body = bytes(50_000, 10);
    server = await startServer({
      '/short-once.log': (req, res, n) => {
        if (n === 1) {
          res.setHeader('Content-Length', body.length);
          res.write(body.subarray(0, 20_000), () => res.socket?.end());
        } else serveBody(req, res, body);
      },
    });
    const got = await resolveDataset(server.url('/short-once.log'), opts());
    expect(got.sha256).toBe(sha(body));
  });

  it('reports a Git LFS pointer as lfs-pointer, naming the URL and the fix', async () => {
    const pointer = 'version https://git-lfs.github.com/spec/v1\noid sha256:' + 'a'.repeat(64) + '\nsize 123456\n';
    server = await startServer({ '/lfs.log': (req, res) => serveBody(req, res, Buffer.from(pointer)) });
    const url = server.url('/lfs.log');
    const err = await expectError(resolveDataset(url, opts()), 'lfs-pointer');
    expect(err.message).toContain(url);
    expect(err.message).toMatch(/media\.githubusercontent\.com|--mirror/);
    expect(await new DatasetCache(cache.path).getEntry(url)).toBeUndefined();
  });

  it('uses the cached copy, with a warning, when revalidation fails', async () => {
    let up = true;
    server = await startServer({
      '/stale.log': (req, res) => {
        if (up) serveBody(req, res, Buffer.from('kept\n'), { etag: '"s"' });
        else {
          res.statusCode = 502;
          res.end();
        }
      },
    });
    await resolveDataset(server.url('/stale.log'), opts());
    up = false;
    clearResolveMemo();
    const got = await resolveDataset(server.url('/stale.log'), opts());
    expect(got.origin).toBe('cache');
    expect(got.warnings?.join()).toMatch(/could not revalidate/);
  });

  it('stops when the caller aborts', async () => {
    server = await startServer({ '/hang.log': () => undefined });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expectError(resolveDataset(server.url('/hang.log'), opts({ signal: controller.signal })), 'aborted');
  });
});

describe('offline', () => {
  it('fails clearly without touching the network when nothing is local', async () => {
    server = await startServer({ '/x.log': (req, res) => serveBody(req, res, Buffer.from('x')) });
    const err = await expectError(resolveDataset(server.url('/x.log'), opts({ offline: true })), 'offline-unavailable');
    expect(err.message).toMatch(/not available offline/);
    expect(err.message).toMatch(/spl-harness fetch|--mirror/);
    expect(server.requests).toHaveLength(0);
  });

  it('serves the verified cached copy without a request', async () => {
    server = await startServer({ '/y.log': (req, res) => serveBody(req, res, Buffer.from('cached\n'), { etag: '"y"' }) });
    await resolveDataset(server.url('/y.log'), opts());
    clearResolveMemo();
    const got = await resolveDataset(server.url('/y.log'), opts({ offline: true }));
    expect(got.origin).toBe('cache');
    expect(await readFile(got.path, 'utf8')).toBe('cached\n');
    expect(server.requests).toHaveLength(1);
  });
});
