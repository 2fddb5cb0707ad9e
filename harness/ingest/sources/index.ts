/**
 * Every source table, in the order they apply: general tables first (all XML event logs), then
 * the channel- and product-specific ones, whose calculated fields win when both set a field.
 */

import type { SourceSpec } from './spec.js';
import { windowsXml } from './windows_xml.js';
import { windowsSecurityXml } from './windows_security.js';
import { sysmon } from './sysmon.js';
import { windowsApplicationXml, windowsSystemXml } from './windows_system.js';
import { crowdstrikeFdr } from './crowdstrike_fdr.js';
import { windowsClassic, windowsClassicSecurity, windowsClassicSystem } from './windows_classic.js';
import { awsCloudtrail } from './aws_cloudtrail.js';
import { o365ManagementActivity } from './o365_management_activity.js';
import { RAW_SOURCES, azureMonitorAad } from './raw_sources.js';
import { nginxPlus } from './nginx_plus.js';
import { linuxSecure } from './unix_linux.js';
import { azureAudit } from './azure_audit.js';
import { awsVpcflow } from './aws_vpcflow.js';
import { awsSecurityhub } from './aws_securityhub.js';
import { iisW3c } from './iis_w3c.js';
import { defenderAdvancedHunting } from './defender_advanced_hunting.js';
import { zeekConn } from './zeek_conn.js';

export const SOURCE_SPECS: readonly SourceSpec[] = [
  windowsXml,
  windowsSecurityXml,
  windowsSystemXml,
  windowsApplicationXml,
  windowsClassic,
  windowsClassicSecurity,
  windowsClassicSystem,
  sysmon,
  crowdstrikeFdr,
  awsCloudtrail,
  o365ManagementActivity,
  azureMonitorAad,
  nginxPlus,
  linuxSecure,
  azureAudit,
  awsVpcflow,
  awsSecurityhub,
  iisW3c,
  defenderAdvancedHunting,
  zeekConn,
  ...RAW_SOURCES,
];
