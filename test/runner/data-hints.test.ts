/**
 * A failing test says why its data may never have had a chance (issue 19, item 5): a sourcetype
 * (or source) that no source table of harness/ingest/sources maps, and a data model dataset the
 * search reads that none of the test's events reach, with the datasets they reached instead.
 */
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../harness/content/load.js';
import { planTests } from '../../harness/runner/plan.js';
import { runTest } from '../../harness/runner/run.js';
import { mappingHints } from '../../harness/runner/data-hints.js';
import { FIXTURE_MIRROR, seedVariant, tempContent } from './helpers.js';

async function runVariant(edit: (text: string) => string): Promise<{ status: string; reasons: string[] }> {
  const c = tempContent({ 'detections/endpoint/seed_variant_1.yml': edit(seedVariant(1)) });
  try {
    const content = loadContent(c.root);
    const [test] = planTests(content, content.detections).tests;
    const r = await runTest(content, test, { mirrors: [FIXTURE_MIRROR], offline: true });
    return { status: r.status, reasons: r.reasons };
  } finally {
    c.cleanup();
  }
}

describe('hints in the reasons of a failing test', () => {
  it('a misspelt sourcetype: no field mapping (with a did-you-mean), and no event reaches the data model', async () => {
    // Misspelt together with the source (the Sysmon table also matches by source alone).
    const r = await runVariant((t) =>
      t
        .replace(/^(\s+sourcetype: )XmlWinEventLog$/m, '$1XmlWinEventLgo')
        .replace(/^(\s+source: XmlWinEventLog:Microsoft-Windows-Sysmon\/)Operational$/m, '$1Operationl'),
    );
    expect(r.status).toBe('failed');
    const text = r.reasons.join('\n');
    expect(text).toMatch(
      /hint: sourcetype 'XmlWinEventLgo' has no field mapping: no source table in harness\/ingest\/sources matches it \(did you mean 'XmlWinEventLog'\?\)/i,
    );
    expect(text).toMatch(
      /hint: no event reaches the data model dataset Endpoint\.Processes that tstats reads: its \d+ event\(s\) \(sourcetype XmlWinEventLgo\) reach no data model dataset \(no eventtype or tag puts them in one\)/,
    );
    // Counted over all of the test's events, not only those the raw pre-filter kept.
    expect(text).toMatch(/its 59 event\(s\)/);
  });

  it('a search over a dataset the events do not reach names where they went instead', async () => {
    const r = await runVariant((t) => t.replace('datamodel=Endpoint.Processes', 'datamodel=Web.Web').replace(/Processes\./g, 'Web.'));
    expect(r.status).toBe('failed');
    const hint = r.reasons.find((x) => x.startsWith('hint: no event reaches'));
    expect(hint).toMatch(
      /^hint: no event reaches the data model dataset Web\.Web that tstats reads: its 59 event\(s\) \(sourcetype XmlWinEventLog\) reach Endpoint\.Processes \(59\), .*Network_Traffic\.All_Traffic \(8\)/,
    );
    // The sourcetype is mapped: no mapping hint.
    expect(r.reasons.some((x) => x.includes('has no field mapping'))).toBe(false);
  });

  it('a passing test carries no hint', async () => {
    const r = await runVariant((t) => t);
    expect(r.status).toBe('passed');
    expect(r.reasons.some((x) => x.startsWith('hint:'))).toBe(false);
  });
});

describe('mappingHints', () => {
  it('is silent for a mapped sourcetype and says each unmapped one once', () => {
    expect(mappingHints([{ sourcetype: 'XmlWinEventLog', source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational' }])).toEqual([]);
    const hints = mappingHints([
      { sourcetype: 'no_such_type', source: 'x' },
      { sourcetype: 'no_such_type', source: 'x' },
    ]);
    expect(hints).toHaveLength(1);
    expect(hints[0]).toMatch(/^hint: sourcetype 'no_such_type' has no field mapping/);
  });
});
