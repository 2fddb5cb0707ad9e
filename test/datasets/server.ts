/**
 * A real HTTP server on 127.0.0.1 (ephemeral port) for the dataset tests. Each test gives it a
 * handler that decides, request by request, how to misbehave; every request is logged so a test
 * can assert how many attempts were made and with which headers.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFetcher, type HttpOptions } from '../../harness/datasets/index.js';

export interface LoggedRequest {
  path: string;
  headers: IncomingMessage['headers'];
}

export type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void | Promise<void>;

export interface TestServer {
  base: string;
  url(path: string): string;
  requests: LoggedRequest[];
  /** Requests for one path. */
  hits(path: string): LoggedRequest[];
  close(): Promise<void>;
}

export async function startServer(routes: Record<string, Handler>): Promise<TestServer> {
  const requests: LoggedRequest[] = [];
  const counts = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').replace(/\?.*$/, '');
    requests.push({ path, headers: req.headers });
    const n = (counts.get(path) ?? 0) + 1;
    counts.set(path, n);
    const handler = routes[path];
    if (!handler) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    Promise.resolve(handler(req, res, n)).catch((err) => {
      res.destroy(err as Error);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    url: (path) => base + path,
    requests,
    hits: (path) => requests.filter((r) => r.path === path),
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** Sends `body` whole, honouring Range (206) when `ranges` is set; with ETag/Last-Modified. */
export function serveBody(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  opts: { etag?: string; lastModified?: string; ranges?: boolean } = {},
): void {
  if (opts.etag) res.setHeader('ETag', opts.etag);
  if (opts.lastModified) res.setHeader('Last-Modified', opts.lastModified);
  if (opts.ranges) res.setHeader('Accept-Ranges', 'bytes');
  const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  if (opts.ranges && range) {
    const start = Number(range[1]);
    res.statusCode = 206;
    res.setHeader('Content-Range', `bytes ${start}-${body.length - 1}/${body.length}`);
    res.setHeader('Content-Length', body.length - start);
    res.end(body.subarray(start));
    return;
  }
  res.setHeader('Content-Length', body.length);
  res.end(body);
}

/** Short timeouts and backoff so fault tests run in well under a second each. */
export const FAST: HttpOptions = {
  retries: 3,
  retryBaseMs: 20,
  retryMaxMs: 60,
  connectTimeoutMs: 2000,
  headersTimeoutMs: 1000,
  bodyTimeoutMs: 1000,
  maxRetryAfterMs: 5000,
  proxy: 'none',
};

export const fastFetcher = (extra: HttpOptions = {}) => createFetcher({ ...FAST, ...extra });

export async function tempDir(prefix = 'spl-harness-ds-'): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** Deterministic pseudo-random bytes (so a corrupted copy cannot hash the same by accident). */
export function bytes(n: number, seed = 1): Buffer {
  const out = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
