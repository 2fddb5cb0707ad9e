/** `spl-harness fetch` and `spl-harness cache`, run in-process against a local server. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run as fetchCmd } from '../../harness/cli/commands/fetch.js';
import { run as cacheCmd } from '../../harness/cli/commands/cache.js';
import { clearResolveMemo, DatasetCache } from '../../harness/datasets/index.js';
import { serveBody, startServer, tempDir, type TestServer } from './server.js';
import { displayPath } from '../../harness/datasets/display-path.js';

let server: TestServer;
let dir: { path: string; remove(): Promise<void> };
let content: string;
let cacheDir: string;

/** Runs a command, capturing what it writes. */
async function capture(fn: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  try {
    return { code: await fn(), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

function detectionYaml(id: string, name: string, data: string[]): string {
  return [
    `name: ${name}`,
    `id: ${id}`,
    'search: index=main',
    'tests:',
    '- name: True Positive Test',
    '  attack_data:',
    ...data.map((d) => `  - data: ${d}\n    source: test\n    sourcetype: test`),
    '',
  ].join('\n');
}

beforeEach(async () => {
  clearResolveMemo();
  dir = await tempDir();
  content = join(dir.path, 'content');
  cacheDir = join(dir.path, 'cache');
  server = await startServer({
    '/good.log': (req, res) => serveBody(req, res, Buffer.from('good\n')),
    '/other.log': (req, res) => serveBody(req, res, Buffer.from('other\n')),
  });
  await mkdir(join(content, 'detections', 'endpoint'), { recursive: true });
  await writeFile(join(content, 'detections', 'endpoint', 'one.yml'), detectionYaml('11111111-1111-1111-1111-111111111111', 'One', [server.url('/good.log')]));
  await writeFile(
    join(content, 'detections', 'endpoint', 'two.yml'),
    detectionYaml('22222222-2222-2222-2222-222222222222', 'Two', [server.url('/other.log'), server.url('/gone.log')]),
  );
});
afterEach(async () => {
  await server.close();
  await dir.remove();
});

describe('spl-harness fetch', () => {
  it("fetches one detection's data and prints where it is", async () => {
    const r = await capture(() => fetchCmd(['--content', content, '--cache-dir', cacheDir, '--detection', 'one']));
    expect(r.code).toBe(0);
    const [origin, path, url] = r.out.trim().split(/\s+/);
    expect(origin).toBe('download');
    expect(url).toBe(server.url('/good.log'));
    expect(await readFile(path, 'utf8')).toBe('good\n');
    expect(r.err).toMatch(/1 of 1 resolved/);
  });

  it('exits 1 with one line per failure naming the URL and the cause', async () => {
    const r = await capture(() => fetchCmd(['--content', content, '--cache-dir', cacheDir]));
    expect(r.code).toBe(1);
    const failures = r.err.split('\n').filter((l) => l.startsWith('FAIL'));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain(server.url('/gone.log'));
    expect(failures[0]).toMatch(/not-found.*404/);
    expect(r.out.trim().split('\n')).toHaveLength(2);
  });

  it('fetches URLs given on the command line; offline afterwards they come from the cache', async () => {
    expect((await capture(() => fetchCmd(['--cache-dir', cacheDir, server.url('/other.log')]))).code).toBe(0);
    clearResolveMemo();
    const r = await capture(() => fetchCmd(['--cache-dir', cacheDir, '--offline', server.url('/other.log'), server.url('/good.log')]));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^cache\s/m);
    expect(r.err).toMatch(/FAIL offline-unavailable: .*good\.log/);
  });

  it('serves from --mirror P=DIR', async () => {
    const mirror = join(dir.path, 'mirror');
    await mkdir(mirror, { recursive: true });
    await writeFile(join(mirror, 'gone.log'), 'mirrored\n');
    const r = await capture(() => fetchCmd(['--cache-dir', cacheDir, '--mirror', `${server.base}/=${mirror}`, server.url('/gone.log')]));
    expect(r.code).toBe(0);
    // Shown as messages show paths: relative when the checkout sits beside the temp dir (displayPath).
    expect(r.out).toContain(displayPath(join(mirror, 'gone.log')));
    expect(r.out).toMatch(/^mirror\s/);
  });

  it('takes mirrors and cache_dir from spl-harness.yml', async () => {
    const mirror = join(content, 'fixtures');
    await mkdir(mirror, { recursive: true });
    await writeFile(join(mirror, 'gone.log'), 'from config\n');
    await writeFile(join(content, 'spl-harness.yml'), `mirrors:\n  - prefix: ${server.base}/\n    target: fixtures\ncache_dir: .cache/ds\n`);
    const r = await capture(() => fetchCmd(['--content', content, '--detection', 'Two']));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(displayPath(join(mirror, 'gone.log')));
    expect(await new DatasetCache(join(content, '.cache/ds')).getEntry(server.url('/other.log'))).toBeDefined();
  });

  it('rejects an unknown detection and a bad --mirror with exit 2', async () => {
    expect((await capture(() => fetchCmd(['--content', content, '--detection', 'nope']))).code).toBe(2);
    expect((await capture(() => fetchCmd(['--mirror', 'no-equals-sign', 'x']))).code).toBe(2);
  });
});

describe('spl-harness cache', () => {
  it('ls lists cached URLs; verify finds and removes a corrupt file; prune drops it from the index', async () => {
    await capture(() => fetchCmd(['--content', content, '--cache-dir', cacheDir, '--detection', 'one']));
    const ls = await capture(() => cacheCmd(['ls', '--cache-dir', cacheDir]));
    expect(ls.code).toBe(0);
    expect(ls.out).toContain(server.url('/good.log'));

    expect((await capture(() => cacheCmd(['verify', '--cache-dir', cacheDir]))).code).toBe(0);
    const cache = new DatasetCache(cacheDir);
    const [obj] = await cache.listObjects();
    await writeFile(obj.path, 'tampered\n');
    const verify = await capture(() => cacheCmd(['verify', '--cache-dir', cacheDir]));
    expect(verify.code).toBe(1);
    expect(verify.out).toMatch(/corrupt/);

    const prune = await capture(() => cacheCmd(['prune', '--cache-dir', cacheDir]));
    expect(prune.code).toBe(0);
    expect(prune.err).toMatch(/removed 1 index entries/);
    expect(await cache.listEntries()).toEqual([]);
  });

  it('rejects an unknown action with exit 2', async () => {
    await mkdir(cacheDir, { recursive: true });
    expect((await capture(() => cacheCmd(['explode', '--cache-dir', cacheDir]))).code).toBe(2);
  });
});
