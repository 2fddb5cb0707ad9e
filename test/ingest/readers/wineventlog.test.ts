/**
 * Classic WinEventLog goldens. Splunk applies `REPORT-0MESSAGE = wel-message, wel-eq-kv,
 * wel-col-kv` to every WinEventLog source (Splunk_TA_windows props.conf,
 * [source::(WMI:WinEventLog|WinEventLog)...]): the `Message=` text as Message, `Key=Value`
 * lines as fields, and the message's `Name:<tab>value` lines as fields with cleaned keys
 * (transforms.conf.spec, CLEAN_KEYS: "characters other than ... 0-9, A-Z, a-z, and '_' are
 * replaced with underscores"), several values of one name kept (MV_ADD).
 */
import { describe, expect, it } from 'vitest';
import { readSample } from './helpers.js';

/** A 4688 in the classic rendering, written for this test (tabs as Windows writes them). */
const E4688 = [
  '10/08/2020 01:03:46 PM',
  'LogName=Security',
  'EventCode=4688',
  'EventType=0',
  'ComputerName=win-dc-1.example.local',
  'SourceName=Microsoft Windows security auditing.',
  'Type=Information',
  'RecordNumber=123456',
  'Keywords=Audit Success',
  'TaskCategory=Process Creation',
  'OpCode=Info',
  'Message=A new process has been created.',
  '',
  'Creator Subject:',
  '\tSecurity ID:\t\tS-1-5-18',
  '\tAccount Name:\t\tWIN-DC-1$',
  '\tAccount Domain:\t\tEXAMPLE',
  '\tLogon ID:\t\t0x3E7',
  '',
  'Target Subject:',
  '\tSecurity ID:\t\tS-1-0-0',
  '\tAccount Name:\t\t-',
  '',
  'Process Information:',
  '\tNew Process ID:\t\t0x1a2c',
  '\tNew Process Name:\tC:\\Windows\\System32\\cmd.exe',
  '\tToken Elevation Type:\t%%1936',
  '\tCreator Process Name:\tC:\\Windows\\System32\\wsmprovhost.exe',
  '\tProcess Command Line:\tcmd.exe /c "whoami /all"',
  '',
].join('\r\n');

describe('classic WinEventLog reader', () => {
  it('extracts Key=Value lines, the Message and its Name: value lines', async () => {
    const { events, warnings } = await readSample(E4688, { sourcetype: 'WinEventLog', source: 'WinEventLog:Security' });
    expect(warnings).toEqual([]);
    expect(events).toHaveLength(1);
    const e = events[0];
    expect(e).toMatchObject({
      host: 'win-dc-1.example.local',
      source: 'WinEventLog:Security',
      sourcetype: 'WinEventLog',
      LogName: 'Security',
      EventCode: '4688',
      ComputerName: 'win-dc-1.example.local',
      TaskCategory: 'Process Creation',
      Keywords: 'Audit Success',
      New_Process_ID: '0x1a2c',
      New_Process_Name: 'C:\\Windows\\System32\\cmd.exe',
      Creator_Process_Name: 'C:\\Windows\\System32\\wsmprovhost.exe',
      Process_Command_Line: 'cmd.exe /c "whoami /all"',
      Token_Elevation_Type: '%%1936',
    });
    // Names repeated under two headings: multivalue, in order.
    expect(e.Account_Name).toEqual(['WIN-DC-1$', '-']);
    expect(e.Security_ID).toEqual(['S-1-5-18', 'S-1-0-0']);
    // Headings without a value are not fields.
    expect(e.Creator_Subject).toBeUndefined();
    expect(String(e.Message)).toMatch(/^A new process has been created\.\s+Creator Subject:/);
    // 12-hour header: 01:03:46 PM is 13:03:46 (read as UTC).
    expect(e._time).toBe(Date.UTC(2020, 9, 8, 13, 3, 46) / 1000);
    expect(e.linecount).toBe(String(E4688.trimEnd().split('\n').length));
  });

  it('splits records at header lines, whatever their count of lines', async () => {
    const second = E4688.replace('01:03:46 PM', '12:00:01 AM').replace('RecordNumber=123456', 'RecordNumber=123457');
    const { events } = await readSample(`${E4688}\r\n${second}`, { sourcetype: 'WinEventLog:Security' });
    expect(events.map((e) => e.RecordNumber)).toEqual(['123456', '123457']);
    // 12:00:01 AM is just after midnight.
    expect(events[1]._time).toBe(Date.UTC(2020, 9, 8, 0, 0, 1) / 1000);
  });

  it('warns about text before the first header and reads on', async () => {
    const { events, warnings } = await readSample(`garbage line\n${E4688}`, { sourcetype: 'WinEventLog' });
    expect(events).toHaveLength(1);
    expect(warnings).toMatchObject([{ line: 1, message: expect.stringMatching(/before the first event header/) }]);
  });
});
