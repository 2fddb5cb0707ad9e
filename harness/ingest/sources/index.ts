/**
 * Every source table, in the order they apply: general tables first (all XML event logs), then
 * the channel- and product-specific ones, whose calculated fields win when both set a field.
 */

import type { SourceSpec } from './spec.js';
import { windowsXml } from './windows_xml.js';
import { windowsSecurityXml } from './windows_security.js';
import { sysmon } from './sysmon.js';
import { crowdstrikeFdr } from './crowdstrike_fdr.js';

export const SOURCE_SPECS: readonly SourceSpec[] = [windowsXml, windowsSecurityXml, sysmon, crowdstrikeFdr];
