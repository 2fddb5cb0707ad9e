/**
 * Golden tests for the Unix and Linux add-on's linux_secure table (harness/ingest/sources/unix_linux.ts):
 * realistic /var/log/secure and auth.log lines read by the syslog reader, normalized, and seen
 * through the Authentication data model. The rules followed: Splunk_TA_nix props.conf
 * `[linux_secure]` (9.1.0) and transforms.conf (8.x; `ssh-login-*` written from ESCU's data source
 * "Linux Secure"), eventtypes.conf `[sshd_authentication]`, `[pam_unix_authentication]`, tags.conf.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDataset } from '../../../harness/ingest/read.js';
import { normalizeStream } from '../../../harness/ingest/normalize.js';
import { datamodelEvents } from '../../../harness/ingest/datamodel.js';
import { parseSearch } from '../../../harness/spl/parse.js';
import { runPipeline } from '../../../harness/engine/run.js';
import type { EngineSource, Event } from '../../../harness/engine/types.js';
import { tempDir } from '../../support/tmp.js';

const LINES = [
  'May 27 09:28:36 ip-172-31-24-46 sshd[5617]: Accepted password for mikael from 84.202.159.161 port 63487 ssh2',
  'May 27 09:30:02 ip-172-31-24-46 sshd[5701]: Failed password for root from 203.0.113.7 port 51122 ssh2',
  'May 27 09:30:05 ip-172-31-24-46 sshd[5701]: Failed password for invalid user oracle from 203.0.113.7 port 51124 ssh2',
  'May 27 09:30:09 ip-172-31-24-46 sshd[5703]: Invalid user test9 from 203.0.113.7 port 51130',
  'May 27 09:31:44 ip-172-31-24-46 sshd[5730]: Accepted publickey for deploy from 10.0.4.12 port 40022 ssh2: RSA SHA256:Xq4b0B6Uu0Z7mM2c3q9ZkT1hXbZr6Qj9f0dSxkA6zYg',
  'May 27 09:32:10 ip-172-31-24-46 sudo: pam_unix(sudo:auth): authentication failure; logname=mikael uid=1001 euid=0 tty=/dev/pts/0 ruser=mikael rhost=  user=mikael',
  'May 27 09:32:15 ip-172-31-24-46 sudo: pam_unix(sudo:session): session opened for user root by mikael(uid=0)',
  'May 27 09:33:01 ip-172-31-24-46 su: pam_unix(su:auth): authentication failure; logname=mikael uid=1001 euid=0 tty=pts/0 ruser=mikael rhost=  user=root',
  'May 27 09:33:20 ip-172-31-24-46 su: pam_unix(su-l:session): session opened for user root by mikael(uid=1001)',
  'May 27 09:34:00 ip-172-31-24-46 useradd[6001]: new user: name=backdoor, UID=1002, GID=1002, home=/home/backdoor, shell=/bin/bash, from=/dev/pts/0',
  'May 27 09:35:00 ip-172-31-24-46 sshd[5617]: pam_unix(sshd:session): session closed for user mikael',
];

async function collect(it: AsyncIterable<Event>): Promise<Event[]> {
  const out: Event[] = [];
  for await (const e of it) out.push(e);
  return out;
}

function writeLog(lines: string[], name = 'secure'): string {
  const file = join(tempDir('spl-harness-nix-'), name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

const META = { source: '/var/log/secure', sourcetype: 'linux_secure' };

async function normalized(lines: string[], meta = META): Promise<Event[]> {
  return collect(normalizeStream(readDataset(writeLog(lines), meta)));
}

const byRaw = (events: Event[], needle: string) => events.find((e) => String(e._raw).includes(needle))!;

describe('linux_secure: sshd, sudo, su and PAM lines', async () => {
  const events = await normalized(LINES);

  it('reads one event per line', () => expect(events).toHaveLength(LINES.length));

  it('sshd Accepted password: the fields ESCU\'s "Linux Secure" data source shows for this very line', () => {
    const e = byRaw(events, 'Accepted password');
    expect(e).toMatchObject({
      app: 'sshd',
      vendor_action: 'Accepted',
      action: 'success',
      user: 'mikael',
      user_name: 'mikael',
      src: '84.202.159.161',
      src_port: '63487',
      sshd_protocol: 'ssh2',
      dest: 'ip-172-31-24-46',
      dvc: 'ip-172-31-24-46',
      process: 'sshd',
      pid: '5617',
      vendor_product: 'nix',
    });
    expect(e.src_ip).toBeUndefined();
    expect(e.eventtype).toEqual(expect.arrayContaining(['sshd_authentication', 'nix_security']));
    expect(e.tag).toEqual(expect.arrayContaining(['authentication', 'remote', 'os', 'unix']));
    // EVAL-signature = if(isnotnull(inbound_interface),"firewall",null()): none on auth lines.
    expect(e.signature).toBeUndefined();
  });

  it('sshd Failed password (also for an invalid user) and Invalid user → failure', () => {
    expect(byRaw(events, 'Failed password for root')).toMatchObject({
      action: 'failure',
      vendor_action: 'Failed',
      user: 'root',
      src: '203.0.113.7',
      src_port: '51122',
    });
    expect(byRaw(events, 'invalid user oracle')).toMatchObject({ action: 'failure', user: 'oracle', src: '203.0.113.7' });
    const invalid = byRaw(events, 'Invalid user test9');
    expect(invalid).toMatchObject({ action: 'failure', vendor_action: 'Invalid user', user: 'test9', src: '203.0.113.7' });
    expect(invalid.tag).toContain('authentication');
  });

  it("sshd Accepted publickey → success for the key's user", () => {
    expect(byRaw(events, 'Accepted publickey')).toMatchObject({ action: 'success', user: 'deploy', src: '10.0.4.12' });
  });

  it('sudo PAM failure: app sudo, the target user, failure; tagged authentication, local and privileged', () => {
    const e = byRaw(events, 'pam_unix(sudo:auth)');
    expect(e).toMatchObject({ app: 'sudo', action: 'failure', user: 'mikael', src_user: 'mikael' });
    expect(e.eventtype).toContain('pam_unix_authentication');
    expect(e.tag).toEqual(expect.arrayContaining(['authentication', 'local', 'privileged']));
  });

  it('sudo session opened → success, the invoking user as src_user', () => {
    expect(byRaw(events, 'pam_unix(sudo:session)')).toMatchObject({
      app: 'sudo',
      vendor_action: 'session opened',
      action: 'success',
      user: 'root',
      src_user: 'mikael',
    });
  });

  it('su: PAM failure to root, and a session for `su -` (su-l) ', () => {
    expect(byRaw(events, 'pam_unix(su:auth)')).toMatchObject({ app: 'su', action: 'failure', user: 'root', src_user: 'mikael' });
    const session = byRaw(events, 'pam_unix(su-l:session)');
    expect(session).toMatchObject({ app: 'su-l', action: 'success', user: 'root', src_user: 'mikael' });
    // `su` is a whole segment of `su-l` (the hyphen is a minor breaker): the eventtype matches.
    expect(session.eventtype).toContain('pam_unix_authentication');
  });

  it('useradd → account management and change tags, the new account as user (Change)', () => {
    const e = byRaw(events, 'useradd[6001]');
    expect(e).toMatchObject({ vendor_action: 'new', object_category: 'user', user: 'backdoor', action: 'created', object: 'backdoor' });
    expect(e.tag).toEqual(expect.arrayContaining(['account', 'management', 'add', 'change']));
  });

  it('a session-closed line is not an authentication', () => {
    const e = byRaw(events, 'session closed');
    expect(e.tag ?? []).not.toContain('authentication');
  });

  it("the same lines as Debian's auth.log give the same fields (the sourcetype decides, not the path)", async () => {
    const debian = await normalized(LINES.slice(0, 1), { source: '/var/log/auth.log', sourcetype: 'linux_secure' });
    expect(debian[0]).toMatchObject({ action: 'success', user: 'mikael', src: '84.202.159.161', app: 'sshd' });
  });
});

describe('tstats over the Authentication data model on linux_secure data', () => {
  function source(file: string): EngineSource {
    const events = () => normalizeStream(readDataset(file, META));
    return { events, datamodel: (dataset) => datamodelEvents(dataset, events()), lookup: () => undefined, now: 1_700_000_000 };
  }

  async function tstats(spl: string): Promise<Event[]> {
    const { pipeline, errors } = parseSearch(spl);
    expect(errors).toEqual([]);
    return collect(runPipeline(pipeline, source(writeLog(LINES))));
  }

  it('counts successes and failures by user, src and app', async () => {
    const rows = await tstats(
      '| tstats count from datamodel=Authentication by Authentication.action Authentication.user Authentication.app Authentication.src',
    );
    const key = (r: Event) => `${r['Authentication.action']} ${r['Authentication.user']} ${r['Authentication.app']} ${r['Authentication.src']}`;
    expect(rows.map(key).sort()).toEqual(
      [
        'failure mikael sudo unknown',
        'failure oracle sshd 203.0.113.7',
        'failure root sshd 203.0.113.7',
        'failure root su unknown',
        'failure test9 sshd 203.0.113.7',
        'success deploy sshd 10.0.4.12',
        'success mikael sshd 84.202.159.161',
        'success root su-l unknown',
        'success root sudo unknown',
      ].sort(),
    );
  });

  it('Failed_Authentication keeps only the failures', async () => {
    const rows = await tstats('| tstats count from datamodel=Authentication.Failed_Authentication by Authentication.dest');
    expect(rows).toEqual([{ 'Authentication.dest': 'ip-172-31-24-46', count: 5 }]);
  });
});
