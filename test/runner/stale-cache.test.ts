/**
 * When the server fails and a stale cached copy is used, `test` says so, as `fetch` does
 * (issue 19, item 7). The server is a local one on 127.0.0.1: it serves the dataset once, then
 * answers 404.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../harness/content/load.js';
import { clearResolveMemo } from '../../harness/datasets/index.js';
import { planTests } from '../../harness/runner/plan.js';
import { runTest } from '../../harness/runner/run.js';
import { PROJECT_ROOT } from '../support/shared.js';
import { serveBody, startServer, tempDir } from '../datasets/server.js';
import { FIXTURE_PREFIX, SEED_FILE, SEED_TEXT, tempContent } from './helpers.js';

const DATA_PATH = /https:\/\/media\.githubusercontent\.com\/media\/splunk\/attack_data\/master\/(\S+)/.exec(SEED_TEXT)![1];
const body = readFileSync(join(PROJECT_ROOT, 'test/fixtures/attack_data', DATA_PATH));
const cleanups: Array<() => unknown> = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

describe('a stale cached copy', () => {
  it('is used when revalidation fails, and the test result says so', async () => {
    const server = await startServer({
      [`/${DATA_PATH}`]: (req, res, n) => (n === 1 ? serveBody(req, res, body, { etag: '"v1"' }) : ((res.statusCode = 404), void res.end())),
    });
    cleanups.push(() => server.close());
    const cache = await tempDir();
    cleanups.push(() => cache.remove());
    const c = tempContent({ [SEED_FILE]: SEED_TEXT.replace(FIXTURE_PREFIX, server.base + '/') });
    cleanups.push(c.cleanup);
    const content = loadContent(c.root);
    const [test] = planTests(content, content.detections).tests;
    const opts = { mirrors: [], cacheDir: cache.path };

    const first = await runTest(content, test, opts);
    expect(first.status).toBe('passed');
    expect(first.reasons.filter((r) => r.startsWith('warning:'))).toEqual([]);

    clearResolveMemo();
    const second = await runTest(content, test, opts);
    expect(second.status).toBe('passed');
    expect(second.reasons.join('\n')).toMatch(/^warning: could not revalidate .*HTTP 404.*using the cached copy from \d{4}-/m);
  });
});
