/**
 * transaction: "The transaction command finds transactions based on events that meet various
 * constraints." Events with the same values of the transaction fields are grouped:
 * - "maxspan: Specifies the maximum length of time in seconds, minutes, hours, or days that the
 *   events can span"; "maxpause: ... the maximum length of time ... for the pause between
 *   consecutive events in a transaction"; "maxevents: The maximum number of events in a
 *   transaction" (default 1000).
 * - "startswith: A search or eval filtering expression which if satisfied by an event marks the
 *   beginning of a new transaction"; "endswith: ... marks the end of a transaction". A
 *   transaction that never reaches its end is evicted and dropped (unless `keepevicted=true`).
 * - Each transaction is one result: every field's distinct values merged (multivalue), `_time`
 *   of its first event, `duration` (last minus first `_time`), `eventcount`, `_raw` joined by
 *   newlines, and `closed_txn` when evicted transactions are kept.
 * Events are taken in time order. An event lacking one of the transaction fields is left out
 * (Splunk can attach such events to a compatible transaction; `connected` is accepted).
 */
import type { SearchExpr, Options, CommandNodeBase } from '../../spl/ast.js';
import type { Event, Scalar, Unsupported } from '../types.js';
import { compileSearch } from '../match.js';
import { mvValues, toNumber, toText, fromValues } from '../values.js';
import { parseEvalExpression, parseSearchExpression } from '../../spl/parse.js';
import { parseSpan } from './lib/span.js';
import { optionFlag, optionNumber, optionText } from './lib/stream.js';
import { compileTest, type EvalContext } from './lib/expr.js';
import type { CommandSpec } from './types.js';
import { renderOptions, renderList, joinParts } from '../../spl/render.js';
import { defineCommand } from './types.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface TransactionCommand extends CommandNodeBase {
  cmd: 'transaction';
  fields: string[];
  options: Options;
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    transaction: TransactionCommand;
  }
}

const syntax: CommandSyntax<TransactionCommand> = {
  cmd: 'transaction',
  parse(r, base) {
    const options: Options = {};
    const list: string[] = [];
    while (!r.atEnd()) {
      if (r.eatComma()) continue;
      const o = r.option();
      if (o) options[o[0]] = o[1];
      else list.push(r.field());
    }
    return { ...base, cmd: 'transaction', fields: list, options };
  },
  render: (c) => joinParts('transaction', renderList(c.fields), ...renderOptions(c.options)),
};

const SUPPORTED = [
  'maxspan',
  'maxpause',
  'maxevents',
  'startswith',
  'endswith',
  'connected',
  'keepevicted',
  'mvlist',
  'delim',
  'unifyends',
  'keeporphans',
  'mvraw',
  'nullstr',
];

function seconds(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = optionText(text)!;
  if (/^-1$/.test(t)) return undefined;
  const span = parseSpan(t);
  if (!span) return undefined;
  return span.unit === 'number' ? span.size : span.unit === 'seconds' ? span.size : span.size * 30 * 86400;
}

/** `startswith=(EventCode=4698)`, `startswith="text"` or `startswith=eval(x>1)` as an event test. */
function filterOf(text: string | undefined, evalContext: EvalContext): ((e: Event) => boolean) | undefined {
  if (text === undefined) return undefined;
  const t = optionText(text)!.trim();
  const evalMatch = /^eval\s*\((.*)\)$/s.exec(t);
  if (evalMatch) {
    const { expr, errors } = parseEvalExpression(evalMatch[1]);
    if (!expr || errors.length) throw new Error(`transaction: cannot read ${t}`);
    return compileTest(expr, evalContext);
  }
  const src = t.startsWith('(') && t.endsWith(')') ? t.slice(1, -1) : text.startsWith('"') ? JSON.stringify(t) : t;
  const { expr, errors } = parseSearchExpression(src);
  if (!expr || errors.length) throw new Error(`transaction: cannot read ${t}`);
  return compileSearch(expr as SearchExpr);
}

interface Open {
  events: Event[];
  start: number;
  last: number;
}

export const transaction: CommandSpec<TransactionCommand> = {
  options: SUPPORTED,
  check(command) {
    const out: Unsupported[] = [];
    for (const o of ['mvlist', 'unifyends', 'keeporphans', 'mvraw'])
      if (optionFlag(command.options[o], false)) out.push({ kind: 'option', name: `transaction:${o}` });
    return out;
  },
  operator: async function* (input, command, ctx) {
    const maxspan = seconds(command.options.maxspan);
    const maxpause = seconds(command.options.maxpause);
    const maxevents = optionNumber(command.options.maxevents, 1000);
    const starts = filterOf(command.options.startswith, ctx.evalContext);
    const ends = filterOf(command.options.endswith, ctx.evalContext);
    const keepEvicted = optionFlag(command.options.keepevicted, false);
    const delim = optionText(command.options.delim) ?? ' ';

    const all: Array<{ event: Event; time: number; i: number }> = [];
    let i = 0;
    for await (const event of input) all.push({ event, time: toNumber(event._time) ?? 0, i: i++ });
    all.sort((a, b) => a.time - b.time || a.i - b.i);

    const open = new Map<string, Open>();
    const done: Array<{ t: Open; closed: boolean }> = [];
    const close = (key: string, closed: boolean) => {
      const t = open.get(key);
      if (!t) return;
      open.delete(key);
      if (closed || keepEvicted) done.push({ t, closed });
    };
    for (const { event, time } of all) {
      const parts: string[] = [];
      let missing = false;
      for (const f of command.fields) {
        const vs = mvValues(event[f]);
        if (!vs.length) missing = true;
        parts.push(vs.map((v) => toText(v) ?? '').join('\n'));
      }
      if (missing) continue;
      const key = JSON.stringify(parts);
      let t = open.get(key);
      if (t && ((maxspan !== undefined && time - t.start > maxspan) || (maxpause !== undefined && time - t.last > maxpause) || t.events.length >= maxevents)) {
        close(key, !ends);
        t = undefined;
      }
      if (starts?.(event)) {
        if (t) close(key, !ends);
        t = undefined;
      } else if (!t && starts) continue; // not a start and nothing open: an orphan
      if (!t) {
        t = { events: [], start: time, last: time };
        open.set(key, t);
      }
      t.events.push(event);
      t.last = time;
      if (ends?.(event)) close(key, true);
    }
    for (const key of [...open.keys()]) close(key, !ends);
    done.sort((a, b) => a.t.start - b.t.start);
    for (const { t, closed } of done) yield merge(t, keepEvicted ? closed : undefined, delim);
  },
};

function merge(t: Open, closed: boolean | undefined, _delim: string): Event {
  const fields = new Map<string, Scalar[]>();
  const raws: string[] = [];
  for (const e of t.events) {
    for (const [k, v] of Object.entries(e)) {
      if (k === '_raw' || k === '_time' || v === undefined) continue;
      const list = fields.get(k) ?? [];
      for (const x of mvValues(v)) if (!list.some((y) => toText(y) === toText(x))) list.push(x);
      fields.set(k, list);
    }
    const raw = toText(e._raw);
    if (raw !== undefined) raws.push(raw);
  }
  const out: Event = {};
  for (const [k, vs] of fields) out[k] = fromValues(vs);
  out._time = t.start;
  if (raws.length) out._raw = raws.join('\n');
  out.duration = t.last - t.start;
  out.eventcount = t.events.length;
  if (closed !== undefined) out.closed_txn = closed ? 1 : 0;
  return out;
}

export const command = defineCommand<TransactionCommand>({ names: ['transaction'], syntax, spec: transaction });
