import type { Finding, Severity } from '../content/types.js';
import { ruleDescriptions, TEST_OUTCOME_RULES } from './rules.js';
import { isProblem, problemText, reportFindings, toolVersion } from './common.js';
import type { Report, TestResult } from './types.js';

/**
 * SARIF 2.1.0 (OASIS) for GitHub code scanning: validate findings and failed or errored
 * detection tests, each located in the detection YAML, so the PR diff is annotated.
 * Paths are relative to the content root (`uriBaseId: %SRCROOT%`), which is the repository
 * root when the harness runs on a security_content checkout.
 */

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

type Level = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note' };

const TEST_RULES = new Map(TEST_OUTCOME_RULES.map((r) => [r.id, { description: r.description, level: LEVEL[r.severity] }]));

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  defaultConfiguration: { level: Level };
}

export function renderSarif(report: Report): string {
  const described = ruleDescriptions();
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const ruleFor = (id: string, fallbackLevel: Level): number => {
    let index = ruleIndex.get(id);
    if (index === undefined) {
      const lint = described.get(id);
      const test = TEST_RULES.get(id);
      const text = test?.description ?? lint?.description ?? id;
      const level = test?.level ?? (lint ? (LEVEL[lint.severity as Severity] ?? fallbackLevel) : fallbackLevel);
      index = rules.length;
      rules.push({ id, name: toPascal(id), shortDescription: { text }, fullDescription: { text }, defaultConfiguration: { level } });
      ruleIndex.set(id, index);
    }
    return index;
  };

  const results: unknown[] = reportFindings(report).map((f) => findingResult(f, ruleFor(f.rule, LEVEL[f.severity])));
  if (report.command === 'test') {
    for (const r of report.results) {
      if (!isProblem(r.status)) continue;
      const id = r.status === 'failed' ? 'detection-test-failed' : 'detection-test-error';
      results.push(testResult(r, id, ruleFor(id, 'error')));
    }
    for (const r of report.results) {
      for (const leaf of r.coverage?.unexercised ?? []) {
        const id = 'test-clause-unexercised';
        const text = `${r.name} — ${r.test}: no event exercised \`${leaf.text}\`${leaf.macro ? ` (in macro \`${leaf.macro}\`)` : ''}`;
        results.push(noteResult(id, ruleFor(id, 'note'), text, r.file, leaf.line, leaf.column, [r.id, r.test, leaf.text]));
      }
      for (const m of r.mutation?.survivors ?? []) {
        const id = 'test-mutant-survived';
        const text = `${r.name} — ${r.test}: the test cannot tell the search from its mutant (${m.operator}: ${m.change})`;
        results.push(noteResult(id, ruleFor(id, 'note'), text, r.file, m.line, m.column, [r.id, r.test, m.operator, m.change]));
      }
    }
  }

  const sarif = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'spl-harness', version: toolVersion(), semanticVersion: toolVersion(), rules } },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The content root (a security_content layout)' } } },
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function location(file: string, line: number | undefined, column?: number) {
  const region: Record<string, number> = { startLine: Math.max(1, line ?? 1) };
  if (column) region.startColumn = Math.max(1, column);
  return { physicalLocation: { artifactLocation: { uri: encodeURI(file), uriBaseId: '%SRCROOT%' }, region } };
}

function findingResult(f: Finding, ruleIndex: number) {
  return {
    ruleId: f.rule,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [location(f.file || '.', f.line, f.column)],
    // Stable across runs when lines move: code scanning matches alerts by these.
    partialFingerprints: { 'splHarness/v1': fingerprint([f.rule, f.file, f.detection_id ?? '', f.message]) },
  };
}

function testResult(r: TestResult, ruleId: string, ruleIndex: number) {
  return {
    ruleId,
    ruleIndex,
    level: 'error' as const,
    message: { text: `${r.name} — ${r.test}: ${problemText(r)}` },
    locations: [location(r.file, r.line)],
    // The key holds the test's position: two tests of one detection may share a name.
    partialFingerprints: { 'splHarness/v1': fingerprint([ruleId, r.file, r.id, r.key ?? r.test]) },
  };
}

function noteResult(ruleId: string, ruleIndex: number, text: string, file: string, line: number, column: number, key: string[]) {
  return {
    ruleId,
    ruleIndex,
    level: 'note' as const,
    message: { text },
    locations: [location(file, line || undefined, column || undefined)],
    partialFingerprints: { 'splHarness/v1': fingerprint([ruleId, file, ...key]) },
  };
}

/** FNV-1a over the parts: a short stable hash (not for security). */
function fingerprint(parts: string[]): string {
  let h = 0x811c9dc5;
  for (const ch of parts.join('\u0000')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

const toPascal = (id: string) =>
  id
    .split(/[-_]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
