/**
 * Local `data:` paths stay inside the content root, its mirror directories, or a directory the
 * repository's spl-harness.yml allows (datasets/confine.ts; issue 19, item 1). A pull request's
 * detection must not make the runner read, and then print, the runner's own files.
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clearResolveMemo, DatasetError, resolveDataset, type ResolveOptions } from '../../harness/datasets/index.js';
import { loadConfig } from '../../harness/config.js';
import { tempDir } from './server.js';

const SECRET = 'root:x:0:0:the secret the runner must never print';
let dir: { path: string; remove(): Promise<void> };
let content: string;
let outside: string;
let secretFile: string;

beforeEach(async () => {
  clearResolveMemo();
  dir = await tempDir();
  content = join(dir.path, 'content');
  outside = join(dir.path, 'outside');
  await mkdir(join(content, 'data'), { recursive: true });
  await mkdir(outside, { recursive: true });
  secretFile = join(outside, 'passwd');
  await writeFile(secretFile, SECRET + '\n');
  await writeFile(join(content, 'data', 'ok.log'), 'a=1\n');
});
afterEach(async () => dir.remove());

const opts = (extra: Partial<ResolveOptions> = {}): ResolveOptions => ({
  contentRoot: content,
  mirrors: [],
  cacheDir: join(dir.path, 'cache'),
  offline: true,
  ...extra,
});

async function refusal(ref: string, extra: Partial<ResolveOptions> = {}): Promise<DatasetError> {
  const err = await resolveDataset(ref, opts(extra)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DatasetError);
  const e = err as DatasetError;
  expect(e.code).toBe('outside-content');
  expect(e.message).toMatch(/must lie inside the content root or a mirror directory/);
  expect(e.message).not.toContain('the secret');
  return e;
}

describe('local dataset paths are confined', () => {
  it('reads a path inside the content root', async () => {
    await expect(resolveDataset('data/ok.log', opts())).resolves.toMatchObject({ origin: 'local' });
  });

  it('refuses an absolute path outside the content root', async () => {
    await refusal(secretFile);
  });

  it('refuses a relative path climbing out with ..', async () => {
    await refusal('../outside/passwd');
    await refusal('data/../../outside/passwd');
  });

  it('refuses a symlink inside the content that points out', async () => {
    await symlink(secretFile, join(content, 'data', 'innocent.log'));
    const e = await refusal('data/innocent.log');
    expect(e.message).toMatch(/through a symlink/);
    // A symlinked directory too.
    await symlink(outside, join(content, 'data', 'dir'));
    await refusal('data/dir/passwd');
  });

  it('refuses a file: URL outside', async () => {
    await refusal(pathToFileURL(secretFile).href);
  });

  it('refuses percent-encoded .. and separators', async () => {
    await mkdir(join(content, '%2e%2e'), { recursive: true });
    await writeFile(join(content, '%2e%2e', 'passwd'), 'x\n');
    await refusal('%2e%2e/passwd');
    await refusal('data%2f..%2f..%2foutside%2fpasswd'.replace(/^data/, 'data'));
  });

  it('reads a file in a mirror directory, but not a symlink in it that points out', async () => {
    const mirror = join(dir.path, 'mirror');
    await mkdir(mirror, { recursive: true });
    await writeFile(join(mirror, 'real.log'), 'b=2\n');
    await symlink(secretFile, join(mirror, 'leak.log'));
    const mirrors = [{ prefix: 'https://data.example/', target: mirror }];
    await expect(resolveDataset('https://data.example/real.log', opts({ mirrors }))).resolves.toMatchObject({ origin: 'mirror' });
    await refusal('https://data.example/leak.log', { mirrors });
    // A mirror directory also makes its files readable by path.
    await expect(resolveDataset(join(mirror, 'real.log'), opts({ mirrors }))).resolves.toMatchObject({ origin: 'local' });
  });

  it('reads a directory the repository config allows explicitly', async () => {
    await writeFile(join(content, 'spl-harness.yml'), 'allow_data_dirs:\n  - ../outside\n');
    const config = loadConfig(content);
    expect(config.allowDataDirs).toEqual([outside]);
    await expect(resolveDataset(secretFile, opts({ allowDataDirs: config.allowDataDirs }))).resolves.toMatchObject({ origin: 'local' });
  });
});
