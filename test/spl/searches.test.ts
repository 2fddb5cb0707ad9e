import { describe, expect, it } from 'vitest';
import { loadYaml } from '../../harness/content/yaml.js';
import { toDetection } from '../../harness/content/load.js';
import type { Content } from '../../harness/content/types.js';
import { checkDetectionSearches, detectionSearches, fillTokens } from '../../harness/spl/searches.js';

const yaml = [
  'name: Drill',
  'id: 33333333-3333-3333-3333-333333333333',
  "search: 'index=main | stats count by dest'",
  'drilldown_searches:',
  '- name: results',
  "  search: '%original_detection_search% | search dest = $dest$'",
  '- name: broken',
  "  search: '| from datamodel Risk.All_Risk | rename $dest$ $user$'",
  '',
].join('\n');
const detection = toDetection(loadYaml('/x/d.yml', 'detections/d.yml', yaml).file)!;
const content: Content = {
  root: '/x',
  detections: [detection],
  macros: new Map(),
  stories: new Map(),
  dataSources: new Map(),
  lookups: new Map(),
  baselines: [],
  loadFindings: [],
};

describe('detection searches', () => {
  it('fills $tokens$ with same-length placeholder words', () => {
    expect(fillTokens('dest = $dest$ IN ($a.b$)')).toBe('dest = _dest_ IN (_a.b_)');
  });
  it('substitutes %original_detection_search% and maps offsets back', () => {
    const [, d1] = detectionSearches(detection);
    expect(d1.text).toBe('index=main | stats count by dest | search dest = _dest_');
    expect(d1.locate(d1.text.indexOf('stats'))).toEqual({ inOriginal: true, offset: detection.search.indexOf('stats') });
    expect(d1.locate(d1.text.indexOf('_dest_'))).toEqual({ inOriginal: false, offset: '%original_detection_search% | search dest = '.length });
  });
  it('positions a drilldown error on the drilldown line of the file', () => {
    const checked = checkDetectionSearches(detection, content);
    expect(checked.map((c) => c.errors.length)).toEqual([0, 0, 1]);
    // Line 8 is the broken drilldown; the error points at `$user$`, where AS was expected.
    expect(checked[2].errors[0]).toMatchObject({
      message: "rename: expected AS after '_dest_' but found '_user_'",
      line: 8,
      column: yaml.split('\n')[7].indexOf('$user$') + 1,
    });
  });
});
