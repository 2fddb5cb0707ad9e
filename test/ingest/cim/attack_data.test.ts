/**
 * Every attack_data file that an ESCU test names (and that is present in ../shared) goes through
 * reader → normalizeEvent → every supported data model without an exception, and every Windows
 * event log event comes out classified (event types and tags), since ESCU's searches select
 * Windows events by event type and the data models select them by tag.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { datamodelEvent, supportedDatamodels } from '../../../harness/ingest/datamodel.js';
import { normalizeEvent, sourceTablesFor } from '../../../harness/ingest/normalize.js';
import { readDataset } from '../../../harness/ingest/read.js';
import { ATTACK_DATA, EVENTS, describeShared, filesUnder, localAttackData } from '../../support/shared.js';

describeShared('attack_data files through normalization and the data models', () => {
  const entries = localAttackData();
  const datasets = supportedDatamodels();

  it('finds the local test datasets', () => expect(entries.length).toBeGreaterThanOrEqual(10));

  it.each(entries.map((e) => [e.path.slice(ATTACK_DATA.length + 1), e] as const))('%s', async (_name, entry) => {
    let events = 0;
    let unclassified = 0;
    const windows = /wineventlog/i.test(entry.sourcetype) && sourceTablesFor({ source: entry.source, sourcetype: entry.sourcetype }).length > 0;
    for await (const raw of readDataset(entry.path, { source: entry.source, sourcetype: entry.sourcetype })) {
      events++;
      const e = normalizeEvent(raw);
      if (windows && e.tag === undefined) unclassified++;
      for (const ds of datasets) datamodelEvent(ds, e);
    }
    expect(events).toBeGreaterThan(0);
    expect(unclassified, 'Windows events without tags').toBe(0);
  });
});

describeShared('real Windows events (../shared/events/evtx_xml) through normalization and the data models', () => {
  const root = join(EVENTS, 'evtx_xml');
  const files = existsSync(root) ? filesUnder(root).filter((f) => f.endsWith('.xml')) : [];

  it('every event is classified and projects onto the data models without an error', async () => {
    expect(files.length).toBeGreaterThan(100);
    const datasets = [
      'Endpoint.Processes',
      'Endpoint.Registry',
      'Endpoint.Filesystem',
      'Network_Traffic.All_Traffic',
      'Authentication.Authentication',
      'Change.All_Changes',
    ];
    const perDataset = new Map<string, number>();
    let events = 0;
    let unclassified = 0;
    for (const file of files) {
      for await (const raw of readDataset(file, { source: 'XmlWinEventLog', sourcetype: 'XmlWinEventLog' })) {
        // The Windows add-on names an XML event's source after its channel at index time.
        const e = normalizeEvent({ ...raw, source: `XmlWinEventLog:${String(raw.Channel ?? '')}` });
        events++;
        if (e.tag === undefined) unclassified++;
        for (const ds of datasets) if (datamodelEvent(ds, e)) perDataset.set(ds, (perDataset.get(ds) ?? 0) + 1);
      }
    }
    expect(events).toBeGreaterThan(10_000);
    expect(unclassified).toBe(0);
    // Every XML event log event is in Processes (the add-on's endpoint_services_processes tags).
    expect(perDataset.get('Endpoint.Processes')).toBe(events);
    for (const ds of datasets) expect(perDataset.get(ds) ?? 0, ds).toBeGreaterThan(0);
  }, 300_000);
});
