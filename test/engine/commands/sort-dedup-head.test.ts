/** Golden tests: sort, dedup, head, tail, reverse (Splunk Search Reference pages of the same names). */
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

const events = [
  { id: '1', n: '10', s: 'b', host: 'x' },
  { id: '2', n: '9', s: 'a', host: 'y' },
  { id: '3', n: '100', s: 'C', host: 'x' },
  { id: '4', s: 'a', host: 'x' },
];
const ids = (rows: Array<Record<string, unknown>>) => rows.map((r) => r.id);

describe('sort', () => {
  it('sorts numbers numerically and text lexicographically (uppercase first); missing values last', async () => {
    // sort: numbers sort numerically, text lexicographically; Search Manual, Lexicographical order:
    // "Uppercase letters are sorted before lowercase letters." sort: "Results missing a given field
    // are treated as having the smallest or largest possible value of that field if the order is
    // descending or ascending, respectively."
    expect(ids(await run('* | sort n', { events }))).toEqual(['2', '1', '3', '4']);
    expect(ids(await run('* | sort - n', { events }))).toEqual(['3', '1', '2', '4']);
    expect(ids(await run('* | sort s', { events }))).toEqual(['3', '2', '4', '1']);
  });

  it('str() forces lexicographic order, num() numeric; several keys; stable', async () => {
    expect(ids(await run('* | sort str(n)', { events }))).toEqual(['1', '3', '2', '4']);
    expect(ids(await run('* | sort host, -num(id)', { events }))).toEqual(['4', '3', '1', '2']);
  });

  it('a count limits the results; sort 0 keeps all; the default limit is 10000', async () => {
    // sort: "If no number is specified, the default limit of 10000 is used. If the number 0 is specified, all of the results are returned."
    expect(ids(await run('* | sort 2 -n', { events }))).toEqual(['3', '1']);
    const many = Array.from({ length: 10_005 }, (_, i) => ({ i }));
    expect((await run('* | sort i', { events: many })).length).toBe(10_000);
    expect((await run('* | sort 0 i', { events: many })).length).toBe(10_005);
  });
});

describe('dedup', () => {
  it('keeps the first event of each combination and drops events missing a field', async () => {
    // dedup: "Removes the events that contain an identical combination of values for the fields that you specify."
    expect(ids(await run('* | dedup host', { events }))).toEqual(['1', '2']);
    expect(ids(await run('* | dedup n', { events }))).toEqual(['1', '2', '3']);
  });

  it('keepempty=true keeps events that lack a field', async () => {
    // dedup: "keepempty: If set to true, keeps every event where one or more of the specified fields is not present (null)."
    expect(ids(await run('* | dedup keepempty=true n', { events }))).toEqual(['1', '2', '3', '4']);
  });

  it('a count keeps the first N of each combination; consecutive only drops runs', async () => {
    expect(ids(await run('* | dedup 2 host', { events }))).toEqual(['1', '2', '3']);
    // "consecutive: If true, only remove events with duplicate combinations of values that are consecutive."
    expect(ids(await run('* | dedup consecutive=true host', { events }))).toEqual(['1', '2', '3']);
  });

  it('sortby decides which event is kept and orders the results', async () => {
    // dedup: "You can sort the fields, which determines which event is retained."
    expect(ids(await run('* | dedup host sortby -id', { events }))).toEqual(['4', '2']);
  });
});

describe('head, tail, reverse', () => {
  it('head N returns the first N, default 10; tail N the last N in reverse order', async () => {
    // head: "Returns the first N number of specified results in search order." tail: "Returns the
    // last N number of specified results. The events are returned in reverse order."
    expect(ids(await run('* | head 2', { events }))).toEqual(['1', '2']);
    expect(ids(await run('* | tail 2', { events }))).toEqual(['4', '3']);
    const many = Array.from({ length: 20 }, (_, i) => ({ i }));
    expect((await run('* | head', { events: many })).length).toBe(10);
  });

  it('head with an expression stops at the first result where it is false', async () => {
    // head: "<eval-expression> ... returns results until that expression evaluates to false"
    expect(ids(await run('* | head (host="x")', { events }))).toEqual(['1']);
  });

  it('reverse reverses the order', async () => {
    expect(ids(await run('* | reverse', { events }))).toEqual(['4', '3', '2', '1']);
  });
});
