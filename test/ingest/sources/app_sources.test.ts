/**
 * Golden tests for the source tables of the sourcetypes that used to block ESCU detections
 * (`spl-harness coverage`, `sourcetype:X`): one realistic event per table, read by the real reader
 * and normalized, asserting the fields those detections read. Sources per table: its file's
 * header (Splunk_TA_microsoft-cloudservices props/transforms for mscs:azure:audit; the AWS, IIS,
 * Zeek, Stream and Defender add-ons as ESCU's data sources record their fields).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDataset } from '../../../harness/ingest/read.js';
import { normalizeStream, sourceTablesFor } from '../../../harness/ingest/normalize.js';
import { datamodelEvents } from '../../../harness/ingest/datamodel.js';
import type { Event } from '../../../harness/engine/types.js';
import { tempDir } from '../../support/tmp.js';

async function collect(it: AsyncIterable<Event>): Promise<Event[]> {
  const out: Event[] = [];
  for await (const e of it) out.push(e);
  return out;
}

async function read(text: string, sourcetype: string, source = sourcetype): Promise<Event[]> {
  const file = join(tempDir('spl-harness-app-'), 'data.log');
  writeFileSync(file, text);
  return collect(normalizeStream(readDataset(file, { source, sourcetype })));
}

async function dataset(name: string, events: Event[]): Promise<Event[]> {
  return collect(
    datamodelEvents(
      name,
      (async function* () {
        yield* events;
      })(),
    )!,
  );
}

describe('mscs:azure:audit (Microsoft Cloud Services add-on)', () => {
  const activity = {
    caller: 'admin@contoso.com',
    claims: { ipaddr: '198.51.100.23', name: 'Jane Admin' },
    eventTimestamp: '2024-03-11T09:15:27.4401234Z',
    operationName: { value: 'Microsoft.Automation/automationAccounts/runbooks/write', localizedValue: 'Create or Update an Azure Automation Runbook ' },
    resourceGroupName: 'rg-ops',
    resourceUri: '/subscriptions/0b6c-11/resourceGroups/rg-ops/providers/Microsoft.Automation/automationAccounts/ops-auto/runbooks/Invoke-Backdoor',
    status: { value: 'Succeeded', localizedValue: 'Succeeded' },
    subStatus: { value: 'Created', localizedValue: 'Created (HTTP Status Code: 201)' },
    subscriptionId: '0b6c-11',
  };

  it("object is the resource name, object_path the URI; the detection's by-fields are all present", async () => {
    const [e] = await read(JSON.stringify(activity) + '\n', 'mscs:azure:audit');
    expect(e).toMatchObject({
      object: 'Invoke-Backdoor',
      object_id: 'Invoke-Backdoor',
      object_path: activity.resourceUri,
      'operationName.localizedValue': 'Create or Update an Azure Automation Runbook',
      'status.value': 'Succeeded',
      status: 'success',
      'claims.ipaddr': '198.51.100.23',
      caller: 'admin@contoso.com',
      user: 'Jane Admin',
      resourceGroupName: 'rg-ops',
      dest: '0b6c-11',
      dvc: '0b6c-11',
      result_id: '201',
      vendor_product: 'Microsoft Azure',
    });
    expect(e._time).toBeCloseTo(Date.parse('2024-03-11T09:15:27.440Z') / 1000, 2);
  });
});

describe('aws:cloudwatchlogs:vpcflow (AWS add-on)', () => {
  it('a v2 flow record lands in Network_Traffic with transport, action and ports', async () => {
    const events = await read(
      '2 123456789012 eni-0a1b2c3d 10.0.1.30 10.0.1.1 47254 22 6 2 98 1697608042 1697608070 ACCEPT OK\n2 123456789012 eni-0a1b2c3d 10.0.1.30 10.0.1.9 47255 3389 17 1 40 1697608042 1697608070 REJECT OK\n',
      'aws:cloudwatchlogs:vpcflow',
    );
    expect(events[0]).toMatchObject({
      src_ip: '10.0.1.30',
      dest_ip: '10.0.1.1',
      dest_port: '22',
      transport: 'tcp',
      action: 'allowed',
      vpcflow_action: 'ACCEPT',
      duration: 28,
    });
    expect(events[1]).toMatchObject({ transport: 'udp', action: 'blocked' });
    const rows = await dataset('Network_Traffic.All_Traffic', events);
    expect(
      rows.map((r) => [r['All_Traffic.src_ip'], r['All_Traffic.dest_ip'], r['All_Traffic.dest_port'], r['All_Traffic.transport'], r['All_Traffic.action']]),
    ).toEqual([
      ['10.0.1.30', '10.0.1.1', 22, 'tcp', 'allowed'],
      ['10.0.1.30', '10.0.1.9', 3389, 'udp', 'blocked'],
    ]);
  });
});

describe('ms:iis:splunk (IIS add-on)', () => {
  it('a W3C line lands in Web with method, path, query, status, src and dest', async () => {
    const log = [
      '#Software: Microsoft Internet Information Services 10.0',
      '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken s-computername',
      '2021-08-11 17:04:47 10.0.0.5 POST /autodiscover/autodiscover.json @evil.com/mapi/nspi/?&Email=autodiscover/autodiscover.json%3F@evil.com 443 - 203.0.113.9 python-requests/2.25.1 - 302 0 0 15 EXCH01',
    ].join('\n');
    const rows = await dataset('Web.Web', await read(log + '\n', 'ms:iis:splunk'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      'Web.http_method': 'POST',
      'Web.uri_path': '/autodiscover/autodiscover.json',
      'Web.uri_query': '@evil.com/mapi/nspi/?&Email=autodiscover/autodiscover.json%3F@evil.com',
      'Web.status': '302',
      'Web.src': '203.0.113.9',
      'Web.dest': 'EXCH01',
    });
  });
});

describe('aws:securityhub:finding (AWS add-on)', () => {
  it('a finding carries dest, severity, vendor_account and vendor_region, and is an alert', async () => {
    const finding = {
      SchemaVersion: '2018-10-08',
      Id: 'arn:aws:securityhub:us-west-2:111122223333:subscription/aws-foundational/v/1.0.0/EC2.8/finding/4d1c',
      ProductArn: 'arn:aws:securityhub:us-west-2::product/aws/securityhub',
      GeneratorId: 'aws-foundational-security-best-practices/v/1.0.0/EC2.8',
      AwsAccountId: '111122223333',
      Types: ['Software and Configuration Checks/Industry and Regulatory Standards'],
      UpdatedAt: '2024-02-01T10:00:00.000Z',
      Severity: { Label: 'HIGH', Normalized: 70 },
      Title: 'EC2 instances should use IMDSv2',
      Resources: [{ Type: 'AwsEc2Instance', Id: 'arn:aws:ec2:us-west-2:111122223333:instance/i-0abc', Region: 'us-west-2' }],
    };
    const [e] = await read(JSON.stringify(finding) + '\n', 'aws:securityhub:finding');
    expect(e).toMatchObject({
      dest: 'arn:aws:ec2:us-west-2:111122223333:instance/i-0abc',
      severity: 'high',
      vendor_account: '111122223333',
      vendor_region: 'us-west-2',
      Title: finding.Title,
      'Types{}': finding.Types[0],
    });
    expect(e['Resources{}.Type']).toBe('AwsEc2Instance');
    expect(e.tag).toContain('alert');
  });
});

describe('mscs:azure:eventhub:defender:advancedhunting (Defender advanced hunting)', () => {
  it('an AlertInfo row is an alert with signature, severity, app, id and dest', async () => {
    const row = {
      time: '2024-06-14T20:12:23.3360383Z',
      tenantId: 't-1',
      operationName: 'Publish',
      category: 'AdvancedHunting-AlertInfo',
      properties: {
        Timestamp: '2024-06-14T19:59:59Z',
        AlertId: 'da6378',
        Title: 'Suspicious PowerShell command line',
        Category: 'Execution',
        Severity: 'High',
        ServiceSource: 'Microsoft Defender for Endpoint',
        DetectionSource: 'EDR',
        AttackTechniques: '["PowerShell (T1059.001)"]',
        DeviceName: 'ws-0042',
      },
    };
    const events = await read(JSON.stringify(row) + '\n', 'mscs:azure:eventhub:defender:advancedhunting', 'eventhub://windowsdefenderlogs');
    const rows = await dataset('Alerts.Alerts', events);
    expect(rows[0]).toMatchObject({
      'Alerts.signature': 'Suspicious PowerShell command line',
      'Alerts.severity': 'high',
      'Alerts.app': 'Microsoft Defender for Endpoint',
      'Alerts.id': 'da6378',
      'Alerts.dest': 'ws-0042',
    });
  });
});

describe('bro:conn:json (Zeek add-on) and stream:ip (Splunk Stream)', () => {
  it('a Zeek connection is Network_Traffic with the tuple, transport, app and direction', async () => {
    const conn = {
      ts: 1700000000.12,
      uid: 'CwXy1',
      'id.orig_h': '10.1.1.5',
      'id.orig_p': 50123,
      'id.resp_h': '93.184.216.34',
      'id.resp_p': 445,
      proto: 'tcp',
      service: 'smb',
      conn_state: 'SF',
      local_orig: true,
      local_resp: false,
      orig_bytes: 120,
      resp_bytes: 800,
    };
    const [e] = await read(JSON.stringify(conn) + '\n', 'bro:conn:json', 'conn.log');
    expect(e).toMatchObject({
      src_ip: '10.1.1.5',
      dest_ip: '93.184.216.34',
      dest_port: '445',
      transport: 'tcp',
      app: 'smb',
      action: 'allowed',
      direction: 'outbound',
      bytes: 920,
    });
    expect(e.tag).toEqual(expect.arrayContaining(['network', 'communicate']));
  });

  it('a Stream IP flow is Network_Traffic with its dest', async () => {
    const flow = {
      timestamp: '2021-12-14T00:41:27.000Z',
      src_ip: '10.0.1.16',
      dest_ip: '45.155.205.233',
      dest_port: 1389,
      protocol_stack: 'ip:tcp',
      bytes_in: 120,
      bytes_out: 560,
    };
    const rows = await dataset('Network_Traffic.All_Traffic', await read(JSON.stringify(flow) + '\n', 'stream:ip', 'stream:Splunk_IP'));
    expect(rows[0]).toMatchObject({ 'All_Traffic.dest': '45.155.205.233', 'All_Traffic.src': '10.0.1.16' });
  });
});

describe('sources read as they are (their detections read the keys or rex the line)', () => {
  it('gsuite:gmail:bigquery: nested keys flattened, time from event_info.timestamp_usec', async () => {
    const mail = {
      event_info: { timestamp_usec: '1629118112345678', success: true },
      message_info: {
        subject: 'Invoice 4411',
        num_message_attachments: 1,
        attachment: [{ file_extension_type: 'js', sha256: 'ab12' }],
        source: { address: 'bad@evil.test', from_header_address: 'bad@evil.test' },
        destination: [{ address: 'bob@internal_test_email.com', service: 'gmail-ui' }],
      },
    };
    const flat = { ...mail.message_info, event_info: mail.event_info };
    const [e] = await read(JSON.stringify(flat) + '\n', 'gsuite:gmail:bigquery', 'http:gsuite');
    expect(e).toMatchObject({
      'attachment{}.file_extension_type': 'js',
      'destination{}.address': 'bob@internal_test_email.com',
      'source.from_header_address': 'bad@evil.test',
      num_message_attachments: '1',
    });
    expect(e._time).toBeCloseTo(1629118112.345678, 5);
    expect(sourceTablesFor(e)).toEqual(['gsuite_gmail']);
  });

  it("kube:container:falco: the alert's key=value pairs are fields", async () => {
    const line =
      '2024-01-10T12:18:18.691725165Z: Notice A shell was spawned in a container with an attached terminal (evt_type=execve user=root user_uid=0 process=bash proc_exepath=/usr/bin/bash parent=runc command=bash terminal=34816 container_id=7a2566e8e462 container_image=quay.io/acme/web container_image_tag=1.4.2 container_name=web k8s_ns=default k8s_pod_name=web-7d9f)';
    const [e] = await read(line + '\n', 'kube:container:falco', 'kubernetes');
    expect(e).toMatchObject({
      user: 'root',
      process: 'bash',
      proc_exepath: '/usr/bin/bash',
      parent: 'runc',
      container_name: 'web',
      container_image: 'quay.io/acme/web',
      container_image_tag: '1.4.2',
    });
  });

  it('kube:objects:events: time from the event object', async () => {
    const ev = {
      object: {
        kind: 'Event',
        message: 'Pulling image "aquasec/kube-hunter:0.6.8"',
        reason: 'Pulling',
        lastTimestamp: '2024-02-02T08:00:05Z',
        involvedObject: { kind: 'Pod', name: 'kube-hunter-x', namespace: 'default' },
      },
    };
    const [e] = await read(JSON.stringify(ev) + '\n', 'kube:objects:events', 'kubernetes');
    expect(e._time).toBe(Date.parse('2024-02-02T08:00:05Z') / 1000);
    expect(e['object.message']).toBe('Pulling image "aquasec/kube-hunter:0.6.8"');
  });

  it('ivanti_vtm_audit: key=value pairs', async () => {
    const [e] = await read(
      '[10/Feb/2025:01:45:13 +0000] 2025-02-10T01:45:13Z user=admin group=admin AUTH=local IP=!!ABSENT!! OPERATION=adduser MODGROUP=admin MODUSER=evil\n',
      'ivanti_vtm_audit',
      'ivanti_vtm',
    );
    expect(e).toMatchObject({ OPERATION: 'adduser', MODGROUP: 'admin', MODUSER: 'evil', IP: '!!ABSENT!!', AUTH: 'local' });
  });

  it("osquery:results: the add-on's process fields", async () => {
    const row = {
      name: 'es_process_events',
      hostIdentifier: 'mac-07',
      unixTime: 1648559031,
      columns: { cmdline: 'plutil -convert xml1 x.plist', path: '/usr/bin/plutil', pid: '812', parent: '640', username: 'pat', uid: '501', cwd: '/Users/pat' },
    };
    const [e] = await read(JSON.stringify(row) + '\n', 'osquery:results');
    expect(e).toMatchObject({
      dest: 'mac-07',
      process_path: '/usr/bin/plutil',
      process_id: '812',
      parent_process_id: '640',
      'columns.cmdline': 'plutil -convert xml1 x.plist',
      _time: 1648559031,
    });
  });
});
