import { describe, expect, it } from 'vitest';
import { RULES, type LintOptions } from '../../harness/lint/index.js';
import { BASE_TREE, DETECTION, DETECTION_PATH, detectionWith, lineOf, lintTree, ofRule } from './fixture.js';

/**
 * ESLint RuleTester style: for every rule, valid content (no finding of the rule) and invalid
 * content (a finding of the rule, at the expected file and line).
 */
interface Invalid {
  name: string;
  changes: Record<string, string | Buffer | null>;
  /** Expected 1-based line, and file when it is not the detection. */
  line: number;
  file?: string;
  message?: RegExp;
  config?: LintOptions['config'];
}
interface Case {
  rule: string;
  valid?: Array<{ name: string; changes: Record<string, string | null>; config?: LintOptions['config'] }>;
  invalid: Invalid[];
}

const d = DETECTION;
const at = (needle: string) => lineOf(d, needle);
const withTags = (extra: string) => detectionWith('  security_domain: endpoint\n', `  security_domain: endpoint\n${extra}`);
const searchLine = at('search: ');

const CASES: Case[] = [
  {
    rule: 'schema',
    invalid: [
      { name: 'enum value', changes: detectionWith('type: TTP', 'type: Signature'), line: at('type: TTP'), message: /'type' is "Signature", expected one of/ },
      {
        name: 'wrong type',
        changes: detectionWith('  confidence: 60', "  confidence: 'high'"),
        line: at('confidence: 60'),
        message: /tags.confidence' must be integer/,
      },
      { name: 'missing required key', changes: detectionWith('author: Test Author\n', ''), line: 1, message: /missing required key 'author'/ },
      { name: 'observable role outside the enumeration', changes: detectionWith('    - Victim', '    - Bystander'), line: at('    - Victim') },
      {
        name: 'story tag category',
        changes: {
          'stories/lateral_movement_test_story.yml': BASE_TREE['stories/lateral_movement_test_story.yml'].replace('- Lateral Movement', '- Sideways'),
        },
        line: lineOf(BASE_TREE['stories/lateral_movement_test_story.yml'], '- Lateral Movement'),
        file: 'stories/lateral_movement_test_story.yml',
      },
      {
        name: 'macro without description',
        changes: { 'macros/suspicious_winrs_remote_process_filter.yml': 'name: suspicious_winrs_remote_process_filter\ndefinition: search *\n' },
        line: 1,
        file: 'macros/suspicious_winrs_remote_process_filter.yml',
      },
      {
        name: 'lookup with neither filename nor collection',
        changes: { 'lookups/winrs_allowlist.yml': 'name: winrs_allowlist\ndescription: x\n' },
        line: 1,
        file: 'lookups/winrs_allowlist.yml',
        message: /needs one of: filename, collection/,
      },
      {
        name: 'data source without sourcetype',
        changes: { 'data_sources/sysmon_eventid_1.yml': BASE_TREE['data_sources/sysmon_eventid_1.yml'].replace('sourcetype: XmlWinEventLog\n', '') },
        line: 1,
        file: 'data_sources/sysmon_eventid_1.yml',
      },
      {
        name: 'old-format risk keys incomplete',
        changes: detectionWith('  risk_score: 54\n', ''),
        line: at('tags:'),
        message: /missing required key 'risk_score'/,
      },
    ],
  },
  {
    rule: 'unknown-key',
    valid: [{ name: 'the newer rba format', changes: withTags('') }],
    invalid: [
      {
        name: 'misspelt data_source',
        changes: detectionWith('data_source:\n', 'data_sources:\n'),
        line: at('data_source:'),
        message: /did you mean 'data_source'/,
      },
      { name: 'unknown tag', changes: withTags('  CVE:\n  - CVE-2024-0001\n'), line: at('security_domain') + 1, message: /did you mean 'cve'/ },
    ],
  },
  {
    rule: 'id-format',
    invalid: [
      { name: 'detection id', changes: detectionWith('id: 6f1c2a57-8f0e-4c1e-9b43-2d5a7e0c9a11', 'id: 6f1c2a57-8f0e-4c1e-9b43'), line: 2 },
      {
        name: 'story id',
        changes: {
          'stories/lateral_movement_test_story.yml': BASE_TREE['stories/lateral_movement_test_story.yml'].replace(
            'id: 0a4c1a0e-1d7b-4a8e-8b7f-3c2d1e0f9a88',
            'id: story-1',
          ),
        },
        line: 2,
        file: 'stories/lateral_movement_test_story.yml',
      },
    ],
  },
  {
    rule: 'id-unique',
    invalid: [
      {
        name: 'a story with the detection id',
        changes: {
          'stories/lateral_movement_test_story.yml': BASE_TREE['stories/lateral_movement_test_story.yml'].replace(
            '0a4c1a0e-1d7b-4a8e-8b7f-3c2d1e0f9a88',
            '6f1c2a57-8f0e-4c1e-9b43-2d5a7e0c9a11',
          ),
        },
        line: 2,
        file: 'stories/lateral_movement_test_story.yml',
        message: /already used by detections\//,
      },
    ],
  },
  {
    rule: 'name-unique',
    invalid: [
      {
        name: 'two detections with one name',
        changes: { 'detections/endpoint/zz_copy.yml': d.replace('6f1c2a57-8f0e-4c1e-9b43-2d5a7e0c9a11', '7a2d3b68-9f1f-4d2f-8c54-3e6b8f1d0b22') },
        line: 1,
        file: 'detections/endpoint/zz_copy.yml',
      },
      {
        name: 'two macros with one call name',
        changes: { 'macros/zz_ctime_again.yml': BASE_TREE['macros/security_content_ctime.yml'] },
        line: 1,
        file: 'macros/zz_ctime_again.yml',
        message: /macro name 'security_content_ctime\(1\)'/,
      },
    ],
  },
  {
    rule: 'detection-name-length',
    invalid: [
      { name: '68 characters', changes: detectionWith('name: Suspicious Winrs Remote Process', `name: ${'A'.repeat(68)}`), line: 1, message: /68 characters/ },
    ],
  },
  {
    rule: 'file-name',
    invalid: [
      {
        name: 'name changed, file not',
        changes: detectionWith('name: Suspicious Winrs Remote Process', 'name: Suspicious WinRS-Remote Process.v2'),
        line: 1,
        message: /expected suspicious_winrs_remote_process_v2\.yml/,
      },
    ],
  },
  {
    rule: 'date-valid',
    invalid: [
      { name: 'not a calendar date', changes: detectionWith("date: '2024-05-01'", "date: '2024-02-30'"), line: 4, message: /not a valid/ },
      { name: 'in the future', changes: detectionWith("date: '2024-05-01'", "date: '2031-01-01'"), line: 4, message: /in the future/ },
      { name: 'wrong shape', changes: detectionWith("date: '2024-05-01'", 'date: 05/01/2024'), line: 4 },
    ],
  },
  {
    rule: 'version-positive',
    invalid: [{ name: 'zero', changes: detectionWith('version: 2', 'version: 0'), line: 3 }],
  },
  {
    rule: 'mitre-id-format',
    invalid: [{ name: 'dot not a separator', changes: detectionWith('  - T1021.006', '  - T1021x006'), line: at('T1021.006') }],
  },
  {
    rule: 'mitre-id-unknown',
    invalid: [{ name: 'no such sub-technique', changes: detectionWith('  - T1021.006', '  - T1021.099'), line: at('T1021.006'), message: /parent T1021/ }],
  },
  {
    rule: 'mitre-parent-and-child',
    invalid: [{ name: 'parent listed too', changes: detectionWith('  - T1021.006', '  - T1021.006\n  - T1021'), line: at('T1021.006') + 1 }],
  },
  {
    rule: 'risk-score-formula',
    invalid: [{ name: 'declared score disagrees', changes: detectionWith('  risk_score: 54', '  risk_score: 56'), line: at('risk_score'), message: /= 54/ }],
  },
  {
    rule: 'risk-range',
    invalid: [
      { name: 'impact above 100', changes: detectionWith('  impact: 90', '  impact: 190'), line: at('impact: 90') },
      { name: 'rba score 0', changes: withTags('').valueOf() && { [DETECTION_PATH]: rbaDetection(0) }, line: lineOf(rbaDetection(0), 'score: 0') },
    ],
  },
  {
    rule: 'risk-fields-in-search',
    valid: [{ name: 'rba objects named in the search', changes: { [DETECTION_PATH]: rbaDetection(50) } }],
    invalid: [
      { name: 'observable not in search', changes: detectionWith('  - name: dest', '  - name: src_ip'), line: at('  - name: dest'), message: /'src_ip'/ },
      { name: 'a longer field does not count', changes: detectionWith('  - name: dest', '  - name: process'), line: at('  - name: dest') },
      {
        name: 'rba threat object',
        changes: { [DETECTION_PATH]: rbaDetection(50).replace('field: user\n    type: process', 'field: parent_process\n    type: process') },
        line: lineOf(rbaDetection(50), 'field: user'),
      },
    ],
  },
  {
    rule: 'message-tokens-in-search',
    invalid: [{ name: 'token for a missing field', changes: detectionWith('by $user$', 'by $src_user$'), line: at('  message:'), message: /\$src_user\$/ }],
  },
  {
    rule: 'risk-fields-in-output',
    valid: [
      {
        name: 'an open pipeline (no transforming command) is not judged',
        changes: detectionWith(
          '| tstats count min(_time) as firstTime from datamodel=Endpoint.Processes where Processes.process_name=winrs.exe by Processes.dest Processes.user',
          'search Processes.process_name=winrs.exe Processes.dest=* Processes.user=*',
        ),
      },
    ],
    invalid: [
      {
        name: 'data-model prefix never dropped',
        changes: detectionWith(' | `drop_dm_object_name(Processes)`', ''),
        line: at('  - name: dest'),
        message: /observable 'dest' is not a field of the search's results \(they carry .*Processes\.dest/,
      },
      {
        name: 'field dropped by table',
        changes: detectionWith(" | `suspicious_winrs_remote_process_filter`'", " | table user firstTime | `suspicious_winrs_remote_process_filter`'"),
        line: at('  - name: dest'),
      },
      {
        name: 'message token dropped by stats',
        changes: detectionWith(" | `suspicious_winrs_remote_process_filter`'", " | stats count by dest | `suspicious_winrs_remote_process_filter`'"),
        line: at('  message:'),
        message: /message token 'user'/,
      },
    ],
  },
  {
    rule: 'story-exists',
    invalid: [
      {
        name: 'unknown story',
        changes: detectionWith('  - Lateral Movement Test Story', '  - Nonexistent Story'),
        line: at('  - Lateral Movement Test Story'),
      },
    ],
  },
  {
    rule: 'data-source-exists',
    valid: [{ name: 'A AND A form', changes: detectionWith('- Sysmon EventID 1\n', '- Sysmon EventID 1 AND Sysmon EventID 1\n') }],
    invalid: [
      {
        name: 'unknown data source',
        changes: detectionWith('- Sysmon EventID 1\n', '- Sysmon EventID 1\n- Sysmon EventID 99\n'),
        line: at('- Sysmon EventID 1') + 1,
        message: /'Sysmon EventID 99'/,
      },
      {
        name: 'one part of A AND B unknown',
        changes: detectionWith('- Sysmon EventID 1\n', '- Sysmon EventID 1 AND Sysmon EventID 3\n'),
        line: at('- Sysmon EventID 1'),
        message: /'Sysmon EventID 3'/,
      },
    ],
  },
  {
    rule: 'macro-exists',
    valid: [{ name: 'CIM built-in drop_dm_object_name is known (the base search uses it)', changes: {} }],
    invalid: [
      {
        name: 'undefined macro in the search',
        changes: detectionWith('| tstats count', '`sysmon_index` | tstats count'),
        line: searchLine,
        message: /`sysmon_index`/,
      },
      {
        name: 'undefined macro inside a macro definition',
        changes: {
          'macros/security_content_ctime.yml': BASE_TREE['macros/security_content_ctime.yml'].replace(
            'definition: convert timeformat="%Y-%m-%dT%H:%M:%S" ctime($field$)',
            "definition: '`ctime_format` | convert ctime($field$)'",
          ),
        },
        line: searchLine,
        message: /`ctime_format` \(called from `security_content_ctime\(1\)`\)/,
      },
      {
        name: 'wrong arity',
        changes: detectionWith('`security_content_ctime(firstTime)`', '`security_content_ctime(firstTime, lastTime)`'),
        line: searchLine,
        message: /security_content_ctime\(2\)/,
      },
    ],
  },
  {
    // docs/VALIDATE.md: the search is compiled as `test` compiles it (harness/spl/index.ts compileDetectionSearch).
    rule: 'spl-syntax',
    valid: [{ name: 'a CIM built-in macro is left to macro-exists', changes: {} }],
    invalid: [
      {
        name: 'unbalanced parenthesis',
        changes: detectionWith('where Processes.process_name=winrs.exe', 'where (Processes.process_name=winrs.exe'),
        line: searchLine,
        message: /\(|paren/i,
      },
      {
        name: 'unbalanced backtick',
        changes: detectionWith('| `security_content_ctime(firstTime)`', '| `security_content_ctime(firstTime)'),
        line: searchLine,
      },
      {
        name: 'macro cycle',
        changes: {
          'macros/security_content_ctime.yml': BASE_TREE['macros/security_content_ctime.yml'].replace(
            'definition: convert timeformat="%Y-%m-%dT%H:%M:%S" ctime($field$)',
            "definition: '`security_content_ctime($field$)`'",
          ),
        },
        line: searchLine,
        message: /macro cycle: `security_content_ctime\(1\)` → `security_content_ctime\(1\)`/,
      },
    ],
  },
  {
    rule: 'lookup-exists',
    valid: [
      { name: 'lookup by file name', changes: detectionWith('lookup winrs_allowlist dest', 'lookup winrs_allowlist.csv dest') },
      { name: 'an Enterprise Security table', changes: detectionWith('lookup winrs_allowlist dest', 'lookup asset_lookup_by_str dest') },
    ],
    invalid: [
      {
        name: 'lookup not defined',
        changes: detectionWith('lookup winrs_allowlist dest', 'lookup update=true winrs_blocklist dest'),
        line: searchLine,
        message: /lookup table 'winrs_blocklist'/,
      },
      {
        name: 'inputlookup in a subsearch',
        changes: detectionWith('| lookup winrs_allowlist', '| search NOT [| inputlookup known_admins | fields dest] | lookup winrs_allowlist'),
        line: searchLine,
        message: /inputlookup table 'known_admins'/,
      },
    ],
  },
  {
    rule: 'lookup-file',
    invalid: [
      {
        name: 'CSV missing',
        changes: { 'lookups/winrs_allowlist.csv': null },
        line: 3,
        file: 'lookups/winrs_allowlist.yml',
        message: /winrs_allowlist.csv does not exist/,
      },
    ],
  },
  {
    rule: 'filter-macro-last',
    valid: [{ name: 'trailing comment after the filter macro', changes: detectionWith("_filter`'", "_filter` ```tune here```'") }],
    invalid: [
      {
        name: 'filter macro followed by a command',
        changes: detectionWith("_filter`'", "_filter` | table dest'"),
        line: searchLine,
        message: /not the last command/,
      },
      { name: 'no filter macro', changes: detectionWith(" | `suspicious_winrs_remote_process_filter`'", "'"), line: searchLine, message: /does not end with/ },
      {
        name: 'filter macro wrapped in search',
        changes: detectionWith("| `suspicious_winrs_remote_process_filter`'", "| search `suspicious_winrs_remote_process_filter`'"),
        line: searchLine,
        message: /wrapped in 'search'/,
      },
      { name: 'a pipe inside a quoted string does not split', changes: detectionWith("_filter`'", '_filter` | eval x="a | b"\''), line: searchLine },
    ],
  },
  {
    rule: 'filter-macro-defined',
    // contentctl's build generates every `<name>_filter` as `search *` (security_content keeps none).
    valid: [{ name: 'no macro file, filter_macros: generated (the default)', changes: { 'macros/suspicious_winrs_remote_process_filter.yml': null } }],
    invalid: [
      {
        name: 'no macro file, filter_macros: required',
        changes: { 'macros/suspicious_winrs_remote_process_filter.yml': null },
        config: { rules: {}, suppress: [], filterMacros: 'required' },
        line: searchLine,
        message: /filter_macros: required/,
      },
    ],
  },
  {
    rule: 'tests-required',
    valid: [
      { name: 'manual_test explains', changes: withTags('  manual_test: needs a domain controller\n') },
      { name: 'experimental', changes: detectionWith('status: production', 'status: experimental') },
    ],
    invalid: [{ name: 'production without tests', changes: { [DETECTION_PATH]: d.slice(0, d.indexOf('tests:')) }, line: at('status:') }],
  },
  {
    rule: 'attack-data-fields',
    invalid: [
      { name: 'no sourcetype', changes: detectionWith('    sourcetype: XmlWinEventLog\n', ''), line: at('  - data:') },
      {
        name: 'empty attack_data',
        changes: { [DETECTION_PATH]: d.slice(0, d.indexOf('  attack_data:')) + '  attack_data: []\n' },
        line: at('- name: True Positive Test'),
      },
    ],
  },
  {
    rule: 'drilldown-fields',
    invalid: [
      {
        name: 'token for a missing field',
        changes: detectionWith('for - "$dest$"', 'for - "$src$"'),
        line: at('- name: View the detection'),
        message: /\$src\$/,
      },
      {
        name: 'no latest_offset',
        changes: detectionWith('  latest_offset: $info_max_time$\n', ''),
        line: at('- name: View the detection'),
        message: /lacks latest_offset/,
      },
    ],
  },
  {
    rule: 'drilldown-missing',
    valid: [{ name: 'Hunting needs none', changes: { [DETECTION_PATH]: withoutDrilldowns().replace('type: TTP', 'type: Hunting') } }],
    invalid: [{ name: 'production TTP without drilldowns', changes: { [DETECTION_PATH]: withoutDrilldowns() }, line: at('type: TTP') }],
  },
  {
    rule: 'how-to-implement',
    invalid: [
      {
        name: 'placeholder',
        changes: detectionWith('how_to_implement: Ingest Sysmon process creation events mapped to the Endpoint data model.', 'how_to_implement: tbd'),
        line: at('how_to_implement'),
      },
    ],
  },
  {
    rule: 'known-false-positives',
    valid: [
      { name: 'None is an answer', changes: detectionWith('known_false_positives: Administrators running winrs on purpose.', 'known_false_positives: None') },
    ],
    invalid: [
      {
        name: 'empty',
        changes: detectionWith('known_false_positives: Administrators running winrs on purpose.', "known_false_positives: ''"),
        line: at('known_false_positives'),
      },
    ],
  },
  {
    rule: 'required-fields',
    invalid: [
      {
        name: 'listed twice',
        changes: detectionWith('  - Processes.dest\n  risk_score', '  - Processes.dest\n  - Processes.dest\n  risk_score'),
        line: at('  - Processes.dest\n  risk_score') + 1,
      },
      {
        name: 'empty list',
        changes: detectionWith('  required_fields:\n  - _time\n  - Processes.dest\n', '  required_fields: []\n'),
        line: at('  required_fields:'),
      },
    ],
  },
  {
    rule: 'yaml-syntax',
    invalid: [{ name: 'bad indentation', changes: detectionWith('  asset_type: Endpoint', '   asset_type: Endpoint'), line: at('asset_type') }],
  },
  {
    rule: 'file-encoding',
    invalid: [
      {
        name: 'latin-1 bytes',
        changes: { [DETECTION_PATH]: Buffer.concat([Buffer.from(d.replace('Test Author', 'Test Auth')), Buffer.from([0x23, 0x20, 0xe9, 0x0a])]) },
        line: 1,
      },
    ],
  },
];

/** The base detection in the newer format: `rba:` instead of the risk tags. */
function rbaDetection(score: number): string {
  const start = d.indexOf('  confidence: 60');
  let text = d.slice(0, start) + d.slice(d.indexOf('  mitre_attack_id:'));
  text = text.replace(/ {2}observable:\n( {4}.*\n| {2}- .*\n)+/, '').replace('  risk_score: 54\n', '');
  return text
    .replace(
      'tags:\n',
      `rba:\n  message: A process was started on $dest$ by $user$\n  risk_objects:\n  - field: dest\n    type: system\n    score: ${score}\n  threat_objects:\n  - field: user\n    type: user\ntags:\n`,
    )
    .replace('    type: user\ntags', '    type: process\ntags');
}

function withoutDrilldowns(): string {
  return d.slice(0, d.indexOf('drilldown_searches:')) + d.slice(d.indexOf('tags:'));
}

describe('every rule has cases', () => {
  it('covers each rule module', () => {
    const tested = new Set(CASES.map((c) => c.rule));
    expect(RULES.map((r) => r.id).filter((id) => !tested.has(id))).toEqual([]);
  });
});

for (const c of CASES) {
  describe(`rule ${c.rule}`, () => {
    it('valid: the base content has no finding of this rule', () => {
      expect(ofRule(lintTree(), c.rule)).toEqual([]);
    });
    for (const v of c.valid ?? []) {
      it(`valid: ${v.name}`, () => {
        expect(ofRule(lintTree(v.changes, { config: v.config }), c.rule)).toEqual([]);
      });
    }
    for (const inv of c.invalid) {
      it(`invalid: ${inv.name}`, () => {
        const found = ofRule(lintTree(inv.changes, { config: inv.config }), c.rule);
        expect(found.length, `no ${c.rule} finding`).toBeGreaterThan(0);
        const hit = found.find((f) => f.file === (inv.file ?? DETECTION_PATH) && f.line === inv.line);
        expect(hit, `expected ${c.rule} at ${inv.file ?? DETECTION_PATH}:${inv.line}, got ${JSON.stringify(found)}`).toBeDefined();
        if (inv.message) expect(hit!.message).toMatch(inv.message);
        expect(hit!.column).toBeGreaterThan(0);
      });
    }
  });
}
