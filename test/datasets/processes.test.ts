/**
 * Several processes sharing one cache: two `node` processes fetch the same URL at the same time
 * (the server holds both responses until both requests have arrived, so they really overlap);
 * and a process killed mid-download leaves nothing half-written visible.
 *
 * The children run the real harness/datasets code, transpiled (types stripped, no bundling)
 * into a temp folder, because plain node cannot import .ts.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetCache, pruneCache, verifyCache } from '../../harness/datasets/index.js';
import { PROJECT_ROOT } from '../support/shared.js';
import { bytes, startServer, tempDir } from './server.js';
import type { IncomingMessage, ServerResponse } from 'node:http';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

let work: { path: string; remove(): Promise<void> };
let childScript: string;

/** Transpiles harness/datasets (and what it imports at run time) into `out`. */
async function transpileDatasets(out: string): Promise<void> {
  const srcDir = join(PROJECT_ROOT, 'harness', 'datasets');
  for (const name of await readdir(srcDir)) {
    if (!name.endsWith('.ts')) continue;
    const source = await readFile(join(srcDir, name), 'utf8');
    const js = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
    }).outputText;
    const dest = join(out, 'harness', 'datasets', name.replace(/\.ts$/, '.js'));
    await mkdir(dirname(dest), { recursive: true });
    await writeFile(dest, js);
  }
  await writeFile(join(out, 'package.json'), '{"type":"module"}\n');
  await symlink(join(PROJECT_ROOT, 'node_modules'), join(out, 'node_modules'), 'dir');
}

const CHILD = `
import { resolveDataset, createFetcher } from './harness/datasets/index.js';
const [url, cacheDir] = process.argv.slice(2);
const fetcher = createFetcher({ proxy: 'none', retries: 2, retryBaseMs: 20, headersTimeoutMs: 5000 });
try {
  const r = await resolveDataset(url, { contentRoot: cacheDir, mirrors: [], cacheDir, fetcher });
  process.stdout.write(JSON.stringify(r));
} catch (e) {
  process.stdout.write(JSON.stringify({ error: String(e && e.message) }));
  process.exitCode = 1;
} finally {
  await fetcher.close();
}
`;

function runChild(url: string, cacheDir: string): { done: Promise<{ code: number | null; out: string }>; kill(): void } {
  const child = spawn(process.execPath, [childScript, url, cacheDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const done = new Promise<{ code: number | null; out: string }>((ok) => child.on('close', (code) => ok({ code, out })));
  return { done, kill: () => child.kill('SIGKILL') };
}

/** Holds each response until `n` requests have arrived (or a second has passed). */
function barrier(n: number, body: Buffer) {
  const waiting: Array<() => void> = [];
  let arrived = 0;
  return (_req: IncomingMessage, res: ServerResponse) => {
    arrived++;
    const send = () => {
      res.setHeader('Content-Length', body.length);
      res.end(body);
    };
    waiting.push(send);
    if (arrived >= n) for (const go of waiting.splice(0)) go();
    else setTimeout(() => waiting.includes(send) && waiting.splice(waiting.indexOf(send), 1) && send(), 1000);
  };
}

beforeAll(async () => {
  work = await tempDir('spl-harness-proc-');
  const out = join(work.path, 'build');
  await transpileDatasets(out);
  childScript = join(out, 'child.mjs');
  await writeFile(childScript, CHILD);
});
afterAll(async () => {
  await work?.remove();
});

describe('two processes, one cache', () => {
  it('fetch the same URL at once: both succeed with the same whole file', async () => {
    const body = bytes(4_000_000, 21);
    const server = await startServer({ '/same.log': barrier(2, body) });
    const cacheDir = join(work.path, 'cache-a');
    try {
      const [a, b] = await Promise.all([runChild(server.url('/same.log'), cacheDir).done, runChild(server.url('/same.log'), cacheDir).done]);
      expect(a.code, a.out).toBe(0);
      expect(b.code, b.out).toBe(0);
      const ra = JSON.parse(a.out);
      const rb = JSON.parse(b.out);
      expect(ra.sha256).toBe(sha(body));
      expect(rb.sha256).toBe(sha(body));
      expect(ra.path).toBe(rb.path);
      // One download or two, never a corrupt file.
      expect([1, 2]).toContain(server.hits('/same.log').length);
      expect(sha(await readFile(ra.path))).toBe(sha(body));
      const cache = new DatasetCache(cacheDir);
      expect(await cache.getEntry(server.url('/same.log'))).toMatchObject({ sha256: sha(body), size: body.length });
      expect((await verifyCache(cache)).problems).toEqual([]);
      expect(await readdir(join(cacheDir, 'tmp'))).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('unpack the same archive at once: one extracted folder, whole files', async () => {
    const log = bytes(1_000_000, 22);
    const gz = gzipSync(log);
    const server = await startServer({ '/same.log.gz': barrier(2, gz) });
    const cacheDir = join(work.path, 'cache-b');
    try {
      const [a, b] = await Promise.all([runChild(server.url('/same.log.gz'), cacheDir).done, runChild(server.url('/same.log.gz'), cacheDir).done]);
      expect(a.code, a.out).toBe(0);
      expect(b.code, b.out).toBe(0);
      const ra = JSON.parse(a.out);
      expect(JSON.parse(b.out).path).toBe(ra.path);
      expect(sha(await readFile(ra.path))).toBe(sha(log));
      expect(await readdir(join(cacheDir, 'extracted'))).toEqual([sha(gz)]);
      expect((await verifyCache(new DatasetCache(cacheDir))).problems).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('a process killed mid-download leaves no visible file; prune clears its temp file', async () => {
    const body = bytes(2_000_000, 23);
    let firstChunkSent!: () => void;
    const started = new Promise<void>((ok) => (firstChunkSent = ok));
    const server = await startServer({
      '/killed.log': (_req, res) => {
        res.setHeader('Content-Length', body.length);
        // Half the body, then silence: the child is killed while waiting for the rest.
        res.write(body.subarray(0, 1_000_000), () => firstChunkSent());
      },
    });
    const cacheDir = join(work.path, 'cache-c');
    try {
      const child = runChild(server.url('/killed.log'), cacheDir);
      await started;
      await new Promise((ok) => setTimeout(ok, 200));
      child.kill();
      await child.done;
      const cache = new DatasetCache(cacheDir);
      expect(await cache.getEntry(server.url('/killed.log'))).toBeUndefined();
      expect(await cache.listObjects()).toEqual([]);
      const leftovers = await cache.listTmp();
      expect(leftovers.length).toBeGreaterThan(0);
      expect(leftovers.every((t) => relative(join(cacheDir, 'tmp'), t.path).startsWith('download-'))).toBe(true);
      const report = await pruneCache(cache, { staleTmpMs: 0 });
      expect(report.tmp).toBe(leftovers.length);
      expect(await cache.listTmp()).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
