import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent, readYamlFile } from '../../harness/content/load.js';
import { parseDocument } from 'yaml';
import type { YamlFile, YamlPath } from '../../harness/content/types.js';
import { fastLocate } from '../../harness/content/block-locate.js';
import { ESCU, describeShared } from '../support/shared.js';
import { writeTree } from '../lint/fixture.js';

/** Every path into the file's data, a few levels deep. */
function allPaths(data: unknown, depth = 5): YamlPath[] {
  const out: YamlPath[] = [];
  const walk = (v: unknown, p: Array<string | number>) => {
    out.push(p);
    if (p.length >= depth) return;
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
    else if (v && typeof v === 'object') for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k], [...p, k]);
  };
  walk(data, []);
  return out;
}

/** fastLocate either declines (undefined) or agrees with the exact, document-model locator. */
function checkAgreement(file: YamlFile): number {
  let answered = 0;
  for (const path of allPaths(file.data)) {
    for (const atKey of [false, true]) {
      const fast = fastLocate(file.text, path, atKey);
      if (!fast) continue;
      answered++;
      const exact = atKey ? file.locateKey(path) : file.locate(path);
      expect({ path, atKey, ...fast }).toEqual({ path, atKey, ...exact });
    }
  }
  return answered;
}

describe('fastLocate', () => {
  it('agrees with YamlFile.locate on every node of the fixture content', () => {
    const content = loadContent(writeTree());
    let answered = 0;
    for (const d of content.detections) answered += checkAgreement(d.file);
    for (const m of content.macros.values()) answered += checkAgreement(m.file);
    expect(answered).toBeGreaterThan(100);
  });

  it('handles sequences at the key column, nested items and block scalars', () => {
    const text = 'a:\n- x\n- y: 1\n  z: |\n    text\nb:\n  - c: 2\n';
    expect(fastLocate(text, ['a', 1, 'z'])).toEqual({ line: 4, column: 6 });
    expect(fastLocate(text, ['a', 1, 'z'], true)).toEqual({ line: 4, column: 3 });
    expect(fastLocate(text, ['b', 0, 'c'])).toEqual({ line: 7, column: 8 });
    expect(fastLocate(text, ['a', 5])).toBeUndefined();
  });

  it('declines flow collections', () => {
    expect(fastLocate('a: [1, 2]\n', ['a', 1])).toBeUndefined();
  });
});

describeShared('fastLocate on ESCU detections', () => {
  it('agrees with YamlFile.locate on a sample of real files', () => {
    const dir = join(ESCU, 'detections', 'endpoint');
    const names = readdirSync(dir)
      .filter((n) => n.endsWith('.yml'))
      .filter((_, i) => i % 25 === 0);
    let answered = 0;
    for (const name of names) {
      const file = readYamlFile(ESCU, join(dir, name), []);
      // Files the document model rejects (js-yaml is more lenient) have no exact positions to compare.
      if (!file || parseDocument(file.text, { uniqueKeys: false }).errors.length) continue;
      answered += checkAgreement(file);
    }
    expect(answered).toBeGreaterThan(1000);
  });
});
