/**
 * Zeek (Bro) conn.log in JSON (sourcetype bro:conn:json) as the Splunk Add-on for Zeek maps it to
 * Network_Traffic: the connection tuple (`id.orig_h`, `id.orig_p`, `id.resp_h`, `id.resp_p`),
 * `proto` as transport, `service` as app, byte counts per side. A connection Zeek saw refused
 * (`conn_state` REJ) is `blocked`, every other one `allowed` (a choice: the add-on's lookup was
 * not found). Direction follows `local_orig` / `local_resp`.
 */

import type { SourceSpec } from './spec.js';

const f = (field: string) => ({ field });
const isTrue = (field: string) => ({ field, in: ['true', 'T'] });

export const zeekConn: SourceSpec = {
  name: 'zeek_conn',
  description: 'Splunk Add-on for Zeek, bro:conn:json: Network_Traffic fields and tags.',
  match: { sourcetype: ['bro:conn:json'] },
  aliases: [
    {
      alias: {
        src_ip: 'id.orig_h',
        src: 'id.orig_h',
        src_port: 'id.orig_p',
        dest_ip: 'id.resp_h',
        dest: 'id.resp_h',
        dest_port: 'id.resp_p',
        transport: 'proto',
        app: 'service',
        bytes_out: 'orig_bytes',
        bytes_in: 'resp_bytes',
        packets_out: 'orig_pkts',
        packets_in: 'resp_pkts',
        session_id: 'uid',
      },
    },
  ],
  evals: [
    {
      set: {
        action: { if: { field: 'conn_state', eq: 'REJ' }, then: { const: 'blocked' }, else: { const: 'allowed' } },
        bytes: { sum: [f('orig_bytes'), f('resp_bytes')] },
        direction: {
          if: { all: [isTrue('local_orig'), isTrue('local_resp')] },
          then: { const: 'internal' },
          else: { if: isTrue('local_orig'), then: { const: 'outbound' }, else: { if: isTrue('local_resp'), then: { const: 'inbound' } } },
        },
        vendor_product: { const: 'Zeek' },
      },
    },
  ],
  eventtypes: [{ name: 'bro_conn', search: { field: 'sourcetype', eq: 'bro:conn:json' }, tags: ['network', 'communicate'] }],
};
