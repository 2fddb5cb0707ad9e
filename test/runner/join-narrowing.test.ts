import { describe, expect, it } from 'vitest';
import '../../harness/engine/commands/index.js';
import { joinNarrowing, joinValues, MOST_JOIN_VALUES, narrowable, narrowedMain } from '../../harness/runner/join-narrowing.js';
import { describeNeed, readerNeed } from '../../harness/runner/prefilter.js';
import { renderPipeline } from '../../harness/spl/render.js';
import { parseSearch } from '../../harness/spl/parse.js';

/**
 * A join's main search narrowed by its subsearch's values (join-narrowing.ts). Splunk runs the
 * subsearch first (Search Manual, "About subsearches"); an inner join keeps a main result only when
 * a subsearch result has the same values in the join fields (Search Reference, join: "type=inner
 * ... only includes events that have matches in both"). So the main search's reading command may
 * require one of those values, when the join field is that command's row field unchanged.
 */
const SYSMON = [{ source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', sourcetype: 'XmlWinEventLog' }];
const SUB = '[| tstats count from datamodel=Endpoint.Filesystem where Filesystem.file_name="*.bat" by Filesystem.process_guid | rename Filesystem.* as *]';
const MAIN = '| tstats count from datamodel=Endpoint.Processes by Processes.process_guid Processes.dest';

function narrowingOf(search: string) {
  const pipeline = parseSearch(search).pipeline;
  const cut = pipeline.commands.findIndex((c) => c.cmd === 'join');
  return { pipeline, cut, narrowing: joinNarrowing(pipeline, cut, SYSMON) };
}

describe('join narrowing', () => {
  it('follows the join field back through renames to a BY field of the main tstats', () => {
    const { narrowing } = narrowingOf(`${MAIN} | rename Processes.* as * | eval x=1 | join process_guid ${SUB} | table dest`);
    expect(narrowing).toEqual({ joinFields: ['process_guid'], readFields: ['Processes.process_guid'], fill: undefined });
    expect(narrowingOf(`${MAIN} | rename Processes.process_guid as guid | join guid ${SUB}`).narrowing?.readFields).toEqual(['Processes.process_guid']);
    // Whatever value the field holds at the join: here the BY field renamed onto it.
    expect(narrowingOf(`${MAIN} | rename Processes.dest as process_guid | join process_guid ${SUB}`).narrowing?.readFields).toEqual(['Processes.dest']);
    expect(narrowingOf(`search source="XmlWinEventLog:Microsoft-Windows-Sysmon/Operational" | join ProcessGuid ${SUB}`).narrowing?.readFields).toEqual([
      'ProcessGuid',
    ]);
  });

  it('leaves alone what the join does not narrow exactly, or what is read narrowly already', () => {
    const none = (search: string) => expect(narrowingOf(search).narrowing).toBeUndefined();
    // A left or outer join keeps every main result.
    none(`${MAIN} | rename Processes.* as * | join type=left process_guid ${SUB}`);
    none(`${MAIN} | rename Processes.* as * | join type=outer process_guid ${SUB}`);
    // No join fields: the common fields are only known once the rows are.
    none(`${MAIN} | rename Processes.* as * | join ${SUB}`);
    // The field is made or changed on the way, or is an aggregation's output.
    none(`${MAIN} | rename Processes.* as * | eval process_guid=lower(process_guid) | join process_guid ${SUB}`);
    none(`${MAIN} | rename Processes.* as * | stats count by process_guid | join process_guid ${SUB}`);
    none(`| tstats values(Processes.process_guid) as process_guid from datamodel=Endpoint.Processes by Processes.dest | join process_guid ${SUB}`);
    // The main search's own filter already narrows its read.
    none(
      `| tstats count from datamodel=Endpoint.Processes where Processes.process_name=winrs.exe by Processes.process_guid | rename Processes.* as * | join process_guid ${SUB}`,
    );
    none(`search EventCode=1 | join ProcessGuid ${SUB}`);
  });

  it('requires one of the values in the reading command, which the raw-text pre-filter then asks for', () => {
    const { pipeline, cut, narrowing } = narrowingOf(`${MAIN} | rename Processes.* as * | join process_guid ${SUB}`);
    const head = { ...pipeline, commands: pipeline.commands.slice(0, cut) };
    const narrowed = narrowedMain(head, narrowing!, [['{0FD50764-28F3-6440-E008-000000001800}']]);
    expect(renderPipeline(narrowed)).toContain('Processes.process_guid IN ("{0FD50764-28F3-6440-E008-000000001800}")');
    expect(describeNeed(readerNeed(narrowed.commands[0], SYSMON[0]))).toContain('0fd50764');
    expect(describeNeed(readerNeed(head.commands[0], SYSMON[0]))).not.toContain('0fd50764');
  });

  it('reads the main search whole when the values are too many, or hold its fillnull_value stand-in', () => {
    // tstats doc: fillnull_value "sets a user-specified value that the tstats command substitutes
    // for null values for any field within its group-by field list": a group the join can keep
    // whose events lack the field, which a read requiring the field would drop.
    const { narrowing } = narrowingOf(
      `| tstats fillnull_value=null count from datamodel=Endpoint.Processes by Processes.process_guid | rename Processes.* as * | join process_guid ${SUB}`,
    );
    expect(narrowing?.fill).toBe('null');
    expect(narrowable(narrowing!, [['{A}', '{B}']])).toBe(true);
    expect(narrowable(narrowing!, [['{A}', 'null']])).toBe(false);
    const many = Array.from({ length: MOST_JOIN_VALUES + 1 }, (_, i) => `{${i}}`);
    expect(narrowable(narrowing!, [many])).toBe(false);
  });

  it('takes every value of a multivalue join field', () => {
    expect(joinValues([{ g: ['a', 'b'] }, { g: 'a' }, { h: 'c' }, { g: 3 }], ['g'])).toEqual([['a', 'b', '3']]);
  });
});
