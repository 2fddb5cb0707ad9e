/**
 * join: "Use the join command to combine the results of a subsearch with the results of a main
 * search. One or more of the fields must be common to each result set."
 * - "type: Indicates the type of join to perform ... inner / outer / left"; default inner;
 *   outer and left are the same ("A left join or outer join ... includes all results from the
 *   main search").
 * - "max: Specifies the maximum number of subsearch results that each main search result can
 *   join with. If set to max=0, there is no limit." Default 1.
 * - "If no fields are specified, all of the fields that are common to both result sets are used."
 * - "overwrite: ... fields from the subresults overwrite the fields from the main results, if the
 *   fields have the same field name." Default true.
 * Join values compare exactly (case-sensitive); an event missing a join field matches nothing.
 * The subsearch results are held; the main results stream.
 */
import type { Event, Unsupported } from '../types.js';
import { mvValues, toText } from '../values.js';
import { optionFlag, optionNumber, optionText } from './lib/stream.js';
import type { CommandSpec } from './types.js';
import { subsearchArg } from '../../spl/arg-parsers.js';
import { renderOptions, renderList, joinParts, renderPipeline } from '../../spl/render.js';
import { pipelineNode } from '../../spl/walk.js';
import { defineCommand } from './types.js';
import type { Options, Pipeline, CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface JoinCommand extends CommandNodeBase {
  cmd: 'join';
  options: Options;
  fields: string[];
  subsearch: Pipeline;
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    join: JoinCommand;
  }
}

/** `join [options] [<fields>] [subsearch]`. */
const syntax: CommandSyntax<JoinCommand> = {
  cmd: 'join',
  readsEvents: true,
  parse(r, base) {
    const options = r.options({});
    const list = r.fieldList();
    r.options(options);
    const sub = subsearchArg(r, 'join');
    r.expectEnd('join');
    return { ...base, cmd: 'join', options, fields: list, subsearch: sub };
  },
  render: (c) => joinParts('join', ...renderOptions(c.options), renderList(c.fields), `[${renderPipeline(c.subsearch)}]`),
  children: (c) => [pipelineNode(c.subsearch)],
};

const SUBSEARCH_MAX_RESULTS = 50_000;

const keyOf = (event: Event, fields: string[]): string | undefined => {
  const parts: string[] = [];
  for (const f of fields) {
    const vs = mvValues(event[f]);
    if (!vs.length) return undefined;
    parts.push(vs.map((v) => toText(v) ?? '').join('\n'));
  }
  return JSON.stringify(parts);
};

export const join: CommandSpec<JoinCommand> = {
  options: ['type', 'max', 'overwrite', 'usetime', 'earlier', 'left', 'right', 'where'],
  check(command) {
    const out: Unsupported[] = [];
    const type = (optionText(command.options.type) ?? 'inner').toLowerCase();
    if (!['inner', 'left', 'outer'].includes(type)) out.push({ kind: 'option', name: `join:type=${type}` });
    if (optionFlag(command.options.usetime, false)) out.push({ kind: 'option', name: 'join:usetime' });
    for (const o of ['left', 'right', 'where']) if (command.options[o] !== undefined) out.push({ kind: 'option', name: `join:${o}` });
    return out;
  },
  operator: async function* (input, command, ctx) {
    const type = (optionText(command.options.type) ?? 'inner').toLowerCase();
    const max = optionNumber(command.options.max, 1);
    const overwrite = optionFlag(command.options.overwrite, true);
    const sub: Event[] = [];
    for await (const row of ctx.runSubsearch(command.subsearch)) {
      sub.push(row);
      if (sub.length >= SUBSEARCH_MAX_RESULTS) break;
    }
    let fields = command.fields;
    let index: Map<string, Event[]> | undefined;
    const build = (fs: string[]) => {
      const m = new Map<string, Event[]>();
      for (const row of sub) {
        const k = keyOf(row, fs);
        if (k === undefined) continue;
        const list = m.get(k) ?? [];
        if (max === 0 || list.length < max) list.push(row);
        m.set(k, list);
      }
      return m;
    };
    if (fields.length) index = build(fields);
    for await (const event of input) {
      if (!index) {
        // No join fields named: the fields common to both sides (decided on the first main result),
        // internal fields such as _raw and _time left out.
        const subFields = new Set(sub.flatMap((r) => Object.keys(r)));
        fields = Object.keys(event).filter((f) => !f.startsWith('_') && subFields.has(f));
        index = build(fields);
      }
      const k = fields.length ? keyOf(event, fields) : undefined;
      const matches = k === undefined ? undefined : index.get(k);
      if (!matches?.length) {
        if (type !== 'inner') yield event;
        continue;
      }
      for (const row of matches) {
        const out: Event = { ...event };
        for (const [f, v] of Object.entries(row)) if (v !== undefined && (overwrite || out[f] === undefined)) out[f] = v;
        yield out;
      }
    }
  },
};

export const command = defineCommand<JoinCommand>({ names: ['join'], syntax, spec: join });
