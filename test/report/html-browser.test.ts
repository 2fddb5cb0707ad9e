import { accessSync, constants, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../harness/cli/main.js';
import { renderReport } from '../../harness/report/index.js';
import type { Report, TestResult, TestSummary } from '../../harness/report/types.js';
import { ATTACK_DATA, ESCU, HAS_SHARED, PROJECT_ROOT } from '../support/shared.js';
import { tempDir } from '../support/tmp.js';

/**
 * The HTML report in a real browser: Debian's `chromium` driven by playwright-core (which
 * downloads no browser of its own). The report comes from a real run: the ESCU tree over
 * ../shared when present, else the project's own detections. The page must load with no console
 * error and no request beyond its own file, the table must filter and sort, and a screenshot is
 * written under the OS temp dir for people (and CI artifacts) to look at.
 */

/** SPL_HARNESS_CHROMIUM when set (and then only it), else `chromium` on the PATH. */
function findChromium(): string | undefined {
  const env = process.env.SPL_HARNESS_CHROMIUM;
  const candidates = env !== undefined ? [env] : [...(process.env.PATH ?? '').split(delimiter).map((d) => d && join(d, 'chromium')), '/usr/bin/chromium'];
  for (const path of candidates) {
    if (!path) continue;
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here
    }
  }
  return undefined;
}

const CHROMIUM = findChromium();
if (!CHROMIUM) {
  const where = process.env.SPL_HARNESS_CHROMIUM !== undefined ? `at SPL_HARNESS_CHROMIUM=${process.env.SPL_HARNESS_CHROMIUM}` : 'on the PATH';
  console.warn(
    `[spl-harness tests] no chromium binary ${where} (apt-get install chromium, or set SPL_HARNESS_CHROMIUM): the HTML report browser test is skipped.`,
  );
}
const describeBrowser = CHROMIUM ? describe : describe.skip;

const PREFIX = 'https://media.githubusercontent.com/media/splunk/attack_data/master/';

/** Runs a CLI command in-process with its output captured (the report goes to a file). */
async function cli(argv: string[]): Promise<number> {
  const write = process.stderr.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    return await main(argv);
  } finally {
    process.stderr.write = write;
  }
}

describeBrowser(`the HTML report in headless Chromium${CHROMIUM ? '' : ' [skipped: no chromium binary]'}`, () => {
  let context: BrowserContext;
  let page: Page;
  let results: TestResult[];
  let summary: TestSummary;
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];
  const foreignRequests: string[] = [];

  beforeAll(async () => {
    const dir = tempDir('spl-harness-html-');
    const run = HAS_SHARED
      ? ['test', '--content', ESCU, '--mirror', `${PREFIX}=${ATTACK_DATA}`, '--offline']
      : ['test', '--content', PROJECT_ROOT, '--offline'];
    const json = join(dir, 'run.json');
    expect(await cli([...run, '--format', 'json', '--output', json])).toBeLessThan(2);
    ({ results, summary } = JSON.parse(readFileSync(json, 'utf8')) as { results: TestResult[]; summary: TestSummary });

    // A baseline one run older: the first pass had failed, the first failure had passed, and one test has since vanished.
    const baseline = structuredClone(results);
    const pass = baseline.find((r) => r.status === 'passed');
    const fail = baseline.find((r) => r.status === 'failed');
    if (pass) pass.status = 'failed';
    if (fail) fail.status = 'passed';
    baseline.push({
      ...baseline[0],
      key: 'detections/endpoint/removed_since.yml#0',
      file: 'detections/endpoint/removed_since.yml',
      name: 'Removed Since',
      status: 'passed',
    });
    writeFileSync(join(dir, 'baseline.json'), JSON.stringify({ summary, results: baseline }));

    const html = join(dir, 'report.html');
    expect(await cli([...run, '--format', 'html', '--output', html, '--baseline', join(dir, 'baseline.json')])).toBeLessThan(2);

    const profile = tempDir('spl-harness-chromium-');
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 1000 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = context.pages()[0] ?? (await context.newPage());
    const url = pathToFileURL(html).href;
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    page.on('requestfailed', (r) => failedRequests.push(`${r.url()}: ${r.failure()?.errorText}`));
    page.on('request', (r) => {
      if (r.url() !== url) foreignRequests.push(r.url());
    });
    await page.goto(url, { waitUntil: 'load' });
  }, 300_000);

  afterAll(async () => {
    await context?.close();
  });

  const visibleRows = () => page.locator('#rows tbody tr:not([hidden])');

  it('loads with no console error and no request beyond its own file', async () => {
    expect(await page.title()).toMatch(/^spl-harness test: \d+\/\d+ passed/);
    expect(consoleErrors).toEqual([]);
    expect(failedRequests).toEqual([]);
    expect(foreignRequests).toEqual([]);
    expect(await page.locator('#rows tbody tr').count()).toBe(results.length);
    expect(await page.locator('#shown').textContent()).toBe(`${results.length} shown`);
  });

  it('shows the summary, the charts and what changed since the baseline', async () => {
    expect(await page.locator('#summary .card.passed b').textContent()).toBe(String(summary.passed));
    expect(await page.locator('#charts svg.chart').count()).toBe(2);
    const changes = await page.locator('#changes').innerText();
    expect(changes).toMatch(/1 vanished/);
    expect(changes).toContain('Removed Since');
    if (results.some((r) => r.status === 'passed')) expect(changes).toMatch(/1 fixed/);
    if (results.some((r) => r.status === 'failed')) expect(changes).toMatch(/1 new failure\b/);
  });

  it('filters the table as one types', async () => {
    // A detection file when the run has several, else one test's name.
    const target = results.find((r) => r.status === 'failed') ?? results[0];
    const byFile = new Set(results.map((r) => r.file)).size > 1;
    const query = byFile ? target.file : results[results.length - 1].test;
    await page.locator('#filter').fill(query);
    const words = query.toLowerCase().split(/\s+/);
    const expected = results.filter((r) => (byFile ? r.file === target.file : words.every((w) => r.test.toLowerCase().includes(w)))).length;
    expect(expected).toBeGreaterThan(0);
    if (results.length > 1) expect(expected).toBeLessThan(results.length);
    await expect.poll(() => visibleRows().count()).toBe(expected);
    expect(await page.locator('#shown').textContent()).toBe(expected === results.length ? `${expected} shown` : `${expected} of ${results.length} shown`);

    await page.locator('#filter').fill('no test has this text 7f3a9');
    await expect.poll(() => visibleRows().count()).toBe(0);

    await page.locator('#filter').fill('');
    await page.locator('#status').selectOption('problem');
    await expect.poll(() => visibleRows().count()).toBe(summary.failed + summary.errors);
    await page.locator('#status').selectOption('');
    await expect.poll(() => visibleRows().count()).toBe(results.length);
  });

  it('sorts by a column when its header is clicked, both ways', async () => {
    const rowsColumn = async () => (await page.locator('#rows tbody tr td:nth-child(5)').allTextContents()).map(Number);
    const header = page.locator('#rows thead th', { hasText: 'Rows' });
    await header.locator('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const up = await rowsColumn();
    expect(up).toEqual([...up].sort((a, b) => a - b));
    await header.locator('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    const down = await rowsColumn();
    expect(down).toEqual([...up].sort((a, b) => b - a));
    expect(down[0]).toBe(Math.max(...results.map((r) => r.rows)));

    const names = page.locator('#rows thead th', { hasText: 'Detection' });
    await names.locator('button').click();
    const first = await page.locator('#rows tbody tr:first-child td:nth-child(2)').evaluate((td) => td.firstChild?.textContent ?? '');
    const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
    expect(first).toBe([...results.map((r) => r.name)].sort(collator.compare)[0]);
  });

  it('shows hostile names as text: a detection named <script> runs nothing', async () => {
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const report: Report = {
      command: 'test',
      summary: { total: 1, passed: 0, failed: 1, unsupported: 0, skipped: 0, errors: 0, duration_ms: 1 },
      results: [{ ...results[0], name: evil, status: 'failed', reasons: [evil], explanation: `</pre>${evil}`, data_source: [`"><svg onload=alert(3)>`] }],
    };
    const file = join(tempDir('spl-harness-html-evil-'), 'evil.html');
    writeFileSync(file, renderReport('html', report));
    const other = await context.newPage();
    const dialogs: string[] = [];
    const errors: string[] = [];
    other.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    other.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    other.on('pageerror', (e) => errors.push(String(e)));
    await other.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    expect(
      await other
        .locator('#rows tbody td.name')
        .first()
        .evaluate((td) => td.firstChild?.textContent),
    ).toBe(evil);
    expect(await other.locator('#failures pre').textContent()).toBe(`</pre>${evil}`);
    expect(await other.locator('img, iframe, #rows svg, #failures script').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await other.close();
  });

  it('highlights the leaves of a search no event exercised (test --coverage on the seed), and runs no script from a search', async () => {
    const dir = tempDir('spl-harness-html-coverage-');
    const file = join(dir, 'coverage.html');
    const seed = join(PROJECT_ROOT, 'detections', 'endpoint', 'remote_process_instantiation_via_winrm_and_winrs.yml');
    expect(await cli(['test', '--content', PROJECT_ROOT, '--offline', '--coverage', '--detection', seed, '--format', 'html', '--output', file])).toBe(0);
    // The same run's coverage with a hostile search in place of the seed's: markup in it stays text.
    const evilSearch = '"<script>alert(11)</script>" OR <img src=x onerror=alert(12)>';
    const evilFile = join(dir, 'evil.html');
    const leaf = { text: '<script>alert(13)</script>', command: 1, line: 1, column: 1, search_span: [0, 28] as [number, number] };
    writeFileSync(
      evilFile,
      renderReport('html', {
        command: 'test',
        summary: { total: 1, passed: 1, failed: 0, unsupported: 0, skipped: 0, errors: 0, duration_ms: 1 },
        results: [{ ...results[0], search: evilSearch, coverage: { exercised: [], unexercised: [leaf] } }],
      }),
    );
    const other = await context.newPage();
    const dialogs: string[] = [];
    other.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await other.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    // The ESCU test's data never runs `winrs -remote:`: that leaf, and only it, is marked in its row.
    const row = other.locator('#rows tbody tr', { hasText: 'True Positive Test' });
    const marks = row.locator('pre.search mark.leaf.unexercised');
    expect(await marks.allTextContents()).toEqual(['Processes.process="*-remote:*"']);
    expect(await row.locator('pre.search .leaf.exercised').count()).toBe(3);
    expect(await marks.first().isVisible()).toBe(true);
    const background = await marks.first().evaluate((m) => getComputedStyle(m).backgroundColor);
    expect(background).not.toMatch(/^(transparent|rgba\(0, 0, 0, 0\))$/);

    await other.goto(pathToFileURL(evilFile).href, { waitUntil: 'load' });
    expect(await other.locator('pre.search').textContent()).toBe(evilSearch);
    expect(await other.locator('pre.search mark').textContent()).toBe('"<script>alert(11)</script>"');
    expect(await other.locator('#rows img, #rows script').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await other.close();
  });

  it('lists the tests of a chart bar when it is clicked, and takes a screenshot', async () => {
    await page.locator('#rows thead th', { hasText: 'Status' }).locator('button').click();
    const bar = page.locator('#charts svg.chart').nth(1).locator('g[data-filter]').first();
    const tactic = await bar.getAttribute('data-filter');
    await bar.click();
    expect(await page.locator('#filter').inputValue()).toBe(`"${tactic}"`);
    expect(await visibleRows().count()).toBeGreaterThan(0);
    expect(consoleErrors).toEqual([]);

    await page.locator('#filter').fill('');
    await page.locator('#filter').dispatchEvent('input');
    await page.evaluate(() => window.scrollTo(0, 0));
    const dir = join(tmpdir(), 'spl-harness-screenshots');
    mkdirSync(dir, { recursive: true });
    const shot = join(dir, 'html-report.png');
    const png = await page.screenshot({ path: shot, fullPage: false });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    console.log(`[html report] screenshot: ${shot}`);
  });
});
