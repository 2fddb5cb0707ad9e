/**
 * Search-time extraction semantics and the Windows tables on hand-written events. Splunk docs,
 * "The sequence of search-time operations" (Knowledge Manager Manual): field extractions, then
 * field aliasing, then calculated fields, then lookups, then event types, then tags; and
 * "About calculated fields": a calculated field cannot use the output of another calculated field.
 */
import { describe, expect, it } from 'vitest';
import {
  createNormalizer,
  fieldDemand,
  isNormalized,
  normalizeEvent,
  normalizeFresh,
  normalizeStream,
  sourceTablesFor,
} from '../../../harness/ingest/normalize.js';
import type { SourceSpec } from '../../../harness/ingest/sources/spec.js';
import type { Event } from '../../../harness/engine/types.js';

const spec: SourceSpec = {
  name: 'test',
  description: 'phases',
  match: { sourcetype: ['demo'] },
  extract: [{ set: { a: { field: 'raw_a' } } }, { set: { a: { const: 'second' }, b: { const: 'B' } } }],
  aliases: [{ alias: { alias_of_a: 'a', from_missing: 'nothing' } }],
  evals: [{ set: { c: { field: 'alias_of_a' }, d: { field: 'c' }, b: { field: 'nothing' } } }],
  lookups: [{ set: { c: { const: 'lookup' }, e: { field: 'c' } } }],
  eventtypes: [
    { name: 'demo_all', search: { field: 'sourcetype', eq: 'demo' }, tags: ['one'] },
    { name: 'demo_chained', search: { field: 'eventtype', eq: 'demo_all' }, tags: ['two', 'one'] },
  ],
  tags: [{ when: { field: 'c', eq: 'X' }, tags: ['valued'] }],
};

describe('phases of a source table', () => {
  const n = createNormalizer([spec]);
  const out = n.normalizeEvent({ sourcetype: 'DEMO', raw_a: 'X', c: 'old' });

  it('first extraction wins', () => expect(out.a).toBe('X'));
  it('aliases copy only present fields', () => {
    expect(out.alias_of_a).toBe('X');
    expect('from_missing' in out).toBe(false);
  });
  it('calculated fields see aliases but not each other; a null result removes the field', () => {
    expect(out.c).toBe('X');
    expect(out.d).toBe('old'); // d = c as it was before the calculated fields ran
    expect('b' in out).toBe(false);
  });
  it('lookups are OUTPUTNEW: they do not overwrite, and see calculated fields', () => {
    expect(out.c).toBe('X');
    expect(out.e).toBe('X');
  });
  it('event types chain and tags are unioned and sorted', () => {
    expect(out.eventtype).toEqual(['demo_all', 'demo_chained']);
    expect(out.tag).toEqual(['one', 'two', 'valued']);
  });
  it('an event of another sourcetype is untouched (but a copy)', () => {
    const e: Event = { sourcetype: 'other', x: 1 };
    const o = n.normalizeEvent(e);
    expect(o).toEqual(e);
    expect(o).not.toBe(e);
    expect(isNormalized(o)).toBe(true);
  });
});

/**
 * A consumer that reads only some fields (the shared scan's tstats searches) gets them computed by
 * the rules that write them and the rules those read, phase by phase: each such field has the
 * value the whole table gives it, and fields no kept rule writes are left as the reader gave them.
 */
describe('normalising for a demand', () => {
  const n = createNormalizer([spec]);
  const event = (): Event => ({ sourcetype: 'DEMO', raw_a: 'X', c: 'old', untouched: 'u' });
  const whole = n.normalizeEvent(event());
  const only = (...fields: string[]) => n.normalizeInPlace(event(), fieldDemand(fields));

  it('a lookup output needs the calculated field, the alias and the extraction it reads', () => {
    const out = only('e');
    expect(out.e).toBe(whole.e);
    expect(out.c).toBe(whole.c);
    expect(out.alias_of_a).toBe(whole.alias_of_a);
    expect(out.a).toBe(whole.a);
    // Not read by anything wanted: not computed (d, the tag phases).
    expect('d' in out).toBe(false);
    expect('eventtype' in out).toBe(false);
  });

  it('keeps every rule writing a wanted field, so the first extraction still wins', () => {
    const out = only('a');
    expect(out.a).toBe('X');
    expect('b' in out).toBe(false);
  });

  it('a calculated field reading another sees its value from before the calculated fields ran', () => {
    expect(only('d').d).toBe('old');
    expect(only('d').c).toBe(whole.c); // d reads c, so c is computed as the whole table computes it
  });

  it('tag and eventtype keep both tag phases and what their conditions read', () => {
    const out = only('tag');
    expect(out.tag).toEqual(whole.tag);
    expect(out.eventtype).toEqual(whole.eventtype);
    expect(out.c).toBe('X'); // the `valued` tag rule reads c
  });

  it('leaves what no kept rule writes as the reader gave it', () => {
    expect(only('e').untouched).toBe('u');
    expect(only().c).toBe('old');
  });

  it('one demand object, many events: each gets the pruned plan of its own sourcetype', () => {
    const demand = fieldDemand(['e']);
    expect(n.normalizeInPlace(event(), demand).e).toBe('X');
    expect(n.normalizeInPlace({ sourcetype: 'other', c: 'y' }, demand)).toEqual({ sourcetype: 'other', c: 'y' });
  });
});

/**
 * The event types and tags of an event depend only on the fields their searches and rules read,
 * so their outcome is kept per combination of those values: it must equal computing it again,
 * and no two events may share a multivalue.
 */
describe('event types and tags per combination of the values they read', () => {
  const n = createNormalizer([spec]);
  it('gives each event the outcome of its own values, in its own arrays', () => {
    const first = n.normalizeEvent({ sourcetype: 'DEMO', raw_a: 'X' });
    (first.tag as string[]).push('changed');
    const second = n.normalizeEvent({ sourcetype: 'DEMO', raw_a: 'X' });
    expect(second.tag).toEqual(['one', 'two', 'valued']);
    // The second came from what was kept of the first: changing it must not change the third.
    (second.tag as string[]).push('changed');
    (second.eventtype as string[]).pop();
    const third = n.normalizeEvent({ sourcetype: 'DEMO', raw_a: 'X' });
    expect(third.tag).toEqual(['one', 'two', 'valued']);
    expect(third.eventtype).toEqual(['demo_all', 'demo_chained']);
    expect(n.normalizeEvent({ sourcetype: 'DEMO', raw_a: 'Y' }).tag).toEqual(['one', 'two']);
  });
  it('tags an event carries are part of the combination', () => {
    expect(n.normalizeEvent({ sourcetype: 'DEMO', raw_a: 'Y', tag: 'carried' }).tag).toEqual(['carried', 'one', 'two']);
    expect(n.normalizeEvent({ sourcetype: 'DEMO', raw_a: 'Y', tag: ['z', 'carried'] }).tag).toEqual(['carried', 'one', 'two', 'z']);
    expect(n.normalizeEvent({ sourcetype: 'DEMO', raw_a: 'Y' }).tag).toEqual(['one', 'two']);
  });
  it('a number and its text are different combinations', () => {
    const numeric = createNormalizer([{ ...spec, eventtypes: [{ name: 'one', search: { field: 'x', eq: 1 } }], tags: [] }]);
    expect(numeric.normalizeEvent({ sourcetype: 'demo', x: 1 }).eventtype).toBe('one');
    expect(numeric.normalizeEvent({ sourcetype: 'demo', x: '1' }).eventtype).toBe(numeric.normalizeEvent({ sourcetype: 'demo', x: 1 }).eventtype);
    expect(numeric.normalizeEvent({ sourcetype: 'demo', x: 2 }).eventtype).toBeUndefined();
  });
});

const security = (EventCode: number, data: Record<string, string>): Event => ({
  _time: 1,
  source: 'XmlWinEventLog:Security',
  sourcetype: 'XmlWinEventLog',
  host: 'dc01',
  EventID: String(EventCode),
  EventCode: String(EventCode),
  Computer: 'dc01.corp.local',
  Channel: 'Security',
  Keywords: '0x8020000000000000',
  ...data,
});

describe('Windows Security (Splunk_TA_windows [source::XmlWinEventLog:Security])', () => {
  it('4688: process fields, hex ids in decimal, user from the subject when there is no target', () => {
    const e = normalizeEvent(
      security(4688, {
        SubjectUserName: 'alice',
        SubjectDomainName: 'CORP',
        NewProcessId: '0x14c4',
        NewProcessName: 'C:\\Windows\\System32\\winrs.exe',
        ProcessId: '0x1020',
        CommandLine: 'winrs  -r:srv02 whoami',
        TargetUserName: '-',
        ParentProcessName: 'C:\\Windows\\System32\\cmd.exe',
      }),
    );
    expect(sourceTablesFor(e)).toEqual(['windows_xml', 'windows_security_xml']);
    expect(e.process_name).toBe('winrs.exe');
    expect(e.process_path).toBe('C:\\Windows\\System32\\winrs.exe');
    // The command line names the program without a path: the add-on rebuilds it from the path
    // and the arguments (one space between).
    expect(e.process).toBe('C:\\Windows\\System32\\winrs.exe -r:srv02 whoami');
    expect(e.process_id).toBe(5316);
    expect(e.parent_process_id).toBe(4128);
    expect(e.parent_process_name).toBe('cmd.exe');
    expect(e.parent_process_path).toBe('C:\\Windows\\System32\\cmd.exe');
    expect(e.user).toBe('alice');
    expect(e.src_user).toBe('alice');
    expect(e.dest).toBe('dc01.corp.local');
    expect(e.action).toBe('allowed');
    expect(e.signature_id).toBe('4688');
    expect(e.eventtype).toContain('windows_process_new');
    expect(e.eventtype).toContain('wineventlog_security');
    expect(e.tag).toEqual(expect.arrayContaining(['process', 'report', 'execute', 'start', 'windows', 'os']));
  });

  it('4688 with a quoted path in the command line keeps the command line', () => {
    const e = normalizeEvent(
      security(4688, { NewProcessName: 'C:\\Program Files\\x\\a b.exe', CommandLine: '"C:\\Program Files\\x\\a b.exe" --go', NewProcessId: '0x10' }),
    );
    expect(e.process).toBe('"C:\\Program Files\\x\\a b.exe" --go');
    expect(e.process_id).toBe(16);
  });

  it('4624: authentication, success, user is the target account, src from the workstation', () => {
    const e = normalizeEvent(
      security(4624, {
        TargetUserName: 'bob',
        TargetDomainName: 'CORP',
        SubjectUserName: 'DC01$',
        LogonType: '3',
        IpAddress: '10.0.0.5',
        IpPort: '5050',
        WorkstationName: 'WS01',
      }),
    );
    expect(e.action).toBe('success');
    expect(e.user).toBe('bob');
    expect(e.src).toBe('WS01');
    expect(e.src_ip).toBe('10.0.0.5');
    expect(e.src_port).toBe('5050');
    expect(e.Logon_Type).toBe('3');
    expect(e.app).toBe('win:remote');
    expect(e.signature).toBe('An account was successfully logged on');
    expect(e.tag).toEqual(expect.arrayContaining(['authentication', 'remote']));
  });

  it('4624: a "-" workstation blocks src (the add-on takes the first of Workstation, WorkstationName, IpAddress)', () => {
    const e = normalizeEvent(security(4624, { TargetUserName: 'bob', LogonType: '3', IpAddress: '10.0.0.5', WorkstationName: '-' }));
    expect(e.src).toBeUndefined();
    expect(e.src_ip).toBe('10.0.0.5');
    const k = normalizeEvent(security(4768, { TargetUserName: 'bob', IpAddress: '::ffff:10.0.0.5', Status: '0x0' }));
    expect(k.src).toBe('::ffff:10.0.0.5');
  });

  it('4625: failure; loopback IpAddress is not a src_ip', () => {
    const e = normalizeEvent(security(4625, { TargetUserName: 'bob', Status: '0xc000006d', SubStatus: '0xc000006a', LogonType: '2', IpAddress: '127.0.0.1' }));
    expect(e.action).toBe('failure');
    expect(e.src_ip).toBeUndefined();
    expect(e.app).toBe('win:local');
    expect(e.Sub_Status).toBe('0xc000006a');
    expect(e.eventtype).toContain('windows_logon_failure');
  });

  it('4768 action follows Status', () => {
    expect(normalizeEvent(security(4768, { TargetUserName: 'bob', Status: '0x0' })).action).toBe('success');
    expect(normalizeEvent(security(4768, { TargetUserName: 'bob', Status: '0x6' })).action).toBe('failure');
  });

  it('4720: account management event types and Change fields', () => {
    const e = normalizeEvent(security(4720, { TargetUserName: 'eve', SubjectUserName: 'admin', SubjectDomainName: 'CORP' }));
    expect(e.action).toBe('created');
    expect(e.object_category).toBe('user');
    expect(e.src_user).toBe('admin');
    expect(e.user).toBe('eve');
    expect(e.eventtype).toEqual(expect.arrayContaining(['windows_account_created', 'windows_account_management']));
    expect(e.tag).toEqual(expect.arrayContaining(['account', 'change', 'add', 'management']));
  });
});

describe('classic WinEventLog (Splunk_TA_windows [source::WinEventLog:Security])', () => {
  const classic = (EventCode: number, fields: Event): Event => ({
    source: 'WinEventLog:Security',
    sourcetype: 'WinEventLog',
    LogName: 'Security',
    EventCode: String(EventCode),
    ComputerName: 'dc01.corp.local',
    Keywords: 'Audit Success',
    ...fields,
  });

  it('4688: the subject account is src_user and user; ids in decimal; action from Keywords', () => {
    const e = normalizeEvent(
      classic(4688, {
        Account_Name: ['alice', '-'],
        Account_Domain: ['CORP', '-'],
        New_Process_ID: '0x14c4',
        New_Process_Name: 'C:\\Windows\\System32\\winrs.exe',
        Creator_Process_ID: '0x1020',
        Creator_Process_Name: 'C:\\Windows\\System32\\cmd.exe',
        Process_Command_Line: 'winrs -r:srv02 whoami',
      }),
    );
    expect(e).toMatchObject({
      process_name: 'winrs.exe',
      process_id: 5316,
      parent_process_id: 4128,
      parent_process_name: 'cmd.exe',
      src_user: 'alice',
      user: 'alice',
      dest: 'dc01.corp.local',
      action: 'allowed',
      process: 'C:\\Windows\\System32\\winrs.exe -r:srv02 whoami',
    });
    expect(e.tag).toEqual(expect.arrayContaining(['process', 'report']));
  });

  it('4624: the target account (last Account_Name) is the user, the subject the src_user', () => {
    const e = normalizeEvent(classic(4624, { Account_Name: ['DC01$', 'bob'], Logon_Type: '3', Source_Network_Address: '10.0.0.5' }));
    expect(e).toMatchObject({ user: 'bob', src_user: 'DC01$', src_ip: '10.0.0.5', src: '10.0.0.5', action: 'success', app: 'win:remote' });
    expect(e.tag).toEqual(expect.arrayContaining(['authentication', 'remote']));
  });
});

describe('Sysmon (source-keyed)', () => {
  const sysmon = (EventID: number, data: Record<string, string>): Event => ({
    source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational',
    sourcetype: 'xmlwineventlog',
    EventID: String(EventID),
    Computer: 'ws01',
    ...data,
  });

  it('keys on the source: the same event with another source gets no Sysmon fields', () => {
    const e = normalizeEvent({ ...sysmon(1, { Image: 'C:\\x\\a.exe' }), source: 'XmlWinEventLog:Application' });
    expect(e.process_name).toBeUndefined();
    expect(sourceTablesFor(e)).toEqual(['windows_xml', 'windows_application_xml']);
  });

  it('EventID 3 → network fields and tags', () => {
    const e = normalizeEvent(
      sysmon(3, {
        Image: 'C:\\x\\a.exe',
        SourceIp: '10.0.0.2',
        SourcePort: '50000',
        DestinationIp: '8.8.8.8',
        DestinationPort: '443',
        Protocol: 'tcp',
        Initiated: 'true',
      }),
    );
    expect(e).toMatchObject({
      src_ip: '10.0.0.2',
      dest_ip: '8.8.8.8',
      dest_port: 443,
      dest: '8.8.8.8',
      transport: 'tcp',
      direction: 'outbound',
      process_name: 'a.exe',
    });
    expect(e.tag).toEqual(expect.arrayContaining(['network', 'communicate']));
  });

  it('EventID 13 → registry fields', () => {
    const e = normalizeEvent(
      sysmon(13, {
        EventType: 'SetValue',
        Image: 'C:\\x\\reg.exe',
        TargetObject: 'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\evil',
        Details: 'DWORD (0x00000001)',
      }),
    );
    expect(e).toMatchObject({
      action: 'modified',
      registry_path: 'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\evil',
      registry_key_name: 'Run',
      registry_value_name: 'evil',
      registry_value_data: '0x00000001',
      registry_value_type: 'REG_DWORD',
      registry_hive: 'HKEY_LOCAL_MACHINE',
    });
    expect(e.tag).toEqual(expect.arrayContaining(['endpoint', 'registry']));
  });

  // Splunk Add-on for Sysmon, transforms.conf: `<Data Name='Details'>\w+\s\((.+)\)</Data>` →
  // RegistryValueData and `(\w+)\s\(.+\)` → RegistryValueType; props.conf: registry_value_data is
  // RegistryValueData when extracted, else Details as written; registry_value_type "REG_" . type.
  // (Hence ESCU's `Registry.registry_value_data="0x00000001"`.)
  it.each([
    ['DWORD (0x00000002)', '0x00000002', 'REG_DWORD'],
    ['QWORD (0x01d776fd-0xd724b8c5)', '0x01d776fd-0xd724b8c5', 'REG_QWORD'],
    ['Binary Data', 'Binary Data', undefined],
    ['C:\\Users\\Public\\evil.exe -k', 'C:\\Users\\Public\\evil.exe -k', undefined],
    ['(Empty)', '(Empty)', undefined],
    ['line one (a)\nline two (b)', 'line one (a)\nline two (b)', undefined],
  ])('EventID 13 Details %j → registry_value_data %j, registry_value_type %j', (Details, data, type) => {
    const e = normalizeEvent(
      sysmon(13, {
        EventType: 'SetValue',
        Image: 'C:\\x\\reg.exe',
        TargetObject: 'HKLM\\System\\CurrentControlSet\\Control\\Lsa\\DSRMAdminLogonBehavior',
        Details,
      }),
    );
    expect(e.registry_value_data).toBe(data);
    expect(e.RegistryValueData).toBe(type === undefined ? undefined : data);
    expect(e.registry_value_type).toBe(type);
  });

  it('EventID 11 → file fields; EventID 22 → DNS fields with answers', () => {
    const file = normalizeEvent(
      sysmon(11, {
        Image: 'C:\\x\\a.exe',
        TargetFilename: 'C:\\Users\\a\\evil.dll',
        UtcTime: '2024-05-01 10:00:00.123',
        CreationUtcTime: '2024-05-01 10:00:00.123',
      }),
    );
    expect(file).toMatchObject({ action: 'created', file_name: 'evil.dll', file_path: 'C:\\Users\\a\\evil.dll' });
    const dns = normalizeEvent(
      sysmon(22, { Image: 'C:\\x\\a.exe', QueryName: 'evil.com', QueryStatus: '0', QueryResults: 'type:  5 cdn.evil.com;::ffff:1.2.3.4;5.6.7.8;' }),
    );
    expect(dns).toMatchObject({ query: 'evil.com', reply_code: 'NoError', answer: ['1.2.3.4', '5.6.7.8'] });
    expect(dns.dest).toBeUndefined();
  });

  // Splunk_TA_microsoft_sysmon props.conf: EventID 11 is `created` when UtcTime equals
  // CreationUtcTime (a new file), else `modified` (an existing file overwritten: Sysmon keeps the
  // original creation time). Equality is eval's `==`: exact text.
  it.each([
    ['2024-05-01 10:00:00.123', '2024-05-01 10:00:00.123', 'created'],
    ['2024-05-01 10:00:05.000', '2023-01-09 08:12:44.517', 'modified'],
    ['2024-05-01 10:00:05.000', undefined, 'modified'],
  ])('EventID 11 with UtcTime %s and CreationUtcTime %s → action %s', (UtcTime, CreationUtcTime, action) => {
    const data: Record<string, string> = { Image: 'C:\\x\\a.exe', TargetFilename: 'C:\\Users\\a\\evil.dll', UtcTime };
    if (CreationUtcTime) data.CreationUtcTime = CreationUtcTime;
    const e = normalizeEvent(sysmon(11, data));
    expect(e.action).toBe(action);
    expect(e.eventtype).toContain('ms-sysmon-filemod');
    expect(e.tag).toEqual(expect.arrayContaining(['change', 'endpoint', 'filesystem']));
  });

  // The add-on's eventtypes.conf / tags.conf (docs/ADDONS.md, "Sysmon"): the event type and tags
  // each EventID gets.
  it.each([
    [1, 'ms-sysmon-process', ['process', 'report']],
    [6, 'ms-sysmon-process', ['process', 'report']],
    [9, 'ms-sysmon-process', ['process', 'report']],
    [17, 'ms-sysmon-process', ['process', 'report']],
    [3, 'ms-sysmon-network', ['communicate', 'network']],
    [2, 'ms-sysmon-filemod', ['change', 'endpoint', 'filesystem']],
    [23, 'ms-sysmon-filemod', ['change', 'endpoint', 'filesystem']],
    [13, 'ms-sysmon-regmod', ['change', 'endpoint', 'registry']],
    [20, 'ms-sysmon-wmimod', ['change', 'endpoint']],
    [22, 'ms-sysmon-dns', ['dns', 'network', 'resolution']],
    [4, 'ms-sysmon-service', []],
  ])('EventID %i → eventtype %s, tags %j', (id, eventtype, tags) => {
    const e = normalizeEvent(sysmon(id, { Image: 'C:\\x\\a.exe' }));
    const sysmonTypes = ([] as unknown[]).concat(e.eventtype ?? []).filter((t) => String(t).startsWith('ms-sysmon-'));
    expect(sysmonTypes).toEqual([eventtype]);
    expect(e.tag ?? []).toEqual(expect.arrayContaining(tags));
  });

  it('EventID 10 → source process as parent, target process as process', () => {
    const e = normalizeEvent(
      sysmon(10, {
        SourceImage: 'C:\\x\\mimi.exe',
        SourceProcessId: '10',
        TargetImage: 'C:\\Windows\\System32\\lsass.exe',
        TargetProcessId: '600',
        GrantedAccess: '0x1010',
      }),
    );
    expect(e).toMatchObject({ parent_process_name: 'mimi.exe', process_name: 'lsass.exe', process_id: 600, granted_access: '0x1010' });
  });
});

describe('normalizeStream', () => {
  it('normalizes every event in order', async () => {
    async function* gen() {
      yield { sourcetype: 'crowdstrike:events:sensor', event_simpleName: 'ProcessRollup2', ImageFileName: '\\Device\\HarddiskVolume1\\a.exe' } as Event;
      yield { sourcetype: 'nothing' } as Event;
    }
    const out: Event[] = [];
    for await (const e of normalizeStream(gen())) out.push(e);
    expect(out.map((e) => e.process_name)).toEqual(['a.exe', undefined]);
  });
});

describe('normalizeFresh (in place, for events nothing else holds)', () => {
  it('adds the same fields as normalizeStream, to the events themselves', async () => {
    const make = (): Event[] => [
      {
        source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational',
        sourcetype: 'xmlwineventlog',
        EventID: '1',
        EventCode: '1',
        Computer: 'ws01',
        Image: 'C:\\Windows\\System32\\winrs.exe',
        CommandLine: 'winrs -r:host cmd',
        ProcessId: '42',
      } as Event,
      { sourcetype: 'nothing', _raw: 'x' } as Event,
    ];
    async function* from(events: Event[]) {
      yield* events;
    }
    const fresh = make();
    const inPlace: Event[] = [];
    for await (const e of normalizeFresh(from(fresh))) inPlace.push(e);
    const copied: Event[] = [];
    for await (const e of normalizeStream(from(make()))) copied.push(e);
    expect(inPlace).toEqual(copied);
    expect(inPlace[0]).toBe(fresh[0]);
    expect(isNormalized(inPlace[0])).toBe(true);
    expect(fresh[0].process_name).toBe('winrs.exe');
  });
});
