import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../harness/content/load.js';
import { compileSearch } from '../../harness/engine/match.js';
import type { Event } from '../../harness/engine/types.js';
import { datamodelEvent } from '../../harness/ingest/datamodel.js';
import { datamodelFieldOrigins, sourceFieldOrigins } from '../../harness/ingest/provenance.js';
import { normalizeEvent } from '../../harness/ingest/normalize.js';
import { readDataset } from '../../harness/ingest/read.js';
import { compileSearchText } from '../../harness/runner/compile.js';
import { planTests } from '../../harness/runner/plan.js';
import { runTest } from '../../harness/runner/run.js';
import { FIXTURE_MIRROR, SEED_TEXT, tempContent } from './helpers.js';
import { describeNeed, rawNeed, rawPrefilter } from '../../harness/runner/prefilter.js';
import { parseSearch } from '../../harness/spl/parse.js';
import { ESCU, EVENTS, PROJECT_ROOT, describeShared, filesUnder } from '../support/shared.js';
import { tempDir } from '../support/tmp.js';

const SYSMON = { source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', sourcetype: 'XmlWinEventLog' };
const SECURITY = { source: 'XmlWinEventLog:Security', sourcetype: 'XmlWinEventLog' };

function need(search: string, meta = SYSMON): string {
  const { pipeline, errors } = parseSearch(search);
  expect(errors).toEqual([]);
  return describeNeed(rawNeed(pipeline, meta));
}

describe('field origins (what a field can hold, as far as raw text goes)', () => {
  it('a Sysmon process_name in Endpoint.Processes is raw text or the CIM default "unknown"', () => {
    const o = datamodelFieldOrigins('Endpoint.Processes', SYSMON.sourcetype, SYSMON.source)!('process_name');
    expect(o.raw).toBe(true);
    expect(o.opaque).toBe(false);
    expect([...o.constants]).toContain('unknown');
  });

  it('default fields, event types and tags are never raw text', () => {
    const fields = sourceFieldOrigins(SYSMON.sourcetype, SYSMON.source);
    for (const f of ['host', 'source', 'sourcetype', 'index', '_time', 'eventtype', 'tag']) expect(fields(f).opaque, f).toBe(true);
    expect(fields('CommandLine')).toMatchObject({ raw: true, opaque: false });
  });

  it('an unknown data model has no origins', () => {
    expect(datamodelFieldOrigins('Nope.Nothing', SYSMON.sourcetype, SYSMON.source)).toBeUndefined();
  });
});

describe('raw-text requirement of a search', () => {
  it('the seed: winrs.exe and one of its remote flags', () => {
    const seed = loadContent(PROJECT_ROOT).detections.find((d) => d.name.startsWith('Remote Process Instantiation via WinRM'))!;
    const { pipeline } = compileSearchText(seed.search, loadContent(PROJECT_ROOT));
    expect(describeNeed(rawNeed(pipeline, SYSMON))).toBe('winrs.exe AND (-r: OR -remote:)');
  });

  it('a search term on an extracted field needs the literal pieces of its value', () => {
    expect(need('source=XmlWinEventLog:* EventCode=1 Image="*\\\\powershell.exe" CommandLine="*-enc *"')).toBe(
      '[EventCode|EventID]=1 AND powershell.exe AND -enc',
    );
  });

  it('bare terms need themselves', () => {
    expect(need('mimikatz "sekurlsa::*"')).toBe('mimikatz AND sekurlsa::');
  });

  it('IN is an OR of its values', () => {
    expect(need('EventCode=4688 New_Process_Name IN ("*\\\\cmd.exe", "*\\\\pwsh.exe")', SECURITY)).toBe('[EventCode|EventID]=4688 AND (cmd.exe OR pwsh.exe)');
  });

  it('requires nothing for NOT, !=, comparisons, CIDR ranges, time modifiers and short or fractional numbers', () => {
    expect(need('NOT Image="*\\\\explorer.exe"')).toBe('anything');
    expect(need('Image!="*\\\\explorer.exe"')).toBe('anything');
    expect(need('Image>"abcdef"')).toBe('anything');
    expect(need('DestinationIp=10.0.0.0/8')).toBe('anything');
    expect(need('earliest=-70m@m')).toBe('anything');
    expect(need('Version=1.5')).toBe('anything');
    // Without knowing where a field is written, a short number is in almost every event.
    expect(need('sourcetype=XmlWinEventLog EventCode=1', { source: 'custom.log', sourcetype: 'unknown:text' })).toBe('anything');
  });

  it('a whole number needs its digits, or a number written with an exponent (numbers match numerically)', () => {
    expect(need('EventCode=4688', SECURITY)).toBe('[EventCode|EventID]=4688');
    expect(need('EventCode=04688', SECURITY)).toBe('[EventCode|EventID]=4688');
    expect(need('foo=4688', { source: 'custom.log', sourcetype: 'unknown:text' })).toBe('4688');
    const keep = rawPrefilter(parseSearch('EventCode=4688').pipeline, SECURITY)!.keep;
    expect(keep('<EventID>4688</EventID>')).toBe(true);
    expect(keep('<EventID>04688.0</EventID>')).toBe(true);
    expect(keep('<EventID>4.688e3</EventID>')).toBe(true);
    expect(keep("<EventID>4624</EventID><Provider Guid='{54849625-5478-4994-A5BA-3E3B0328C30D}'/>")).toBe(false);
  });

  // XmlWinEventLog: the add-on's EventID_as_EventCode and EventID2_as_EventCode take EventCode from
  // the System EventID element (Splunk_TA_windows props.conf [XmlWinEventLog]); numbers match
  // numerically (values.ts NUMERIC: spaces, sign, leading zeros, a fraction, an exponent).
  it('EventCode over XmlWinEventLog needs the number in the EventID element, in any numeric spelling', () => {
    expect(need('EventCode=7')).toBe('[EventCode|EventID]=7');
    expect(need('EventCode IN (12, 13)')).toBe('[EventCode|EventID]=12 OR [EventCode|EventID]=13');
    expect(need('EventID=7')).toBe('[EventID]=7');
    // signature_id is EventCode unless a Windows Update event keeps its own (windows_xml.ts).
    expect(need('signature_id=7')).toBe('[signature_id|EventCode|EventID]=7');
    const keep = rawPrefilter(parseSearch('EventCode=7').pipeline, SYSMON)!.keep;
    const sys = (id: string) =>
      `<Event><System><Provider Name='Microsoft-Windows-Sysmon'/>${id}<Version>7</Version><Task>7</Task></System><EventData><Data Name='ProcessId'>7</Data></EventData></Event>`;
    for (const id of ['7', '07', '7.0', ' 7 ', '+7', '7.', '\n7\n', '7e0', '0.7E1']) expect([id, keep(sys(`<EventID>${id}</EventID>`))]).toEqual([id, true]);
    expect(keep(sys("<EventID Qualifiers='16384'>7</EventID>"))).toBe(true);
    expect(keep(sys("<EventID Qualifiers='a>b'>7</EventID>"))).toBe(true);
    expect(keep('<Event><UserData><x:EventCode>7</x:EventCode></UserData></Event>')).toBe(true);
    expect(keep('<Event><EventData><Data Name="EventCode">7</Data></EventData></Event>')).toBe(true);
    expect(keep("<Event><System><Foo EventCode='7'/></System></Event>")).toBe(true);
    // Every place is looked at, not only the first: a later named element, an attribute after a miss, a value at the very end.
    expect(keep("<Event><System><EventID>3</EventID></System><EventData><Data Name='EventCode'>7</Data></EventData></Event>")).toBe(true);
    expect(keep(`<Event><System><Foo EventCode='3'/><Bar EventCode="7'/></System></Event>`)).toBe(true);
    expect(keep("<Event><System><EventID>3</EventID><EventID a='1'>7")).toBe(true);
    // A 7 elsewhere (Version, Task, a Data value, a GUID) is not the event's code.
    for (const id of ['17', '70', '7.5', '1', '77', '-7']) expect([id, keep(sys(`<EventID>${id}</EventID>`))]).toEqual([id, false]);
    const zero = rawPrefilter(parseSearch('EventCode=0').pipeline, SYSMON)!.keep;
    for (const id of ['0', '-0', '.0', '00.00']) expect([id, zero(`<EventID>${id}</EventID>`)]).toEqual([id, true]);
    expect(zero('<EventID>10</EventID>')).toBe(false);
  });

  it('any reader field of an XML event is written as an element, a named Data element or an attribute; a computed one is not', () => {
    expect(need('ProcessId=7')).toBe('[ProcessId]=7');
    expect(need('| tstats count from datamodel=Endpoint.Processes where Processes.process_id=7 by Processes.dest')).toBe('anything');
  });

  it('an OR with one unconstrained branch requires nothing', () => {
    expect(need('Image="*\\\\winrs.exe" OR NOT EventCode=1')).toBe('anything');
  });

  it('requires nothing of a value a CIM default could satisfy ("unknown")', () => {
    expect(need('| tstats count from datamodel=Endpoint.Processes where Processes.user=unknown by Processes.dest')).toBe('anything');
    expect(need('| tstats count from datamodel=Endpoint.Processes where Processes.user=unkno* by Processes.dest')).toBe('anything');
  });

  it('requires nothing of default fields, tags and event types', () => {
    expect(need('| tstats count from datamodel=Endpoint.Processes where Processes.dest=win-host-01 by Processes.user')).toBe('win-host-01');
    expect(need('host=win-host-01 sourcetype=XmlWinEventLog tag=process eventtype=ms_sysmon_process')).toBe('anything');
  });

  it('is off when something other than the first command reads events', () => {
    expect(need('Image="*\\\\winrs.exe" | join user [search Image="*\\\\cmd.exe"]')).toBe('anything');
    expect(need('Image="*\\\\winrs.exe" | append [search Image="*\\\\cmd.exe"]')).toBe('anything');
    expect(need('Image="*\\\\winrs.exe" [search Image="*\\\\cmd.exe" | fields user]')).toBe('anything');
    expect(
      need(
        '| tstats count from datamodel=Endpoint.Processes where Processes.process_name=a.exe by Processes.dest | append [| tstats count from datamodel=Endpoint.Processes where Processes.process_name=b.exe by Processes.dest]',
      ),
    ).toBe('anything');
  });

  it('later commands (where, eval, stats) add nothing and remove nothing', () => {
    expect(need('Image="*\\\\winrs.exe" | where like(CommandLine, "%-r:%") | stats count by host')).toBe('winrs.exe');
  });
});

describe('the XmlWinEventLog reader honours the pre-filter', () => {
  const event = (time: string, image: string, extra = '') =>
    `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Sysmon'/><EventID>1</EventID><TimeCreated SystemTime='${time}'/><Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>h1</Computer></System><EventData><Data Name='Image'>${image}</Data>${extra}</EventData></Event>`;

  it('skips events that fail, reports their times, and keeps events with character references', async () => {
    const dir = tempDir('spl-harness-prefilter-');
    const file = join(dir, 'sysmon.log');
    writeFileSync(
      file,
      [
        event('2024-01-01T00:00:01Z', 'C:\\Windows\\System32\\winrs.exe'),
        event('2024-01-01T00:00:03Z', 'C:\\Windows\\System32\\cmd.exe'),
        // `&#119;` is `w`: the literal piece is hidden, so the event must be read.
        event('2024-01-01T00:00:02Z', 'C:\\Windows\\System32\\&#119;inrs.exe'),
      ].join('\n') + '\n',
    );
    const { pipeline } = parseSearch('Image="*\\\\winrs.exe"');
    const filter = rawPrefilter(pipeline, SYSMON)!;
    const skipped: number[] = [];
    const images: string[] = [];
    for await (const e of readDataset(file, SYSMON, { prefilter: { keep: filter.keep, skipped: (t) => skipped.push(t) } })) images.push(String(e.Image));
    expect(images).toEqual(['C:\\Windows\\System32\\winrs.exe', 'C:\\Windows\\System32\\winrs.exe']);
    expect(skipped).toEqual([Date.parse('2024-01-01T00:00:03Z') / 1000]);
  });

  it("the first event after a skipped one without a time of its own gets the skipped event's time, as without the filter", async () => {
    const dir = tempDir('spl-harness-prefilter-');
    const file = join(dir, 'sysmon.log');
    const noTime = event('x', 'C:\\winrs.exe').replace("<TimeCreated SystemTime='x'/>", '');
    writeFileSync(file, [event('2024-01-01T00:00:05Z', 'C:\\cmd.exe'), noTime].join('\n') + '\n');
    const { pipeline } = parseSearch('Image="*\\\\winrs.exe"');
    const keep = rawPrefilter(pipeline, SYSMON)!.keep;
    const times = async (options?: Parameters<typeof readDataset>[2]) => {
      const out: number[] = [];
      for await (const e of readDataset(file, SYSMON, options)) if (String(e.Image).endsWith('winrs.exe')) out.push(Number(e._time));
      return out;
    };
    expect(await times({ prefilter: { keep } })).toEqual(await times());
    expect(await times({ prefilter: { keep } })).toEqual([Date.parse('2024-01-01T00:00:05Z') / 1000]);
  });
});

describe('the runner with and without the pre-filter', () => {
  it('gives the same results for the seed, every sidecar case and a broken copy; the explanation still shows the nearest event', async () => {
    const broken = SEED_TEXT.replace('Processes.process="*-r:*"', 'Processes.process="*-x:*"')
      .replace(/^name: .*$/m, 'name: Broken Seed')
      .replace(/^id: .*$/m, 'id: 00000000-0000-4000-8000-000000000099');
    const { root, cleanup } = tempContent({ 'detections/endpoint/broken_seed.yml': broken });
    try {
      for (const contentRoot of [PROJECT_ROOT, root]) {
        const content = loadContent(contentRoot);
        const tests = planTests(content, content.detections).tests;
        expect(tests.length).toBeGreaterThan(0);
        for (const t of tests) {
          const opts = { mirrors: [FIXTURE_MIRROR], offline: true };
          const filtered = await runTest(content, t, opts);
          const everything = await runTest(content, t, { ...opts, noPrefilter: true });
          // The explanation counts each clause and ranks the nearest events the same way; over a
          // data model, the events skipped on their raw text are said apart from the examined ones
          // (which of them the data model would take is unknown without extracting them).
          const sameInput = (text?: string) =>
            text
              ?.replace(/over (\d+) (\S+ events) \(and (\d+) events not examined: [^)]*\):/g, (_m, n, what, k) => `over ${Number(n) + Number(k)} ${what}:`)
              .replace(/\((\d+) of \d+\)/g, '($1 of N)');
          const comparable = (r: typeof filtered) => ({ status: r.status, rows: r.rows, reasons: r.reasons, explanation: sameInput(r.explanation) });
          expect(comparable(filtered), `${t.key}`).toEqual(comparable(everything));
          if (contentRoot === root) {
            expect(filtered.status).toBe('failed');
            expect(filtered.explanation).toMatch(/-x:/);
            expect(filtered.explanation).toMatch(/winrs\.exe/i);
          }
        }
      }
    } finally {
      cleanup();
    }
  });
});

/**
 * Soundness on real data: for every ESCU search whose first command is a `search` or a
 * data-model `tstats`, every real Windows event that the first command matches must pass the
 * pre-filter. A violation would mean a detection silently missing events.
 */
// `npm test` checks every third ESCU detection (a fixed sample, to keep the suite quick on two
// cores); `npm run test:full` (SPL_HARNESS_FULL=1) checks all of them.
const STRIDE = process.env.SPL_HARNESS_FULL ? 1 : 3;

describeShared('pre-filter soundness over the ESCU corpus and real Windows events', () => {
  it(`never rejects an event that the first command of an ESCU search matches (${STRIDE === 1 ? 'every detection' : `every ${STRIDE}rd detection`})`, async () => {
    const content = loadContent(ESCU);
    const root = join(EVENTS, 'evtx_xml');
    const files = filesUnder(root).filter((f) => f.endsWith('.xml'));
    // Events grouped by channel, which names their source (as the Windows add-on does).
    const bySource = new Map<string, Event[]>();
    for (const file of files) {
      for await (const raw of readDataset(file, { source: 'XmlWinEventLog', sourcetype: 'XmlWinEventLog' })) {
        const source = `XmlWinEventLog:${String(raw.Channel ?? '')}`;
        const e = normalizeEvent({ ...raw, source });
        const list = bySource.get(source) ?? [];
        list.push(e);
        bySource.set(source, list);
      }
    }
    const rowCache = new Map<string, Array<Event | undefined>>();
    const rowsOf = (dataset: string, source: string, events: Event[]) => {
      const key = `${dataset}|${source}`;
      let rows = rowCache.get(key);
      if (!rows) rowCache.set(key, (rows = events.map((e) => datamodelEvent(dataset, e))));
      return rows;
    };

    let searches = 0;
    const filtered = new Set<string>();
    let matched = 0;
    let rejected = 0;
    let considered = 0;
    const violations: string[] = [];
    for (const [n, d] of content.detections.entries()) {
      if (n % STRIDE !== 0 || d.status === 'deprecated' || !d.search.trim()) continue;
      const { pipeline, errors } = compileSearchText(d.search, content);
      if (errors.length) continue;
      const first = pipeline.commands[0];
      for (const [source, events] of bySource) {
        const filter = rawPrefilter(pipeline, { source, sourcetype: 'XmlWinEventLog' });
        if (!filter) continue;
        let test: (i: number) => boolean;
        if (first.cmd === 'search' && first.expr) {
          const p = compileSearch(first.expr);
          test = (i) => p(events[i]);
        } else if (first.cmd === 'tstats' && first.datamodel) {
          // With or without a where: the data model's own constraints narrow it (constraint-need.ts).
          const p = first.where ? compileSearch(first.where) : () => true;
          const rows = rowsOf(first.datamodel, source, events);
          test = (i) => rows[i] !== undefined && p(rows[i]!);
        } else continue;
        searches++;
        filtered.add(d.file.relPath);
        for (let i = 0; i < events.length; i++) {
          // How much the pre-filter skips, on a sample of the events.
          if (i % 16 === 0) {
            considered++;
            if (!filter.keep(String(events[i]._raw))) rejected++;
          }
          if (!test(i)) continue;
          matched++;
          if (!filter.keep(String(events[i]._raw)))
            violations.push(`${d.file.relPath} (${filter.describe}) rejects a matching event of ${source}: ${String(events[i]._raw).slice(0, 200)}`);
        }
      }
    }
    console.info(
      `pre-filter soundness: ${searches} (search, source) pairs with a requirement (${filtered.size} detections), ${matched} matching events, ${((100 * rejected) / considered).toFixed(1)} % of events skipped`,
    );
    expect(violations.slice(0, 5)).toEqual([]);
    // Not vacuous: many searches were checked, many events matched, and most were skipped.
    expect(searches).toBeGreaterThan(300 / STRIDE);
    expect(matched).toBeGreaterThan(1000 / STRIDE);
    expect(rejected / considered).toBeGreaterThan(0.9);
  }, 600_000);
});
