import { beforeAll, expect, it } from 'vitest';
import { loadContent } from '../../harness/content/load.js';
import type { Content, Finding } from '../../harness/content/types.js';
import { lintContent } from '../../harness/lint/index.js';
import { ESCU, describeShared } from '../support/shared.js';

/** The whole ESCU corpus (../shared/security_content @ b13b314): read without a crash, real findings reported. */
describeShared('validate over ESCU', () => {
  let content: Content;
  let findings: Finding[];
  let files: number;
  const of = (rule: string) => findings.filter((f) => f.rule === rule);

  beforeAll(() => {
    content = loadContent(ESCU);
    const result = lintContent(content, { now: new Date('2026-01-01T00:00:00Z') });
    findings = result.findings;
    files = result.summary.files;
  });

  it('reads every detection, macro, story, data source and lookup', () => {
    expect(content.detections).toHaveLength(1711);
    expect(content.macros.size).toBeGreaterThan(150);
    expect(content.stories.size).toBeGreaterThan(200);
    expect(content.dataSources.size).toBeGreaterThan(150);
    expect(content.lookups.size).toBeGreaterThan(50);
    expect(files).toBeGreaterThanOrEqual(1711 + 150 + 200 + 150 + 50);
    expect(findings.filter((f) => f.message.startsWith('internal error'))).toEqual([]);
  });

  it('finds the six detections whose declared risk_score disagrees with confidence × impact / 100', () => {
    expect(
      of('risk-score-formula')
        .map((f) => f.file.split('/').pop())
        .sort(),
    ).toEqual([
      'linux_auditd_auditd_service_stop.yml',
      'linux_auditd_find_credentials_from_password_stores.yml',
      'linux_auditd_find_ssh_private_keys.yml',
      'linux_auditd_unix_shell_configuration_modification.yml',
      'o365_cross_tenant_access_change.yml',
      'windows_multiple_ntlm_null_domain_authentications.yml',
    ]);
  });

  it('finds unresolved data sources, misplaced filter macros and technique-plus-parent pairs', () => {
    expect(of('data-source-exists').length).toBeGreaterThan(0);
    expect(of('data-source-exists').some((f) => f.message.includes("'Windows Security 5136'"))).toBe(true);
    expect(of('filter-macro-last').some((f) => f.file.endsWith('o365_dlp_rule_triggered.yml'))).toBe(true);
    expect(of('mitre-parent-and-child').length).toBeGreaterThan(0);
    expect(of('unknown-key').some((f) => f.message.includes("'data_sources'"))).toBe(true);
    // Named in the search as Web.dest, but never renamed: the results carry Web.dest, not dest.
    expect(of('risk-fields-in-output').some((f) => f.file.endsWith('supernova_webshell.yml') && f.message.startsWith("observable 'dest'"))).toBe(true);
  });

  it('has schema enumerations that cover the corpus: only three genuine schema errors', () => {
    expect(of('schema').map((f) => `${f.file.split('/').pop()} ${f.message}`)).toEqual([
      "identify_new_user_accounts.yml 'tags.analytic_story' must NOT have fewer than 1 items",
      "unusual_number_of_computer_service_tickets_requested.yml 'tags.message' must NOT have fewer than 1 characters",
      'internal_vertical_port_scan.yml \'tests[0].attack_data[0].update_timestamp\' must be boolean, got string "trues"',
    ]);
  });

  it('knows every technique ESCU uses and every macro but CIM/ES built-ins', () => {
    expect(of('mitre-id-unknown')).toEqual([]);
    expect(of('macro-exists')).toEqual([]);
  });

  it('locates every detection finding at a real line of its file', () => {
    const lines = new Map(content.detections.map((d) => [d.file.relPath, d.file.text.split('\n').length]));
    for (const f of findings) {
      const n = lines.get(f.file);
      if (n !== undefined) expect(f.line).toBeLessThanOrEqual(n);
    }
  });
});
