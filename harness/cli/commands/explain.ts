/**
 * `spl-harness explain <detection id | name | file>`: the detection's search with macros
 * expanded, the macros it used, and the parsed pipeline, one command per block.
 * Exit 0 when it parses, 1 when it has errors, 2 when the detection cannot be found.
 */
import { resolve, relative } from 'node:path';
import { parseCommandArgs, UsageError, withUsage } from '../args.js';
import { loadContent } from '../../content/load.js';
import type { Detection } from '../../content/types.js';
import type { Aggregation, Command, EvalExpr, Pipeline, SearchExpr } from '../../spl/ast.js';
import { assertNever, commandNode, forEachChild, type Node } from '../../spl/walk.js';
import { renderEvalExpr, renderSearchExpr } from '../../spl/render.js';
import { checkDetectionSearches } from '../../spl/searches.js';

const HELP = `usage: spl-harness explain <detection id | name | file> [--content DIR] [--format pretty|json]

Shows a detection's search with its macros expanded and the parsed pipeline (AST).
  --content DIR         content root (default: .)
  --format pretty|json  pretty outline (default) or the AST as JSON`;

function findDetection(detections: Detection[], key: string, root: string): Detection | undefined {
  const lower = key.toLowerCase();
  const asFile = relative(root, resolve(key)).replace(/\\/g, '/');
  return detections.find(
    (d) => d.id === key || d.name.toLowerCase() === lower || d.file.relPath === key || d.file.relPath === asFile || d.file.path === resolve(key),
  );
}

/** A readable value for one AST property: expressions rendered as SPL, pipelines nested. */
function describeValue(key: string, value: unknown, children: Map<unknown, Node>, indent: string): string[] {
  if (value === undefined) return [];
  const child = children.get(value);
  if (child?.kind === 'search' || child?.kind === 'eval') {
    const text = child.kind === 'search' ? renderSearchExpr(child.node) : renderEvalExpr(child.node);
    return [`${indent}${key}: ${text}`, ...describeTree(child, indent + '    ')];
  }
  if (child?.kind === 'pipeline') return [`${indent}${key}:`, ...describePipeline(child.node, indent + '    ')];
  if ((key === 'expr' || key === 'where') && value === null) return [`${indent}${key}: (none)`];
  if (key === 'assignments') {
    return [`${indent}assignments:`, ...(value as Array<{ field: string; expr: EvalExpr }>).map((a) => `${indent}  ${a.field} = ${renderEvalExpr(a.expr)}`)];
  }
  if (key === 'aggregations') {
    return [
      `${indent}aggregations:`,
      ...(value as Aggregation[]).map(
        (a) => `${indent}  ${a.func}${a.evalArg ? `(eval(${renderEvalExpr(a.evalArg)}))` : a.field !== undefined ? `(${a.field})` : ''} as ${a.as}`,
      ),
    ];
  }
  return [`${indent}${key}: ${JSON.stringify(value)}`];
}

function searchLabel(e: SearchExpr): string {
  switch (e.type) {
    case 'and':
    case 'or':
      return e.type.toUpperCase();
    case 'not':
      return 'NOT';
    case 'compare':
      return `${e.field} ${e.op} ${JSON.stringify(e.value.text)}`;
    case 'in':
      return `${e.field} IN ${JSON.stringify(e.values.map((v) => v.text))}`;
    case 'term':
      return `term ${JSON.stringify(e.value.text)}`;
    case 'subsearch':
      return 'subsearch [...]';
    default:
      return assertNever(e);
  }
}

function evalLabel(e: EvalExpr): string {
  switch (e.type) {
    case 'binary':
    case 'unary':
      return e.op;
    case 'in':
      return 'IN';
    case 'call':
      return `${e.name}()`;
    case 'field':
      return `field ${e.name}`;
    case 'string':
      return JSON.stringify(e.value);
    case 'number':
      return e.raw;
    default:
      return assertNever(e);
  }
}

/** The expression tree, one node per line, so precedence is visible (a subsearch is not opened). */
function describeTree(n: Node, indent: string): string[] {
  if (n.kind !== 'search' && n.kind !== 'eval') return [];
  const lines = [`${indent}${n.kind === 'search' ? searchLabel(n.node) : evalLabel(n.node)}`];
  forEachChild(n, (child) => lines.push(...describeTree(child, indent + '  ')));
  return lines;
}

function describeCommand(c: Command, i: number, indent: string): string[] {
  const lines = [`${indent}${i + 1}. ${c.name || '(no name)'}${c.cmd === 'generic' ? '  [generic: not typed]' : ''}`];
  const children = new Map<unknown, Node>();
  forEachChild(commandNode(c), (child) => children.set(child.node, child));
  for (const [k, v] of Object.entries(c)) {
    if (k === 'name' || k === 'span' || k === 'cmd' || k === 'raw') continue;
    lines.push(...describeValue(k, v, children, indent + '   '));
  }
  return lines;
}

function describePipeline(p: Pipeline, indent = ''): string[] {
  return p.commands.flatMap((c, i) => describeCommand(c, i, indent));
}

export async function run(argv: string[]): Promise<number> {
  return withUsage(async () => {
    const args = parseCommandArgs(argv, { content: { type: 'string' }, format: { type: 'string' } }, HELP);
    if (!args) return 0;
    if (args.positionals.length !== 1) throw new UsageError(`explain takes one detection (id, name or file)\n\n${HELP}`);
    const format = (args.values.format as string | undefined) ?? 'pretty';
    if (format !== 'pretty' && format !== 'json') throw new UsageError(`--format must be pretty or json, not '${format}'\n\n${HELP}`);
    const root = resolve((args.values.content as string | undefined) ?? '.');
    const content = loadContent(root);
    const d = findDetection(content.detections, args.positionals[0], root);
    if (!d) {
      process.stderr.write(`spl-harness explain: no detection with id, name or file '${args.positionals[0]}' under ${root}\n`);
      return 2;
    }
    const checked = checkDetectionSearches(d, content);
    const failed = checked.some((c) => c.errors.length > 0);
    if (format === 'json') {
      const out = checked.map((c) => ({
        label: c.search.label,
        expanded: c.compiled.expanded.text,
        macros: c.compiled.expanded.used,
        errors: c.errors,
        pipeline: c.compiled.pipeline,
      }));
      process.stdout.write(JSON.stringify({ id: d.id, name: d.name, file: d.file.relPath, searches: out }, null, 2) + '\n');
      return failed ? 1 : 0;
    }
    const lines = [`${d.name}  (${d.id})`, `file: ${d.file.relPath}`];
    for (const c of checked) {
      lines.push('', `== ${c.search.label}`, '', 'expanded:', `  ${c.compiled.expanded.text}`);
      if (c.compiled.expanded.used.length) lines.push('', `macros: ${c.compiled.expanded.used.join(', ')}`);
      lines.push('', 'pipeline:', ...describePipeline(c.compiled.pipeline, '  '));
      if (c.errors.length) {
        lines.push('', 'errors:');
        for (const e of c.errors) lines.push(`  ${d.file.relPath}:${e.line}:${e.column}: ${e.message}${e.inMacro ? ` (in macro \`${e.inMacro}\`)` : ''}`);
      }
    }
    process.stdout.write(lines.join('\n') + '\n');
    return failed ? 1 : 0;
  });
}
