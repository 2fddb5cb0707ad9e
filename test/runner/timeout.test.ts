/**
 * Each test's time budget (issue 19, item 2). A catastrophic regular expression, `(a+)+$` over 40
 * characters, never returns in JavaScript's backtracking RegExp, which cannot be interrupted;
 * Splunk's PCRE gives up at limits.conf `[rex] match_limit`
 * (https://docs.splunk.com/Documentation/Splunk/latest/Admin/Limitsconf, stanza [rex]). The
 * harness stops the worker thread running a test past its budget, ends that test as an error
 * naming the command it was inside, and the other tests go on — with --jobs 1 too.
 */
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDuration } from '../../harness/config.js';
import { listFiles } from '../../harness/content/files.js';
import { ACTIVITY_BYTES, activityId, noteActivity, readActivity, shareActivity } from '../../harness/engine/activity.js';
import { parseSearch } from '../../harness/spl/index.js';
import { PROJECT_ROOT } from '../support/shared.js';
import { FIXTURE_PREFIX, seedVariant, SEED_FILE, SEED_TEXT, tempContent } from './helpers.js';

const run = promisify(execFile);

function freshBuild(): boolean {
  if (!existsSync(join(PROJECT_ROOT, 'dist/harness/runner/worker.js'))) return false;
  return listFiles(join(PROJECT_ROOT, 'harness'), ['.ts']).every((src) => {
    const out = join(PROJECT_ROOT, 'dist', src.slice(PROJECT_ROOT.length + 1).replace(/\.ts$/, '.js'));
    return existsSync(out) && statSync(out).mtimeMs >= statSync(src).mtimeMs;
  });
}

const HUNG = seedVariant(1, (s) =>
  s.replace(
    /\| `remote_process_instantiation_via_winrm_and_winrs_filter`/,
    `| eval a="${'a'.repeat(40)}!" | rex field=a "(?<m>(a+)+$)" | \`remote_process_instantiation_via_winrm_and_winrs_filter\``,
  ),
);
const content = tempContent({
  [SEED_FILE]: SEED_TEXT,
  'detections/endpoint/seed_variant_1.yml': HUNG,
  'spl-harness.yml': `mirrors:\n  - prefix: ${FIXTURE_PREFIX}\n    target: ${join(PROJECT_ROOT, 'test/fixtures/attack_data')}\n`,
});
afterAll(() => content.cleanup());

describe('the time budget of a test', () => {
  it('reads durations as seconds or with a unit', () => {
    expect(parseDuration('90')).toBe(90_000);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration('soon')).toBeUndefined();
  });

  it('records the command the engine is inside in shared memory, readable from another thread', () => {
    const buffer = new SharedArrayBuffer(ACTIVITY_BYTES);
    shareActivity(buffer);
    const pipeline = parseSearch('search a=1 | rex field=a "(?<m>x)"').pipeline;
    noteActivity(activityId(pipeline.commands[1]));
    expect(readActivity(buffer)).toEqual({ command: 'rex', offset: pipeline.commands[1].span.start });
  });

  const built = freshBuild();
  for (const jobs of ['1', '2']) {
    (built ? it : it.skip)(
      `stops a catastrophic regex at the budget and runs the other tests (--jobs ${jobs})${built ? '' : ' [skipped: dist/ missing or stale; run npm run build]'}`,
      async () => {
        const started = Date.now();
        const out = await run(
          process.execPath,
          [
            join(PROJECT_ROOT, 'bin/spl-harness.js'),
            'test',
            '--content',
            content.root,
            '--offline',
            '--jobs',
            jobs,
            '--test-timeout',
            '2s',
            '--format',
            'json',
          ],
          { cwd: content.root },
        ).then(
          () => undefined,
          (err: { code: number; stdout: string }) => err,
        );
        expect(out?.code).toBe(1);
        expect(Date.now() - started).toBeLessThan(20_000);
        const report = JSON.parse(out!.stdout);
        const hung = report.results.find((r: { name: string }) => r.name === 'Seed Variant 1');
        expect(hung.status).toBe('error');
        expect(hung.reasons.join('\n')).toMatch(/time budget of 2 s while running `rex field=a "\(\?<m>\(a\+\)\+\$\)"`/);
        const other = report.results.find((r: { name: string }) => r.name !== 'Seed Variant 1');
        expect(other.status).toBe('passed');
      },
      30_000,
    );
  }
});
