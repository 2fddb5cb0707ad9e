import '../../harness/engine/commands/index.js';
import { describe, expect, it } from 'vitest';
import { parseSearch } from '../../harness/spl/parse.js';
import { sourceReads } from '../../harness/engine/reads.js';

/**
 * What a pipeline reads (engine/reads.ts): the leading `search` reads the events, tstats a data
 * model dataset (or the events, over indexed fields), in the main pipeline or a subsearch; each
 * read's filter is its search expression or `where`. A filter with a subsearch term is only known
 * at run time (no filter), and a command reading in a way not described here (map, from) makes the
 * reads unknown.
 */
const reads = (spl: string) => sourceReads(parseSearch(spl).pipeline);
const places = (spl: string) => reads(spl)?.map((r) => [r.dataset ?? 'events', r.filter ? 'filter' : 'all']);

describe('sourceReads', () => {
  it('names each place a pipeline reads and whether it filters', () => {
    expect(places('search EventCode=1 | stats count by host')).toEqual([['events', 'filter']]);
    expect(places('| tstats count from datamodel=Endpoint.Processes where Processes.process_name=x by Processes.dest')).toEqual([
      ['Endpoint.Processes', 'filter'],
    ]);
    expect(places('| tstats count from datamodel=Endpoint.Processes by Processes.dest')).toEqual([['Endpoint.Processes', 'all']]);
    expect(places('| tstats count where index=main by sourcetype')).toEqual([['events', 'filter']]);
    expect(places('| tstats count from datamodel=Network_Traffic where nodename=All_Traffic.Blocked_Traffic by All_Traffic.dest')).toEqual([
      ['Network_Traffic.All_Traffic.Blocked_Traffic', 'filter'],
    ]);
  });

  it('finds the reads of subsearches, joins and appends', () => {
    expect(
      places(
        '| tstats count from datamodel=Endpoint.Processes by Processes.dest | join Processes.dest [| tstats count from datamodel=Endpoint.Filesystem by Filesystem.dest]',
      ),
    ).toEqual([
      ['Endpoint.Processes', 'all'],
      ['Endpoint.Filesystem', 'all'],
    ]);
    expect(places('search a=1 | append [search b=2]')).toEqual([
      ['events', 'filter'],
      ['events', 'filter'],
    ]);
    // The subsearch's results become terms of the outer search only at run time.
    expect(places('search a=1 [search b=2 | fields c]')).toEqual([
      ['events', 'all'],
      ['events', 'filter'],
    ]);
  });

  it('a filter keeps what its command keeps', () => {
    const [read] = reads('search EventCode=1 process_name=winrs.exe')!;
    expect(read.filter!({ EventCode: '1', process_name: 'WINRS.EXE' })).toBe(true);
    expect(read.filter!({ EventCode: '4688', process_name: 'winrs.exe' })).toBe(false);
  });

  it('is unknown when a command reads in another way', () => {
    expect(reads('| makeresults | map search="search a=$x$"')).toBeUndefined();
    expect(reads('| from datamodel:Endpoint.Processes | stats count')).toBeUndefined();
    // Generating commands that read nothing leave the pipeline without reads.
    expect(reads('| makeresults | eval a=1')).toEqual([]);
  });

  it('names the row fields a tstats over a dataset reads: where, by, aggregation fields and _time', () => {
    const fields = (spl: string) => {
      const f = reads(spl)![0].fields;
      return f && [...f].sort();
    };
    expect(
      fields(
        '| tstats count min(_time) as firstTime values(Processes.process) as process from datamodel=Endpoint.Processes where Processes.process_name IN (a.exe, b.exe) NOT Processes.user=x by _time span=1h Processes.dest',
      ),
    ).toEqual(['Processes.dest', 'Processes.process', 'Processes.process_name', 'Processes.user', '_time']);
    expect(fields('| tstats count from datamodel=Network_Traffic where nodename=All_Traffic.Blocked_Traffic by All_Traffic.dest')).toEqual([
      'All_Traffic.dest',
      '_time',
      'nodename',
    ]);
    // Open references: a bare term (matched against every field of a row without _raw), a wildcard, an eval argument.
    expect(fields('| tstats count from datamodel=Endpoint.Processes where winrs by Processes.dest')).toBeUndefined();
    expect(fields('| tstats values(Processes.*) from datamodel=Endpoint.Processes by Processes.dest')).toBeUndefined();
    expect(fields('| tstats count(eval(Processes.process_id>4)) as n from datamodel=Endpoint.Processes by Processes.dest')).toBeUndefined();
    // The events themselves (a leading search, tstats over indexed fields) may be read for any field.
    expect(fields('search EventCode=1 | stats count by host')).toBeUndefined();
    expect(fields('| tstats count where index=main by sourcetype')).toBeUndefined();
  });
});
