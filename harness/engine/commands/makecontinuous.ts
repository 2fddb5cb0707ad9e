/**
 * makecontinuous: "Makes a field on the x-axis numerically continuous by adding empty buckets for
 * periods where there is no data and quantifying the periods where there is data." `makecontinuous
 * <field> span=<span>`: every result's field is put in its bucket of `span` (a time span, or a
 * number for a numeric field), and one result holding only the field is added for each empty
 * bucket between the smallest and the largest. The engine's readings, since the page does not say:
 * the results come out ordered by the field (as a chart's x-axis reads), a result whose field is
 * not a number is passed on first, unchanged. Unsupported, named: no field (its default is not
 * documented), `bins=` (how many bins it makes from the data's range is not documented), `start=`
 * / `end=`, log spans.
 * https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/makecontinuous
 */
import type { GenericCommand } from '../../spl/ast.js';
import type { Event, Unsupported } from '../types.js';
import { isNumeric, mvValues, toNumber } from '../values.js';
import { readGenericArgs } from './lib/generic-args.js';
import { parseSpan, timeBucket, type Span } from './lib/span.js';
import { TOKEN_SYNTAX } from './lib/token-syntax.js';
import type { CommandSpec } from './types.js';
import { defineCommand } from './types.js';

/** A bound on the buckets added, so a tiny span over a long range is an error rather than a hang. */
const MAX_BUCKETS = 1_000_000;

const nextBucket = (t: number, span: Span) => {
  if (span.unit !== 'months') return t + span.size;
  const d = new Date(t * 1000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + span.size, 1) / 1000;
};

export const makecontinuous: CommandSpec<GenericCommand> = {
  options: ['span'],
  check(command): Unsupported[] {
    const { options, words } = readGenericArgs(command.args);
    const out: Unsupported[] = Object.keys(options)
      .filter((k) => k !== 'span')
      .map((k) => ({ kind: 'option', name: `makecontinuous:${k}` }));
    if (options.span === undefined || !parseSpan(options.span))
      out.push({ kind: 'option', name: `makecontinuous:${options.span === undefined ? 'no span' : `span=${options.span}`}` });
    if (words.length !== 1) out.push({ kind: 'option', name: 'makecontinuous: expects one field' });
    return out;
  },
  operator: async function* (input, command) {
    const { options, words } = readGenericArgs(command.args);
    const field = words[0];
    const span = parseSpan(options.span!)!;
    const bucket = (v: number) => (span.unit === 'number' ? Math.floor(v / span.size) * span.size : timeBucket(v, span));
    const rows: Array<{ at: number; event: Event }> = [];
    for await (const event of input) {
      const vs = mvValues(event[field]);
      if (vs.length !== 1 || !isNumeric(vs[0])) {
        yield event;
        continue;
      }
      const at = bucket(toNumber(vs[0])!);
      rows.push({ at, event: { ...event, [field]: at } });
    }
    if (!rows.length) return;
    rows.sort((a, b) => a.at - b.at);
    const step = (t: number) => (span.unit === 'number' ? t + span.size : nextBucket(t, span));
    let i = 0;
    let added = 0;
    for (let t = rows[0].at; t <= rows[rows.length - 1].at; t = step(t)) {
      if (i < rows.length && rows[i].at === t) {
        while (i < rows.length && rows[i].at === t) yield rows[i++].event;
      } else {
        if (++added > MAX_BUCKETS) throw new Error(`makecontinuous would add more than ${MAX_BUCKETS} empty buckets`);
        yield { [field]: t };
      }
    }
  },
};

export const command = defineCommand<GenericCommand>({ names: ['makecontinuous'], syntax: TOKEN_SYNTAX, spec: makecontinuous });
