/**
 * spath: "extract information from the structured data formats XML and JSON."
 * - "input: The field to read in and extract values" (default `_raw`).
 * - "path: The location path to the value that you want to extract ... Use curly brackets to
 *   denote arrays": `a.b{}` gives every element (a multivalue field), `a{N}` one element.
 * - "output: If you do not specify an output argument, the path is used as the name of the
 *   field"; "If you do not specify a path, all fields in the first 5,000 characters are
 *   extracted" (auto-extraction of every leaf path, arrays as `{}`).
 * Input that is neither JSON nor XML extracts nothing. A multivalue input is read value by value.
 * Unlike Splunk (limits.conf extraction_cutoff), auto-extraction reads the whole document, not
 * only its first 5,000 characters: a long event can yield more fields here, never fewer.
 */
import type { Event, Scalar } from '../types.js';
import { fromValues, mvValues, toText } from '../values.js';
import { flattenJson, jsonPathValues } from './lib/json-paths.js';
import { flattenXml, xmlPathValues } from './lib/xml-paths.js';
import { streaming } from './lib/streaming.js';
import { fail, describeToken } from '../../spl/context.js';
import { renderOptions, joinParts } from '../../spl/render.js';
import { defineCommand } from './types.js';
import type { Options, CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface SpathCommand extends CommandNodeBase {
  cmd: 'spath';
  input?: string;
  output?: string;
  path?: string;
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    spath: SpathCommand;
  }
}

/** `spath [input=<f>] [output=<f>] [path=<p> | <p>]`. */
const syntax: CommandSyntax<SpathCommand> = {
  cmd: 'spath',
  parse(r, base) {
    const cmd: SpathCommand = { ...base, cmd: 'spath' };
    while (!r.atEnd()) {
      const o = r.option();
      if (o) {
        if (o[0] === 'input') cmd.input = o[1];
        else if (o[0] === 'output') cmd.output = o[1];
        else if (o[0] === 'path') cmd.path = o[1];
        else fail(`unknown spath option '${o[0]}'`, base.span);
        continue;
      }
      if (cmd.path !== undefined) fail(`spath takes one path but found ${describeToken(r.peek())}`, r.peek());
      cmd.path = r.field('a path');
    }
    return cmd;
  },
  render(c) {
    const o: Options = {};
    if (c.input !== undefined) o.input = c.input;
    if (c.output !== undefined) o.output = c.output;
    if (c.path !== undefined) o.path = c.path;
    return joinParts('spath', ...renderOptions(o));
  },
};

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  const t = text.trim();
  if (!t || (t[0] !== '{' && t[0] !== '[')) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(t) };
  } catch {
    return { ok: false };
  }
}

/** Every leaf path of the text (JSON or XML) with its values. */
function extractAll(text: string): Map<string, Scalar[]> {
  const json = parseJson(text);
  if (json.ok) return flattenJson(json.value);
  if (text.trimStart().startsWith('<')) return flattenXml(text) ?? new Map();
  return new Map();
}

/** The values at one path, JSON or XML, with the spath() function's path rules (positions, `{@attr}`). */
function extractPath(text: string, path: string): Scalar[] {
  const json = parseJson(text);
  if (json.ok) return mvValues(jsonPathValues(json.value, path));
  if (text.trimStart().startsWith('<')) return xmlPathValues(text, path) ?? [];
  return [];
}

export const spath = streaming<SpathCommand>((command) => {
  const field = command.input ?? '_raw';
  return (event) => {
    const texts = mvValues(event[field]).map((v) => toText(v) ?? '');
    if (!texts.length) {
      return event;
    }
    const out: Event = { ...event };
    if (command.path !== undefined) {
      const values = texts.flatMap((t) => extractPath(t, command.path!));
      const value = fromValues(values);
      if (value !== undefined) out[command.output ?? command.path] = value;
    } else {
      const merged = new Map<string, Scalar[]>();
      for (const t of texts) for (const [k, vs] of extractAll(t)) merged.set(k, [...(merged.get(k) ?? []), ...vs]);
      for (const [k, vs] of merged) out[command.output ? `${command.output}.${k}` : k] = fromValues(vs);
    }
    return out;
  };
}, {});

export const command = defineCommand<SpathCommand>({ names: ['spath'], syntax, spec: spath });
