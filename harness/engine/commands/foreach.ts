/**
 * foreach: "Runs a templated streaming subsearch for each field in a wildcarded field list."
 * "<<FIELD>>" is replaced by each field name, "<<MATCHSTR>>" by the part the wildcard matched
 * and "<<MATCHSEG1>>", "<<MATCHSEG2>>", ... by the part each wildcard matched. Field names with
 * spaces or dots should be quoted in the template (`'<<FIELD>>'`), as in Splunk. The template runs
 * per event (fields are matched against each event's own fields), so the command streams.
 */
import type { Command, Options, CommandNodeBase } from '../../spl/ast.js';
import type { Event, Unsupported } from '../types.js';
import { parseSearch } from '../../spl/parse.js';
import { hasWildcard, wildcardRegex } from './lib/wildcard.js';
import { fromArray } from './lib/stream.js';
import type { CommandSpec } from './types.js';
import { fail, describeToken } from '../../spl/context.js';
import { bracketedText } from '../../spl/arg-parsers.js';
import { renderOptions, renderList, joinParts } from '../../spl/render.js';
import { defineCommand } from './types.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface ForeachCommand extends CommandNodeBase {
  cmd: 'foreach';
  fields: string[];
  options: Options;
  template: string;
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    foreach: ForeachCommand;
  }
}

/** `foreach [options] <fields> [<template>]`: the template is kept as text (it holds <<FIELD>> tokens). */
const syntax: CommandSyntax<ForeachCommand> = {
  cmd: 'foreach',
  parse(r, base) {
    const options = r.options({});
    const list = r.fieldList();
    r.options(options);
    const open = r.peek();
    if (open.kind !== '[') fail(`foreach needs a [ template ] but found ${describeToken(open)}`, open);
    const { inner } = bracketedText(r);
    r.expectEnd('foreach');
    return { ...base, cmd: 'foreach', fields: list, options, template: r.s.text.slice(inner.start, inner.end).trim() };
  },
  render: (c) => joinParts('foreach', ...renderOptions(c.options), renderList(c.fields), `[${c.template}]`),
  templates(c) {
    // The template is checked with a sample field name in place of <<FIELD>>.
    const { pipeline, errors } = parseSearch(`| ${c.template.replace(/<<[A-Z0-9]+>>/g, 'x')}`);
    return errors.length ? [] : [pipeline];
  },
};

const STREAMING_TEMPLATE_COMMANDS = new Set(['eval', 'rex', 'rename', 'fillnull', 'convert', 'makemv', 'where', 'search', 'replace', 'spath']);

export const foreach: CommandSpec<ForeachCommand> = {
  options: ['mode'],
  check(command) {
    const out: Unsupported[] = [];
    const mode = command.options.mode;
    if (mode !== undefined && mode !== 'multifield') out.push({ kind: 'option', name: `foreach:mode=${mode}` });
    return out;
  },
  operator: async function* (input, command, ctx) {
    const patterns = command.fields.map((p) => ({ p, re: wildcardRegex(p) }));
    const cache = new Map<string, Command[]>();
    const compile = (text: string): Command[] => {
      let cmds = cache.get(text);
      if (!cmds) {
        const { pipeline, errors } = parseSearch(`| ${text}`);
        if (errors.length) throw new Error(`foreach: cannot read template "${text}": ${errors[0].message}`);
        cmds = pipeline.commands;
        for (const c of cmds) if (!STREAMING_TEMPLATE_COMMANDS.has(c.name)) throw new Error(`foreach: template command ${c.name} is not a streaming command`);
        cache.set(text, cmds);
      }
      return cmds;
    };
    for await (const event of input) {
      let current: Event = event;
      const names = Object.keys(event);
      const seen = new Set<string>();
      for (const { p, re } of patterns) {
        const matched = hasWildcard(p) ? names.filter((n) => re.test(n)) : [p];
        for (const name of matched) {
          if (seen.has(name)) continue;
          seen.add(name);
          const segs = re.exec(name)?.slice(1) ?? [];
          const text = command.template
            .replace(/<<FIELD>>/g, name)
            .replace(/<<MATCHSTR>>/g, segs.join(''))
            .replace(/<<MATCHSEG(\d+)>>/g, (_m, n: string) => segs[Number(n) - 1] ?? '');
          const results: Event[] = [];
          for await (const r of ctx.runCommands(compile(text), fromArray([current]))) results.push(r);
          if (!results.length) {
            current = undefined as unknown as Event;
            break;
          }
          current = results[0];
        }
        if (!current) break;
      }
      if (current) yield current;
    }
  },
};

export const command = defineCommand<ForeachCommand>({ names: ['foreach'], syntax, spec: foreach });
