/**
 * JSON reader goldens. Field names follow Splunk's JSON extraction (KV_MODE = json / spath):
 * the spath docs write paths "in dot ( . ) notation" with array steps in curly brackets, e.g.
 * `commits{}.author.name` for the author of every commit; one field per path, several values
 * when the path goes through an array. `_time` comes from each sourcetype's timestamp field
 * (harness/ingest/readers/json-sourcetypes.ts).
 */
import { describe, expect, it } from 'vitest';
import { flattenJson, JsonSyntaxError } from '../../../harness/ingest/readers/jsonflat.js';
import { jsonSourcetype } from '../../../harness/ingest/readers/json-sourcetypes.js';
import { readSample } from './helpers.js';

describe('flattenJson', () => {
  it('names nested keys with dots and array steps with {}', () => {
    const f = flattenJson('{"a":{"b":{"c":"x"}},"commits":[{"author":{"name":"ann"}},{"author":{"name":"bob"}},{"id":3}],"tags":["t1","t2"],"m":[[1,2],[3]]}');
    expect(f).toEqual({
      'a.b.c': 'x',
      'commits{}.author.name': ['ann', 'bob'],
      'commits{}.id': '3',
      'tags{}': ['t1', 't2'],
      'm{}{}': ['1', '2', '3'],
    });
  });

  it('keeps values as text: numbers as written, booleans as words; null and empty containers give nothing', () => {
    const f = flattenJson('{"big":25482595567828123,"f":1.50,"e":-2E+3,"t":true,"n":null,"s":"","o":{},"a":[],"u":"caf\\u00e9\\n\\"q\\""}');
    expect(f).toEqual({ big: '25482595567828123', f: '1.50', e: '-2E+3', t: 'true', s: '', u: 'café\n"q"' });
  });

  it('reports syntax errors with their offset', () => {
    expect(() => flattenJson('{"a":1,}')).toThrow(JsonSyntaxError);
    try {
      flattenJson('{"a": tru}');
    } catch (err) {
      expect((err as JsonSyntaxError).offset).toBe(6);
    }
  });
});

describe('JSON reader', () => {
  it('reads one object per line, with _time from the sourcetype timestamp field (CloudTrail eventTime)', async () => {
    const lines = [
      '{"eventVersion":"1.08","eventTime":"2021-05-06T07:08:09Z","eventName":"DeleteBucket","userIdentity":{"type":"IAMUser","userName":"bob"},"requestParameters":{"bucketName":"b1"}}',
      '{"eventVersion":"1.08","eventTime":"2021-05-06T07:08:10.250Z","eventName":"PutBucketAcl","userIdentity":{"type":"IAMUser","userName":"eve"}}',
    ];
    const { events, warnings } = await readSample(lines.join('\n') + '\n', { sourcetype: 'aws:cloudtrail' });
    expect(warnings).toEqual([]);
    expect(events.map((e) => [e._time, e.eventName, e['userIdentity.userName']])).toEqual([
      [Date.UTC(2021, 4, 6, 7, 8, 9) / 1000, 'DeleteBucket', 'bob'],
      [Date.UTC(2021, 4, 6, 7, 8, 10, 250) / 1000, 'PutBucketAcl', 'eve'],
    ]);
    expect(events[0]._raw).toBe(lines[0]);
    expect(events[0]['requestParameters.bucketName']).toBe('b1');
  });

  it('reads pretty-printed objects and top-level arrays, one event per object', async () => {
    const pretty =
      '{\n  "CreationTime": "2022-01-02T03:04:05",\n  "Operation": "New-InboxRule",\n  "Parameters": [\n    {"Name": "From", "Value": "x@y"},\n    {"Name": "MoveToFolder", "Value": "RSS"}\n  ]\n}\n';
    const { events } = await readSample(pretty + pretty.replace('New-InboxRule', 'Set-Mailbox'), { sourcetype: 'o365:management:activity' });
    expect(events.map((e) => e.Operation)).toEqual(['New-InboxRule', 'Set-Mailbox']);
    expect(events[0]['Parameters{}.Name']).toEqual(['From', 'MoveToFolder']);
    expect(events[0]._time).toBe(Date.UTC(2022, 0, 2, 3, 4, 5) / 1000);
    expect(events[0].linecount).toBe('8');

    const array =
      '[{"published":"2023-01-01T00:00:00.000Z","eventType":"user.session.start"},\n {"published":"2023-01-01T00:00:01.000Z","eventType":"user.mfa.factor.deactivate"}]';
    const okta = await readSample(array, { sourcetype: 'OktaIM2:log' });
    expect(okta.events.map((e) => [e.eventType, e._time])).toEqual([
      ['user.session.start', 1672531200],
      ['user.mfa.factor.deactivate', 1672531201],
    ]);
  });

  it('unwraps CloudTrail Records files and Splunk search exports', async () => {
    const records = '{"Records":[{"eventTime":"2021-01-01T00:00:00Z","eventName":"A"},{"eventTime":"2021-01-01T00:00:01Z","eventName":"B"}]}';
    const ct = await readSample(records, { sourcetype: 'aws:cloudtrail' });
    expect(ct.events.map((e) => e.eventName)).toEqual(['A', 'B']);
    expect(ct.events[1]._raw).toBe('{"eventTime":"2021-01-01T00:00:01Z","eventName":"B"}');

    const exported = '{"preview":false,"result":{"_time":"2026-07-23T14:40:00.000+0000","_raw":"raw text","host":"h1","columns.path":"/usr/bin/osascript"}}';
    const ex = await readSample(exported, { sourcetype: '_json' });
    expect(ex.events[0]).toMatchObject({ _raw: 'raw text', 'columns.path': '/usr/bin/osascript', host: 'h1' });
    expect(ex.events[0]._time).toBe(Date.UTC(2026, 6, 23, 14, 40) / 1000);
  });

  it('reads CrowdStrike FDR: every value a string, timestamp in milliseconds', async () => {
    const fdr =
      '{"event_simpleName":"ProcessRollup2","timestamp":"1682368416719","ComputerName":"WS1","ImageFileName":"\\\\Device\\\\HarddiskVolume3\\\\Windows\\\\System32\\\\cmd.exe","RawProcessId":"4242"}';
    const { events } = await readSample(fdr, { sourcetype: 'crowdstrike:events:sensor' });
    expect(events[0]).toMatchObject({
      event_simpleName: 'ProcessRollup2',
      host: 'WS1',
      RawProcessId: '4242',
      ImageFileName: '\\Device\\HarddiskVolume3\\Windows\\System32\\cmd.exe',
    });
    expect(events[0]._time).toBe(1682368416.719);
  });

  it('keeps NXLog ProcessID and Sysmon ProcessId apart, as written', async () => {
    const nx =
      '{"EventTime":"2020-08-01 05:46:46","Hostname":"dc1.example.local","ProcessID":2740,"ProcessId":"4242","EventID":1,"Channel":"Microsoft-Windows-Sysmon/Operational"}';
    const { events } = await readSample(nx, { sourcetype: '_json' });
    expect(events[0]).toMatchObject({ ProcessID: '2740', ProcessId: '4242', host: 'dc1.example.local', EventID: '1' });
    expect(events[0]._time).toBe(Date.UTC(2020, 7, 1, 5, 46, 46) / 1000);
  });

  it('goes on after a bad line, with a warning on its line', async () => {
    const text = '{"ts":1600000000.5,"a":1}\nnot json at all x=1\n{"ts":1600000001,"a":\n{"ts":1600000002,"a":3}\n';
    const { events, warnings } = await readSample(text, { sourcetype: 'bro:conn:json' });
    // The unterminated object swallows the next line (it cannot know where it should have ended).
    expect(events.map((e) => e.a)).toEqual(['1', undefined, undefined]);
    expect(events[0]._time).toBe(1600000000.5);
    expect(events[1].x).toBe('1');
    expect(warnings.map((w) => w.line)).toEqual([2, 3]);
  });

  it('reads syslog-prefixed JSON lines: whole line as _raw, the object as fields', async () => {
    const line = 'Jan 10 10:00:00 sensor1 suricata[42]: {"timestamp":"2023-01-10T10:00:00.000000+0000","event_type":"alert","src_ip":"10.0.0.1"}';
    const { events, warnings } = await readSample(line, { sourcetype: 'suricata' });
    expect(warnings).toEqual([]);
    expect(events[0]).toMatchObject({ _raw: line, event_type: 'alert', src_ip: '10.0.0.1' });
  });

  it('looks sourcetypes up by exact name, then by the longest family pattern', () => {
    expect(jsonSourcetype('AWS:CloudTrail')?.time).toEqual(['eventTime']);
    expect(jsonSourcetype('gws:reports:login')?.time).toEqual(['id.time']);
    expect(jsonSourcetype('kube:objects:events')?.sourcetype).toBe('kube:objects:events');
    expect(jsonSourcetype('kube:container:falco')?.sourcetype).toBe('kube:*');
    expect(jsonSourcetype('linux_secure')).toBeUndefined();
  });
});
