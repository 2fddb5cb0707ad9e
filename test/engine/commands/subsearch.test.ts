/**
 * Golden tests: join, append, appendpipe and subsearch terms (Splunk Search Reference: "join",
 * "append", "appendpipe"; Search Manual: "About subsearches").
 */
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

const events = [
  { _raw: 'p1', kind: 'proc', host: 'h1', user: 'alice' },
  { _raw: 'p2', kind: 'proc', host: 'h2', user: 'bob' },
  { _raw: 'p3', kind: 'proc', host: 'h3', user: 'carol' },
  { _raw: 'n1', kind: 'net', host: 'h1', dest: '10.0.0.1' },
  { _raw: 'n2', kind: 'net', host: 'h1', dest: '10.0.0.2' },
  { _raw: 'n3', kind: 'net', host: 'h2', dest: '10.0.0.3', user: 'svc' },
];

describe('join', () => {
  it('inner join by default, one subsearch row per result (max=1)', async () => {
    // join: "type ... Default: inner"; "max: Specifies the maximum number of subsearch results that each main search result can join with ... Default: 1"
    const rows = await run('kind=proc | join host [search kind=net | fields host dest] | table host user dest', { events });
    expect(rows).toEqual([
      { host: 'h1', user: 'alice', dest: '10.0.0.1' },
      { host: 'h2', user: 'bob', dest: '10.0.0.3' },
    ]);
  });

  it('type=left keeps main results without a match; max=0 joins every match', async () => {
    // join: "A left join or outer join ... includes all results from the main search"; "If set to max=0, there is no limit."
    const rows = await run('kind=proc | join type=left max=0 host [search kind=net | fields host dest] | table host dest', { events });
    expect(rows).toEqual([{ host: 'h1', dest: '10.0.0.1' }, { host: 'h1', dest: '10.0.0.2' }, { host: 'h2', dest: '10.0.0.3' }, { host: 'h3' }]);
  });

  it('subsearch fields overwrite main fields of the same name by default', async () => {
    // join: "overwrite ... fields from the subresults overwrite the fields from the main results, if the fields have the same field name. Default: true"
    const rows = await run('kind=proc host=h2 | join host [search kind=net | fields host user] | table host user', { events });
    expect(rows).toEqual([{ host: 'h2', user: 'svc' }]);
    const kept = await run('kind=proc host=h2 | join overwrite=false host [search kind=net | fields host user] | table host user', { events });
    expect(kept).toEqual([{ host: 'h2', user: 'bob' }]);
  });
});

describe('append and appendpipe', () => {
  it('append adds the subsearch results after the main results', async () => {
    // append: "Appends the results of a subsearch to the current results."
    const rows = await run('kind=proc | stats count as procs | append [search kind=net | stats count as nets]', { events });
    expect(rows).toEqual([{ procs: 3 }, { nets: 3 }]);
  });

  it('appendpipe runs its sub-pipeline over the current results', async () => {
    // appendpipe: "Appends the result of the subpipeline to the search results ... The subpipeline is run when the search reaches the appendpipe command."
    const rows = await run('* | stats count by kind | appendpipe [stats sum(count) as count | eval kind="total"]', { events });
    expect(rows).toEqual([
      { kind: 'net', count: 3 },
      { kind: 'proc', count: 3 },
      { count: 6, kind: 'total' },
    ]);
  });
});

describe('subsearch terms', () => {
  it('the subsearch results become OR-ed field=value terms', async () => {
    // Search Manual: a subsearch's results are returned as a search expression: (f1=v1) OR (f1=v2) ...
    const rows = await run('kind=proc [search kind=net dest=10.0.0.3 | fields host] | table user', { events });
    expect(rows).toEqual([{ user: 'bob' }]);
  });

  it('a subsearch with no results matches nothing', async () => {
    expect(await run('kind=proc [search kind=nothing | fields host]', { events })).toEqual([]);
  });

  it('a subsearch inside NOT excludes', async () => {
    const rows = await run('kind=proc NOT [search kind=net | fields host] | table host', { events });
    expect(rows).toEqual([{ host: 'h3' }]);
  });
});
