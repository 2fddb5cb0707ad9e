import { describe, expect, it } from 'vitest';
import { outputFields } from '../../harness/spl/output-fields.js';
import { parseSearch } from '../../harness/spl/parse.js';

const out = (spl: string) => {
  const { pipeline, errors } = parseSearch(spl);
  expect(errors).toEqual([]);
  const o = outputFields(pipeline);
  return { closed: o.closed, fields: [...o.fields].sort() };
};

describe('outputFields', () => {
  it('is open for raw events and closed by stats (group-by fields plus aggregation outputs)', () => {
    expect(out('index=main user=*').closed).toBe(false);
    // Splunk stats: results hold the BY fields and one column per aggregation, named by `as` or func(field).
    expect(out('index=main | stats count values(process) max(_time) as lastTime by dest user')).toEqual({
      closed: true,
      fields: ['count', 'dest', 'lastTime', 'user', 'values(process)'],
    });
  });

  it('keeps every field through eventstats and adds its outputs', () => {
    expect(out('index=main | stats count by dest | eventstats avg(count) as avg')).toEqual({ closed: true, fields: ['avg', 'count', 'dest'] });
  });

  it('renames with wildcards as drop_dm_object_name does', () => {
    expect(out('| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.user | rename Processes.* as *')).toEqual({
      closed: true,
      fields: ['count', 'dest', 'user'],
    });
  });

  it('follows table, fields -, eval, rex and lookup OUTPUT', () => {
    expect(out('index=main | stats count by a b c | fields - c | eval d=1 | rex field=a "(?<e>x+)" | lookup t a OUTPUT f AS g')).toEqual({
      closed: true,
      fields: ['a', 'b', 'count', 'd', 'e', 'g'],
    });
    expect(out('index=main | stats count by a b | table a')).toEqual({ closed: true, fields: ['a'] });
    expect(out('index=main | stats count by ab ac b | table a*')).toEqual({ closed: true, fields: ['ab', 'ac'] });
  });

  it('re-opens on commands it does not model', () => {
    expect(out('index=main | stats count by a | join a [search index=x | fields a z]').closed).toBe(false);
    expect(out('index=main | stats count by a | lookup t a').closed).toBe(false);
    expect(out('index=main | stats count by a | spath').closed).toBe(false);
  });
});
