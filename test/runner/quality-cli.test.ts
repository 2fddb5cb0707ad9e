import { afterEach, expect, it, vi } from 'vitest';
import { capture } from '../support/capture.js';
import { run as runMutate } from '../../harness/cli/commands/mutate.js';
import { run as runCoverage } from '../../harness/cli/commands/coverage.js';
import { PROJECT_ROOT } from '../support/shared.js';
import { SEED_FILE } from './helpers.js';

afterEach(() => vi.restoreAllMocks());

it('spl-harness mutate <detection>: the score and each survivor under each test, as SPL at its YAML position', async () => {
  const { code, stdout } = await capture(() => runMutate([SEED_FILE, '--content', PROJECT_ROOT, '--offline', '--jobs', '1', '--format', 'pretty']));
  expect(code).toBe(0);
  expect(stdout).toMatch(/mutation score: \d+ % \(\d+ of \d+ mutants killed\)/);
  // The seed's ESCU test runs winrs with -r: only: dropping the -remote: branch goes unnoticed.
  expect(stdout).toMatch(new RegExp(`survived ${SEED_FILE.replace(/\./g, '\\.')}:13:\\d+  drop-or-branch: dropped Processes\\.process="\\*-remote:\\*"`));
  expect(stdout).toMatch(/\| tstats .* where Processes\.process_name=winrs\.exe OR Processes\.original_file_name=winrs\.exe Processes\.process="\*-r:\*" by /);
});

it('spl-harness coverage --tests: the share of leaves exercised per detection and overall', async () => {
  const { code, stdout } = await capture(() => runCoverage(['--tests', '--content', PROJECT_ROOT, '--offline', '--jobs', '1', '--format', 'json']));
  expect(code).toBe(0);
  const a = JSON.parse(stdout);
  // The sidecar cases exercise the long form, so every leaf of the seed is covered by some test.
  expect(a.detections).toEqual([{ name: 'Remote Process Instantiation via WinRM and Winrs', file: SEED_FILE, tests: 10, exercised: 4, leaves: 4, share: 1 }]);
  expect(a.overall.share).toBe(1);
});
