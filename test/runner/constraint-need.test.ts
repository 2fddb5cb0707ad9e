import { describe, expect, it } from 'vitest';
import { DATA_MODELS } from '../../harness/ingest/cim/index.js';
import { datamodelEvent } from '../../harness/ingest/datamodel.js';
import { datasetNeed } from '../../harness/runner/constraint-need.js';
import { compileNeed, describeNeed, rawNeed } from '../../harness/runner/prefilter.js';
import { parseSearch } from '../../harness/spl/parse.js';
import { describeShared, windowsEventsBySource } from '../support/shared.js';

/**
 * A data model's constraints followed back to the raw text (constraint-need.ts): `tag=registry`
 * over Sysmon is the event types that give the tag (the Sysmon add-on's eventtypes.conf and
 * tags.conf: `ms-sysmon-regmod`, EventCode 12, 13, 14, tagged registry), or a tag the event carries.
 */
const SYSMON = { source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', sourcetype: 'XmlWinEventLog' };
const SECURITY = { source: 'XmlWinEventLog:Security', sourcetype: 'XmlWinEventLog' };

const sysmonEvent = (code: number, data = '') =>
  `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Sysmon'/><EventID>${code}</EventID></System><EventData><Data Name='Image'>C:\\Windows\\regedit.exe</Data>${data}</EventData></Event>`;

describe('data model constraints as raw-text requirements', () => {
  it('Endpoint.Registry over Sysmon needs the registry event codes, or a registry tag the event carries', () => {
    const need = datasetNeed('Endpoint.Registry', SYSMON);
    expect(describeNeed(need)).toBe('[tag]=registry OR ([EventCode|EventID]=12 OR [EventCode|EventID]=13 OR [EventCode|EventID]=14)');
    const keep = compileNeed(need as Exclude<typeof need, true>);
    expect(keep(sysmonEvent(13))).toBe(true);
    expect(keep(sysmonEvent(1))).toBe(false);
    // "registry" anywhere else is not a tag: only a whole value where the reader takes `tag` from.
    expect(keep(sysmonEvent(1, `<Data Name='TargetObject'>HKLM\\registry</Data>`))).toBe(false);
    expect(keep(sysmonEvent(1, `<Data Name='tag'> Registry </Data>`))).toBe(true);
  });

  it('Endpoint.Processes over any Windows event log needs nothing: the add-on tags every event process/report', () => {
    // windows_xml.ts: eventtype endpoint_services_processes (sourcetype=XmlWinEventLog).
    expect(datasetNeed('Endpoint.Processes', SYSMON)).toBe(true);
    expect(datasetNeed('Endpoint.Processes', SECURITY)).toBe(true);
  });

  it('a child dataset adds its own constraint to its parents', () => {
    // Network_Resolution.DNS over Sysmon: network, resolution and dns tags; only EventCode 22 gives all three.
    const keep = compileNeed(datasetNeed('Network_Resolution.DNS', SYSMON) as Exclude<ReturnType<typeof datasetNeed>, true>);
    expect(keep(sysmonEvent(22))).toBe(true);
    expect(keep(sysmonEvent(3))).toBe(false);
  });

  it('a tstats search with no useful where still reads only its dataset; a search command is unchanged', () => {
    const tstats = parseSearch('| tstats count from datamodel=Endpoint.Registry by Registry.registry_path').pipeline;
    expect(describeNeed(rawNeed(tstats, SYSMON))).toContain('[EventCode|EventID]=13');
    const where = parseSearch('| tstats count from datamodel=Endpoint.Registry where Registry.registry_path="*\\\\Run\\\\*" by Registry.dest').pipeline;
    expect(describeNeed(rawNeed(where, SYSMON))).toMatch(/^run AND \(\[tag\]=registry OR /);
    expect(describeNeed(rawNeed(parseSearch('search EventCode=13').pipeline, SYSMON))).toBe('[EventCode|EventID]=13');
  });
});

describeShared('data model constraints: never a row lost, over the real Windows events', () => {
  it('every event that is a row of a dataset passes that dataset’s requirement, for every data model and channel', async () => {
    const bySource = await windowsEventsBySource();
    const datasets = DATA_MODELS.flatMap((m) => m.datasets.map((d) => `${m.model}.${d.name}`));
    let rows = 0;
    let narrowed = 0;
    let skipped = 0;
    let events = 0;
    const violations: string[] = [];
    for (const dataset of datasets) {
      for (const [source, list] of bySource) {
        const need = datasetNeed(dataset, { source, sourcetype: 'XmlWinEventLog' });
        if (need === true) continue;
        narrowed++;
        const keep = compileNeed(need);
        for (const e of list) {
          const raw = String(e._raw);
          const kept = keep(raw);
          events++;
          if (!kept) skipped++;
          if (!datamodelEvent(dataset, e)) continue;
          rows++;
          if (!kept) violations.push(`${dataset} (${describeNeed(need)}) rejects a row of ${source}: ${raw.slice(0, 160)}`);
        }
      }
    }
    console.info(
      `data model requirements: ${narrowed} (dataset, channel) pairs narrowed, ${rows} rows kept, ${((100 * skipped) / events).toFixed(1)} % of events skipped`,
    );
    expect(violations.slice(0, 5)).toEqual([]);
    // Not vacuous: many pairs are narrowed, rows exist among them, and events are skipped.
    expect(narrowed).toBeGreaterThan(50);
    expect(rows).toBeGreaterThan(1000);
    expect(skipped / events).toBeGreaterThan(0.5);
  }, 300_000);
});
