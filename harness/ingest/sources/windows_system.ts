/**
 * The System and Application channels rendered as XML: the Windows add-on's
 * `[source::XmlWinEventLog:System]` (dest from Computer, service control manager fields, user
 * from User) and the Application channel's dest. Service installs (7045) reach Endpoint.Services
 * through the generic service/report tags.
 */

import type { Cond } from '../transforms.js';
import type { SourceSpec } from './spec.js';
import { SIGNATURES } from './windows_event_codes.js';

const f = (field: string) => ({ field });
const code = (...codes: number[]): Cond => ({ field: 'EventCode', in: codes });

/** Service start types as 7045 writes them → the CIM's start_mode. */
const START_MODES = { 'auto start': 'auto', 'demand start': 'manual', disabled: 'disabled', 'boot start': 'boot', 'system start': 'system' };

export const windowsSystemXml: SourceSpec = {
  name: 'windows_system_xml',
  description: 'Splunk Add-on for Microsoft Windows, [source::XmlWinEventLog:System]: dest, service fields, user.',
  match: { source: ['XmlWinEventLog:System'] },
  extract: [
    {
      set: {
        dest: f('Computer'),
        // User_as_user: the user part of DOMAIN\user.
        user: { regex: f('User'), pattern: '^(?:[^\\\\]+\\\\)?(.+)$', flags: 's' },
      },
    },
  ],
  aliases: [{ alias: { Error_Code: 'Status' } }],
  evals: [
    {
      set: {
        Error_Code: { coalesce: [f('Error_Code'), { const: '-' }] },
        vendor: { const: 'Microsoft' },
        product: { const: 'Windows' },
        body: { coalesce: [f('signature_message'), f('Message')] },
      },
    },
    {
      // Service Control Manager: 7036 (state change) and 7040 (start type change) name the
      // service in param1; 7045 (install) in ServiceName.
      when: code(7036, 7040),
      set: { service: f('param1'), service_name: f('param1') },
    },
    { when: code(7036), set: { status: f('param2') } },
    { when: code(7040), set: { start_mode: { coalesce: [{ map: f('param3'), table: START_MODES }, f('param3')] } } },
    {
      when: code(7045),
      set: {
        service_path: f('ImagePath'),
        start_mode: { map: f('StartType'), table: START_MODES },
        user: f('AccountName'),
      },
    },
  ],
  lookups: [{ set: { signature: { map: f('EventCode'), table: SIGNATURES } } }],
  eventtypes: [{ name: 'windows_service_installed', search: code(7045), tags: ['service', 'change', 'add'] }],
};

export const windowsApplicationXml: SourceSpec = {
  name: 'windows_application_xml',
  description: 'Splunk Add-on for Microsoft Windows, [source::XmlWinEventLog:Application]: dest from Computer.',
  match: { source: ['XmlWinEventLog:Application'] },
  extract: [{ set: { dest: f('Computer') } }],
  aliases: [{ alias: { Error_Code: 'Status' } }],
  evals: [{ set: { Error_Code: { coalesce: [f('Error_Code'), { const: '-' }] } } }],
};
