/**
 * IIS W3C access logs through the Splunk Add-on for Microsoft IIS (sourcetypes ms:iis:splunk,
 * the add-on's recommended field set, and ms:iis:auto): the W3C reader names each column
 * (`c_ip`, `cs_method`, `cs_uri_stem`, `sc_status`, `cs_User_Agent_`, ...); the add-on aliases
 * them to the Web data model. `dest` is the server's name when the log has `s-computername`,
 * else the site's host header, else the server address (a choice: no public props.conf found).
 */

import type { SourceSpec } from './spec.js';

const f = (field: string) => ({ field });
const dash = (field: string) => ({ nullIf: f(field), values: ['-'] });

export const iisW3c: SourceSpec = {
  name: 'iis_w3c',
  description: 'Splunk Add-on for Microsoft IIS, ms:iis:splunk / ms:iis:auto: Web data model fields and tags.',
  match: { sourcetype: ['ms:iis:splunk', 'ms:iis:auto'] },
  aliases: [
    {
      alias: {
        src: 'c_ip',
        src_ip: 'c_ip',
        dest_ip: 's_ip',
        dest_port: 's_port',
        http_method: 'cs_method',
        uri_path: 'cs_uri_stem',
        uri_query: 'cs_uri_query',
        status: 'sc_status',
        http_user_agent: 'cs_User_Agent_',
        http_referrer: 'cs_Referer_',
        user: 'cs_username',
        site: 'cs_host',
        bytes_in: 'cs_bytes',
        bytes_out: 'sc_bytes',
        duration: 'time_taken',
      },
    },
  ],
  evals: [
    {
      set: {
        dest: { coalesce: [f('s_computername'), dash('cs_host'), f('s_ip'), f('host')] },
        url: { coalesce: [{ concat: [f('cs_uri_stem'), { const: '?' }, dash('cs_uri_query')] }, f('cs_uri_stem')] },
        user: dash('cs_username'),
        vendor_product: { const: 'Microsoft IIS' },
        action: { if: { field: 'sc_status', gte: 400 }, then: { const: 'failure' }, else: { const: 'success' } },
      },
    },
  ],
  eventtypes: [{ name: 'ms-iis-access', search: { field: 'sourcetype', in: ['ms:iis:splunk', 'ms:iis:auto'] }, tags: ['web'] }],
};
