/**
 * Differential check of the hand-written XML scanner on real events: for events of
 * ../shared/events/evtx_xml, the fields it extracts equal those derived from fast-xml-parser's
 * parse of the same event by the add-on's rules (attribute-less System elements, every System
 * attribute, `<Data Name=..>` values, multivalue on repeats, empty values dropped).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { EVENTS, describeShared } from '../../support/shared.js';
import { extractXmlEventFields } from '../../../harness/ingest/readers/xmlwineventlog.js';
import type { Event } from '../../../harness/engine/types.js';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : name.endsWith('.xml') ? [path] : [];
  });
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  isArray: (name) => name === 'Data',
});

type Node = Record<string, unknown>;

/** The add-on's fields from a fast-xml-parser tree. */
function expected(doc: Node): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const add = (k: string, v: unknown) => {
    if (typeof v !== 'string' || v.length === 0) return;
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  };
  const event = doc.Event as Node;
  const system = (event.System ?? {}) as Node;
  for (const [tag, value] of Object.entries(system)) {
    if (tag.startsWith('@')) continue;
    if (typeof value === 'string') add(tag, value);
    else if (value && typeof value === 'object') {
      const v = value as Node;
      for (const [a, av] of Object.entries(v)) if (a.startsWith('@')) add(a.slice(1), av);
    }
  }
  const data = (event.EventData as Node | undefined)?.Data as Node[] | undefined;
  for (const d of data ?? []) {
    if (d && typeof d === 'object' && typeof d['@Name'] === 'string') add(d['@Name'] as string, d['#text'] ?? '');
  }
  const code = system.EventID;
  add('EventCode', typeof code === 'string' ? code : (code as Node | undefined)?.['#text']);
  return out;
}

const SKIP = new Set(['System_Props_Xml', 'EventData_Xml', 'UserData_Xml', 'RenderingInfo_Xml', 'DebugData_Xml']);

describeShared('readers: XML scanner against fast-xml-parser on real events', () => {
  it('extracts the same System and EventData fields', () => {
    const files = walk(join(EVENTS, 'evtx_xml')).sort();
    // Every 8th file: all sources and channels are represented, the run stays short.
    const sample = files.filter((_, i) => i % 8 === 0);
    let compared = 0;
    const mismatches: string[] = [];
    for (const file of sample) {
      const text = readFileSync(file, 'utf8');
      for (const raw of text.split(/(?=<Event[ >])/)) {
        const trimmed = raw.trim();
        if (!trimmed.startsWith('<Event') || trimmed.includes('<UserData') || trimmed.includes('<Binary>')) continue;
        // Multi-element System children (none in practice) and elements with both text and attributes
        // (EventID Qualifiers) are handled by the rules above; everything else must match.
        const got: Event = {};
        extractXmlEventFields(trimmed, got);
        for (const k of SKIP) delete got[k];
        const want = expected(parser.parse(trimmed) as Node);
        compared++;
        const keys = new Set([...Object.keys(got), ...Object.keys(want)]);
        // An XML parser normalises CR LF to LF (XML 1.0, "End-of-Line Handling"); Splunk's regex
        // extraction keeps the raw CR, and so does our scanner. Compare modulo that.
        const norm = (v: unknown) => JSON.stringify(v)?.replace(/\\r\\n/g, '\\n');
        const diff = [...keys].filter((k) => norm(got[k]) !== norm(want[k]));
        if (diff.length > 0 && mismatches.length < 5) {
          mismatches.push(
            `${file}: ${diff.map((k) => `${k}: ${JSON.stringify(got[k])?.slice(0, 80)} vs ${JSON.stringify(want[k])?.slice(0, 80)}`).join('; ')}`,
          );
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
    expect(mismatches).toEqual([]);
  }, 120_000);
});
