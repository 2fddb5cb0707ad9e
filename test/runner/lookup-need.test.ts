/**
 * The lookup-key requirement of the raw-text pre-filter (runner/lookup-need.ts).
 *
 * Splunk semantics it rests on:
 * - transforms.conf / "Add field matching rules to your lookup configuration"
 *   (https://docs.splunk.com/Documentation/Splunk/latest/Admin/Transformsconf): `min_matches`
 *   defaults to 0, "which means nothing is output to your event if no match is found"; with
 *   `min_matches` > 0 and fewer matches, `default_match` is output "one or more times until the
 *   minimum is reached". `match_type = WILDCARD(field)` makes the table's values `*` patterns;
 *   `case_sensitive_match = false` compares ignoring case.
 * - the `lookup` command (https://docs.splunk.com/Documentation/Splunk/latest/SearchReference/Lookup):
 *   "If the OUTPUT clause is specified, the output lookup fields overwrite existing fields";
 *   OUTPUTNEW does not perform the lookup for events in which the output fields already exist.
 */
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../harness/content/load.js';
import { planTests } from '../../harness/runner/plan.js';
import { engineSource, newestFirst, runTest } from '../../harness/runner/run.js';
import { compileSearchText } from '../../harness/runner/compile.js';
import { runPipeline } from '../../harness/engine/run.js';
import type { Event } from '../../harness/engine/types.js';
import type { Pipeline } from '../../harness/spl/ast.js';
import { ESCU, describeShared, windowsEventsBySource } from '../support/shared.js';
import { runTests } from '../../harness/runner/pool.js';
import type { TestResult } from '../../harness/report/types.js';
import { describeNeed, explainNeed, rawNeed, rawPrefilter } from '../../harness/runner/prefilter.js';
import { contentLookupResolver, lookupKeys } from '../../harness/runner/lookup-need.js';
import { parseSearch } from '../../harness/spl/parse.js';
import { FIXTURE_MIRROR, seedVariant, tempContent } from './helpers.js';

const SYSMON = { source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', sourcetype: 'XmlWinEventLog' };

/** A tool list shaped like ESCU's attacker_tools: wildcard keys ignoring case, `false` when nothing matches. */
const TOOLS_YML = `name: tools
description: test tools
filename: tools.csv
default_match: 'false'
match_type: WILDCARD(tool_name)
min_matches: 1
case_sensitive_match: 'false'
`;
const TOOLS_CSV = 'tool_name,description\nWINRS.EXE,remote shell\n*whoami*,discovery\nnc.exe,netcat\n';
/** The same table as address ranges. */
const RANGES_YML = 'name: ranges\ndescription: test ranges\nfilename: ranges.csv\nmatch_type: CIDR(tool_name)\n';
/** No min_matches: a miss outputs nothing. */
const PLAIN_YML = 'name: plain\ndescription: exact names\nfilename: tools.csv\n';

const TSTATS =
  '| tstats count min(_time) as firstTime values(Processes.process) as process from datamodel=Endpoint.Processes where Processes.dest!=unknown by Processes.dest Processes.user Processes.process_name';
const ATTACKER_TOOLS = `${TSTATS} | convert ctime(firstTime) | rename Processes.* as * | lookup tools tool_name AS process_name OUTPUT description | search description!=false`;

function withContent<T>(body: (root: string) => T): T {
  const { root, cleanup } = tempContent({
    'lookups/tools.yml': TOOLS_YML,
    'lookups/tools.csv': TOOLS_CSV,
    'lookups/ranges.yml': RANGES_YML,
    'lookups/ranges.csv': TOOLS_CSV,
    'lookups/plain.yml': PLAIN_YML,
  });
  try {
    return body(root);
  } finally {
    cleanup();
  }
}

function keysOf(search: string): string[] | undefined {
  return withContent((root) => {
    const { pipeline, errors } = parseSearch(search);
    expect(errors).toEqual([]);
    return lookupKeys(pipeline, contentLookupResolver(loadContent(root)))?.keys;
  });
}

describe('the lookup-key requirement', () => {
  it('an attacker_tools-shaped search needs one of the keys as the by-field', () => {
    withContent((root) => {
      const content = loadContent(root);
      const { pipeline } = parseSearch(ATTACKER_TOOLS);
      expect(lookupKeys(pipeline, contentLookupResolver(content))).toEqual({
        field: 'Processes.process_name',
        keys: ['WINRS.EXE', '*whoami*', 'nc.exe'],
        lookup: 'tools',
      });
      // Endpoint.Processes asks nothing of a Windows event: the keys are the whole requirement.
      expect(describeNeed(rawNeed(pipeline, SYSMON))).toBe('anything');
      expect(describeNeed(rawNeed(pipeline, SYSMON, contentLookupResolver(content)))).toBe('winrs.exe OR whoami OR nc.exe');
      // The explanation counts the first command's clauses: the keys are not one of them.
      expect(describeNeed(explainNeed(pipeline, SYSMON))).toBe(describeNeed(explainNeed(parseSearch(TSTATS).pipeline, SYSMON)));
    });
  });

  it('follows the key back through renames and row-wise commands; where and a lookup without OUTPUT work too', () => {
    expect(
      keysOf(`${TSTATS} | rename Processes.process_name as pn | eval x=1 | lookup tools tool_name AS pn OUTPUT description | where description!="false"`),
    ).toHaveLength(3);
    // No OUTPUT clause: every column but the key is an output.
    expect(keysOf(`${TSTATS} | rename Processes.* as * | lookup tools tool_name AS process_name | search description!=false`)).toHaveLength(3);
    // No min_matches: a miss has no description, which `description=*` rejects.
    expect(keysOf(`${TSTATS} | rename Processes.* as * | lookup plain tool_name AS process_name OUTPUT description | search description=*`)).toHaveLength(3);
    // OUTPUTNEW onto a field no row has before the lookup.
    expect(
      keysOf(`${TSTATS} | rename Processes.* as * | lookup tools tool_name AS process_name OUTPUTNEW description | search description!=false`),
    ).toHaveLength(3);
    // A leading search whose first command requires the key field.
    expect(keysOf('process_name=* EventCode=1 | lookup tools tool_name AS process_name OUTPUT description | search description!=false')).toHaveLength(3);
  });

  it('adds nothing when a filter keeps the rows that match no key', () => {
    expect(keysOf(ATTACKER_TOOLS.replace('search description!=false', 'search NOT description=x'))).toBeUndefined();
    expect(keysOf(ATTACKER_TOOLS.replace('search description!=false', 'search description=false'))).toBeUndefined();
    expect(keysOf(ATTACKER_TOOLS.replace('lookup tools', 'lookup plain').replace('search description!=false', 'where isnull(description)'))).toBeUndefined();
  });

  it('adds nothing when the key or the outputs may not be what the lookup sees', () => {
    // OUTPUTNEW onto a field the rows already have (the aggregation `process`).
    expect(
      keysOf(`${TSTATS} | rename Processes.* as * | lookup tools tool_name AS process_name OUTPUTNEW description as process | search process!=false`),
    ).toBeUndefined();
    // OUTPUTNEW onto a field an eval before it may have set.
    expect(
      keysOf(
        `${TSTATS} | rename Processes.* as * | eval description="x" | lookup tools tool_name AS process_name OUTPUTNEW description | search description!=false`,
      ),
    ).toBeUndefined();
    // The key is an aggregation's output, not a by-field.
    expect(keysOf(`${TSTATS} | rename Processes.* as * | lookup tools tool_name AS process OUTPUT description | search description!=false`)).toBeUndefined();
    // A command between that is not row-wise, or changes the key.
    for (const between of [
      'stats count by process_name',
      'dedup dest',
      'head 5',
      'fillnull value=x',
      'eval process_name=lower(process_name)',
      'rex field=dest "(?<process_name>.*)"',
      'fields - process_name',
    ]) {
      expect(
        keysOf(`${TSTATS} | rename Processes.* as * | ${between} | lookup tools tool_name AS process_name OUTPUT description | search description!=false`),
        between,
      ).toBeUndefined();
    }
    // Between the lookup and the filter, a command writing the output it reads.
    expect(keysOf(`${ATTACKER_TOOLS.replace(' | search description!=false', '')} | eval description="x" | search description!=false`)).toBeUndefined();
    // Address ranges match addresses, not text.
    expect(keysOf(ATTACKER_TOOLS.replace('lookup tools', 'lookup ranges'))).toBeUndefined();
    // The filter reads a field the lookup does not write.
    expect(keysOf(ATTACKER_TOOLS.replace('search description!=false', 'search description!=false dest=x'))).toBeUndefined();
    // A leading search that does not require the key field: an event without it keeps its own fields.
    expect(keysOf('EventCode=1 | lookup tools tool_name AS process_name OUTPUT description | search description!=false')).toBeUndefined();
  });

  it('adds nothing when a by-value stand-in (fillnull_value) matches a key', () => {
    const tools = TSTATS.replace('| tstats count', '| tstats fillnull_value="WINRS.exe" count');
    expect(
      keysOf(`${tools} | rename Processes.* as * | lookup tools tool_name AS process_name OUTPUT description | search description!=false`),
    ).toBeUndefined();
    const nulls = TSTATS.replace('| tstats count', '| tstats fillnull_value=null count');
    expect(keysOf(`${nulls} | rename Processes.* as * | lookup tools tool_name AS process_name OUTPUT description | search description!=false`)).toHaveLength(
      3,
    );
  });
});

describe('the runner with and without the pre-filter over a lookup filter', () => {
  it('gives the same rows when some process names match keys and others do not, and explains a miss the same way', async () => {
    const keyed = seedVariant(
      1,
      () => `${TSTATS} | rename Processes.* as * | lookup tools tool_name AS process_name OUTPUT description | search description!=false`,
    );
    // Nothing matches: the test fails, and the explanation must not blame the tstats.
    const missing = seedVariant(
      2,
      () => `${TSTATS} | rename Processes.* as * | lookup plain tool_name AS process_name OUTPUT description | search description=nothing_at_all*`,
    );
    const noneMatch = seedVariant(
      3,
      () => `${TSTATS} | rename Processes.* as * | lookup tools tool_name AS process_name OUTPUT description | search description!=false`,
    );
    const { root, cleanup } = tempContent({
      'lookups/tools.yml': TOOLS_YML,
      'lookups/tools.csv': TOOLS_CSV,
      'lookups/plain.yml': PLAIN_YML,
      'lookups/none.yml': TOOLS_YML.replace('name: tools', 'name: none').replace('tools.csv', 'none.csv'),
      'lookups/none.csv': 'tool_name,description\nnc.exe,netcat\n',
      'detections/endpoint/keyed.yml': keyed,
      'detections/endpoint/missing.yml': missing,
      'detections/endpoint/none_match.yml': noneMatch.replace('lookup tools', 'lookup none'),
    });
    try {
      const content = loadContent(root);
      const tests = planTests(
        content,
        content.detections.filter((d) => d.name.startsWith('Seed Variant')),
      ).tests;
      expect(tests.length).toBe(3);
      const opts = { mirrors: [FIXTURE_MIRROR], offline: true };
      const rows: Record<string, number> = {};
      for (const t of tests) {
        const filtered = await runTest(content, t, opts);
        const everything = await runTest(content, t, { ...opts, noPrefilter: true });
        const comparable = (r: typeof filtered) => ({ status: r.status, rows: r.rows, reasons: r.reasons, explanation: r.explanation });
        expect(comparable(filtered), t.key).toEqual(comparable(everything));
        rows[t.detection.name] = filtered.rows;
        if (filtered.rows === 0) expect(filtered.explanation, t.key).toMatch(/search description/);
      }
      // The same tests read together (the shared scan: need-index.ts, scan.ts), and test by test.
      const together = await runTests(content, tests, { ...opts, jobs: 1 });
      const alone = await runTests(content, tests, { ...opts, jobs: 1, noPrefilter: true, noGroup: true });
      const verdicts = (results: TestResult[]) =>
        results.map((r) => ({ key: r.key, status: r.status, rows: r.rows, reasons: r.reasons, explanation: r.explanation }));
      expect(verdicts(together)).toEqual(verdicts(alone));
      // winrs.exe and whoami.exe are in the data, among other process names.
      expect(rows['Seed Variant 1']).toBeGreaterThan(1);
      expect(rows['Seed Variant 3']).toBe(0);
    } finally {
      cleanup();
    }
  });
});

/**
 * Soundness on real data: for every ESCU detection the lookup-key requirement applies to, over the
 * 21k real Windows events of ../shared/events/evtx_xml (by channel), the events it rejects give
 * no row when the whole search runs over them alone (a row's survival depends only on its key, so
 * a rejected event with a surviving key would give one), and the search gives the same rows over
 * the events it keeps as over all of them.
 */
describeShared('lookup-key requirement soundness over the ESCU corpus and real Windows events', () => {
  it('the events it rejects give no row, and the kept ones give every row', async () => {
    const content = loadContent(ESCU);
    const lookups = contentLookupResolver(content);
    const bySource = await windowsEventsBySource();
    const run = async (pipeline: Pipeline, events: Event[]) => {
      const rows: Event[] = [];
      for await (const r of runPipeline(pipeline, engineSource(content, newestFirst(events)))) rows.push(r);
      return rows;
    };
    let searches = 0;
    let rejected = 0;
    let rows = 0;
    for (const d of content.detections) {
      if (d.status === 'deprecated' || !d.search.trim()) continue;
      const { pipeline, errors } = compileSearchText(d.search, content);
      if (errors.length || !lookupKeys(pipeline, lookups)) continue;
      searches++;
      for (const [source, events] of bySource) {
        const filter = rawPrefilter(pipeline, { source, sourcetype: 'XmlWinEventLog' }, lookups);
        if (!filter) continue;
        const keep = events.filter((e) => filter.keep(String(e._raw)));
        const skip = events.filter((e) => !filter.keep(String(e._raw)));
        rejected += skip.length;
        expect(await run(pipeline, skip), `${d.file.relPath} over the events of ${source} it rejects (${filter.describe})`).toEqual([]);
        const all = await run(pipeline, events);
        rows += all.length;
        expect(await run(pipeline, keep), `${d.file.relPath} over ${source}`).toEqual(all);
      }
    }
    console.info(`lookup-key soundness: ${searches} detections, ${rejected} (search, event) pairs rejected, ${rows} rows kept`);
    expect(searches).toBeGreaterThan(3);
    expect(rejected).toBeGreaterThan(10_000);
  }, 600_000);
});
