/**
 * What a pipeline needs that the engine does not have: commands without an implementation,
 * options an implementation does not understand, eval and stats functions that do not exist,
 * and data model datasets the ingest layer does not build. Subsearches are checked too.
 */
import type { Command, Pipeline } from '../spl/ast.js';
import { syntaxOf } from '../spl/grammar.js';
import { commandNode, forEachChild, pipelineNode, walk, type Node } from '../spl/walk.js';
import type { Unsupported } from './types.js';
import { commandSpec } from './commands/index.js';
import { supportedFunctions } from './functions/index.js';
import { datamodelFields } from '../ingest/datamodel.js';
import { IPLOCATION_UNSUPPORTED } from './commands/iplocation.js';

let functionNames: Set<string> | undefined;
const isFunction = (name: string) => (functionNames ??= new Set(supportedFunctions())).has(name.toLowerCase());

export interface SupportOptions {
  /** The source can geolocate addresses, so `iplocation` runs (see EngineSource.iplocation). */
  iplocation?: boolean;
}

export function checkSupport(pipeline: Pipeline, opts: SupportOptions = {}): Unsupported[] {
  const found = new Map<string, Unsupported>();
  const add = (u: Unsupported) => {
    if (opts.iplocation && u === IPLOCATION_UNSUPPORTED) return;
    found.set(`${u.kind}\u0000${u.name}`, u);
  };
  visit(pipelineNode(pipeline), add);
  return [...found.values()];
}

function visit(n: Node, add: (u: Unsupported) => void): void {
  if (n.kind === 'command') return visitCommand(n.node, add);
  if (n.kind === 'eval' && n.node.type === 'call' && !isFunction(n.node.name)) add({ kind: 'function', name: n.node.name });
  forEachChild(n, (child) => visit(child, add));
}

function visitCommand(command: Command, add: (u: Unsupported) => void): void {
  const spec = commandSpec(command);
  if (!spec) {
    add({ kind: 'command', name: command.name });
    return;
  }
  if (spec.options && 'options' in command) {
    for (const key of Object.keys(command.options)) if (!spec.options.includes(key.toLowerCase())) add({ kind: 'option', name: `${command.name}:${key}` });
  }
  for (const u of spec.check?.(command as never) ?? []) add(u);
  forEachChild(commandNode(command), (child) => visit(child, add));
  const syntax = syntaxOf(command);
  for (const template of syntax?.templates?.(command) ?? []) visit(pipelineNode(template), add);
  for (const name of syntax?.datamodels?.(command) ?? []) if (!datamodelFields(name)) add({ kind: 'datamodel', name });
}

/** The lookup tables a pipeline reads (`lookup`, `inputlookup`), subsearches included. */
export function pipelineLookups(pipeline: Pipeline): string[] {
  const names = new Set<string>();
  walk(pipelineNode(pipeline), (n) => {
    if (n.kind === 'command') for (const name of syntaxOf(n.node)?.lookups?.(n.node) ?? []) names.add(name);
  });
  return [...names];
}
