import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../harness/content/load.js';
import { ChangedError, selectChanged } from '../../harness/runner/changed.js';

// A small content repository: `inner` is used only inside `outer`; det_outer calls `outer`;
// det_lookup uses the lookup `known_admins`; det_plain uses neither.
const detection = (name: string, search: string, extra = '') => `name: ${name}
id: ${name}-0000-0000-0000-000000000000
version: 1
date: '2024-01-01'
author: test
status: production
type: TTP
description: test detection
data_source:
- Sysmon EventID 1
search: '${search}'
how_to_implement: none
known_false_positives: none
references: []
tags:
  analytic_story:
  - Story A
  asset_type: Endpoint
  confidence: 50
  impact: 50
  risk_score: 25
  message: hello
  mitre_attack_id: [T1003]
  observable: []
  product: [Splunk Enterprise]
  security_domain: endpoint
${extra}tests:
- name: True Positive Test
  attack_data:
  - data: https://example.invalid/data.log
    source: XmlWinEventLog:Security
    sourcetype: XmlWinEventLog
`;

const files: Record<string, string> = {
  'README.md': '# content\n',
  'macros/inner.yml': "name: inner\ndefinition: 'EventCode=4688'\n",
  'macros/outer.yml': "name: outer\ndefinition: 'search `inner` | stats count'\n",
  'macros/plain_macro.yml': "name: plain_macro\ndefinition: 'search *'\n",
  'lookups/known_admins.yml': 'name: known_admins\nfilename: known_admins.csv\n',
  'lookups/known_admins.csv': 'user,admin\nalice,true\n',
  'data_sources/sysmon_eventid_1.yml': 'name: Sysmon EventID 1\nsourcetype: xmlwineventlog\n',
  'stories/story_a.yml': 'name: Story A\n',
  'detections/endpoint/det_outer.yml': detection('det_outer', '`outer` | `plain_macro`'),
  'detections/endpoint/det_lookup.yml': detection('det_lookup', 'index=x | lookup known_admins user OUTPUT admin | where admin!="true"'),
  'detections/endpoint/det_plain.yml': detection('det_plain', 'index=x | `plain_macro`'),
  'detections/endpoint/det_dm.yml': detection('det_dm', '| tstats count from datamodel=Endpoint.Processes by Processes.dest'),
};

let repo: string;
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd: repo,
    encoding: 'utf8',
  });
const write = (rel: string, text: string) => {
  mkdirSync(dirname(join(repo, rel)), { recursive: true });
  writeFileSync(join(repo, rel), text);
};
const selectedNames = () =>
  selectChanged(loadContent(repo), { base: 'main' })
    .selected.map((s) => s.detection.name)
    .sort();

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'spl-harness-changed-'));
  git('init', '-q', '-b', 'main');
  for (const [rel, text] of Object.entries(files)) write(rel, text);
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  git('checkout', '-q', '-b', 'feature');
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe('selectChanged', () => {
  it('selects nothing when nothing changed', () => {
    expect(selectedNames()).toEqual([]);
  });

  it('a macro used only inside another macro selects exactly the detections using the outer one', () => {
    write('macros/inner.yml', "name: inner\ndefinition: 'EventCode=4689'\n");
    const sel = selectChanged(loadContent(repo), { base: 'main' });
    expect(sel.selected.map((s) => s.detection.name)).toEqual(['det_outer']);
    expect(sel.selected[0].reasons.join(' ')).toMatch(/macro `inner` \(used via `outer`\) changed/);
  });

  it('a committed change on the branch counts as well as an uncommitted one', () => {
    write('macros/inner.yml', "name: inner\ndefinition: 'EventCode=4689'\n");
    git('commit', '-q', '-am', 'tune inner');
    expect(selectedNames()).toEqual(['det_outer']);
  });

  it('editing a lookup CSV selects its users', () => {
    write('lookups/known_admins.csv', 'user,admin\nalice,true\nbob,true\n');
    const sel = selectChanged(loadContent(repo), { base: 'main' });
    expect(sel.selected.map((s) => s.detection.name)).toEqual(['det_lookup']);
    expect(sel.selected[0].reasons[0]).toMatch(/lookup 'known_admins' CSV changed/);
  });

  it('an unrelated README change selects nothing', () => {
    write('README.md', '# content\n\nmore words\n');
    const sel = selectChanged(loadContent(repo), { base: 'main' });
    expect(sel.selected).toEqual([]);
    expect(sel.changedFiles).toEqual(['README.md']);
  });

  it('a shared macro, a data source or a story selects every user', () => {
    write('macros/plain_macro.yml', "name: plain_macro\ndefinition: 'search NOT user=svc_*'\n");
    expect(selectedNames()).toEqual(['det_outer', 'det_plain']);
    git('checkout', '-q', '--', '.');
    write('stories/story_a.yml', 'name: Story A\ndescription: new\n');
    expect(selectedNames()).toEqual(['det_dm', 'det_lookup', 'det_outer', 'det_plain']);
  });

  it('an edited detection is selected; a new untracked one too; a deleted one is reported, not run', () => {
    write('detections/endpoint/det_plain.yml', files['detections/endpoint/det_plain.yml'].replace('version: 1', 'version: 2'));
    write('detections/endpoint/det_new.yml', detection('det_new', 'index=y'));
    unlinkSync(join(repo, 'detections/endpoint/det_lookup.yml'));
    const sel = selectChanged(loadContent(repo), { base: 'main' });
    expect(sel.selected.map((s) => s.detection.name).sort()).toEqual(['det_new', 'det_plain']);
    expect(sel.selected.find((s) => s.detection.name === 'det_new')!.reasons).toEqual(['detection file added']);
    expect(sel.deleted).toEqual(['detections/endpoint/det_lookup.yml']);
  });

  it('a deleted macro selects the detections that still call it', () => {
    unlinkSync(join(repo, 'macros/inner.yml'));
    git('commit', '-q', '-am', 'drop inner');
    const sel = selectChanged(loadContent(repo), { base: 'main' });
    expect(sel.selected.map((s) => s.detection.name)).toEqual(['det_outer']);
    expect(sel.selected[0].reasons.join(' ')).toMatch(/inner.*deleted/);
  });

  it('harness mapping data for a data model selects the detections using it', () => {
    write('harness/ingest/cim/endpoint.json', '{"name":"Endpoint"}\n');
    expect(selectedNames()).toEqual(['det_dm']);
  });

  it('harness mapping data for a sourcetype selects the detections reading it', () => {
    write('harness/ingest/sources/xmlwineventlog.json', '{"sourcetype":"XmlWinEventLog"}\n');
    expect(selectedNames()).toEqual(['det_dm', 'det_lookup', 'det_outer', 'det_plain']);
  });

  it('a source table for one channel selects only the detections reading that channel', () => {
    write(
      'detections/endpoint/det_sysmon.yml',
      detection('det_sysmon', 'index=x').replace('source: XmlWinEventLog:Security', 'source: XmlWinEventLog:Microsoft-Windows-Sysmon/Operational'),
    );
    git('add', '-A');
    git('commit', '-q', '-m', 'sysmon detection');
    git('branch', '-f', 'main', 'HEAD');
    write('harness/ingest/sources/sysmon.ts', "export const spec = { match: { source: ['XmlWinEventLog:Microsoft-Windows-Sysmon/Operational'] } };\n");
    expect(selectedNames()).toEqual(['det_sysmon']);
  });

  it('a shared helper of the source tables selects the detections its importers serve', () => {
    write(
      'harness/ingest/sources/sysmon.ts',
      "import { codes } from './event_codes.js';\nexport const spec = { match: { source: ['XmlWinEventLog:Microsoft-Windows-Sysmon/Operational'] }, codes };\n",
    );
    write(
      'detections/endpoint/det_sysmon.yml',
      detection('det_sysmon', 'index=x').replace('source: XmlWinEventLog:Security', 'source: XmlWinEventLog:Microsoft-Windows-Sysmon/Operational'),
    );
    git('add', '-A');
    git('commit', '-q', '-m', 'sysmon detection and its table');
    git('branch', '-f', 'main', 'HEAD');
    write('harness/ingest/sources/event_codes.ts', 'export const codes = { 1: "process" };\n');
    expect(selectedNames()).toEqual(['det_sysmon']);
  });

  it('a reader for a sourcetype selects the detections reading that sourcetype', () => {
    write('harness/ingest/readers/xmlwineventlog.ts', "export const accepts = (st: string) => st.toLowerCase() === 'xmlwineventlog';\n");
    expect(selectedNames()).toEqual(['det_dm', 'det_lookup', 'det_outer', 'det_plain']);
    write('harness/ingest/readers/auditd.ts', "export const accepts = (st: string) => st === 'linux:audit';\n");
    const sel = selectChanged(loadContent(repo), { base: 'main' });
    expect(sel.selected.every((s) => s.reasons.every((r) => !r.includes('auditd')))).toBe(true);
  });

  it('measures against the merge base, not the tip of the base branch', () => {
    git('checkout', '-q', 'main');
    write('macros/inner.yml', "name: inner\ndefinition: 'EventCode=1'\n");
    git('commit', '-q', '-am', 'main moved on');
    git('checkout', '-q', 'feature');
    expect(selectedNames()).toEqual([]);
  });

  it('works when the content is a subdirectory of the repository', () => {
    mkdirSync(join(repo, 'content'));
    for (const dir of ['macros', 'detections', 'lookups', 'data_sources', 'stories']) git('mv', dir, `content/${dir}`);
    git('commit', '-q', '-m', 'move content');
    git('branch', '-f', 'main', 'HEAD');
    write('content/macros/inner.yml', "name: inner\ndefinition: 'EventCode=4689'\n");
    const sel = selectChanged(loadContent(join(repo, 'content')), { base: 'main' });
    expect(sel.selected.map((s) => s.detection.name)).toEqual(['det_outer']);
    expect(sel.changedFiles).toEqual(['content/macros/inner.yml']);
  });

  it('an unknown base is a clear error', () => {
    expect(() => selectChanged(loadContent(repo), { base: 'no-such-branch' })).toThrow(ChangedError);
    expect(() => selectChanged(loadContent(repo), { base: 'no-such-branch' })).toThrow(/no-such-branch/);
  });

  it('falls back to main when origin/main does not exist', () => {
    write('macros/inner.yml', "name: inner\ndefinition: 'EventCode=4689'\n");
    const sel = selectChanged(loadContent(repo), {});
    expect(sel.base).toBe('main');
    expect(sel.selected.map((s) => s.detection.name)).toEqual(['det_outer']);
  });
});
