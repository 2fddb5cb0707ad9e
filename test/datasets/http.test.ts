/** The HTTP client's own parts: proxies from the environment, the concurrency limit, backoff, progress. */
import { createServer as createNetProxy, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backoff, clearResolveMemo, createFetcher, createProgress, fetchAll, parseRetryAfter, resolveDataset } from '../../harness/datasets/index.js';
import { createLimiter } from '../../harness/datasets/limit.js';
import { FAST, serveBody, startServer, tempDir, type TestServer } from './server.js';
import type { IncomingMessage, ServerResponse } from 'node:http';

let server: TestServer | undefined;
let dir: { path: string; remove(): Promise<void> };
beforeEach(async () => {
  clearResolveMemo();
  dir = await tempDir();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await dir.remove();
});

/** A CONNECT proxy that sends every tunnel to `target`, whatever host was asked for. */
async function startProxy(target: number): Promise<{ url: string; tunnels: string[]; close(): Promise<void> }> {
  const tunnels: string[] = [];
  const proxy: Server = createNetProxy((_req, res) => {
    res.statusCode = 405;
    res.end();
  });
  proxy.on('connect', (req, socket, head) => {
    tunnels.push(String(req.url));
    const upstream = connect(target, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((ok) => proxy.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    tunnels,
    close: () =>
      new Promise<void>((ok) => {
        proxy.closeAllConnections();
        proxy.close(() => ok());
      }),
  };
}

describe('proxies from the environment', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it('sends requests through HTTP_PROXY, and straight to hosts listed in NO_PROXY', async () => {
    server = await startServer({ '/p.log': (req, res) => serveBody(req, res, Buffer.from('proxied\n')) });
    const proxy = await startProxy(Number(new URL(server.base).port));
    try {
      for (const k of ['http_proxy', 'https_proxy', 'no_proxy']) delete process.env[k];
      process.env.HTTP_PROXY = proxy.url;
      // A name that does not resolve: only the proxy can reach it.
      process.env.NO_PROXY = 'direct.invalid';
      const fetcher = createFetcher({ ...FAST, proxy: 'env', retries: 0 });
      try {
        const got = await resolveDataset('http://datasets.invalid/p.log', { contentRoot: dir.path, mirrors: [], cacheDir: dir.path, fetcher });
        expect(await readFile(got.path, 'utf8')).toBe('proxied\n');
        expect(proxy.tunnels).toEqual(['datasets.invalid:80']);
        const direct = await resolveDataset('http://direct.invalid/p.log', { contentRoot: dir.path, mirrors: [], cacheDir: dir.path, fetcher }).catch(
          (e: unknown) => e,
        );
        expect((direct as { code: string }).code).toBe('network');
        expect(proxy.tunnels).toHaveLength(1);
      } finally {
        await fetcher.close();
      }
    } finally {
      await proxy.close();
    }
  });
});

describe('concurrency limit', () => {
  it('never has more than `concurrency` downloads in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const slow = (req: IncomingMessage, res: ServerResponse) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight--;
        serveBody(req, res, Buffer.from(req.url ?? ''));
      }, 60);
    };
    const paths = ['/1.log', '/2.log', '/3.log', '/4.log', '/5.log', '/6.log'];
    server = await startServer(Object.fromEntries(paths.map((p) => [p, slow])));
    const outcomes = await fetchAll(
      paths.map((p) => server!.url(p)),
      { contentRoot: dir.path, mirrors: [], cacheDir: dir.path, concurrency: 2, http: { ...FAST } },
    );
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(peak).toBe(2);
  });

  it('the limiter hands a freed slot to the next waiter, never exceeding its maximum', async () => {
    const limiter = createLimiter(3);
    let active = 0;
    let peak = 0;
    const task = async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((ok) => setTimeout(ok, 5));
      active--;
    };
    await Promise.all(Array.from({ length: 20 }, () => limiter.run(task)));
    expect(peak).toBe(3);
    expect(limiter.active).toBe(0);
  });
});

describe('retry timing', () => {
  it('backoff grows exponentially, capped, with jitter in the upper half', () => {
    for (let attempt = 1; attempt <= 8; attempt++) {
      const ceiling = Math.min(1000, 100 * 2 ** (attempt - 1));
      const d = backoff(attempt, 100, 1000);
      expect(d).toBeGreaterThanOrEqual(ceiling / 2);
      expect(d).toBeLessThanOrEqual(ceiling);
    }
  });

  it('reads Retry-After as seconds or as an HTTP date (RFC 9110 10.2.3)', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  it('does not wait for a Retry-After beyond the limit: fails at once, saying so', async () => {
    server = await startServer({
      '/later.log': (_req, res) => {
        res.statusCode = 503;
        res.setHeader('Retry-After', '3600');
        res.end();
      },
    });
    const fetcher = createFetcher({ ...FAST });
    try {
      const err = await resolveDataset(server.url('/later.log'), { contentRoot: dir.path, mirrors: [], cacheDir: dir.path, fetcher }).catch((e: unknown) => e);
      expect((err as Error).message).toMatch(/retry after 3600 s/);
      expect(server.hits('/later.log')).toHaveLength(1);
    } finally {
      await fetcher.close();
    }
  });
});

describe('progress', () => {
  const sink = (tty: boolean) => {
    const s = new PassThrough() as PassThrough & { isTTY?: boolean; columns?: number };
    s.isTTY = tty;
    s.columns = 120;
    let text = '';
    s.on('data', (d) => (text += d));
    return { stream: s, text: () => text };
  };

  it('on a terminal redraws one line with files, bytes and a bar', () => {
    const out = sink(true);
    const p = createProgress({ stream: out.stream, totalFiles: 2, intervalMs: 0 });
    p.onProgress({ type: 'start', url: 'https://h/a.log' });
    p.onProgress({ type: 'bytes', url: 'https://h/a.log', received: 512 * 1024, total: 1024 * 1024 });
    p.onProgress({ type: 'done', url: 'https://h/a.log', origin: 'download', size: 1024 * 1024 });
    p.finish();
    expect(out.text()).toContain('\r\x1b[2K');
    expect(out.text()).toMatch(/\[#{10}-{10}\] 0\/2 files\s+512 KB\/1\.0 MB/);
    expect(out.text()).toMatch(/1\/2 files/);
  });

  it('elsewhere writes one plain line per download and per retry, nothing for local files', () => {
    const out = sink(false);
    const p = createProgress({ stream: out.stream });
    p.onProgress({ type: 'start', url: 'https://h/a.log' });
    p.onProgress({ type: 'bytes', url: 'https://h/a.log', received: 10, total: 10 });
    p.onProgress({ type: 'retry', url: 'https://h/a.log', attempt: 1, delayMs: 500, reason: 'HTTP 503' });
    p.onProgress({ type: 'done', url: 'https://h/a.log', origin: 'download', size: 10 });
    p.onProgress({ type: 'start', url: 'https://h/b.log' });
    p.onProgress({ type: 'done', url: 'https://h/b.log', origin: 'mirror', size: 10 });
    p.finish();
    const lines = out.text().trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^retrying https:\/\/h\/a\.log in 0\.5 s \(attempt 2\): HTTP 503$/);
    expect(lines[1]).toMatch(/^fetched https:\/\/h\/a\.log \(10 B in /);
    expect(out.text()).not.toContain('\x1b');
  });
});
