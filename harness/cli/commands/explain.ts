/**
 * `spl-harness explain <detection id | name | file>`: the detection's search with macros
 * expanded, the macros it used, and the parsed pipeline, one command per block.
 * Exit 0 when it parses, 1 when it has errors, 2 when the detection cannot be found.
 */
import { resolve, relative } from 'node:path';
import { parseCommandArgs, UsageError, withUsage } from '../args.js';
import { loadContent } from '../../content/load.js';
import type { Detection } from '../../content/types.js';
import type { Command, Pipeline } from '../../spl/ast.js';
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
function describeValue(cmd: Command['cmd'], key: string, value: unknown, indent: string): string[] {
  if (value === undefined) return [];
  if (key === 'expr' || key === 'where') {
    if (value === null) return [`${indent}${key}: (none)`];
    // search, tstats and inputlookup hold search expressions; where and head hold eval ones.
    const isSearch = cmd === 'search' || cmd === 'tstats' || cmd === 'inputlookup';
    const text = isSearch ? renderSearchExpr(value as never) : renderEvalExpr(value as never);
    return [`${indent}${key}: ${text}`, ...describeTree(value, indent + '    ')];
  }
  if (key === 'subsearch') return [`${indent}subsearch:`, ...describePipeline(value as Pipeline, indent + '    ')];
  if (key === 'assignments') {
    return [`${indent}assignments:`, ...(value as Array<{ field: string; expr: never }>).map((a) => `${indent}  ${a.field} = ${renderEvalExpr(a.expr)}`)];
  }
  if (key === 'aggregations') {
    return [
      `${indent}aggregations:`,
      ...(value as Array<{ func: string; field?: string; evalArg?: never; as?: string }>).map(
        (a) => `${indent}  ${a.func}${a.evalArg ? `(eval(${renderEvalExpr(a.evalArg)}))` : a.field !== undefined ? `(${a.field})` : ''} as ${a.as}`,
      ),
    ];
  }
  return [`${indent}${key}: ${JSON.stringify(value)}`];
}

/** The expression tree, one node per line, so precedence is visible. */
function describeTree(node: unknown, indent: string): string[] {
  if (!node || typeof node !== 'object') return [];
  const n = node as Record<string, unknown>;
  const label = (() => {
    switch (n.type) {
      case 'and': case 'or': return String(n.type).toUpperCase();
      case 'not': return 'NOT';
      case 'compare': return `${String(n.field)} ${String(n.op)} ${JSON.stringify((n.value as { text: string }).text)}`;
      case 'in': return 'field' in n && typeof n.field === 'string' ? `${n.field} IN ${JSON.stringify((n.values as Array<{ text: string }>).map((v) => v.text))}` : 'IN';
      case 'term': return `term ${JSON.stringify((n.value as { text: string }).text)}`;
      case 'subsearch': return 'subsearch [...]';
      case 'binary': return String(n.op);
      case 'unary': return String(n.op);
      case 'call': return `${String(n.name)}()`;
      case 'field': return `field ${String(n.name)}`;
      case 'string': return JSON.stringify(n.value);
      case 'number': return String(n.raw);
    }
    return String(n.type);
  })();
  const children: unknown[] = [];
  for (const k of ['items', 'expr', 'left', 'right', 'args', 'list']) {
    const v = n[k];
    if (Array.isArray(v)) children.push(...v);
    else if (v && typeof v === 'object') children.push(v);
  }
  return [`${indent}${label}`, ...children.flatMap((c) => describeTree(c, indent + '  '))];
}

function describeCommand(c: Command, i: number, indent: string): string[] {
  const lines = [`${indent}${i + 1}. ${c.name || '(no name)'}${c.cmd === 'generic' ? '  [generic: not typed]' : ''}`];
  for (const [k, v] of Object.entries(c)) {
    if (k === 'name' || k === 'span' || k === 'cmd' || k === 'raw') continue;
    lines.push(...describeValue(c.cmd, k, v, indent + '   '));
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
