/**
 * Subsearches used as search terms: `search [ search ... | fields user ]`. Splunk runs the
 * subsearch first and turns its results into a search expression, as the `format` command does:
 * one `( f1="v1" AND f2="v2" )` group per result row, the groups joined with OR. Internal fields
 * (leading underscore) are left out; a field called `search` or `query` is taken as search text.
 * A subsearch without results matches nothing. Splunk caps subsearch output at 10,000 results.
 */
import type { SearchExpr, SearchValue, Span } from '../../../spl/ast.js';
import type { Event } from '../../types.js';
import { mvValues, toText } from '../../values.js';
import { parseSearchExpression } from '../../../spl/parse.js';
import { assertNever, searchNode, someNode } from '../../../spl/walk.js';
import type { RunContext } from '../types.js';

export const SUBSEARCH_MAX_RESULTS = 10_000;

export function hasSubsearch(expr: SearchExpr): boolean {
  return someNode(searchNode(expr), (n) => n.kind === 'search' && n.node.type === 'subsearch');
}

/** The expression with every subsearch run and replaced by the terms its results stand for. */
export async function resolveSubsearches(expr: SearchExpr, ctx: RunContext): Promise<SearchExpr> {
  if (!hasSubsearch(expr)) return expr;
  switch (expr.type) {
    case 'subsearch': {
      const rows: Event[] = [];
      for await (const row of ctx.runSubsearch(expr.pipeline)) {
        rows.push(row);
        if (rows.length >= SUBSEARCH_MAX_RESULTS) break;
      }
      return rowsToExpression(rows, expr.span);
    }
    case 'and':
    case 'or':
      return { ...expr, items: await Promise.all(expr.items.map((e) => resolveSubsearches(e, ctx))) };
    case 'not':
      return { ...expr, expr: await resolveSubsearches(expr.expr, ctx) };
    case 'compare':
    case 'in':
    case 'term':
      return expr;
    default:
      return assertNever(expr);
  }
}

export function rowsToExpression(rows: Event[], span: Span): SearchExpr {
  const groups: SearchExpr[] = [];
  for (const row of rows) {
    const terms: SearchExpr[] = [];
    for (const [field, value] of Object.entries(row)) {
      if (value === undefined || field.startsWith('_')) continue;
      const values = mvValues(value).map((v) => toText(v) ?? '');
      if (field === 'search' || field === 'query') {
        for (const text of values) {
          const parsed = field === 'search' ? parseSearchExpression(text).expr : null;
          terms.push(parsed ?? { type: 'term', value: { text, quoted: true }, span });
        }
        continue;
      }
      const alternatives: SearchExpr[] = values.map((text) => ({ type: 'compare', field, op: '=', value: quoted(text), span }));
      terms.push(alternatives.length === 1 ? alternatives[0] : { type: 'or', items: alternatives, span });
    }
    if (terms.length) groups.push(terms.length === 1 ? terms[0] : { type: 'and', items: terms, span });
  }
  return { type: 'or', items: groups, span };
}

const quoted = (text: string): SearchValue => ({ text, quoted: true });
