/**
 * Splunk Add-on for Unix and Linux (Splunk_TA_nix), `[linux_secure]` (/var/log/secure,
 * /var/log/auth.log): sshd, sudo, su and PAM lines into the Authentication data model, useradd /
 * userdel / groupadd lines into Change. The phases follow props.conf 9.1.0's `[linux_secure]`
 * stanza; the regexes of transforms that stanza shares with 8.x follow 8.x transforms.conf, and
 * the three sshd transforms that 9.x added (ssh-login-accepted, ssh-login-failed,
 * ssh-invalid-user: no public copy found) are written here to yield the fields ESCU's data source
 * "Linux Secure" records for a real `Accepted password` line (`src`, `src_port`, `sshd_protocol`,
 * `user`, `vendor_action`, no `src_ip`). docs/ADDONS.md lists the sources.
 */

import type { Cond, Expr } from '../transforms.js';
import type { FieldRule, SourceSpec } from './spec.js';

const f = (field: string) => ({ field });
const raw = f('_raw');
const term = (t: string): Cond => ({ term: t });
const any = (...c: Cond[]): Cond => ({ any: c });
const all = (...c: Cond[]): Cond => ({ all: c });

/**
 * One REPORT transform: a regex over `_raw` and the field each capture group becomes (`null` for
 * a group the FORMAT leaves out). A transform sets its fields only when the whole regex matches,
 * and an earlier transform's field is kept (REPORT order: first wins).
 */
interface Transform {
  name: string;
  regex: string;
  fields: Array<string | null>;
}

const IPV4 = '\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}';

/** `REPORT-0authentication_for_linux_secure`, in the add-on's order (those found in a public copy). */
const AUTHENTICATION: Transform[] = [
  // 9.x: `sshd[1]: Invalid user admin from 10.0.0.5 port 4242`
  {
    name: 'ssh-invalid-user',
    regex: '(sshd)(?:-session)?\\[\\d+\\]:\\s+(Invalid user)\\s+(\\S*?)\\s*from\\s+(\\S+)(?:\\s+port\\s+(\\d+))?',
    fields: ['app', 'vendor_action', 'user', 'src', 'src_port'],
  },
  // 9.x: `sshd[1]: Failed password for [invalid user ]root from 10.0.0.5 port 4242 ssh2`
  {
    name: 'ssh-login-failed',
    regex: '(sshd)(?:-session)?\\[\\d+\\]:\\s+(Failed)\\s+\\S+\\s+for\\s+(?:invalid user\\s+)?(\\S+)\\s+from\\s+(\\S+)(?:\\s+port\\s+(\\d+))?(?:\\s+(ssh\\d))?',
    fields: ['app', 'vendor_action', 'user', 'src', 'src_port', 'sshd_protocol'],
  },
  // 9.x: `sshd[1]: Accepted publickey for alice from 10.0.0.5 port 4242 ssh2: RSA SHA256:...`
  {
    name: 'ssh-login-accepted',
    regex: '(sshd)(?:-session)?\\[\\d+\\]:\\s+(Accepted)\\s+\\S+\\s+for\\s+(\\S+)\\s+from\\s+(\\S+)(?:\\s+port\\s+(\\d+))?(?:\\s+(ssh\\d))?',
    fields: ['app', 'vendor_action', 'user', 'src', 'src_port', 'sshd_protocol'],
  },
  {
    name: 'ssh-session-close',
    regex: '.* ((?:session|Connection) (?:opened|closed))(?: for user (\\w+))?(?: by \\(uid=(\\d+)\\))?(?: by (\\d+\\.\\d+\\.\\d+\\.\\d+))',
    fields: ['name', 'user', 'user_id', 'src_ip'],
  },
  { name: 'ssh-disconnect', regex: '.* (Received disconnect) from (\\w+):', fields: ['name', 'src_ip'] },
  {
    name: 'sshd_authentication_kerberos_success',
    regex: '(sshd)\\[\\d+\\]:\\s+(?:\\[[^\\]]+\\]\\s+)?(Authorized\\s+to)\\s+([^,]+),\\s+krb5\\s+principal\\s+([^@]+)',
    fields: ['app', 'vendor_action', 'user', 'src_user'],
  },
  {
    name: 'sshd_authentication_refused',
    regex: '(sshd)\\[\\d+\\]:\\s+(?:\\[[^\\]]+\\]\\s+)?(Authentication\\s+refused):.*?directory\\s+/home/([^/]+)',
    fields: ['app', 'vendor_action', 'user'],
  },
  {
    name: 'sshd_authentication_tried',
    regex: `(sshd)\\[\\d+\\]:\\s+(?:\\[[^\\]]+\\]\\s+)?(Authentication\\s+tried)\\s+for\\s+([^\\s]+)(?:.*?host=([^,]+),\\s+ip=(${IPV4}))?`,
    fields: ['app', 'vendor_action', 'user', 'src_dns', 'src_ip'],
  },
  {
    name: 'sshd_login_restricted',
    regex: '(sshd)\\[\\d+\\]:\\s+(?:\\[[^\\]]+\\]\\s+)?(Login\\s+restricted)\\s+for\\s+([^:]+)',
    fields: ['app', 'vendor_action', 'user'],
  },
  // `pam_unix(sudo:session): session opened for user root by alice(uid=1000)`
  {
    name: 'pam_unix_authentication_success',
    regex: 'pam_unix\\(([^:]+):\\w+\\):\\s+(session\\s+opened)\\s+for\\s+user\\s+([^\\s]+)\\s+by\\s+(.*?)\\(uid=\\d+\\)',
    fields: ['app', 'vendor_action', 'user', 'src_user'],
  },
  // `pam_unix(su:auth): authentication failure; logname=alice uid=1000 euid=0 tty=pts/0 ruser=alice rhost=  user=root`
  {
    name: 'pam_unix_authentication_failure',
    regex:
      'pam_unix\\(([^:]+):\\w+\\):\\s+authentication\\s+(failure);\\s+logname=(?:[^\\s]+)?\\s+uid=(?:[^\\s]+)?\\s+euid=(?:[^\\s]+)?\\s+tty=(?:[^\\s]+)?\\s+ruser=([^\\s]+)?\\s+rhost=([^\\s]+)?\\s+user=([^\\s]+)?',
    fields: ['app', 'action', 'src_user', 'src_dns', 'user'],
  },
  {
    name: 'sudo_cannot_identify',
    regex: 'pam_unix\\(([^:]+):\\w+\\):\\s+auth\\s+(could\\s+not\\s+identify\\s+password)\\s+for\\s+\\[([^\\]]+)',
    fields: ['app', 'vendor_action', 'user'],
  },
  {
    name: 'ksu_authentication',
    regex: "(ksu)\\[\\d+\\]:\\s+(?:\\[[^\\]]+\\]\\s+)?'ksu\\s+([^']+)'\\s+(authentication\\s+failed|authenticated).*?for\\s+(\\w+)",
    fields: ['app', 'user', 'vendor_action', 'src_user'],
  },
  {
    name: 'ksu_authorization',
    regex: '(ksu)\\[\\d+\\]:\\s+(?:\\[[^\\]]+\\]\\s+)?Account\\s+([^:]+):\\s+authorization\\s+for\\s+([^@]+).*?(failed|successful)',
    fields: ['app', 'user', 'src_user', 'vendor_action'],
  },
  // `su: from alice to root at /dev/pts/0` (older su)
  { name: 'su_simple', regex: '(su):\\s+(?:\\[[^\\]]+\\]\\s+)?from\\s+([^\\s]+)\\s+to\\s+([^\\s]+)', fields: ['app', 'src_user', 'user'] },
  { name: 'su_authentication', regex: "'(su)\\s+([^']+)'\\s+(succeeded|failed)\\s+for\\s+([^\\s]+)", fields: ['app', 'user', 'vendor_action', 'src_user'] },
  { name: 'su_successful', regex: '(Successful)\\s+(su)\\s+for\\s+([^\\s]+)\\s+by\\s+([^\\s]+)', fields: ['vendor_action', 'app', 'user', 'src_user'] },
  {
    name: 'wksh_authentication',
    regex: '(wksh):\\s+(HANDLING\\s+TELNET\\s+CALL)\\s+\\(User:\\s+([^,]+),\\s+Branch:\\s+(?:[^,]+),\\s+Client:\\s+([^)]+)',
    fields: ['app', 'vendor_action', 'user', 'src_dns'],
  },
  { name: 'login_authentication', regex: `(login):.*(failure).*from\\s+(${IPV4})(?:,\\s+(\\S+))?`, fields: ['app', 'action', 'src_ip', 'user'] },
  {
    name: 'ftpd_authentication',
    regex: `(ftpd)\\[\\d+\\]:.*(FTP\\s+LOGIN)\\s+FROM\\s+([^\\s]+)\\s+\\[(${IPV4})\\],\\s+(.*)`,
    fields: ['app', 'vendor_action', 'src', 'src_ip', 'user'],
  },
];

/** `REPORT-account_management_for_linux_secure` (8.x regexes). */
const ACCOUNT_MANAGEMENT: Transform[] = [
  // `useradd[812]: new user: name=bob, UID=1001, ...` / `new account added - account=splunk,`
  {
    name: 'useradd',
    regex: '.*?((new) (user|group|account))(?:: | (?:added) - )(?:name|account)=(\\w+),',
    fields: ['name', 'vendor_action', 'object_category', 'user'],
  },
  // `userdel[900]: delete user 'bob'`
  { name: 'userdel', regex: '.*?((remove|delete) (user|group|account)) .(\\w+).', fields: ['name', 'vendor_action', 'object_category', 'user'] },
];

/** A transform as extraction rules: each field is its capture group of the same regex. */
function report(transforms: Transform[]): FieldRule[] {
  return transforms.map(({ regex, fields }) => {
    const set: Record<string, Expr> = {};
    fields.forEach((field, i) => {
      if (field) set[field] = { nullIf: { regex: raw, pattern: regex, group: i + 1 }, values: [''] };
    });
    return { when: { any: fields.filter((x): x is string => !!x).map((x) => ({ not: { field: x, exists: true } })) }, set };
  });
}

/**
 * `nix_action_lookup` (nix_vendor_actions.csv, case-insensitive): vendor_action → action. The CSV
 * was not in the public copies found; each row is the outcome the vendor message states.
 */
const VENDOR_ACTIONS: Record<string, string> = {
  accepted: 'success',
  failed: 'failure',
  failure: 'failure',
  'invalid user': 'failure',
  'session opened': 'success',
  'authorized to': 'success',
  'authentication refused': 'failure',
  'authentication tried': 'failure',
  'login restricted': 'failure',
  'could not identify password': 'failure',
  authenticated: 'success',
  'authentication failed': 'failure',
  successful: 'success',
  succeeded: 'success',
  'handling telnet call': 'success',
  'ftp login': 'success',
  new: 'created',
  delete: 'deleted',
  remove: 'deleted',
};

/** `syslog-host`: the host in a BSD syslog header (`Mon dd hh:mm:ss host ...`), the `loghost_as_dest` source. */
const LOGHOST = '^(?:<\\d+>)?(?:[A-Z][a-z]{2} {1,2}\\d{1,2} \\d{2}:\\d{2}:\\d{2}|\\d{4}-\\d{2}-\\d{2}T\\S+) (\\S+) ';

export const linuxSecure: SourceSpec = {
  name: 'linux_secure',
  description: 'Splunk Add-on for Unix and Linux, [linux_secure]: sshd/sudo/su/PAM authentication (Authentication) and account management (Change).',
  match: { sourcetype: ['linux_secure'] },
  extract: [
    ...report(AUTHENTICATION),
    ...report(ACCOUNT_MANAGEMENT),
    // REPORT-dest_for_linux_secure = loghost_as_dest; REPORT-src = src_dns_as_src, src_ip_as_src.
    { set: { dest: { coalesce: [{ regex: raw, pattern: LOGHOST }, f('host')] }, src: { coalesce: [f('src_dns'), f('src_ip')] } } },
  ],
  aliases: [{ alias: { dvc: 'dest', user_name: 'user' } }],
  evals: [
    {
      set: {
        // `if(app="su" AND isnull(action),"success",action)`
        action: { if: all({ field: 'app', eq: 'su' }, { not: { field: 'action', exists: true } }), then: { const: 'success' }, else: f('action') },
        vendor_product: { coalesce: [f('vendor_product'), { const: 'nix' }] },
        // `if(isnotnull(inbound_interface),"firewall",null())`: no signature on authentication lines.
        signature: { if: { field: 'inbound_interface', exists: true }, then: { const: 'firewall' } },
        src_user: {
          if: all({ field: 'src_user_id', eq: '0' }, { not: { field: 'src_user', exists: true } }),
          then: { const: 'root' },
          else: { coalesce: [f('src_user'), f('src_user_id')] },
        },
        object: { if: all({ field: 'process', in: ['useradd', 'userdel', 'passwd'] }, { field: 'user', exists: true }), then: f('user'), else: f('object') },
      },
    },
  ],
  lookups: [{ set: { action: { map: f('vendor_action'), table: VENDOR_ACTIONS } } }],
  eventtypes: [
    { name: 'nix_security', search: { field: 'sourcetype', eq: '*_secure' }, tags: ['os', 'unix'] },
    {
      // `sshd (((Accepted OR Failed OR failure OR "Invalid user" OR "authentication error") from) OR "Authorized to" OR "Authentication tried" OR "Login restricted")`
      name: 'sshd_authentication',
      search: all(
        any(term('sshd'), term('sshd-session')),
        any(
          all(any(term('Accepted'), term('Failed'), term('failure'), term('Invalid user'), term('authentication error')), term('from')),
          term('Authorized to'),
          term('Authentication tried'),
          term('Login restricted'),
        ),
      ),
      tags: ['authentication', 'remote'],
    },
    {
      // `pam_unix (gdm OR sudo OR su) ("authentication failure" OR "session opened")`
      name: 'pam_unix_authentication',
      search: all(term('pam_unix'), any(term('gdm'), term('sudo'), term('su')), any(term('authentication failure'), term('session opened'))),
      tags: ['authentication'],
    },
    {
      // `cmd="su" NOT pam_unix ((from to) OR succeeded OR successful OR failed)`
      name: 'su_authentication',
      search: all(
        { field: 'cmd', eq: 'su' },
        { not: term('pam_unix') },
        any(all(term('from'), term('to')), term('succeeded'), term('successful'), term('failed')),
      ),
      tags: ['authentication'],
    },
    { name: 'su_session', search: term('su: session'), tags: ['session'] },
    { name: 'login_authentication', search: all(term('login:'), term('Login failure on')), tags: ['authentication'] },
    { name: 'useradd', search: all(term('useradd'), term('user')), tags: ['account', 'management', 'add', 'change'] },
    { name: 'userdel', search: all(term('userdel'), term('user')), tags: ['account', 'management', 'delete', 'change'] },
    { name: 'groupadd', search: all(term('groupadd'), term('group')), tags: ['account', 'management', 'add', 'change'] },
    { name: 'groupdel', search: all(term('userdel'), term('group')), tags: ['account', 'management', 'add', 'change'] },
  ],
  tags: [
    { when: { field: 'app', in: ['su', 'sudo', 'ksu', 'ksudo'] }, tags: ['local', 'privileged'] },
    { when: { field: 'app', eq: 'wksh' }, tags: ['cleartext'] },
  ],
};
