/**
 * XmlWinEventLog reader goldens. The field names follow the Windows add-on's generic XML
 * extraction (Splunk_TA_windows transforms.conf):
 * - system_props_xml_kv: "Extracts anything in the form of <tag>value</tag> as tag::value"
 *   from the System block (an element with attributes does not match `<(\w*)>`);
 * - system_props_xml_attributes: Provider Name/Guid, TimeCreated SystemTime, Execution
 *   ProcessID/ThreadID, Security UserID ... as attribute-name::value;
 * - eventdata_xml_data: "Extracts from <Data Name='name'>value</Data> as name:value", MV_ADD;
 * - the *_xml_block transforms: System_Props_Xml, EventData_Xml, UserData_Xml.
 * Splunk drops empty values unless KEEP_EMPTY_VALS (transforms.conf.spec: default false).
 */
import { describe, expect, it } from 'vitest';
import { splitAtMarker } from '../../../harness/ingest/lines.js';
import { extractXmlEventFields } from '../../../harness/ingest/readers/xmlwineventlog.js';
import { readSample } from './helpers.js';

const NS = "xmlns='http://schemas.microsoft.com/win/2004/08/events/event'";

/** A Sysmon process creation written for this test (values invented, shape as Windows renders it). */
const SYSMON_1 =
  `<Event ${NS}><System><Provider Name='Microsoft-Windows-Sysmon' Guid='{5770385F-C22A-43E0-BF4C-06F5698FFBD9}'/>` +
  `<EventID>1</EventID><Version>5</Version><Level>4</Level><Task>1</Task><Opcode>0</Opcode><Keywords>0x8000000000000000</Keywords>` +
  `<TimeCreated SystemTime='2021-03-04T05:06:07.123456700Z'/><EventRecordID>77</EventRecordID><Correlation/>` +
  `<Execution ProcessID='2912' ThreadID='3424'/><Channel>Microsoft-Windows-Sysmon/Operational</Channel>` +
  `<Computer>ws01.example.local</Computer><Security UserID='S-1-5-18'/></System><EventData>` +
  `<Data Name='RuleName'>-</Data><Data Name='ProcessId'>4242</Data><Data Name='Image'>C:\\Windows\\System32\\cmd.exe</Data>` +
  `<Data Name='CommandLine'>cmd.exe /c "echo a &amp; echo b" &lt;in&gt; &#65;&#x42;</Data>` +
  `<Data Name='ParentImage'>C:\\Windows\\System32\\wsmprovhost.exe</Data><Data Name='Description'></Data></EventData></Event>`;

describe('XmlWinEventLog reader', () => {
  it('extracts System elements, System attributes and EventData as the Windows add-on names them', async () => {
    const { events, warnings } = await readSample(SYSMON_1 + '\n', {
      sourcetype: 'XmlWinEventLog',
      source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational',
    });
    expect(warnings).toEqual([]);
    expect(events).toHaveLength(1);
    const e = events[0];
    expect(e._raw).toBe(SYSMON_1);
    expect(e._time).toBeCloseTo(Date.UTC(2021, 2, 4, 5, 6, 7) / 1000 + 0.123456, 6);
    expect(e).toMatchObject({
      source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational',
      sourcetype: 'XmlWinEventLog',
      host: 'ws01.example.local',
      index: 'main',
      linecount: '1',
      // system_props_xml_kv
      EventID: '1',
      Version: '5',
      Level: '4',
      Task: '1',
      Opcode: '0',
      Keywords: '0x8000000000000000',
      EventRecordID: '77',
      Channel: 'Microsoft-Windows-Sysmon/Operational',
      Computer: 'ws01.example.local',
      // system_props_xml_attributes (quotes dropped)
      Name: 'Microsoft-Windows-Sysmon',
      Guid: '{5770385F-C22A-43E0-BF4C-06F5698FFBD9}',
      SystemTime: '2021-03-04T05:06:07.123456700Z',
      ProcessID: '2912',
      ThreadID: '3424',
      UserID: 'S-1-5-18',
      // eventdata_xml_data, entities decoded
      RuleName: '-',
      ProcessId: '4242',
      Image: 'C:\\Windows\\System32\\cmd.exe',
      CommandLine: 'cmd.exe /c "echo a & echo b" <in> AB',
      ParentImage: 'C:\\Windows\\System32\\wsmprovhost.exe',
      EventCode: '1',
    });
    // Empty <Data Name='Description'></Data>: no field (KEEP_EMPTY_VALS = false).
    expect(e.Description).toBeUndefined();
    // The blocks, as written (entities not decoded).
    expect(e.System_Props_Xml).toMatch(/^<Provider Name='Microsoft-Windows-Sysmon'.*<Security UserID='S-1-5-18'\/>$/);
    expect(e.EventData_Xml).toMatch(/^<Data Name='RuleName'>-<\/Data>.*&amp;.*<\/Data>$/);
    // Execution ProcessID (the logging service) and EventData ProcessId (the new process) both kept.
    expect(e.ProcessID).not.toBe(e.ProcessId);
  });

  it('splits at <Event xmlns=, never at newlines: values with CR/LF keep their event whole', async () => {
    const multi = SYSMON_1.replace('echo a &amp; echo b', 'line one\r\nline two\nline three');
    const text = `${multi}\n${SYSMON_1.replace('<EventRecordID>77', '<EventRecordID>78')}\n`;
    const { events } = await readSample(text, { sourcetype: 'xmlwineventlog' });
    expect(events.map((e) => e.EventRecordID)).toEqual(['77', '78']);
    expect(events[0].CommandLine).toBe('cmd.exe /c "line one\r\nline two\nline three" <in> AB');
    expect(events[0].linecount).toBe('3');
    expect(events[1].linecount).toBe('1');
  });

  it('makes repeated Data names multivalue and leaves unnamed <Data> to EventData_Xml', async () => {
    const raw =
      `<Event ${NS}><System><Provider Name='PowerShell'/><EventID Qualifiers='0'>400</EventID><Level>4</Level>` +
      `<TimeCreated SystemTime='2020-01-01T00:00:00.000Z'/><Channel>Windows PowerShell</Channel><Computer>h1</Computer></System>` +
      `<EventData><Data>Available</Data><Data>None</Data><Data Name='Group'>a</Data><Data Name='Group'>b</Data></EventData></Event>`;
    const { events } = await readSample(raw, { sourcetype: 'XmlWinEventLog:Windows PowerShell' });
    const e = events[0];
    expect(e.Group).toEqual(['a', 'b']);
    expect(e.Data).toBeUndefined();
    expect(e.EventData_Xml).toBe("<Data>Available</Data><Data>None</Data><Data Name='Group'>a</Data><Data Name='Group'>b</Data>");
    // <EventID Qualifiers='0'> has an attribute: no EventID field (the kv regex needs `<EventID>`),
    // but EventCode from the element text and Qualifiers from the attribute.
    expect(e.EventID).toBeUndefined();
    expect(e.EventCode).toBe('400');
    expect(e.Qualifiers).toBe('0');
  });

  it('extracts UserData leaf elements', async () => {
    const raw =
      `<Event ${NS}><System><Provider Name='Microsoft-Windows-Eventlog'/><EventID>1102</EventID>` +
      `<TimeCreated SystemTime='2020-01-01T00:00:00Z'/><Channel>Security</Channel><Computer>dc1</Computer></System>` +
      `<UserData><LogFileCleared xmlns='http://manifests.microsoft.com/win/2004/08/windows/eventlog'>` +
      `<SubjectUserSid>S-1-5-21-1</SubjectUserSid><SubjectUserName>admin</SubjectUserName><SubjectDomainName>CORP</SubjectDomainName></LogFileCleared></UserData></Event>`;
    const { events } = await readSample(raw, { sourcetype: 'XmlWinEventLog' });
    expect(events[0]).toMatchObject({ SubjectUserName: 'admin', SubjectDomainName: 'CORP', SubjectUserSid: 'S-1-5-21-1', EventCode: '1102' });
    expect(events[0].UserData_Xml).toMatch(/^<LogFileCleared /);
  });

  it('reads Sysmon for Linux: bare <Event>, double-quoted attributes', async () => {
    const raw =
      `<Event><System><Provider Name="Linux-Sysmon" Guid="{ff032593-a8d3-4f13-b0d6-01fc615a0f97}"/><EventID>1</EventID>` +
      `<TimeCreated SystemTime="2022-08-11T15:41:23.128927000Z"/><Channel>Linux-Sysmon/Operational</Channel>` +
      `<Computer>ar-linux</Computer><Security UserId="0"/></System><EventData><Data Name="Image">/usr/bin/id</Data>` +
      `<Data Name="CommandLine">id -u</Data></EventData></Event>`;
    const { events } = await readSample(`${raw}\n${raw}\n`, { sourcetype: 'sysmon:linux' });
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ Name: 'Linux-Sysmon', UserId: '0', Image: '/usr/bin/id', CommandLine: 'id -u', host: 'ar-linux' });
    expect(events[0]._time).toBeCloseTo(Date.UTC(2022, 7, 11, 15, 41, 23) / 1000 + 0.128927, 6);
  });

  it('never expands DTD entities: only the predefined ones and character references', () => {
    const raw =
      `<!DOCTYPE x [<!ENTITY boom "BOOM">]><Event ${NS}><System><EventID>1</EventID><Computer>h</Computer></System>` +
      `<EventData><Data Name='A'>&boom; &amp;amp; &#0x; &#1114112;</Data></EventData></Event>`;
    const fields: Record<string, unknown> = {};
    extractXmlEventFields(raw, fields as never);
    expect(fields.A).toBe('&boom; &amp; &#0x; &#1114112;');
  });

  it('reports per-event problems as warnings and goes on', async () => {
    const noTime = SYSMON_1.replace(/<TimeCreated [^>]*\/>/, '');
    const truncated = SYSMON_1.slice(0, 500);
    const text = `junk before\n${SYSMON_1}\n${noTime}\n${truncated}`;
    const { events, warnings } = await readSample(text, { sourcetype: 'XmlWinEventLog' });
    expect(events).toHaveLength(3);
    // The event without a time takes the previous event's time.
    expect(events[1]._time).toBe(events[0]._time);
    expect(warnings.map((w) => [w.line, w.message.split(':')[0].split(' (')[0]])).toEqual([
      [1, 'text outside any <Event> skipped'],
      [3, 'event has no TimeCreated SystemTime'],
      [4, 'event is not closed by </Event>'],
    ]);
  });

  it('reads gzip files transparently, whatever their name', async () => {
    const { events } = await readSample(`${SYSMON_1}\n${SYSMON_1}\n`, { sourcetype: 'XmlWinEventLog' }, { name: 'data.log', gzip: true });
    expect(events).toHaveLength(2);
    expect(events[1].Image).toBe('C:\\Windows\\System32\\cmd.exe');
  });

  it('splits identically whatever the chunk boundaries', async () => {
    const text = `${SYSMON_1}\n${SYSMON_1.replace('echo a', 'x\ny ® 𝄞 ü')}\r\n  ${SYSMON_1}`;
    const expected: string[] = [];
    for await (const r of splitAtMarker(chunks([text]), '<Event', ' >')) expected.push(`${r.line}:${r.text}`);
    expect(expected).toHaveLength(3);
    // Every cut position as a two-chunk stream, and one-character chunks throughout.
    const bytes = Buffer.from(text, 'utf8');
    const splits = [
      ...Array.from({ length: bytes.length - 1 }, (_, i) => [bytes.subarray(0, i + 1), bytes.subarray(i + 1)]),
      Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1)),
    ];
    for (const parts of splits) {
      const got: string[] = [];
      for await (const r of splitAtMarker(chunks(parts), '<Event', ' >')) got.push(`${r.line}:${r.text}`);
      expect(got).toEqual(expected);
    }
  });
});

async function* chunks(parts: Array<string | Buffer>): AsyncGenerator<Buffer> {
  for (const p of parts) yield typeof p === 'string' ? Buffer.from(p, 'utf8') : p;
}
