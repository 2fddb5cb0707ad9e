/**
 * xmlkv: "Extracts XML key-value pairs ... For example, if _raw contains `<foo>bar</foo>`, then
 * foo=bar." Every element whose content is plain text gives a field named after the element; the
 * same element met several times gives a multivalue field. `field=` reads another field than _raw;
 * `maxinputs` is accepted (it only bounds work in Splunk).
 */
import type { Event, Scalar } from '../types.js';
import { fromValues, toText } from '../values.js';
import { streaming } from './lib/streaming.js';
import { renderWord, renderOptions, joinParts } from '../../spl/render.js';
import { defineCommand } from './types.js';
import type { Options, CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface XmlkvCommand extends CommandNodeBase {
  cmd: 'xmlkv';
  field?: string;
  options: Options;
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    xmlkv: XmlkvCommand;
  }
}

const syntax: CommandSyntax<XmlkvCommand> = {
  cmd: 'xmlkv',
  parse(r, base) {
    const options = r.options({});
    const cmd: XmlkvCommand = { ...base, cmd: 'xmlkv', options };
    if (!r.atEnd()) cmd.field = r.field();
    r.options(options);
    r.expectEnd('xmlkv');
    return cmd;
  },
  render: (c) => joinParts('xmlkv', c.field !== undefined && renderWord(c.field), ...renderOptions(c.options)),
};

const LEAF = /<([A-Za-z_][\w.:-]*)(?:\s[^<>]*)?>([^<]*)<\/\1\s*>/g;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (m, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (ENTITIES[e] ?? m),
  );

export const xmlkv = streaming<XmlkvCommand>(
  (command) => {
    const field = command.field ?? '_raw';
    return (event) => {
      const text = toText(event[field]);
      if (text === undefined || !text.includes('<')) {
        return event;
      }
      const found = new Map<string, Scalar[]>();
      LEAF.lastIndex = 0;
      for (let m = LEAF.exec(text); m; m = LEAF.exec(text)) {
        const list = found.get(m[1]) ?? [];
        list.push(decode(m[2]));
        found.set(m[1], list);
      }
      if (!found.size) {
        return event;
      }
      const out: Event = { ...event };
      for (const [k, vs] of found) out[k] = fromValues(vs);
      return out;
    };
  },
  {
    options: ['maxinputs', 'field'],
  },
);

export const command = defineCommand<XmlkvCommand>({ names: ['xmlkv'], syntax, spec: xmlkv });
