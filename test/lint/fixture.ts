import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { loadContent } from '../../harness/content/load.js';
import type { Finding } from '../../harness/content/types.js';
import { lintContent, type LintOptions } from '../../harness/lint/index.js';

/**
 * A small, valid content tree (ESCU layout) that rule tests mutate one file at a time: each rule
 * has a valid case (this tree: no finding of the rule) and invalid cases (a mutation: the rule
 * reports at the expected line).
 */
export const DETECTION_PATH = 'detections/endpoint/suspicious_winrs_remote_process.yml';

export const DETECTION = `name: Suspicious Winrs Remote Process
id: 6f1c2a57-8f0e-4c1e-9b43-2d5a7e0c9a11
version: 2
date: '2024-05-01'
author: Test Author
status: production
type: TTP
description: Finds winrs.exe starting a process on another host.
data_source:
- Sysmon EventID 1
search: '| tstats count min(_time) as firstTime from datamodel=Endpoint.Processes where Processes.process_name=winrs.exe by Processes.dest Processes.user | \`drop_dm_object_name(Processes)\` | \`security_content_ctime(firstTime)\` | lookup winrs_allowlist dest OUTPUT allowed | \`suspicious_winrs_remote_process_filter\`'
how_to_implement: Ingest Sysmon process creation events mapped to the Endpoint data model.
known_false_positives: Administrators running winrs on purpose.
references:
- https://example.com/winrs
drilldown_searches:
- name: View the detection results for - "$dest$"
  search: '%original_detection_search% | search dest = "$dest$"'
  earliest_offset: $info_min_time$
  latest_offset: $info_max_time$
tags:
  analytic_story:
  - Lateral Movement Test Story
  asset_type: Endpoint
  confidence: 60
  impact: 90
  message: A process was started on $dest$ by $user$
  mitre_attack_id:
  - T1021.006
  observable:
  - name: dest
    type: Endpoint
    role:
    - Victim
  product:
  - Splunk Enterprise
  required_fields:
  - _time
  - Processes.dest
  risk_score: 54
  security_domain: endpoint
tests:
- name: True Positive Test
  attack_data:
  - data: https://example.com/data/windows-sysmon.log
    source: XmlWinEventLog:Microsoft-Windows-Sysmon/Operational
    sourcetype: XmlWinEventLog
`;

export const BASE_TREE: Record<string, string> = {
  [DETECTION_PATH]: DETECTION,
  'macros/security_content_ctime.yml': `name: security_content_ctime
arguments:
- field
definition: convert timeformat="%Y-%m-%dT%H:%M:%S" ctime($field$)
description: epoch time to text
`,
  'macros/suspicious_winrs_remote_process_filter.yml': `name: suspicious_winrs_remote_process_filter
definition: search *
description: tune Suspicious Winrs Remote Process here
`,
  'stories/lateral_movement_test_story.yml': `name: Lateral Movement Test Story
id: 0a4c1a0e-1d7b-4a8e-8b7f-3c2d1e0f9a88
version: 1
date: '2024-01-10'
author: Test Author
description: Lateral movement.
narrative: Adversaries move between hosts.
references: []
tags:
  category:
  - Lateral Movement
  product:
  - Splunk Enterprise
  usecase: Advanced Threat Detection
`,
  'data_sources/sysmon_eventid_1.yml': `name: Sysmon EventID 1
id: 5b7c6d1e-2f3a-4b5c-9d8e-7f6a5b4c3d2e
version: 1
date: '2024-01-10'
author: Test Author
description: Sysmon process creation.
source: XmlWinEventLog:Microsoft-Windows-Sysmon/Operational
sourcetype: XmlWinEventLog
supported_TA:
- name: Splunk Add-on for Sysmon
  url: https://example.com/ta
  version: 4.0.0
fields:
- _time
`,
  'lookups/winrs_allowlist.yml': `name: winrs_allowlist
description: hosts allowed to use winrs
filename: winrs_allowlist.csv
match_type: WILDCARD(dest)
min_matches: 1
case_sensitive_match: 'false'
`,
  'lookups/winrs_allowlist.csv': 'dest,allowed\nadmin-*,true\n',
};

/** Fixed "today" so the date rule never depends on the clock. */
export const NOW = new Date('2025-01-15T12:00:00Z');

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Writes BASE_TREE with `changes` applied (a null value deletes a file) and returns its root. */
export function writeTree(changes: Record<string, string | Buffer | null> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'spl-lint-'));
  dirs.push(root);
  const files: Record<string, string | Buffer | null> = { ...BASE_TREE, ...changes };
  for (const [rel, text] of Object.entries(files)) {
    if (text === null) continue;
    const abs = join(root, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return root;
}

/** Lints BASE_TREE with `changes` applied. */
export function lintTree(changes: Record<string, string | Buffer | null> = {}, opts: LintOptions = {}): Finding[] {
  return lintContent(loadContent(writeTree(changes)), { now: NOW, ...opts }).findings;
}

/** The base detection with `from` replaced by `to` (which must occur exactly once). */
export function detectionWith(from: string, to: string): Record<string, string> {
  const at = DETECTION.indexOf(from);
  if (at < 0 || DETECTION.indexOf(from, at + 1) >= 0) throw new Error(`fixture: '${from}' must occur exactly once in the detection`);
  return { [DETECTION_PATH]: DETECTION.replace(from, to) };
}

/** 1-based line of the first occurrence of `needle` in `text`. */
export function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`fixture: '${needle}' not found`);
  return text.slice(0, at).split('\n').length;
}

export const ofRule = (findings: Finding[], rule: string) => findings.filter((f) => f.rule === rule);
