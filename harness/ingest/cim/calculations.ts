/**
 * The CIM's recurring calculated-field patterns as expression builders, so each model file reads
 * as a list of facts (`dest: unknownIfEmpty('dest')`) rather than repeated expression trees.
 */

import type { Scalar } from '../../common/event.js';
import type { Expr } from '../transforms.js';

const f = (field: string): Expr => ({ field });

/** `if(isnull(X) OR X="" [OR X="-"],"unknown",X)`. */
export function unknownIfEmpty(field: string, alsoEmpty: string[] = []): Expr {
  const value: Expr = alsoEmpty.length > 0 ? { nullIf: f(field), values: alsoEmpty } : f(field);
  return { coalesce: [value, { const: 'unknown' }] };
}

/** `if(isnull(X) OR X="","unknown",lower(X))`. */
export function unknownIfEmptyLower(field: string): Expr {
  return { coalesce: [{ lower: f(field) }, { const: 'unknown' }] };
}

/** `if(isnotnull(X) AND X!="",lower(X),null())`. */
export function lowerIfSet(field: string): Expr {
  return { lower: f(field) };
}

/** `if(isnum(X),X,<fallback>)`; without a fallback, null. */
export function numberOr(field: string, fallback?: Scalar): Expr {
  const n: Expr = { numeric: f(field) };
  return fallback === undefined ? n : { coalesce: [n, { const: fallback }] };
}

/** `if(isnull(X) OR X="",<other field>,X)`. */
export function orField(field: string, other: string): Expr {
  return { coalesce: [f(field), f(other)] };
}

/** `if(isnull(X) OR X="",<constant>,X)`. */
export function orConst(field: string, value: Scalar): Expr {
  return { coalesce: [f(field), { const: value }] };
}

/** The field, else the first of `others` that has a value, else the constant. */
export function firstOf(field: string, others: string[], fallback: Scalar): Expr {
  return { coalesce: [f(field), ...others.map(f), { const: fallback }] };
}

/**
 * `case(isnotnull(X) AND X!="",X, isnotnull(P) AND P!="",replace(P,"^\s*([^\s]+).*","\1"), 1=1,"unknown")`:
 * the field, else the first whitespace-separated token of P, else "unknown".
 */
export function firstTokenOf(field: string, from: string): Expr {
  return { coalesce: [f(field), { regex: f(from), pattern: '^\\s*([^\\s]+)' }, { const: 'unknown' }] };
}

/** `case(isnum(X),X,isnotnull(F),mvcount(F),1=1,1)`. */
export function countOf(field: string, of: string): Expr {
  return { coalesce: [{ numeric: f(field) }, { count: f(of) }, { const: 1 }] };
}

/** `case(isnum(X),X,isnum(A) AND isnum(B),A+B,1=1,null())`. */
export function sumOf(field: string, a: string, b: string): Expr {
  return { coalesce: [{ numeric: f(field) }, { sum: [f(a), f(b)] }] };
}

/** `case(isnum(X),X,isnum(A) AND isnum(B),A-B,1=1,null())`. */
export function differenceOf(field: string, a: string, b: string): Expr {
  return { coalesce: [{ numeric: f(field) }, { difference: [f(a), f(b)] }] };
}

/** `len(F)`. */
export function lengthOf(field: string): Expr {
  return { length: f(field) };
}

/** Rex `^.*@(?<X>.+)$` on an address: the domain part. */
export function domainOf(field: string): Expr {
  return { regex: f(field), pattern: '^.*@(.+)$' };
}

/** Rex on a URL: the host name. */
export function urlDomainOf(field: string): Expr {
  return { regex: f(field), pattern: '^(?:http|https|ftp):\\/\\/(?:[a-zA-Z0-9.\\-]+(?::[a-zA-Z0-9]+)?@)?([^\\/:]+)(?::[0-9]+)?' };
}

/** `case(isnotnull(X) AND X!="",X,tag="success","success",tag="failure","failure",1=1,"unknown")`. */
export function statusFromTag(field: string): Expr {
  return {
    coalesce: [
      f(field),
      { if: { field: 'tag', eq: 'success' }, then: { const: 'success' } },
      { if: { field: 'tag', eq: 'failure' }, then: { const: 'failure' } },
      { const: 'unknown' },
    ],
  };
}

/** The CIM's vendor_product: the field, else "vendor product" from its parts, else the sourcetype. */
export function vendorProduct(): Expr {
  const known = (field: string) => ({ all: [{ field }, { not: { field, eq: 'unknown' } }] });
  return {
    coalesce: [
      f('vendor_product'),
      { if: { all: [known('vendor'), known('product')] }, then: { concat: [f('vendor'), { const: ' ' }, f('product')] } },
      { if: known('vendor'), then: { concat: [f('vendor'), { const: ' unknown' }] } },
      { if: known('product'), then: { concat: [{ const: 'unknown ' }, f('product')] } },
      f('sourcetype'),
      { const: 'unknown' },
    ],
  };
}
