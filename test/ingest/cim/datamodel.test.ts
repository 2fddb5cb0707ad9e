/**
 * CIM datasets as tstats sees them. Facts followed (Splunk CIM manual, each data model's page and
 * "How to use these reference tables"): a dataset's constraint selects events by tag
 * (Endpoint.Processes = tag=process tag=report); a child dataset inherits its parent's
 * constraint and fields; field names are prefixed with the dataset that defines them; the model's
 * calculated fields fill "unknown" defaults (`if(isnull(dest) OR dest="","unknown",dest)`) and
 * take process_name from the first token of process when it is not set.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  datamodelEvent,
  datamodelEvents,
  datamodelFields,
  isSourcetypeSupported,
  supportedDatamodels,
  supportedSourcetypes,
} from '../../../harness/ingest/datamodel.js';
import { normalizeEvent } from '../../../harness/ingest/normalize.js';
import { readDataset } from '../../../harness/ingest/read.js';
import type { Event } from '../../../harness/engine/types.js';
import { PROJECT_ROOT } from '../../support/shared.js';
import { tempDir } from '../../support/tmp.js';

async function collect(it: AsyncIterable<Event>): Promise<Event[]> {
  const out: Event[] = [];
  for await (const e of it) out.push(e);
  return out;
}

async function* from(events: Event[]): AsyncIterable<Event> {
  yield* events;
}

/** Reads a data source's `example_log` through the real reader. */
async function exampleEvents(dataSourceFile: string): Promise<Event[]> {
  const ds = parse(readFileSync(dataSourceFile, 'utf8')) as { example_log: string; source: string; sourcetype: string };
  const dir = tempDir('spl-harness-cim-');
  const file = join(dir, 'example.log');
  writeFileSync(file, ds.example_log);
  return collect(readDataset(file, { source: ds.source, sourcetype: ds.sourcetype }));
}

describe("the seed detection's three data sources land in Endpoint.Processes alike", () => {
  // The fields the seed detection groups by: a null in any of them drops the row in tstats.
  const BY_FIELDS = ['dest', 'user', 'parent_process_name', 'process_name', 'process', 'process_id', 'parent_process_id', 'original_file_name'];
  const SOURCES = ['sysmon_eventid_1.yml', 'windows_event_log_security_4688.yml', 'crowdstrike_processrollup2.yml'];

  it.each(SOURCES)('%s', async (file) => {
    const events = await exampleEvents(resolve(PROJECT_ROOT, 'data_sources', file));
    expect(events).toHaveLength(1);
    const rows = await collect(datamodelEvents('Endpoint.Processes', from(events))!);
    expect(rows).toHaveLength(1);
    const row = rows[0];
    for (const f of BY_FIELDS) expect(row[`Processes.${f}`], f).toBeDefined();
    expect(row['Processes.process_name']).toBe('winrs.exe');
    expect(String(row['Processes.process'])).toMatch(/-r(emote)?:srv02/i);
    expect(typeof row['Processes.process_id']).toBe('number');
    expect(typeof row['Processes.parent_process_id']).toBe('number');
    expect(row._time).toBeTypeOf('number');
  });

  it('all three give the same process and parent ids, names and host', async () => {
    const rows = await Promise.all(
      SOURCES.map(
        async (file) => (await collect(datamodelEvents('Endpoint.Processes', from(await exampleEvents(resolve(PROJECT_ROOT, 'data_sources', file))))!))[0],
      ),
    );
    const pick = (r: Event) => [r['Processes.process_name'], r['Processes.parent_process_name'], r['Processes.process_id'], r['Processes.parent_process_id']];
    expect(pick(rows[1])).toEqual(pick(rows[0]));
    expect(pick(rows[2])).toEqual(pick(rows[0]));
  });
});

describe('CIM defaults and constraints', () => {
  const tagged = (tag: string[], fields: Event = {}): Event => ({ _time: 5, source: 's', sourcetype: 'st', host: 'h', tag, ...fields });

  it('Processes: "unknown" for empty dest/user/process, process_name from the first token of process', () => {
    const row = datamodelEvent('Endpoint.Processes', tagged(['process', 'report'], { process: '  C:\\x\\run.exe -a -b', dest: '' }))!;
    expect(row['Processes.process_name']).toBe('C:\\x\\run.exe');
    expect(row['Processes.dest']).toBe('unknown');
    expect(row['Processes.user']).toBe('unknown');
    expect(row['Processes.parent_process_name']).toBe('unknown');
    expect(row['Processes.vendor_product']).toBe('st');
    expect(row).toMatchObject({ _time: 5, source: 's', sourcetype: 'st', host: 'h' });
  });

  it('Processes lower-cases the integrity level', () => {
    expect(datamodelEvent('Endpoint.Processes', tagged(['process', 'report'], { process_integrity_level: 'High' }))!['Processes.process_integrity_level']).toBe(
      'high',
    );
  });

  it('an event without the tags is not in the dataset', () => {
    expect(datamodelEvent('Endpoint.Processes', tagged(['process']))).toBeUndefined();
    expect(datamodelEvent('Endpoint.Registry', tagged(['process', 'report']))).toBeUndefined();
  });

  it('Authentication excludes successful computer-account logons and names child nodes', () => {
    expect(datamodelEvent('Authentication.Authentication', tagged(['authentication'], { action: 'success', user: 'DC01$' }))).toBeUndefined();
    const failed = datamodelEvent('Authentication', tagged(['authentication'], { action: 'failure', user: 'bob' }))!;
    expect(failed['Authentication.user']).toBe('bob');
    expect(failed.nodename).toEqual(['Authentication', 'Authentication.Failed_Authentication']);
    // A child dataset: inherited fields keep the parent's prefix.
    const child = datamodelEvent('Authentication.Failed_Authentication', tagged(['authentication'], { action: 'failure', user: 'bob' }))!;
    expect(child['Authentication.user']).toBe('bob');
    expect(datamodelEvent('Authentication.Successful_Authentication', tagged(['authentication'], { action: 'failure', user: 'bob' }))).toBeUndefined();
  });

  it('a field a child dataset adds is named by the full lineage', () => {
    const row = datamodelEvent('Change.Account_Management', tagged(['change', 'account'], { src_user: 'admin', action: 'created' }))!;
    expect(row['All_Changes.Account_Management.src_user']).toBe('admin');
    expect(row['All_Changes.action']).toBe('created');
    expect(row.nodename).toEqual(['All_Changes', 'All_Changes.Account_Management', 'All_Changes.Account_Management.Accounts_Created']);
    expect(datamodelFields('Change.Account_Management')).toContain('All_Changes.Account_Management.src_user');
  });

  it('Change excludes file and registry changes', () => {
    expect(datamodelEvent('Change.All_Changes', tagged(['change'], { object_category: 'registry' }))).toBeUndefined();
    expect(datamodelEvent('Change', tagged(['change'], { object_category: 'user' }))).toBeDefined();
  });

  it('Network_Traffic names fields All_Traffic.*', () => {
    const row = datamodelEvent('Network_Traffic.All_Traffic', tagged(['network', 'communicate'], { dest_port: '443', dest: '8.8.8.8' }))!;
    expect(row['All_Traffic.dest']).toBe('8.8.8.8');
    expect(row['All_Traffic.dest_port']).toBe(443); // the model keeps numbers numeric (isnum)
    expect(row['All_Traffic.src']).toBe('unknown');
  });

  it('a raw (not yet normalized) event is normalized first', () => {
    const raw: Event = {
      source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational',
      sourcetype: 'xmlwineventlog',
      EventID: '11',
      Computer: 'ws01',
      Image: 'C:\\x\\a.exe',
      TargetFilename: 'C:\\t\\evil.dll',
      UtcTime: '2024-05-01 10:00:00.123',
      CreationUtcTime: '2024-05-01 10:00:00.123',
    };
    expect(datamodelEvent('Endpoint.Filesystem', raw)).toMatchObject({
      'Filesystem.file_name': 'evil.dll',
      'Filesystem.action': 'created',
      'Filesystem.dest': 'ws01',
    });
    expect(datamodelEvent('Endpoint.Filesystem', normalizeEvent(raw))!['Filesystem.file_path']).toBe('C:\\t\\evil.dll');
  });

  it('web, DNS and risk events reach their models through the source tables', () => {
    const web = datamodelEvent('Web', {
      sourcetype: 'nginx:plus:kv',
      site: 'www.example.com',
      https: 'on',
      uri_path: '/wp-json/x',
      uri_query: '-',
      http_method: 'POST',
      status: '200',
      src: '198.51.100.1',
    })!;
    expect(web).toMatchObject({ 'Web.url': 'https://www.example.com/wp-json/x', 'Web.http_method': 'POST', 'Web.status': '200', 'Web.src': '198.51.100.1' });
    const dns = datamodelEvent('Network_Resolution.DNS', {
      source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational',
      sourcetype: 'xmlwineventlog',
      EventID: '22',
      Computer: 'ws01',
      Image: 'C:\\x\\a.exe',
      QueryName: 'evil.example',
      QueryStatus: '0',
    })!;
    expect(dns).toMatchObject({ 'DNS.query': 'evil.example', 'DNS.src': 'ws01', 'DNS.dest': 'unknown', 'DNS.reply_code': 'NoError' });
    const risk = datamodelEvent('Risk.All_Risk', { sourcetype: 'stash', risk_object: 'WS01', risk_object_type: 'system', risk_score: '56' })!;
    expect(risk).toMatchObject({ 'All_Risk.risk_object': 'WS01', 'All_Risk.calculated_risk_score': 56, 'All_Risk.normalized_risk_object': 'ws01' });
  });

  it('unknown datasets are undefined; Endpoint alone is ambiguous', () => {
    expect(datamodelEvents('Nope.Nothing', from([]))).toBeUndefined();
    expect(datamodelEvents('Endpoint', from([]))).toBeUndefined();
    expect(datamodelEvents('Web', from([]))).toBeDefined();
  });

  it('lists what it supports', () => {
    const dms = supportedDatamodels();
    for (const d of [
      'Endpoint.Processes',
      'Endpoint.Registry',
      'Endpoint.Filesystem',
      'Endpoint.Services',
      'Network_Traffic.All_Traffic',
      'Network_Resolution.DNS',
      'Web.Web',
      'Web.Proxy',
      'Authentication.Authentication',
      'Change.All_Changes',
      'Risk.All_Risk',
    ]) {
      expect(dms).toContain(d);
    }
    expect(supportedSourcetypes()).toEqual(expect.arrayContaining(['xmlwineventlog', 'crowdstrike:events:sensor', 'aws:cloudtrail', 'sysmon:linux']));
    expect(isSourcetypeSupported('XmlWinEventLog')).toBe(true);
    expect(isSourcetypeSupported('WinEventLog:Security')).toBe(true);
    expect(isSourcetypeSupported('no:such:thing')).toBe(false);
  });
});
