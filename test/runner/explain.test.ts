import { afterEach, expect, it } from 'vitest';
import { loadContent } from '../../harness/content/load.js';
import { planTests } from '../../harness/runner/plan.js';
import { runTest } from '../../harness/runner/run.js';
import { FIXTURE_MIRROR, SEED_TEXT, tempContent } from './helpers.js';

let cleanup = () => {};
afterEach(() => cleanup());

async function explain(search: string): Promise<string> {
  const t = tempContent({
    'detections/endpoint/det.yml': SEED_TEXT.replace(/^search: '.*'$/m, `search: '${search} | \`remote_process_instantiation_via_winrm_and_winrs_filter\`'`),
  });
  cleanup = t.cleanup;
  const content = loadContent(t.root);
  const [test] = planTests(content, content.detections).tests;
  const r = await runTest(content, test, { mirrors: [FIXTURE_MIRROR], offline: true });
  expect(r.status).toBe('failed');
  return r.explanation ?? '';
}

it('a later where: row counts per command, the where clause that kills the match, and the nearest rows', async () => {
  const x = await explain(
    'source="XmlWinEventLog:Microsoft-Windows-Sysmon/Operational" EventCode=1 Image="*\\\\winrs.exe" | eval cmd=lower(CommandLine) | where like(cmd, "%-x:%") AND isnotnull(dest)',
  );
  expect(x).toMatch(/^no rows after command 3: where like\(cmd, "%-x:%"\) AND isnotnull\(dest\)/);
  expect(x).toMatch(/1\. source="XmlWinEventLog:Microsoft-Windows-Sysmon\/Operational" EventCode=1 Image="\*\\\\winrs\.exe" {2}→ {2}7 rows/);
  expect(x).toMatch(
    /predicates of command 1, over 59 events:\n {2}✓ source="XmlWinEventLog:Microsoft-Windows-Sysmon\/Operational" {2}\(59 of 59\)\n {2}✓ EventCode=1 {2}\(\d+ of 59\)\n {2}✓ Image="\*\\\\winrs\.exe" {2}\(\d+ of 59\)/,
  );
  expect(x).toMatch(
    /predicates of command 3, over 7 rows of the previous command:\n {2}✗ like\(cmd, "%-x:%"\) {2}\(0 of 7\) {3}← no event satisfies this clause\n {2}✓ isnotnull\(dest\) {2}\(7 of 7\)/,
  );
  // The nearest row is one whose command line comes closest to the pattern: a `-r:` run.
  expect(x).toMatch(/#1 satisfies 1 of 2; fails: like\(cmd, "%-x:%"\)\n {6}cmd = \S*winrs(\.exe)?"? +-r:/);
});

it('clauses that each hold but never together are told apart from a dead clause', async () => {
  const x = await explain('EventCode=1 Image="*\\\\winrs.exe" CommandLine="*/?*" CommandLine="*-r:*"');
  expect(x).toMatch(/each clause holds for some event, but no single event satisfies them all/);
  expect(x).not.toMatch(/← no event satisfies this clause/);
});

it('when no event reaches the data model, says what was read', async () => {
  const t = tempContent({
    'detections/endpoint/det.yml': SEED_TEXT.replace('datamodel=Endpoint.Processes', 'datamodel=Web.Web').replace(/Processes\./g, 'Web.'),
  });
  cleanup = t.cleanup;
  const content = loadContent(t.root);
  const [test] = planTests(content, content.detections).tests;
  const r = await runTest(content, test, { mirrors: [FIXTURE_MIRROR], offline: true });
  expect(r.status).toBe('failed');
  expect(r.explanation).toMatch(
    /command 1 had no input: 0 Web\.Web events — none of the 59 events read map to it; they are (xmlwineventlog|XmlWinEventLog) \(XmlWinEventLog:Microsoft-Windows-Sysmon\/Operational\)/i,
  );
});

it("one pass: a head after a command does not cut that command's count short", async () => {
  // The explanation runs the search once with a tap after each command; a `head` stops reading
  // early, and the command before it is still counted in full, as if the search ended there.
  const x = await explain('EventCode=1 Image="*\\\\winrs.exe" | head 2 | where like(CommandLine, "%-x:%")');
  expect(x).toMatch(/1\. EventCode=1 Image="\*\\\\winrs\.exe" {2}→ {2}7 rows/);
  expect(x).toMatch(/2\. head 2 {2}→ {2}2 rows/);
  expect(x).toMatch(/predicates of command 3, over 2 rows of the previous command/);
});

it('--no-explain leaves a failing test without an explanation', async () => {
  const t = tempContent({ 'detections/endpoint/det.yml': SEED_TEXT.replace('Processes.process="*-r:*"', 'Processes.process="*-x:*"') });
  cleanup = t.cleanup;
  const content = loadContent(t.root);
  const [test] = planTests(content, content.detections).tests;
  const r = await runTest(content, test, { mirrors: [FIXTURE_MIRROR], offline: true, noExplain: true });
  expect(r.status).toBe('failed');
  expect(r.explanation).toBeUndefined();
});
