/**
 * The ../shared/attack_data mirror, used as a real directory mirror: the project's seed
 * detection, every ground-truth dataset, and the real archives it holds all resolve offline.
 */
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { archiveKind, clearResolveMemo, type DatasetError, resolveDataset, type ResolveOptions } from '../../harness/datasets/index.js';
import { displayPath } from '../../harness/datasets/display-path.js';
import { loadContent } from '../../harness/content/load.js';
import { ATTACK_DATA, describeShared, PROJECT_ROOT } from '../support/shared.js';
import { tempDir } from './server.js';

const PREFIX = 'https://media.githubusercontent.com/media/splunk/attack_data/master/';

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}

describeShared('datasets: ../shared/attack_data as a mirror', () => {
  let cache: { path: string; remove(): Promise<void> };
  let opts: ResolveOptions;
  beforeAll(async () => {
    clearResolveMemo();
    cache = await tempDir();
    opts = { contentRoot: PROJECT_ROOT, mirrors: [{ prefix: PREFIX, target: ATTACK_DATA }], cacheDir: cache.path, offline: true };
  });
  afterAll(async () => {
    await cache.remove();
  });

  it("resolves the project's detection data offline in place, or says clearly that the mirror lacks it", async () => {
    const content = loadContent(PROJECT_ROOT);
    const refs = content.detections.flatMap((d) => d.tests.flatMap((t) => t.attack_data.map((a) => a.data)));
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const inMirror = join(ATTACK_DATA, ref.slice(PREFIX.length));
      if (existsSync(inMirror)) {
        const got = await resolveDataset(ref, opts);
        expect(got).toMatchObject({ origin: 'mirror', path: inMirror });
      } else {
        // (The seed's WinRM dataset is LFS-only upstream and not in the mirror.)
        const err = (await resolveDataset(ref, opts).catch((e: unknown) => e)) as DatasetError;
        expect(err.code).toBe('offline-unavailable');
        expect(err.message).toContain(ref);
        // The mirror folder, shown relative to the working directory (the URL already names the file).
        expect(err.message).toContain(`not in the mirror ${displayPath(ATTACK_DATA)},`);
      }
    }
  });

  it('resolves every ground-truth dataset offline (none is an LFS pointer)', async () => {
    const rows = (await readFile(join(ATTACK_DATA, 'GROUND_TRUTH.tsv'), 'utf8')).trim().split('\n').slice(1);
    const paths = [...new Set(rows.map((r) => r.split('\t')[3]))];
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) {
      const got = await resolveDataset(PREFIX + p, opts);
      expect(got.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('unpacks every real archive in the mirror', async () => {
    const archives = (await walk(join(ATTACK_DATA, 'datasets'))).filter((p) => archiveKind(p));
    for (const file of archives) {
      const got = await resolveDataset(PREFIX + relative(ATTACK_DATA, file).split('\\').join('/'), opts);
      expect(got.paths?.length, file).toBeGreaterThan(0);
    }
  });
});
