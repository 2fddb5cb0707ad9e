/** Every data model the harness builds, one data file each. */

import type { DataModelSpec } from './spec.js';
import { alerts } from './alerts.js';
import { authentication } from './authentication.js';
import { certificates } from './certificates.js';
import { change } from './change.js';
import { dataAccess } from './data_access.js';
import { email } from './email.js';
import { endpoint } from './endpoint.js';
import { intrusionDetection } from './intrusion_detection.js';
import { malware } from './malware.js';
import { networkResolution } from './network_resolution.js';
import { networkSessions } from './network_sessions.js';
import { networkTraffic } from './network_traffic.js';
import { risk } from './risk.js';
import { updates } from './updates.js';
import { vulnerabilities } from './vulnerabilities.js';
import { web } from './web.js';

export const DATA_MODELS: readonly DataModelSpec[] = [
  endpoint,
  risk,
  web,
  networkTraffic,
  change,
  authentication,
  networkResolution,
  email,
  alerts,
  intrusionDetection,
  updates,
  vulnerabilities,
  networkSessions,
  certificates,
  malware,
  dataAccess,
];
