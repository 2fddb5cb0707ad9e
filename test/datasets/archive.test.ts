/**
 * Archives served over HTTP and unpacked into the cache: gz, tar, tar.gz, zip; and the hostile
 * ones: corrupt or truncated data, `../` and absolute entries, links, bombs.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync, deflateRawSync } from 'node:zlib';
import * as tar from 'tar-stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { archiveKind, clearResolveMemo, DatasetError, resolveDataset, type Fetcher, type ResolveOptions } from '../../harness/datasets/index.js';
import { bytes, fastFetcher, serveBody, startServer, tempDir, type TestServer } from './server.js';
import { crc32, zip } from './zip-writer.js';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

let server: TestServer | undefined;
let dir: { path: string; remove(): Promise<void> };
let fetcher: Fetcher;

beforeEach(async () => {
  clearResolveMemo();
  dir = await tempDir();
  fetcher = fastFetcher();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await fetcher.close();
  await dir.remove();
});

const cacheDir = () => join(dir.path, 'cache');
const opts = (extra: Partial<ResolveOptions> = {}): ResolveOptions => ({ contentRoot: dir.path, mirrors: [], cacheDir: cacheDir(), fetcher, ...extra });

/** Serves `files` (path → bytes) and resolves `path`. */
async function serveAndResolve(files: Record<string, Buffer>, path: string, extra: Partial<ResolveOptions> = {}) {
  server = await startServer(Object.fromEntries(Object.entries(files).map(([p, b]) => [p, (req, res) => serveBody(req, res, b)])));
  return resolveDataset(server.url(path), opts(extra));
}

async function failure(p: Promise<unknown>): Promise<DatasetError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DatasetError);
  return err as DatasetError;
}

type TarEntry = { name: string; data?: Buffer; type?: 'file' | 'directory' | 'symlink' | 'link'; linkname?: string };

async function makeTar(entries: TarEntry[], gzip: boolean): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) {
    if (e.type === 'symlink' || e.type === 'link') pack.entry({ name: e.name, type: e.type, linkname: e.linkname ?? '' });
    else if (e.type === 'directory') pack.entry({ name: e.name, type: 'directory' });
    else pack.entry({ name: e.name }, e.data ?? Buffer.alloc(0));
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack as unknown as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
  const raw = Buffer.concat(chunks);
  return gzip ? gzipSync(raw) : raw;
}

describe('archiveKind', () => {
  it('names the kind by extension, ignoring query strings', () => {
    expect(archiveKind('https://h/x/a.log.gz?raw=1')).toBe('gz');
    expect(archiveKind('a.tar.gz')).toBe('tar.gz');
    expect(archiveKind('a.TGZ')).toBe('tar.gz');
    expect(archiveKind('a.tar')).toBe('tar');
    expect(archiveKind('a.zip')).toBe('zip');
    expect(archiveKind('a.log')).toBeUndefined();
  });
});

describe('unpacking', () => {
  it("gunzips a .gz into a file named without .gz; sha256 is the archive's", async () => {
    const log = bytes(200_000, 11);
    const gz = gzipSync(log);
    const got = await serveAndResolve({ '/d/windows-sysmon.log.gz': gz }, '/d/windows-sysmon.log.gz');
    expect(got.path.endsWith('windows-sysmon.log')).toBe(true);
    expect(got.paths).toEqual([got.path]);
    expect(got.sha256).toBe(sha(gz));
    expect(sha(await readFile(got.path))).toBe(sha(log));
  });

  it('reads every member of a multi-member gzip (as gzip -d does)', async () => {
    const gz = Buffer.concat([gzipSync('first\n'), gzipSync('second\n')]);
    const got = await serveAndResolve({ '/m.log.gz': gz }, '/m.log.gz');
    expect(await readFile(got.path, 'utf8')).toBe('first\nsecond\n');
  });

  it('unpacks a .tar.gz with folders; paths lists every file', async () => {
    const tgz = await makeTar(
      [
        { name: 'logs/', type: 'directory' },
        { name: 'logs/b.log', data: Buffer.from('bee\n') },
        { name: './a.log', data: Buffer.from('ay\n') },
      ],
      true,
    );
    const got = await serveAndResolve({ '/set.tar.gz': tgz }, '/set.tar.gz');
    expect(got.paths?.map((p) => p.slice(dirname(got.path).length + 1))).toEqual(['a.log', 'logs/b.log']);
    expect(await readFile(got.paths![1], 'utf8')).toBe('bee\n');
  });

  it('unpacks a plain .tar and a .tgz', async () => {
    const entries = [{ name: 'x.json', data: Buffer.from('{"a":1}\n') }];
    const plain = await serveAndResolve({ '/p.tar': await makeTar(entries, false) }, '/p.tar');
    expect(await readFile(plain.path, 'utf8')).toBe('{"a":1}\n');
    await server!.close();
    clearResolveMemo();
    const tgz = await serveAndResolve({ '/p.tgz': await makeTar(entries, true) }, '/p.tgz');
    expect(await readFile(tgz.path, 'utf8')).toBe('{"a":1}\n');
  });

  it('unpacks a .zip with stored and deflated entries', async () => {
    const big = bytes(100_000, 12);
    const archive = zip([
      { name: 'dir/', data: Buffer.alloc(0), mode: 0o40755 },
      { name: 'dir/one.log', data: Buffer.from('stored\n') },
      { name: 'two.log', data: big, deflate: true },
    ]);
    const got = await serveAndResolve({ '/z.zip': archive }, '/z.zip');
    expect(got.paths).toHaveLength(2);
    expect(
      await readFile(
        got.paths!.find((p) => p.endsWith('one.log'))!,
        'utf8',
      ),
    ).toBe('stored\n');
    expect(sha(await readFile(got.paths!.find((p) => p.endsWith('two.log'))!))).toBe(sha(big));
  });

  it('unpacks once: a second resolve reuses the extracted folder', async () => {
    const got = await serveAndResolve({ '/once.log.gz': gzipSync('once\n') }, '/once.log.gz');
    clearResolveMemo();
    const again = await resolveDataset(server!.url('/once.log.gz'), opts({ offline: true }));
    expect(again.path).toBe(got.path);
    expect(await readdir(join(cacheDir(), 'extracted'))).toHaveLength(1);
  });

  it('unpacks an archive from a directory mirror into the cache, leaving the mirror untouched', async () => {
    const { mkdir, writeFile } = await import('node:fs/promises');
    const mirror = join(dir.path, 'mirror');
    await mkdir(mirror, { recursive: true });
    await writeFile(join(mirror, 'a.log.gz'), gzipSync('mirrored\n'));
    const prefix = 'https://media.githubusercontent.com/media/splunk/attack_data/master/';
    const got = await resolveDataset(prefix + 'a.log.gz', opts({ mirrors: [{ prefix, target: mirror }] }));
    expect(got.origin).toBe('mirror');
    expect(got.path.startsWith(cacheDir())).toBe(true);
    expect(await readdir(mirror)).toEqual(['a.log.gz']);
  });
});

describe('hostile and broken archives', () => {
  it('reports a corrupt gzip as corrupt-archive', async () => {
    const gz = gzipSync(bytes(50_000, 13));
    gz.fill(0x55, 20, 200);
    const err = await failure(serveAndResolve({ '/bad.log.gz': gz }, '/bad.log.gz'));
    expect(err.code).toBe('corrupt-archive');
    expect(err.message).toMatch(/truncated or corrupt/);
  });

  it('reports a truncated gzip as corrupt-archive', async () => {
    const gz = gzipSync(bytes(50_000, 14));
    const err = await failure(serveAndResolve({ '/cut.log.gz': gz.subarray(0, gz.length - 100) }, '/cut.log.gz'));
    expect(err.code).toBe('corrupt-archive');
  });

  it('reports a tar cut off in the middle of an entry as corrupt-archive', async () => {
    const t = await makeTar([{ name: 'a.log', data: bytes(20_000, 17) }], false);
    const err = await failure(serveAndResolve({ '/cut.tar': t.subarray(0, 512 + 10_000) }, '/cut.tar'));
    expect(err.code).toBe('corrupt-archive');
    expect(err.message).toContain(server!.url('/cut.tar'));
  });

  it('reports a truncated .tar.gz as corrupt-archive', async () => {
    const tgz = await makeTar([{ name: 'a.log', data: bytes(20_000, 18) }], true);
    const err = await failure(serveAndResolve({ '/cut.tar.gz': tgz.subarray(0, tgz.length - 50) }, '/cut.tar.gz'));
    expect(err.code).toBe('corrupt-archive');
  });

  it('reports data that is not gzip at all, saying what it starts with', async () => {
    const err = await failure(serveAndResolve({ '/plain.log.gz': Buffer.from('<Event>not gzip</Event>') }, '/plain.log.gz'));
    expect(err.code).toBe('corrupt-archive');
    expect(err.message).toMatch(/not gzip data/);
  });

  it('refuses a tar with a ../ entry and writes nothing outside its folder', async () => {
    const tgz = await makeTar(
      [
        { name: 'ok.log', data: Buffer.from('ok') },
        { name: '../../escaped.txt', data: Buffer.from('pwned') },
      ],
      true,
    );
    const err = await failure(serveAndResolve({ '/evil.tar.gz': tgz }, '/evil.tar.gz'));
    expect(err.code).toBe('unsafe-archive');
    expect(err.message).toContain('../../escaped.txt');
    expect(existsSync(join(cacheDir(), 'escaped.txt'))).toBe(false);
    expect(existsSync(join(dir.path, 'escaped.txt'))).toBe(false);
    expect(existsSync(join(cacheDir(), 'extracted'))).toBe(false);
  });

  it('refuses a tar with an absolute entry', async () => {
    const t = await makeTar([{ name: '/etc/evil', data: Buffer.from('x') }], false);
    const err = await failure(serveAndResolve({ '/abs.tar': t }, '/abs.tar'));
    expect(err.code).toBe('unsafe-archive');
  });

  it('never creates links from a tar; they are listed as skipped', async () => {
    const t = await makeTar(
      [
        { name: 'real.log', data: Buffer.from('real\n') },
        { name: 'link.log', type: 'symlink', linkname: '/etc/passwd' },
        { name: 'hard.log', type: 'link', linkname: '../../outside' },
      ],
      false,
    );
    const got = await serveAndResolve({ '/links.tar': t }, '/links.tar');
    expect(got.paths?.map((p) => p.split('/').pop())).toEqual(['real.log']);
    expect(existsSync(join(dirname(got.path), 'link.log'))).toBe(false);
    expect(existsSync(join(dirname(got.path), 'hard.log'))).toBe(false);
  });

  it('refuses a zip with a ../ entry', async () => {
    const err = await failure(serveAndResolve({ '/evil.zip': zip([{ name: '../evil.txt', data: Buffer.from('x') }]) }, '/evil.zip'));
    expect(err.code).toBe('unsafe-archive');
    expect(existsSync(join(cacheDir(), 'evil.txt'))).toBe(false);
  });

  it('skips a zip symlink entry instead of writing it', async () => {
    const archive = zip([
      { name: 'a.log', data: Buffer.from('a\n') },
      { name: 'l.log', data: Buffer.from('/etc/passwd'), mode: 0o120777 },
    ]);
    const got = await serveAndResolve({ '/sl.zip': archive }, '/sl.zip');
    expect(got.paths?.map((p) => p.split('/').pop())).toEqual(['a.log']);
  });

  it('refuses a zip bomb by its expansion ratio, with the default limits', async () => {
    // 64 MiB of zeros deflates to ~64 KB: a ratio near 1000, far over the 200x cap.
    const size = 64 * 2 ** 20;
    const zeros = Buffer.alloc(size);
    const compressed = deflateRawSync(zeros);
    const archive = zip([{ name: 'bomb.log', data: Buffer.alloc(0), raw: { compressed, size, crc: (crc32(zeros) ^ 0xffffffff) >>> 0 } }]);
    const err = await failure(serveAndResolve({ '/bomb.zip': archive }, '/bomb.zip'));
    expect(err.code).toBe('too-large');
    expect(err.message).toMatch(/bomb/);
    expect(existsSync(join(cacheDir(), 'extracted'))).toBe(false);
  });

  it('stops a gzip bomb while streaming, before writing it all', async () => {
    const gz = gzipSync(Buffer.alloc(64 * 2 ** 20));
    const err = await failure(serveAndResolve({ '/bomb.log.gz': gz }, '/bomb.log.gz', { archiveLimits: { ratioFloorBytes: 2 ** 20 } }));
    expect(err.code).toBe('too-large');
  });

  it('enforces the total expanded size cap', async () => {
    const gz = gzipSync(bytes(300_000, 15));
    const err = await failure(serveAndResolve({ '/cap.log.gz': gz }, '/cap.log.gz', { archiveLimits: { maxBytes: 100_000 } }));
    expect(err.code).toBe('too-large');
    expect(err.message).toMatch(/100000 byte cap/);
  });

  it('reports a zip whose deflated data is damaged as corrupt-archive', async () => {
    const archive = zip([{ name: 'a.log', data: bytes(20_000, 19), deflate: true }]);
    archive.fill(0xff, 40, 400); // inside the entry's compressed bytes (after the 30-byte header and name)
    const err = await failure(serveAndResolve({ '/dmg.zip': archive }, '/dmg.zip'));
    expect(err.code).toBe('corrupt-archive');
  });

  it('reports a truncated zip as corrupt-archive', async () => {
    const archive = zip([{ name: 'a.log', data: bytes(20_000, 16), deflate: true }]);
    const err = await failure(serveAndResolve({ '/cut.zip': archive.subarray(0, archive.length - 30) }, '/cut.zip'));
    expect(err.code).toBe('corrupt-archive');
  });
});
