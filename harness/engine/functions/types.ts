/**
 * What an eval function is. Functions compile once per expression: they receive their
 * arguments already compiled (thunks, so `if`/`case`/`coalesce` evaluate lazily) and the
 * argument ASTs (so `mvfilter`/`mvmap` can find the field they iterate, and literal regexes
 * or formats can be prepared once).
 */
import type { EvalExpr, Span } from '../../spl/ast.js';
import type { Event, Scalar } from '../types.js';

/** An eval result: a value, a multivalue, a boolean (from comparisons and predicates) or null. */
export type EvalValue = Scalar | Scalar[] | boolean | null;

export interface EvalContext {
  /** Reference "now", epoch seconds: now(), time(), relative_time(). */
  now: number;
}

export type CompiledEval = (event: Event, ctx: EvalContext) => EvalValue;

export interface EvalFunction {
  name: string;
  minArgs: number;
  maxArgs: number;
  /**
   * Build the runtime closure; may throw EvalError for arguments known to be wrong at compile time.
   * `compileSub` compiles any sub-expression of the arguments (sigfig() reads its operands' precision).
   */
  compile(args: CompiledEval[], nodes: EvalExpr[], span: Span, compileSub: (node: EvalExpr) => CompiledEval): CompiledEval;
  /** The arithmetic inside the arguments is not rounded to its operands' precision (exact()). */
  exactArguments?: boolean;
}

/** A problem in an eval expression: unknown function, wrong argument count, bad regex, boolean assigned. */
export class EvalError extends Error {
  constructor(
    message: string,
    public readonly span?: Span,
  ) {
    super(message);
    this.name = 'EvalError';
  }
}
