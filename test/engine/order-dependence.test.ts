import { describe, expect, it } from 'vitest';
import { parseSearch } from '../../harness/spl/parse.js';
import { dependsOnEventOrder } from '../../harness/engine/order.js';

const depends = (spl: string) => dependsOnEventOrder(parseSearch(spl).pipeline, false);

describe('dependsOnEventOrder: may the rows differ with the order events arrive in?', () => {
  it('no, once stats or tstats ran with functions that ignore order (rows sorted by their by-fields)', () => {
    expect(
      depends(
        '| tstats count min(_time) as firstTime values(Processes.process) as p from datamodel=Endpoint.Processes where Processes.process_name=winrs.exe by Processes.dest',
      ),
    ).toBe(false);
    expect(depends('EventCode=1 | eval x=lower(Image) | where like(x, "%cmd%") | stats count dc(user) by host | head 1')).toBe(false);
  });

  it('no, for earliest()/latest() reading the events themselves: equal times keep their file order either way', () => {
    expect(depends('EventCode=1 | stats latest(user) earliest(Image) by host')).toBe(false);
    expect(depends('| tstats latest(Processes.user) from datamodel=Endpoint.Processes by _time span=1h Processes.dest')).toBe(false);
    expect(
      depends('EventCode=1 | eval x=lower(Image) | rename User as user | rex field=x "(?<exe>[^\\\\]+)$" | lookup l a OUTPUT b as c | stats latest(user) by x'),
    ).toBe(false);
  });

  it('yes, for earliest()/latest() once a command may have rewritten _time', () => {
    for (const step of [
      'bin _time span=1h',
      'eval _time=_time+1',
      'rename t as _time',
      'rename *t as _*',
      'fillnull value=0',
      'lookup l a',
      'rex "(?<_time>\\d+)"',
      'eval {f}=1',
      'dedup x',
    ]) {
      expect(depends(`EventCode=1 | ${step} | stats latest(user) by host`), step).toBe(true);
    }
  });

  it("yes, when the rows are the events themselves (their order is the result's)", () => {
    expect(depends('EventCode=1 | eval x=1 | table x host')).toBe(true);
  });

  it('yes, with a command before the aggregation that looks at more than one event, or an order-bound function', () => {
    expect(depends('EventCode=1 | head 5 | stats count')).toBe(true);
    expect(depends('EventCode=1 | dedup host | stats count')).toBe(true);
    expect(depends('EventCode=1 | stats first(user) by host')).toBe(true);
    expect(depends('EventCode=1 | stats list(user) by host')).toBe(true);
    expect(depends('EventCode=1 | bin _time span=1h | stats latest(user) by host')).toBe(true);
    expect(depends('EventCode=1 | eval _time=_time+1 | stats earliest(user) by host')).toBe(true);
    expect(depends('EventCode=1 | eventstats count by host | stats count by host')).toBe(true);
  });

  it('yes, whenever another command reads events again', () => {
    expect(dependsOnEventOrder(parseSearch('EventCode=1 | stats count by host').pipeline, true)).toBe(true);
  });
});
