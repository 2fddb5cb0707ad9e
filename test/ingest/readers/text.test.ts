/**
 * Text formats: auditd, syslog, generic key=value lines.
 * - Splunk's automatic key-value extraction (Knowledge Manager manual, "About fields" /
 *   KV_MODE = auto): pairs `key=value` anywhere in the event, a quoted value taken without its
 *   quotes; keys cleaned per CLEAN_KEYS.
 * - Syslog: Splunk's default syslog handling sets host from the header (`syslog-host`) and
 *   extracts `process` / `pid` from the tag (`syslog-extractions`).
 * - auditd: one line per record, `msg=audit(<epoch>:<serial>)` carries the time.
 */
import { describe, expect, it } from 'vitest';
import { cleanKey, extractAutoKv } from '../../../harness/ingest/readers/kv.js';
import { readSample } from './helpers.js';

describe('automatic key=value extraction', () => {
  it('extracts unquoted and quoted values, first occurrence wins, keys cleaned', () => {
    const e: Record<string, unknown> = {};
    const n = extractAutoKv('user=alice action="logged in" src=10.0.0.1, user=bob path=\'/tmp/a b\' status:ok x-y.z=1 empty=', e as never);
    expect(e).toEqual({ user: 'alice', action: 'logged in', src: '10.0.0.1', path: '/tmp/a b', x_y_z: '1' });
    expect(n).toBe(5);
  });

  it('cleans keys as CLEAN_KEYS does', () => {
    expect(cleanKey('Account Name')).toBe('Account_Name');
    expect(cleanKey('_1abc-d')).toBe('abc_d');
  });
});

describe('auditd reader', () => {
  it('reads one event per record line with its audit time and fields', async () => {
    const text = [
      'type=SYSCALL msg=audit(1723209251.519:128180): arch=c000003e syscall=59 success=yes exit=0 ppid=1 pid=4242 auid=1000 uid=0 comm="grep" exe="/usr/bin/grep" key="susp_activity"',
      'type=EXECVE msg=audit(1723209251.519:128180): argc=3 a0="grep" a1="-E" a2="passbolt\\.php$"',
      'type=USER_AUTH msg=audit(1723209260.000:128190): pid=77 uid=0 auid=4294967295 ses=4294967295 msg=\'op=PAM:authentication grantors=pam_unix acct="root" exe="/usr/bin/su" hostname=? addr=? terminal=pts/0 res=success\'',
      '',
    ].join('\n');
    const { events, warnings } = await readSample(text, { sourcetype: 'linux:audit' });
    expect(warnings).toEqual([]);
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({
      type: 'SYSCALL',
      msg: 'audit(1723209251.519:128180):',
      syscall: '59',
      comm: 'grep',
      exe: '/usr/bin/grep',
      key: 'susp_activity',
      _time: 1723209251.519,
    });
    expect(events[1]).toMatchObject({ type: 'EXECVE', a0: 'grep', a1: '-E', a2: 'passbolt\\.php$' });
    expect(events[2]).toMatchObject({ type: 'USER_AUTH', op: 'PAM:authentication', acct: 'root', exe: '/usr/bin/su', res: 'success', _time: 1723209260 });
  });
});

describe('syslog reader', () => {
  it('takes host, process and pid from the header and key=value pairs from the message', async () => {
    const text = 'Oct  8 11:03:46 web01 sshd[1234]: Accepted password for root from 10.0.0.1 port 22 ssh2 user=root\n';
    const { events } = await readSample(text, { sourcetype: 'linux_secure' }, { name: 'secure' });
    expect(events[0]).toMatchObject({ host: 'web01', process: 'sshd', pid: '1234', user: 'root' });
    // Year-less stamp: the file's year (written now).
    expect(new Date((events[0]._time as number) * 1000).toISOString().slice(5, 19)).toBe('10-08T11:03:46');
  });

  it('extracts the XML event that Sysmon for Linux writes through syslog', async () => {
    const xml =
      '<Event><System><Provider Name="Linux-Sysmon" Guid="{ff032593-a8d3-4f13-b0d6-01fc615a0f97}"/><EventID>1</EventID>' +
      '<TimeCreated SystemTime="2022-01-14T00:30:28.074002000Z"/><Channel>Linux-Sysmon/Operational</Channel><Computer>lnx-1</Computer></System>' +
      '<EventData><Data Name="Image">/usr/bin/python3</Data><Data Name="CommandLine">python3 -c x</Data></EventData></Event>';
    const text = `Jan 14 00:30:28 lnx-1 sysmon: ${xml}\n`;
    const { events } = await readSample(text, { sourcetype: 'sysmon:linux' });
    expect(events[0]).toMatchObject({ host: 'lnx-1', Image: '/usr/bin/python3', CommandLine: 'python3 -c x', EventID: '1', EventCode: '1', process: 'sysmon' });
    expect(events[0]._time).toBeCloseTo(Date.UTC(2022, 0, 14, 0, 30, 28) / 1000 + 0.074002, 6);
  });
});

describe('generic line reader (unknown sourcetypes)', () => {
  it('reads one event per line with automatic key=value fields and the leading timestamp', async () => {
    const text = '2024-02-03 04:05:06 level=INFO user="jo smith" action=login\n\n2024-02-03 04:05:07 level=WARN action=logout\n';
    const { events } = await readSample(text, { sourcetype: 'my:custom:text' });
    expect(events.map((e) => [e._time, e.level, e.action])).toEqual([
      [Date.UTC(2024, 1, 3, 4, 5, 6) / 1000, 'INFO', 'login'],
      [Date.UTC(2024, 1, 3, 4, 5, 7) / 1000, 'WARN', 'logout'],
    ]);
    expect(events[0].user).toBe('jo smith');
  });
});

describe('one-event-per-line readers (shared loop)', () => {
  it('auditd: skips blank lines, warns at the line without a time, carries the last time forward, takes host from node=', async () => {
    const text = ['node=aud01 type=SYSCALL msg=audit(1700000000.5:1): comm="a"', '', 'type=SYSCALL comm="b"', ''].join('\n');
    const { events, warnings } = await readSample(text, { sourcetype: 'linux:audit', host: 'meta-host' });
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ host: 'aud01', _time: 1700000000.5, comm: 'a' });
    expect(events[1]).toMatchObject({ host: 'meta-host', _time: 1700000000.5, comm: 'b' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ line: 3, message: expect.stringContaining('no msg=audit(...) timestamp') });
  });

  it("key=value lines: Splunk's default fields win over extracted fields of the same name", async () => {
    const text = '2024-01-02T03:04:05Z sourcetype=fake index=other user=alice\n';
    const { events } = await readSample(text, { sourcetype: 'some:text' });
    expect(events[0]).toMatchObject({ sourcetype: 'some:text', index: 'main', user: 'alice', _time: 1704164645 });
  });
});
