/**
 * NGINX Plus access logs in key=value form (sourcetype nginx:plus:kv): what the NGINX add-on adds
 * for the Web data model (url, url_domain, dest, bytes, app, vendor_product, web tags). The event's
 * own keys already carry src, src_ip, dest_ip, dest_port, http_method, http_user_agent, status.
 */

import type { Expr } from '../transforms.js';
import type { SourceSpec } from './spec.js';

const f = (field: string) => ({ field });
const query: Expr = { nullIf: f('uri_query'), values: ['-'] };
const base: Expr = {
  concat: [
    { if: { field: 'https', eq: 'on' }, then: { const: 'https://' }, else: { const: 'http://' } },
    { coalesce: [f('site'), f('server'), f('dest_ip')] },
    f('uri_path'),
  ],
};
/** scheme://host/path, with ?query when there is one ("-" is none). */
const url: Expr = { coalesce: [{ concat: [base, { const: '?' }, query] }, base] };

export const nginxPlus: SourceSpec = {
  name: 'nginx_plus_kv',
  description: 'NGINX add-on, nginx:plus:kv: Web data model fields and tags.',
  match: { sourcetype: ['nginx:plus:kv'] },
  evals: [
    {
      set: {
        app: { const: 'nginx' },
        vendor: { const: 'NGINX' },
        product: { const: 'NGINX Plus' },
        vendor_product: { const: 'NGINX Plus' },
        dest: { coalesce: [f('server'), f('site'), f('dest_ip')] },
        web_server: f('server'),
        url,
        url_domain: { coalesce: [f('site'), f('server')] },
        url_length: { length: url },
        http_user_agent_length: { length: f('http_user_agent') },
        http_content_type: f('category'),
        bytes: { sum: [f('bytes_in'), f('bytes_out')] },
        // 1xx-3xx served, 4xx-5xx refused or failed.
        action: { if: { field: 'status', gte: 400 }, then: { const: 'failure' }, else: { const: 'success' } },
        user: { nullIf: f('user'), values: ['-'] },
      },
    },
  ],
  eventtypes: [{ name: 'nginx_plus_kv_access', search: { field: 'sourcetype', eq: 'nginx:plus:kv' }, tags: ['web'] }],
};
