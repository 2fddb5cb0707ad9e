/**
 * A host that cannot be reached costs a run seconds, not hours (issue 19, item 3): after a few
 * connection-level failures in a row its other downloads fail at once with one message; a name
 * that does not resolve is tried twice; each download has a total time budget.
 */
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatasetError, type Fetcher } from '../../harness/datasets/index.js';
import { fastFetcher, startServer, tempDir, type TestServer } from './server.js';

let dir: { path: string; remove(): Promise<void> };
let fetcher: Fetcher | undefined;
let server: TestServer | undefined;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await fetcher?.close();
  await server?.close();
  fetcher = server = undefined;
  await dir.remove();
});

/** A port on 127.0.0.1 where nothing listens: connections are refused. */
async function closedPort(): Promise<number> {
  const s: Server = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const { port } = s.address() as { port: number };
  await new Promise<void>((ok) => s.close(() => ok()));
  return port;
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as DatasetError,
  );

describe('an unreachable host', () => {
  it('fails the rest of its downloads at once after 3 connection failures in a row, naming --offline, a mirror and a proxy', async () => {
    const port = await closedPort();
    fetcher = fastFetcher({ retries: 5 });
    const tried: string[] = [];
    const started = Date.now();
    const errors: DatasetError[] = [];
    for (let i = 0; i < 20; i++) {
      const e = await failure(
        fetcher.download({
          url: `http://127.0.0.1:${port}/d${i}.log`,
          dest: join(dir.path, `d${i}`),
          onProgress: (ev) => ev.type === 'retry' && tried.push(ev.url),
        }),
      );
      errors.push(e as DatasetError);
    }
    expect(Date.now() - started).toBeLessThan(5000);
    // The first download made 3 attempts (2 retries); none of the 19 others retried.
    expect(tried.length).toBe(2);
    expect(errors[0].code).toBe('host-unreachable');
    expect(errors[0].message).toMatch(/unreachable, 3 connection failures in a row .*ECONNREFUSED/);
    expect(errors[0].message).toMatch(/--offline/);
    expect(errors[0].message).toMatch(/--mirror/);
    expect(errors[0].message).toMatch(/HTTPS_PROXY/);
    expect(errors.slice(1).every((e) => e.code === 'host-unreachable' && /not tried/.test(e.message))).toBe(true);
  });

  it('tries a name that does not resolve twice, not once per retry', async () => {
    let lookups = 0;
    const lookup = (_host: string, _opts: object, cb: (err: NodeJS.ErrnoException | null, address: string, family?: number) => void) => {
      lookups++;
      const err = Object.assign(new Error('getaddrinfo ENOTFOUND data.invalid'), { code: 'ENOTFOUND' });
      process.nextTick(() => cb(err, '', 4));
    };
    fetcher = fastFetcher({ retries: 5, hostFailureLimit: 100, lookup });
    const e = await failure(fetcher.download({ url: 'http://data.invalid/x.log', dest: join(dir.path, 'x') }));
    expect(e).toBeInstanceOf(DatasetError);
    expect((e as DatasetError).code).toBe('network');
    expect((e as DatasetError).message).toMatch(/ENOTFOUND/);
    expect(lookups).toBe(2);
  });

  it('a response in between resets the count: a server answering 500 is not unreachable', async () => {
    server = await startServer({
      '/x.log': (_req, res) => {
        res.statusCode = 500;
        res.end();
      },
    });
    fetcher = fastFetcher({ retries: 4 });
    const e = await failure(fetcher.download({ url: server.url('/x.log'), dest: join(dir.path, 'x') }));
    expect((e as DatasetError).code).toBe('http');
    expect(server.hits('/x.log').length).toBe(5);
  });

  it('bounds the total time of one download across its attempts', async () => {
    // A server that accepts and then never answers: each attempt waits the header timeout.
    server = await startServer({ '/stall.log': () => new Promise(() => {}) });
    fetcher = fastFetcher({ retries: 50, headersTimeoutMs: 200, retryBaseMs: 10, retryMaxMs: 20, hostFailureLimit: 1000, totalTimeoutMs: 700 });
    const started = Date.now();
    const e = await failure(fetcher.download({ url: server.url('/stall.log'), dest: join(dir.path, 's') }));
    expect((e as DatasetError).code).toBe('timeout');
    expect((e as DatasetError).message).toMatch(/gave up after 1 s, the time budget of one download/);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('behind a proxy', () => {
  it('sends requests through HTTP_PROXY (undici EnvHttpProxyAgent), loopback excepted', async () => {
    const seen: string[] = [];
    // undici tunnels through the proxy with CONNECT; this one records the request and refuses it.
    const { createServer: createHttp } = await import('node:http');
    const proxy = createHttp((req, res) => res.end());
    proxy.on('connect', (req, socket) => {
      seen.push(req.url ?? '');
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
    });
    await new Promise<void>((ok) => proxy.listen(0, '127.0.0.1', ok));
    const saved = { HTTP_PROXY: process.env.HTTP_PROXY, http_proxy: process.env.http_proxy };
    process.env.HTTP_PROXY = process.env.http_proxy = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
    try {
      fetcher = fastFetcher({ proxy: 'env', retries: 0 });
      const e = await failure(fetcher.download({ url: 'http://data.example/x.log', dest: join(dir.path, 'p') }));
      expect(e).toBeInstanceOf(DatasetError);
      expect(seen).toEqual(['data.example:80']);
    } finally {
      for (const [k, v] of Object.entries(saved))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      await new Promise<void>((ok) => proxy.close(() => ok()));
    }
  });
});
