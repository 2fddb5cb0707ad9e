/**
 * ut_parse_simple_lookup and ut_parse_extended_lookup (URL Toolbox 1.7, `bin/ut_parse_lib.py`:
 * parse_simple, extended_split, findTLD; transforms.conf `fields_list = url, ut_scheme, ut_netloc,
 * ut_path, ut_params, ut_query, ut_fragment` and `url, list, ..., ut_domain, ut_tld,
 * ut_domain_without_tld, ut_subdomain, ut_port, ut_subdomain_parts, ut_subdomain_count`).
 * - simple: a URL without `://` gets `//` in front, then Python 3's `urllib.parse.urlparse`
 *   splits it; every part without a value is the string "None".
 * - extended: the port is what follows the netloc's last `:` (default "80"); the TLD is found in
 *   the chosen suffix list, walking the host's labels from the right; the domain is the label
 *   before the TLD plus the TLD, the labels before it are the subdomain. Without a TLD only an
 *   IPv4 host is copied to ut_domain. The domain and subdomain keep the URL's case, the TLD is
 *   lowercase, as in the script.
 * The `list` input picks the suffix list: the harness bundles the IANA list (the default, and
 * what any value but `mozilla`, `custom` or `*` means); the Mozilla Public Suffix List and the
 * app's custom list are not bundled, so those lists make the lookup unsupported.
 */
import { UnsupportedError } from '../../types.js';
import type { ExternalLookup } from '../types.js';
import { IANA_TLDS } from './iana-tlds.js';
import { pythonJson } from './python-json.js';
import { pythonStrip } from './python.js';

export interface SimpleParts {
  ut_scheme: string;
  ut_netloc: string;
  ut_path: string;
  ut_params: string;
  ut_query: string;
  ut_fragment: string;
}

const SCHEME_CHARS = /^[A-Za-z0-9+\-.]+$/;
// urllib.parse.uses_params: the schemes whose last path segment may carry `;params`.
const USES_PARAMS = new Set(['', 'ftp', 'hdl', 'prospero', 'http', 'imap', 'https', 'shttp', 'rtsp', 'rtspu', 'sip', 'sips', 'mms', 'sftp', 'tel']);

/** urllib.parse.urlparse; undefined where Python raises (an unbalanced `[` / `]` in the netloc). */
export function urlparse(input: string): [string, string, string, string, string, string] | undefined {
  let url = input.replace(/[\t\r\n]/g, '');
  let scheme = '';
  let netloc = '';
  let query = '';
  let fragment = '';
  const colon = url.indexOf(':');
  if (colon > 0 && /^[A-Za-z]/.test(url) && SCHEME_CHARS.test(url.slice(0, colon))) {
    scheme = url.slice(0, colon).toLowerCase();
    url = url.slice(colon + 1);
  }
  if (url.startsWith('//')) {
    const rest = url.slice(2);
    const end = rest.search(/[/?#]/);
    netloc = end < 0 ? rest : rest.slice(0, end);
    url = end < 0 ? '' : rest.slice(end);
    if (netloc.includes('[') !== netloc.includes(']')) return undefined;
  }
  const hash = url.indexOf('#');
  if (hash >= 0) [url, fragment] = [url.slice(0, hash), url.slice(hash + 1)];
  const question = url.indexOf('?');
  if (question >= 0) [url, query] = [url.slice(0, question), url.slice(question + 1)];
  let params = '';
  if (USES_PARAMS.has(scheme) && url.includes(';')) {
    const semi = url.includes('/') ? url.indexOf(';', url.lastIndexOf('/')) : url.indexOf(';');
    if (semi >= 0) [url, params] = [url.slice(0, semi), url.slice(semi + 1)];
  }
  return [scheme, netloc, url, params, query, fragment];
}

export function parseSimple(url: string): SimpleParts | undefined {
  const parts = urlparse(url.includes('://') ? url : `//${url}`);
  if (!parts) return undefined;
  const [ut_scheme, ut_netloc, ut_path, ut_params, ut_query, ut_fragment] = parts.map((p) => p || 'None');
  return { ut_scheme, ut_netloc, ut_path, ut_params, ut_query, ut_fragment };
}

/** findTLD over a list of plain suffixes (the IANA list has no wildcard or exception rules). */
export function findTld(host: string, suffixes: ReadonlySet<string>): string | undefined {
  const labels = host.split('.');
  const items: string[] = [];
  for (let i = labels.length - 1; i >= 0; i--) {
    items.unshift(labels[i]);
    if (suffixes.has(items.join('.'))) continue;
    items.shift();
    return items.length ? items.join('.') : undefined;
  }
  return items.length ? items.join('.') : undefined;
}

const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

export function extendedSplit(netlocIn: string, suffixes: ReadonlySet<string>): Record<string, string> {
  const out: Record<string, string> = {
    ut_domain: 'None',
    ut_tld: 'None',
    ut_domain_without_tld: 'None',
    ut_subdomain: 'None',
    ut_subdomain_parts: 'None',
    ut_subdomain_count: '0',
    ut_port: '80',
  };
  let host = netlocIn.toLowerCase();
  const pieces = netlocIn.split(':');
  if (pieces.length > 1) {
    out.ut_port = pieces.pop()!;
    host = pieces[0].toLowerCase();
  }
  const netloc = pieces.join(':');
  const tld = findTld(host, suffixes);
  if (tld === undefined) {
    if (IPV4.test(netloc)) out.ut_domain = out.ut_domain_without_tld = netloc;
    return out;
  }
  out.ut_tld = tld;
  if (tld.length === netloc.length) return out;
  const labels = netloc.slice(0, netloc.length - tld.length - 1).split('.');
  out.ut_domain_without_tld = labels.pop()!;
  out.ut_domain = `${out.ut_domain_without_tld}.${tld}`;
  if (labels.length) {
    out.ut_subdomain_count = String(labels.length);
    out.ut_subdomain = labels.join('.');
    out.ut_subdomain_parts = pythonJson(new Map(labels.map((l, i) => [`ut_subdomain_level_${labels.length - i}`, l])));
  }
  return out;
}

function suffixList(list: string): ReadonlySet<string> {
  const name = pythonStrip(list).toLowerCase();
  if (name === 'mozilla' || name === 'custom' || name === '*')
    throw new UnsupportedError([{ kind: 'lookup', name: `ut_parse_extended_lookup list=${name} (only the IANA suffix list is bundled)` }]);
  return IANA_TLDS;
}

export const utParseSimple: ExternalLookup = {
  name: 'ut_parse_simple_lookup',
  fields: ['url', 'ut_scheme', 'ut_netloc', 'ut_path', 'ut_params', 'ut_query', 'ut_fragment'],
  // The script logs a URL urlparse rejects and writes the row back without the parts.
  run: (row) => ({ ...row, ...parseSimple(pythonStrip(row.url ?? '')) }),
};

export const utParseExtended: ExternalLookup = {
  name: 'ut_parse_extended_lookup',
  fields: [
    'url',
    'list',
    'ut_scheme',
    'ut_netloc',
    'ut_path',
    'ut_params',
    'ut_query',
    'ut_fragment',
    'ut_domain',
    'ut_tld',
    'ut_domain_without_tld',
    'ut_subdomain',
    'ut_port',
    'ut_subdomain_parts',
    'ut_subdomain_count',
  ],
  run(row) {
    const suffixes = suffixList(row.list ?? '');
    const simple = parseSimple(pythonStrip(row.url ?? ''));
    return simple ? { ...row, ...simple, ...extendedSplit(simple.ut_netloc, suffixes) } : { ...row };
  },
};
