/**
 * What a pipeline needs that the engine does not have: commands without an implementation,
 * options an implementation does not understand, eval and stats functions that do not exist,
 * and data model datasets the ingest layer does not build. Subsearches are checked too.
 */
import type { Command, EvalExpr, Pipeline, SearchExpr } from '../spl/ast.js';
import type { Unsupported } from './types.js';
import { commandSpec } from './commands/index.js';
import { supportedFunctions } from './functions/index.js';
import { datamodelFields } from '../ingest/datamodel.js';
import { datasetName } from './commands/lib/datamodel.js';
import { fromDataset } from './commands/from.js';
import { parseSearch } from '../spl/parse.js';
import { mapTemplate } from './commands/generic.js';
import { IPLOCATION_UNSUPPORTED } from './commands/iplocation.js';
import { applyTarget } from './commands/apply.js';
import { modelLookupName } from './mltk/model.js';

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
  visitPipeline(pipeline, add);
  return [...found.values()];
}

function visitPipeline(pipeline: Pipeline, add: (u: Unsupported) => void): void {
  for (const command of pipeline.commands) visitCommand(command, add);
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

  switch (command.cmd) {
    case 'search':
      if (command.expr) visitSearch(command.expr, add);
      break;
    case 'where':
      visitEval(command.expr, add);
      break;
    case 'eval':
      for (const a of command.assignments) visitEval(a.expr, add);
      break;
    case 'stats':
    case 'timechart':
      for (const a of command.aggregations) if (a.evalArg) visitEval(a.evalArg, add);
      break;
    case 'tstats':
      for (const a of command.aggregations) if (a.evalArg) visitEval(a.evalArg, add);
      if (command.where) visitSearch(command.where, add);
      if (command.datamodel) {
        const name = datasetName(command.datamodel, command.nodename);
        if (!datamodelFields(name)) add({ kind: 'datamodel', name });
      }
      break;
    case 'from': {
      const name = fromDataset(command);
      if (name && !datamodelFields(name)) add({ kind: 'datamodel', name });
      break;
    }
    case 'head':
      if (command.expr) visitEval(command.expr, add);
      break;
    case 'inputlookup':
      if (command.where) visitSearch(command.where, add);
      break;
    case 'join':
    case 'append':
    case 'appendpipe':
      visitPipeline(command.subsearch, add);
      break;
    case 'generic': {
      // map runs a search per result: check it with its $field$ tokens filled by a sample value.
      const template = command.name === 'map' ? mapTemplate(command) : undefined;
      if (template !== undefined) {
        const { pipeline, errors } = parseSearch(template.replace(/\$[A-Za-z0-9_.]+\$/g, 'x'));
        if (!errors.length) visitPipeline(pipeline, add);
      }
      break;
    }
    case 'foreach': {
      // The template is checked with a sample field name in place of <<FIELD>>.
      const text = command.template.replace(/<<[A-Z0-9]+>>/g, 'x');
      const { pipeline, errors } = parseSearch(`| ${text}`);
      if (!errors.length) visitPipeline(pipeline, add);
      break;
    }
  }
}

function visitSearch(expr: SearchExpr, add: (u: Unsupported) => void): void {
  switch (expr.type) {
    case 'and':
    case 'or':
      for (const e of expr.items) visitSearch(e, add);
      break;
    case 'not':
      visitSearch(expr.expr, add);
      break;
    case 'subsearch':
      visitPipeline(expr.pipeline, add);
      break;
  }
}

function visitEval(expr: EvalExpr, add: (u: Unsupported) => void): void {
  switch (expr.type) {
    case 'call':
      if (!isFunction(expr.name)) add({ kind: 'function', name: expr.name });
      for (const a of expr.args) visitEval(a, add);
      break;
    case 'binary':
      visitEval(expr.left, add);
      visitEval(expr.right, add);
      break;
    case 'unary':
      visitEval(expr.expr, add);
      break;
    case 'in':
      visitEval(expr.expr, add);
      for (const e of expr.list) visitEval(e, add);
      break;
  }
}

/**
 * The lookup tables a pipeline reads (`lookup`, `inputlookup`, and the `__mlspl_<model>` file
 * MLTK's `apply` reads its model from), subsearches included.
 */
export function pipelineLookups(pipeline: Pipeline): string[] {
  const names = new Set<string>();
  const visit = (p: Pipeline): void => {
    for (const c of p.commands) {
      if (c.cmd === 'lookup' || c.cmd === 'inputlookup') names.add(c.lookup);
      if (c.cmd === 'generic' && c.name.toLowerCase() === 'apply') {
        const { model } = applyTarget(c);
        if (model) names.add(modelLookupName(model));
      }
      if (c.cmd === 'join' || c.cmd === 'append' || c.cmd === 'appendpipe') visit(c.subsearch);
      if ((c.cmd === 'search' && c.expr) || (c.cmd === 'tstats' && c.where) || (c.cmd === 'inputlookup' && c.where)) {
        const expr = c.cmd === 'search' ? c.expr! : c.where!;
        searchSubsearches(expr).forEach(visit);
      }
    }
  };
  visit(pipeline);
  return [...names];
}

function searchSubsearches(expr: SearchExpr): Pipeline[] {
  switch (expr.type) {
    case 'and':
    case 'or':
      return expr.items.flatMap(searchSubsearches);
    case 'not':
      return searchSubsearches(expr.expr);
    case 'subsearch':
      return [expr.pipeline];
    default:
      return [];
  }
}
