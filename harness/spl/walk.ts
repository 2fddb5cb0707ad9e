/**
 * The one walker of the SPL AST, in the manner of TypeScript's `forEachChild`: every traversal
 * (support check, subsearch search, lookups, render-free analyses, explain) asks here for a
 * node's children instead of knowing where each node kind keeps them. A command's children come
 * from its registered syntax (spl/grammar.ts), so a new command is walked without touching this
 * file; the switches over expression kinds are exhaustive, so a new expression kind does not
 * compile until it is walked.
 */
import type { Command, EvalExpr, Pipeline, SearchExpr } from './ast.js';
import { syntaxOf, type Node } from './grammar.js';

export type { Node };

/** For a switch that must cover every case: the compiler rejects a call with a value left over. */
export function assertNever(x: never): never {
  throw new Error(`unhandled AST node: ${JSON.stringify(x)}`);
}

export const pipelineNode = (node: Pipeline): Node => ({ kind: 'pipeline', node });
export const commandNode = (node: Command): Node => ({ kind: 'command', node });
export const searchNode = (node: SearchExpr): Node => ({ kind: 'search', node });
export const evalNode = (node: EvalExpr): Node => ({ kind: 'eval', node });

/** Calls `visit` on each direct child of the node, in source order. */
export function forEachChild(n: Node, visit: (child: Node) => void): void {
  switch (n.kind) {
    case 'pipeline':
      for (const c of n.node.commands) visit(commandNode(c));
      return;
    case 'command': {
      const syntax = syntaxOf(n.node);
      for (const child of syntax?.children?.(n.node) ?? []) visit(child);
      return;
    }
    case 'search':
      return forEachSearchChild(n.node, visit);
    case 'eval':
      return forEachEvalChild(n.node, visit);
    default:
      return assertNever(n);
  }
}

function forEachSearchChild(e: SearchExpr, visit: (child: Node) => void): void {
  switch (e.type) {
    case 'and':
    case 'or':
      for (const i of e.items) visit(searchNode(i));
      return;
    case 'not':
      return visit(searchNode(e.expr));
    case 'subsearch':
      return visit(pipelineNode(e.pipeline));
    case 'compare':
    case 'in':
    case 'term':
      return;
    default:
      return assertNever(e);
  }
}

function forEachEvalChild(e: EvalExpr, visit: (child: Node) => void): void {
  switch (e.type) {
    case 'call':
      for (const a of e.args) visit(evalNode(a));
      return;
    case 'binary':
      visit(evalNode(e.left));
      return visit(evalNode(e.right));
    case 'unary':
      return visit(evalNode(e.expr));
    case 'in':
      visit(evalNode(e.expr));
      for (const x of e.list) visit(evalNode(x));
      return;
    case 'string':
    case 'number':
    case 'field':
      return;
    default:
      return assertNever(e);
  }
}

/**
 * Visits the node and everything under it, depth first, parents before children. `visit`
 * returns false to skip a node's children.
 */
export function walk(n: Node, visit: (node: Node) => boolean | void): void {
  if (visit(n) === false) return;
  forEachChild(n, (child) => walk(child, visit));
}

/** True when some node under (or at) `n` satisfies `test`; stops at the first. */
export function someNode(n: Node, test: (node: Node) => boolean): boolean {
  let found = false;
  walk(n, (node) => {
    if (found) return false;
    if (test(node)) found = true;
    return !found;
  });
  return found;
}
