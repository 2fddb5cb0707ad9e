import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../harness/content/load.js';
import type { TestResult } from '../../harness/report/types.js';
import { planTests } from '../../harness/runner/plan.js';
import { runTests } from '../../harness/runner/pool.js';
import { prepareTest, type PreparedTest } from '../../harness/runner/run.js';
import { runScan, scanCounts, type ScanLimits } from '../../harness/runner/scan.js';
import { FIXTURE_MIRROR, seedVariant, tempContent } from './helpers.js';

/**
 * The shared scan (runner/scan.ts) reads a file once for every test of it. Whatever way a search
 * is fed — while the file is read (order-free, one read), from the rows it kept sorted newest first
 * (order-dependent, or reading in several places), or alone after all (a reader the scan cannot
 * describe, or more kept rows than the budget) — every status, row count, reason and explanation
 * must equal the test run by itself.
 */

const withoutTimings = (results: TestResult[]) => results.map((r) => ({ ...r, timings: undefined }));
let cleanups: Array<() => void> = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});

const SYSMON = 'search source="XmlWinEventLog:Microsoft-Windows-Sysmon/Operational" EventCode=1';
const SEARCHES: Array<(seed: string) => string> = [
  // Order-free tstats (fed while the file is read): passing, and failing with an explanation.
  (s) => s,
  (s) => s.replace('Processes.process="*-r:*"', 'Processes.process="*-x:*"'),
  // A leading search, streaming commands and stats, pushed row by row; latest() reads each event's own time (engine/order.ts).
  () => `${SYSMON} | eval image=lower(Image) | stats count latest(User) as user by Computer image | where like(image, "%winrs.exe") | rename Computer as dest`,
  // Order-dependent: head, dedup and first() keep the newest event, which in the seed's file (oldest
  // first) is its last process start, gpupdate.exe: in file order none of these would pass.
  () => `${SYSMON} | head 1 | where like(Image, "%gpupdate.exe") | rename Computer as dest, User as user | table _time dest user Image`,
  () => `${SYSMON} | dedup Computer | where like(Image, "%gpupdate.exe") | rename Computer as dest, User as user | table dest user Image`,
  () => `${SYSMON} | stats first(Image) as process_name first(User) as user by Computer | where like(process_name, "%gpupdate.exe") | rename Computer as dest`,
  // Reads in two places: a join over a second tstats, and a subsearch term.
  () =>
    '| tstats count from datamodel=Endpoint.Processes where Processes.process_name=winrs.exe by Processes.dest Processes.user | join Processes.dest [| tstats count as runs from datamodel=Endpoint.Processes by Processes.dest] | rename Processes.* as *',
  () =>
    `${SYSMON} [| tstats count from datamodel=Endpoint.Processes where Processes.process_name=winrs.exe by Processes.dest | rename Processes.dest as Computer | fields Computer] | stats count values(User) as user by Computer | rename Computer as dest`,
  // The same join finding nothing: its explanation reads the file again, each read pre-filtered by its own command.
  () =>
    '| tstats count from datamodel=Endpoint.Processes where Processes.process_name=no_such_binary.exe by Processes.dest Processes.user | join Processes.dest [| tstats count as runs from datamodel=Endpoint.Processes by Processes.dest] | rename Processes.* as *',
  // "Now" comes from the newest event of the file, whichever way the search is fed.
  () =>
    '| tstats count max(_time) as lastTime from datamodel=Endpoint.Processes where Processes.process_name=winrs.exe by Processes.dest Processes.user | where lastTime > relative_time(now(), "-1h") | rename Processes.* as *',
  // A reader the scan cannot describe (map's searches are built at run time): the test runs alone.
  () =>
    `| makeresults | eval Computer="x" | map search="search sourcetype=XmlWinEventLog EventCode=1 Image=*winrs.exe | head 1" | rename Computer as dest, User as user`,
];

function workload(searches = SEARCHES): { content: ReturnType<typeof loadContent>; tests: ReturnType<typeof planTests>['tests'] } {
  const files: Record<string, string> = {};
  searches.forEach((edit, i) => {
    files[`detections/endpoint/seed_variant_${i + 1}.yml`] = seedVariant(i + 1, (s) => edit(s).replace(/'/g, "''"));
  });
  const { root, cleanup } = tempContent(files);
  cleanups.push(cleanup);
  const content = loadContent(root);
  return { content, tests: planTests(content, content.detections).tests };
}

/** The searches' tests run one by one, then grouped (one scan): both results, and the scan counts before the grouped run. */
async function aloneThenGrouped(searches: Array<(seed: string) => string>): Promise<{ alone: TestResult[]; grouped: TestResult[]; before: typeof scanCounts }> {
  const { content, tests } = workload(searches);
  const opts = { mirrors: [FIXTURE_MIRROR], offline: true };
  const alone = await runTests(content, tests, { ...opts, jobs: 1, noGroup: true });
  const before = { ...scanCounts };
  const grouped = await runTests(content, tests, { ...opts, jobs: 1 });
  return { alone, grouped, before };
}

describe('shared scan', () => {
  it('gives every test the result it reaches alone, whichever way its search is fed', async () => {
    const { content, tests } = workload();
    expect(tests.length).toBe(SEARCHES.length);
    const opts = { mirrors: [FIXTURE_MIRROR], offline: true };
    const alone = await runTests(content, tests, { ...opts, jobs: 1, noGroup: true });
    expect(alone.filter((r) => r.status === 'error' || r.status === 'unsupported')).toEqual([]);
    expect(new Set(alone.map((r) => r.status))).toEqual(new Set(['passed', 'failed']));
    expect(alone.some((r) => r.explanation)).toBe(true);
    const before = { ...scanCounts };
    const scanned = await runTests(content, tests, { ...opts, jobs: 1 });
    expect(withoutTimings(scanned)).toEqual(withoutTimings(alone));
    expect(scanCounts.scans - before.scans).toBe(1);
    // Only the map search runs alone. The tstats searches and search | eval | stats stream (the
    // join's too, in two stages); head, dedup, first() and the subsearch term are held.
    expect(scanCounts.alone - before.alone).toBe(1);
    expect(scanCounts.served - before.served).toBe(SEARCHES.length - 1);
    expect(scanCounts.streamed - before.streamed).toBe(6);
    expect(scanCounts.staged - before.staged).toBe(2);
    expect(scanCounts.held - before.held).toBe(4);
  });

  /** The workload run test by test, and as one scan within the given limits. */
  async function aloneAndScanned(limits: Partial<ScanLimits>): Promise<{ alone: TestResult[]; results: TestResult[]; before: typeof scanCounts }> {
    const { content, tests } = workload();
    const opts = { mirrors: [FIXTURE_MIRROR], offline: true };
    const alone = await runTests(content, tests, { ...opts, jobs: 1, noGroup: true });
    const prepared = (await Promise.all(tests.map((t) => prepareTest(content, t, opts)))) as PreparedTest[];
    const results: TestResult[] = [];
    const before = { ...scanCounts };
    await runScan(
      content,
      tests.map((test, i) => ({ test, prepared: prepared[i] })),
      opts,
      (i, r) => (results[i] = r),
      limits,
    );
    return { alone, results, before };
  }

  it('extracts only what its searches read when they all read data-model rows by named fields, with the same results', async () => {
    // Every search reads Endpoint rows (tstats, held or streamed), so the file's events are
    // normalised for the fields those tstats name alone (runner/scan.ts demand).
    const tstatsOnly: Array<(seed: string) => string> = [
      (s) => s,
      (s) => s.replace('Processes.process="*-r:*"', 'Processes.process="*-x:*"'),
      SEARCHES[6],
      SEARCHES[8],
      SEARCHES[9],
      () =>
        '| tstats count values(Processes.parent_process_name) as parent from datamodel=Endpoint.Processes where nodename=Processes by Processes.dest Processes.user | rename Processes.* as *',
      () =>
        '| tstats latest(_time) as lastTime from datamodel=Endpoint.Processes where Processes.process_name=winrs.exe by Processes.dest Processes.user Processes.process_id | rename Processes.* as *',
    ];
    const { alone, grouped, before } = await aloneThenGrouped(tstatsOnly);
    expect(alone.filter((r) => r.status === 'error' || r.status === 'unsupported')).toEqual([]);
    expect(alone.filter((r) => r.rows > 0).length).toBeGreaterThan(4);
    expect(withoutTimings(grouped)).toEqual(withoutTimings(alone));
    expect(scanCounts.scans - before.scans).toBe(1);
    expect(scanCounts.pruned - before.pruned).toBe(1);
    // One of them compares with now(), streamed: "now" is found by a first pass over the file.
    expect(scanCounts.nowPasses - before.nowPasses).toBe(1);
    // With a search of the events themselves among them, everything is extracted.
    const mixed = await aloneThenGrouped(SEARCHES);
    expect(scanCounts.pruned).toBe(mixed.before.pruned);
  });

  it('reads the file once when no search run while it is read asks for "now", with the same results', async () => {
    // The same searches without the one comparing with now(): "now" is needed only after the
    // read (held searches, the rest of a staged one), and the read itself finds the newest event.
    const noNow: Array<(seed: string) => string> = [(s) => s, SEARCHES[3], SEARCHES[6], SEARCHES[8]];
    const { alone, grouped, before } = await aloneThenGrouped(noNow);
    expect(withoutTimings(grouped)).toEqual(withoutTimings(alone));
    expect(scanCounts.scans - before.scans).toBe(1);
    expect(scanCounts.nowPasses - before.nowPasses).toBe(0);
  });

  it('drops the held searches that keep too much to a later round, with the same results', async () => {
    // A budget of one byte: every search that keeps rows is dropped as soon as it keeps one.
    const { alone, results, before } = await aloneAndScanned({ holdBytes: 1 });
    expect(withoutTimings(results)).toEqual(withoutTimings(alone));
    // Each round keeps the held searches until one holds a row; the others go on to the next round.
    expect(scanCounts.scans - before.scans).toBeGreaterThan(1);
  });

  it('drops the streamed searches fed the most when the heap grows past its bound, with the same results', async () => {
    // Any growth is too much, and the heap is looked at after every event.
    const { alone, results, before } = await aloneAndScanned({ heapBytes: -Infinity, batch: 1 });
    expect(withoutTimings(results)).toEqual(withoutTimings(alone));
    expect(scanCounts.scans - before.scans).toBeGreaterThan(1);
    expect(scanCounts.streamed - before.streamed).toBe(6);
  });

  it('hands the pushed searches their rows a batch at a time, with the same results', async () => {
    // Batches of two events: rows reach the pushed searches at every other event, and the last at the end.
    const { alone, results, before } = await aloneAndScanned({ batch: 2 });
    expect(withoutTimings(results)).toEqual(withoutTimings(alone));
    expect(scanCounts.scans - before.scans).toBe(1);
    expect(results.filter((r) => r.rows > 0).length).toBeGreaterThan(5);
  });

  it('each read of a search that reads in several places is pre-filtered by its own command, with the results of reading everything', async () => {
    // The join, the subsearch term and the map read in several places (runner/run.ts readerSource).
    const { content, tests } = workload();
    const opts = { mirrors: [FIXTURE_MIRROR], offline: true, jobs: 1, noGroup: true };
    const everything = await runTests(content, tests, { ...opts, noPrefilter: true });
    const prefiltered = await runTests(content, tests, opts);
    // The explanation of a miss counts the events its scan read, which the pre-filter changes by design.
    const verdicts = (results: TestResult[]) => withoutTimings(results).map((r) => ({ ...r, explanation: undefined }));
    expect(verdicts(prefiltered)).toEqual(verdicts(everything));
    expect(prefiltered.filter((r) => r.rows > 0).length).toBeGreaterThan(3);
  });

  it('skips an event none of the reading commands of a join can keep, with the same results', async () => {
    // A join reads in two places, so its search as a whole requires nothing of the raw text; each
    // read keeps winrs.exe processes only, so every other event of the file is skipped unread.
    const joins: Array<(seed: string) => string> = [
      () =>
        '| tstats count from datamodel=Endpoint.Processes where Processes.process_name=winrs.exe by Processes.dest Processes.user | join Processes.dest [| tstats count as runs from datamodel=Endpoint.Processes where Processes.process_name=winrs.exe by Processes.dest] | rename Processes.* as *',
      () =>
        '| tstats count from datamodel=Endpoint.Processes where Processes.process_name=winrs.exe by Processes.dest Processes.user | join Processes.dest [| tstats count as runs from datamodel=Endpoint.Processes where Processes.process_name=no_such_binary.exe by Processes.dest] | rename Processes.* as *',
    ];
    const { alone, grouped, before } = await aloneThenGrouped(joins);
    expect(withoutTimings(grouped)).toEqual(withoutTimings(alone));
    expect(grouped.map((r) => r.rows > 0)).toEqual([true, false]);
    expect(scanCounts.scans - before.scans).toBe(1);
    expect(scanCounts.skipped - before.skipped).toBeGreaterThan(0);
  });

  it("reads a join's main search after its subsearch, narrowed to the values the join can match, with the same results", async () => {
    // The main tstats requires nothing of the raw text, so it would extract every process event;
    // once the subsearch is read, it reads only events holding one of its values (join-narrowing.ts),
    // or nothing at all when the subsearch found none.
    const main = '| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.user Processes.process_name | rename Processes.* as *';
    const narrowed: Array<(seed: string) => string> = [
      () =>
        `${main} | join dest [| tstats count as runs from datamodel=Endpoint.Processes where Processes.process_name=winrs.exe by Processes.dest | rename Processes.* as *] | where process_name="winrs.exe"`,
      () =>
        `${main} | join process_name [| tstats count as runs from datamodel=Endpoint.Processes where Processes.process_name=winrs.exe by Processes.process_name | rename Processes.* as *]`,
      () =>
        `${main} | join dest [| tstats count as runs from datamodel=Endpoint.Processes where Processes.process_name=no_such_binary.exe by Processes.dest | rename Processes.* as *]`,
      // A left join keeps every main result: read as before.
      () =>
        `${main} | join type=left dest [| tstats count as runs from datamodel=Endpoint.Processes where Processes.process_name=winrs.exe by Processes.dest | rename Processes.* as *]`,
    ];
    const { alone, grouped, before } = await aloneThenGrouped(narrowed);
    expect(withoutTimings(grouped)).toEqual(withoutTimings(alone));
    expect(grouped.map((r) => r.rows > 0)).toEqual([true, true, false, true]);
    // The first two read again, narrowed; the third's subsearch found nothing.
    expect(scanCounts.narrowed - before.narrowed).toBe(3);
    expect(scanCounts.scans - before.scans).toBe(2);
    // Narrowed to winrs.exe, the main search's read skips every other event unread, as the
    // subsearch's read did: twice what the subsearch alone skips.
    const join = await aloneThenGrouped([narrowed[1]]);
    expect(withoutTimings(join.grouped)).toEqual(withoutTimings(join.alone));
    const joinSkipped = scanCounts.skipped - join.before.skipped;
    const sub = await aloneThenGrouped([
      () => '| tstats count from datamodel=Endpoint.Processes where Processes.process_name=winrs.exe by Processes.process_name',
    ]);
    const subSkipped = scanCounts.skipped - sub.before.skipped;
    expect(subSkipped).toBeGreaterThan(0);
    expect(joinSkipped).toBe(2 * subSkipped);
  });

  it('a file that cannot be read gives each test the error it gets alone', async () => {
    const { content, tests } = workload();
    const opts = { mirrors: [FIXTURE_MIRROR], offline: true };
    const prepared = (await Promise.all(tests.map((t) => prepareTest(content, t, opts)))) as PreparedTest[];
    const broken = prepared.map((p) => ({ ...p, files: p.files.map((f) => ({ ...f, path: `${f.path}.missing` })) }));
    const alone: TestResult[] = [];
    const { executeTest } = await import('../../harness/runner/run.js');
    const clone = (p: PreparedTest): PreparedTest => structuredClone(p);
    for (const [i, t] of tests.entries()) alone.push(await executeTest(content, t, clone(broken[i]), opts));
    const results: TestResult[] = [];
    await runScan(
      content,
      tests.map((test, i) => ({ test, prepared: clone(broken[i]) })),
      opts,
      (i, r) => (results[i] = r),
    );
    expect(withoutTimings(results)).toEqual(withoutTimings(alone));
    expect(results.every((r) => r.status === 'error')).toBe(true);
  });
});
