import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, filesUnder } from '../support/shared.js';
import { tempDir } from '../support/tmp.js';

/**
 * The package as users get it: `npm pack`, installed from the tarball into an empty folder, must
 * run. A module the shipped code imports but that is only a devDependency (as fast-xml-parser
 * was, for spath) installs fine and then crashes with ERR_MODULE_NOT_FOUND.
 */
const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  name: string;
};

/** The package a bare import specifier names (`a/b` → a, `@s/a/b` → @s/a). */
const packageOf = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);

describe('shipped code imports only dependencies', () => {
  it('every package imported by harness/ (static or dynamic) is in dependencies, not devDependencies', () => {
    const imported = new Map<string, string>();
    for (const file of filesUnder(join(PROJECT_ROOT, 'harness')).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(file, 'utf8');
      // `import type` is erased by the compiler: it needs nothing at run time.
      for (const m of text.matchAll(
        /^\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm,
      )) {
        const spec = m[1] ?? m[2] ?? m[3];
        if (spec.startsWith('.') || spec.startsWith('node:')) continue;
        imported.set(packageOf(spec), file.slice(PROJECT_ROOT.length + 1));
      }
    }
    const missing = [...imported].filter(([name]) => !(name in pkg.dependencies)).map(([name, file]) => `${name} (imported by ${file})`);
    expect(missing).toEqual([]);
    expect(imported.has('fast-xml-parser')).toBe(true);
  });
});

const npmVersion = (() => {
  try {
    return execFileSync('npm', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
})();
const built = existsSync(join(PROJECT_ROOT, 'dist/harness/cli/main.js'));
const why = !npmVersion ? 'npm is not available' : !built ? 'dist/ is not built (run npm run build)' : '';
if (why) console.warn(`[spl-harness tests] pack-and-install skipped: ${why}`);

(why ? describe.skip : describe)(`npm pack → install in an empty folder → run${why ? ` [skipped: ${why}]` : ''}`, () => {
  it('the installed CLI runs the seed detection offline and passes', () => {
    const work = tempDir('spl-pack-');
    // dist/ is what `prepare` built; packing it as it is keeps this test fast.
    const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], { cwd: PROJECT_ROOT, encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop()!;
    const tarball = join(work, packed);
    expect(existsSync(tarball)).toBe(true);
    const app = join(work, 'app');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'spl-harness-install-check', private: true }));
    // Dependencies come from npm's local cache when it has them (it does after `npm ci`).
    const install = spawnSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts=false', tarball], {
      cwd: app,
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(install.status, install.stderr).toBe(0);
    expect(readdirSync(join(app, 'node_modules'))).toContain(pkg.name);
    expect(existsSync(join(app, 'node_modules', pkg.name, 'node_modules', 'vitest'))).toBe(false);

    const cli = join(app, 'node_modules', '.bin', 'spl-harness');
    const version = spawnSync(cli, ['--version'], { cwd: app, encoding: 'utf8' });
    expect(version.stdout).toMatch(/^spl-harness \d+\.\d+\.\d+/);
    // The seed detection with the project's fixture mirror (spl-harness.yml), from the installed package.
    const run = spawnSync(cli, ['test', '--content', PROJECT_ROOT, '--offline', '--jobs', '1', '--format', 'json'], {
      cwd: app,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND|Cannot find package/);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { summary: { passed: number; total: number } };
    expect(report.summary.passed).toBeGreaterThan(0);
    expect(report.summary.passed).toBe(report.summary.total);
    // spath, the command whose module needed fast-xml-parser.
    const data = join(work, 'events.xml');
    writeFileSync(data, '<Event><System><EventID>4688</EventID></System></Event>\n');
    const search = spawnSync(
      cli,
      ['search', '--content', PROJECT_ROOT, '--data', data, '--sourcetype', 'xml', '--source', 'x', 'sourcetype=xml | spath | table Event.System.EventID'],
      { cwd: app, encoding: 'utf8', timeout: 60_000 },
    );
    expect(search.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND|Cannot find package/);
    expect(search.status, search.stderr).toBe(0);
    expect(search.stdout).toContain('4688');
  }, 300_000);
});
