/** readDataset: reader choice by sourcetype (case-insensitive), content sniffing, errors. */
import { describe, expect, it } from 'vitest';
import { ReaderError, chooseReader, readDataset, readerFor, supportedReaderSourcetypes } from '../../../harness/ingest/read.js';
import { sniffFormat } from '../../../harness/ingest/sniff.js';
import { textChunks } from '../../../harness/ingest/lines.js';
import { parseAnyTime, parseClassicTime, parseEpoch, parseIsoTime } from '../../../harness/ingest/readers/time.js';
import { readSample, sampleFile } from './helpers.js';

const XML =
  "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><EventID>4688</EventID><TimeCreated SystemTime='2020-01-01T00:00:00Z'/><Computer>h</Computer></System></Event>";

describe('reader choice', () => {
  it('chooses by sourcetype, case-insensitively', () => {
    expect(readerFor('XmlWinEventLog')?.name).toBe('xmlwineventlog');
    expect(readerFor('xmlwineventlog')?.name).toBe('xmlwineventlog');
    expect(readerFor('XmlWinEventLog:Microsoft-Windows-Sysmon/Operational')?.name).toBe('xmlwineventlog');
    expect(readerFor('WinEventLog:Security')?.name).toBe('wineventlog');
    expect(readerFor('wineventlog')?.name).toBe('wineventlog');
    expect(readerFor('LINUX:AUDIT')?.name).toBe('auditd');
    expect(readerFor('aws:cloudtrail')?.name).toBe('json');
    expect(readerFor('gws:reports:admin')?.name).toBe('json');
    expect(readerFor('linux_secure')?.name).toBe('syslog');
    expect(readerFor('something:else')).toBeUndefined();
  });

  it('lists the sourcetypes it has readers for', () => {
    const list = supportedReaderSourcetypes();
    for (const st of [
      'XmlWinEventLog',
      'WinEventLog',
      'sysmon:linux',
      'aws:cloudtrail',
      'o365:management:activity',
      'linux:audit',
      'crowdstrike:events:sensor',
      'suricata',
    ]) {
      expect(list).toContain(st);
    }
  });

  it('sniffs the format when the sourcetype has no reader', async () => {
    expect(sniffFormat(`\uFEFF${XML}`)).toBe('xmlwineventlog');
    expect(sniffFormat('  {"a":1}')).toBe('json');
    expect(sniffFormat('[{"a":1}]')).toBe('json');
    expect(sniffFormat('type=SYSCALL msg=audit(1600000000.123:456): arch=c000003e')).toBe('auditd');
    expect(sniffFormat('10/08/2020 11:03:46 AM\nLogName=Security\nEventCode=4688\n')).toBe('wineventlog');
    expect(sniffFormat('Oct  8 11:03:46 web01 sshd[1234]: Accepted')).toBe('syslog');
    expect(sniffFormat('a,b,c\n1,2,3')).toBe('lines');
    const { events } = await readSample(XML, { sourcetype: 'stash' });
    expect(events[0].EventCode).toBe('4688');
  });

  it('lets structured content win over a text sourcetype, never the reverse', async () => {
    // sysmon:linux as XML and as syslog lines; auditd exported as JSON.
    expect((await chooseReader(sampleFile(XML), { source: 's', sourcetype: 'sysmon:linux' })).name).toBe('xmlwineventlog');
    expect((await chooseReader(sampleFile(`Jan 14 00:30:28 lnx sysmon: ${XML}`), { source: 's', sourcetype: 'sysmon:linux' })).name).toBe('syslog');
    expect((await chooseReader(sampleFile('{"type":"PATH","msg":"audit(1747951721.229:634)"}'), { source: 's', sourcetype: 'linux:audit' })).name).toBe('json');
    // JSON sourcetypes holding text: JSON behind a syslog prefix stays JSON, real text does not.
    expect((await chooseReader(sampleFile('Jan 10 10:00:00 s1 suricata[1]: {"event_type":"alert"}'), { source: 's', sourcetype: 'suricata' })).name).toBe(
      'json',
    );
    expect(
      (await chooseReader(sampleFile('12:18:18.691725165: Notice A shell was spawned (user=root)'), { source: 's', sourcetype: 'kube:container:falco' })).name,
    ).toBe('lines');
  });

  it('keeps meta.sourcetype, source and index; index defaults to main', async () => {
    const { events } = await readSample(XML, { sourcetype: 'xmlwineventlog', source: 'XmlWinEventLog:Security', index: 'win' });
    expect(events[0]).toMatchObject({ sourcetype: 'xmlwineventlog', source: 'XmlWinEventLog:Security', index: 'win', host: 'h' });
    const other = await readSample(XML, { sourcetype: 'XmlWinEventLog' });
    expect(other.events[0].index).toBe('main');
  });

  it('throws ReaderError with the file for a file that cannot be read', async () => {
    const iterate = async () => {
      for await (const _ of readDataset('/nonexistent/file.log', { source: 's', sourcetype: 'XmlWinEventLog' })) void _;
    };
    await expect(iterate()).rejects.toThrow(ReaderError);
    await expect(iterate()).rejects.toMatchObject({ file: '/nonexistent/file.log' });
  });

  it('reports a corrupt gzip as a ReaderError, after the events before the damage', async () => {
    const { gzipSync } = await import('node:zlib');
    const gz = gzipSync(Buffer.from(`${XML}\n`.repeat(50)));
    const path = sampleFile('', 'bad.gz');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, gz.subarray(0, gz.length - 10));
    const events: unknown[] = [];
    let error: unknown;
    try {
      for await (const e of readDataset(path, { source: 's', sourcetype: 'XmlWinEventLog' })) events.push(e);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ReaderError);
    expect((error as ReaderError).message).toMatch(/gunzip failed/);
  });
});

describe('timestamps', () => {
  it('reads ISO 8601 with 7-digit fractions and offsets, epochs by magnitude, classic 12-hour times', () => {
    expect(parseIsoTime('2020-10-08T11:03:46.617920300Z')).toBe(Date.UTC(2020, 9, 8, 11, 3, 46) / 1000 + 0.61792);
    expect(parseIsoTime('2021-01-01T02:00:00+02:00')).toBe(Date.UTC(2021, 0, 1) / 1000);
    expect(parseIsoTime('2020-08-01 05:46:46')).toBe(Date.UTC(2020, 7, 1, 5, 46, 46) / 1000);
    expect(parseEpoch('1682368416719')).toBe(1682368416.719);
    expect(parseEpoch('1600000000.123')).toBe(1600000000.123);
    expect(parseEpoch('1697000000123456')).toBe(1697000000.123456);
    expect(parseClassicTime('12/31/2020 12:59:59 PM')).toBe(Date.UTC(2020, 11, 31, 12, 59, 59) / 1000);
    expect(parseAnyTime('08/Oct/2020:11:03:46 +0100')).toBe(Date.UTC(2020, 9, 8, 10, 3, 46) / 1000);
    expect(parseAnyTime('2023-11-06 16:49:47 GMT')).toBe(Date.UTC(2023, 10, 6, 16, 49, 47) / 1000);
    expect(parseAnyTime('not a time')).toBeUndefined();
    expect(parseIsoTime('2020-13-45T00:00:00Z')).toBeUndefined();
  });
});

describe('encodings', () => {
  it('drops a UTF-8 byte-order mark and transcodes UTF-16LE files', async () => {
    const bom = await readSample(`\uFEFF${XML}`, { sourcetype: 'XmlWinEventLog' });
    expect(bom.events[0]._raw).toBe(XML);
    const { writeFileSync } = await import('node:fs');
    const path = sampleFile('', 'utf16.xml');
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${XML}\r\n${XML.replace('4688', '4689')}`, 'utf16le')]));
    const codes: unknown[] = [];
    for await (const e of readDataset(path, { source: 's', sourcetype: 'XmlWinEventLog' })) codes.push(e.EventCode);
    expect(codes).toEqual(['4688', '4689']);
  });

  it('transcodes UTF-16BE files with their byte-order mark, whatever the chunk boundaries', async () => {
    const { writeFileSync } = await import('node:fs');
    const path = sampleFile('', 'utf16be.xml');
    writeFileSync(path, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(`${XML}\r\n${XML.replace('4688', '4689')}`, 'utf16le').swap16()]));
    const codes: unknown[] = [];
    for await (const e of readDataset(path, { source: 's', sourcetype: 'XmlWinEventLog' })) codes.push(e.EventCode);
    expect(codes).toEqual(['4688', '4689']);
    // Odd chunk sizes split the byte pairs.
    let text = '';
    for await (const chunk of textChunks(path, 7)) text += chunk;
    expect(text).toBe(`${XML}\r\n${XML.replace('4688', '4689')}`);
  });

  // props.conf NO_BINARY_CHECK (https://docs.splunk.com/Documentation/Splunk/latest/Admin/Propsconf):
  // Splunk ignores files it detects as binary.
  it('refuses binary content (NUL bytes) with a clear error instead of reading garbage', async () => {
    const { writeFileSync } = await import('node:fs');
    const path = sampleFile('', 'binary.log');
    writeFileSync(path, Buffer.concat([Buffer.from('MZ\x90'), Buffer.alloc(16), Buffer.from('This program cannot be run in DOS mode')]));
    const read = async () => {
      for await (const _ of readDataset(path, { source: 's', sourcetype: 'XmlWinEventLog' })) void _;
    };
    await expect(read()).rejects.toThrow(/binary content \(a NUL byte at offset 4\), not a text log/);
  });
});
