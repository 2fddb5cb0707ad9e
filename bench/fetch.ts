/**
 * Fetch benchmark: a local server streams a generated 200 MB file and resolveDataset downloads
 * it into a fresh cache. Reports throughput and the process's peak RSS (sampled every 10 ms)
 * against the target of staying under 150 MB, i.e. the download streams to disk instead of
 * buffering. Then resolves it again: a 304 revalidation plus a full SHA-256 verification of
 * the cached copy, and offline (verification only).
 *
 * From the built code the whole benchmark runs in a fresh child process (this file is its entry),
 * so the peak RSS is the download's and not whatever earlier benchmarks left in the heap (the
 * validate benchmark alone holds ~230 MB of parsed ESCU content).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { clearResolveMemo, createFetcher, resolveDataset } from '../harness/datasets/index.js';
import type { BenchResult } from './types.js';

const SIZE = 200 * 2 ** 20;
const CHUNK = 2 ** 20;
const RSS_TARGET_MB = 150;

/** Streams SIZE bytes: a 1 MiB pseudo-random block, repeated, with back-pressure. */
function startServer(): Promise<Server> {
  const block = Buffer.alloc(CHUNK);
  let x = 0x9e3779b9;
  for (let i = 0; i < CHUNK; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    block[i] = x & 0xff;
  }
  const server = createServer((req, res) => {
    const etag = '"bench-200mb"';
    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
    res.setHeader('Content-Length', SIZE);
    res.setHeader('ETag', etag);
    let sent = 0;
    const pump = () => {
      while (sent < SIZE) {
        sent += CHUNK;
        if (!res.write(block)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

/** Samples RSS while `task` runs; returns its result, the elapsed time and the peak. */
async function measured<T>(task: () => Promise<T>): Promise<{ value: T; seconds: number; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const started = performance.now();
  try {
    const value = await task();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, seconds: (performance.now() - started) / 1000, peakRssMb: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

export async function benchFetch(): Promise<BenchResult[]> {
  const self = fileURLToPath(import.meta.url);
  if (!self.endsWith('.js')) return fetchRows();
  const { stdout } = await promisify(execFile)(process.execPath, [self], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '[]') as BenchResult[];
}

async function fetchRows(): Promise<BenchResult[]> {
  const server = await startServer();
  const cacheDir = await mkdtemp(join(tmpdir(), 'spl-harness-bench-fetch-'));
  const fetcher = createFetcher({ proxy: 'none' });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bench/big.log`;
  const opts = { contentRoot: cacheDir, mirrors: [], cacheDir, fetcher };
  try {
    const baselineMb = process.memoryUsage().rss / 2 ** 20;
    const download = await measured(() => resolveDataset(url, opts));
    if (download.value.size !== SIZE) throw new Error(`downloaded ${download.value.size} bytes, expected ${SIZE}`);
    clearResolveMemo();
    const revalidate = await measured(() => resolveDataset(url, opts));
    clearResolveMemo();
    const offline = await measured(() => resolveDataset(url, { ...opts, offline: true }));
    const mb = SIZE / 2 ** 20;
    return [
      {
        name: 'fetch: 200 MB download',
        value: mb / download.seconds,
        unit: 'MB/s',
        details: { seconds: Number(download.seconds.toFixed(2)), origin: download.value.origin, size_mb: mb },
      },
      {
        name: 'fetch: peak RSS during download',
        value: download.peakRssMb,
        unit: 'MB',
        target: `< ${RSS_TARGET_MB} MB`,
        met: download.peakRssMb < RSS_TARGET_MB,
        details: { baseline_rss_mb: Number(baselineMb.toFixed(1)), growth_mb: Number((download.peakRssMb - baselineMb).toFixed(1)) },
      },
      {
        name: 'fetch: revalidate (304) + verify 200 MB',
        value: revalidate.seconds,
        unit: 's',
        details: {
          origin: revalidate.value.origin,
          verify_mb_s: Number((mb / revalidate.seconds).toFixed(0)),
          peak_rss_mb: Number(revalidate.peakRssMb.toFixed(1)),
        },
      },
      {
        name: 'fetch: offline from cache (verify only)',
        value: offline.seconds,
        unit: 's',
        details: { origin: offline.value.origin },
      },
    ];
  } finally {
    await fetcher.close();
    await new Promise<void>((ok) => {
      server.closeAllConnections();
      server.close(() => ok());
    });
    clearResolveMemo();
    await rm(cacheDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fetchRows().then(
    (rows) => process.stdout.write(JSON.stringify(rows) + '\n'),
    (err) => {
      process.stderr.write(`fetch benchmark: ${(err as Error)?.stack ?? err}\n`);
      process.exitCode = 1;
    },
  );
}
