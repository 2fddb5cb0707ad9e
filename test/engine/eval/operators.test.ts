/**
 * Golden tests for eval / where expression semantics (operators, null, multivalue, booleans).
 * Each case cites the Splunk documentation it follows.
 */
import { describe, expect, it } from 'vitest';
import { assigned, evalText } from './helpers.js';
import { isTruthy, toFieldValue, EvalError, evaluate } from '../../../harness/engine/eval.js';
import { parseEvalExpression } from '../../../harness/spl/parse.js';

describe('comparison operators', () => {
  // Search Reference, "where": "The <eval-expression> is case-sensitive." So "=" and "=="
  // compare strings exactly; use lower() to fold case.
  it('= and == are case-sensitive for strings', () => {
    expect(evalText('user="Admin"', { user: 'Admin' })).toBe(true);
    expect(evalText('user="admin"', { user: 'Admin' })).toBe(false);
    expect(evalText('user=="Admin"', { user: 'Admin' })).toBe(true);
    expect(evalText('user!="admin"', { user: 'Admin' })).toBe(true);
  });

  // Search Reference, "where" (paraphrase): a comparison is numeric when both sides are numbers,
  // otherwise the values compare lexicographically as strings.
  it('<, >, <=, >= compare numerically when both sides are numbers', () => {
    expect(evalText('count > 9', { count: '10' })).toBe(true); // "10" > "9" would be false as text
    expect(evalText('count <= 10.0', { count: '10' })).toBe(true);
    expect(evalText('x = 5', { x: '5.0' })).toBe(true);
    expect(evalText('name < "b"', { name: 'abc' })).toBe(true);
    expect(evalText('name > "B"', { name: 'a' })).toBe(true); // codepoint order: "a" > "B"
  });

  // Field values that look numeric are numbers; literal strings compare as text with text.
  it('compares two fields', () => {
    expect(evalText('a = b', { a: 'x', b: 'x' })).toBe(true);
    expect(evalText('a < b', { a: '2', b: '10' })).toBe(true);
  });
});

describe('null handling', () => {
  // Search Manual, "Predicate expressions": "A predicate expression, when evaluated, returns
  // either TRUE or FALSE." A comparison with a null (absent) field is FALSE, never null, and
  // "The where command returns only the results for which the eval expression returns true."
  it('a comparison with a missing field is false', () => {
    expect(evalText('x = "a"', {})).toBe(false);
    expect(evalText('x != "a"', {})).toBe(false);
    expect(evalText('x < 5', {})).toBe(false);
    expect(isTruthy(evalText('x != "a"', {}))).toBe(false);
  });

  // So NOT x="a" holds for an event without x, exactly as NOT x=a does in search (Search Manual,
  // "Difference between != and NOT"), while x!="a" needs x.
  it('NOT of a comparison with a missing field is true', () => {
    expect(evalText('NOT x = "a"', {})).toBe(true);
    expect(evalText('NOT match(x, "a")', {})).toBe(true);
    expect(evalText('NOT like(x, "a%")', {})).toBe(true);
  });

  // Search Reference, "eval": "If, at search time, the expression cannot be evaluated
  // successfully for a given event, the eval command erases the resulting field."
  it('arithmetic and concatenation propagate null', () => {
    expect(evalText('x + 1', {})).toBe(null);
    expect(evalText('"a" . x', {})).toBe(null);
    expect(assigned('x * 2', {})).toBe(undefined); // eval assigns nothing: the field is removed
  });

  // Search Reference, "Boolean operators" in eval: AND, OR, XOR, NOT over predicates.
  it('AND / OR / XOR / NOT with a missing field', () => {
    expect(evalText('x = 1 AND 1 = 2', {})).toBe(false);
    expect(evalText('x = 1 OR 1 = 1', {})).toBe(true);
    expect(evalText('x = 1 AND 1 = 1', {})).toBe(false);
    expect(evalText('x = 1 XOR 1 = 1', {})).toBe(true);
    expect(evalText('isnull(x) AND NOT isnotnull(x)', {})).toBe(true);
  });

  // The string "null" is an ordinary value, never null (issue 4: null versus the string "null").
  it('the string "null" is not null', () => {
    expect(evalText('isnull(x)', { x: 'null' })).toBe(false);
    expect(evalText('x = "null"', { x: 'null' })).toBe(true);
  });
});

describe('arithmetic', () => {
  // Search Reference, "eval" operators: + - * / % take two numbers; "+" on two strings
  // concatenates (the docs' example: name + "server").
  it('adds numbers and concatenates strings with +', () => {
    expect(evalText('a + b', { a: '2', b: '3' })).toBe(5);
    expect(evalText('name + "server"', { name: 'web' })).toBe('webserver');
    expect(evalText('7 % 3')).toBe(1);
    expect(evalText('7 / 2')).toBe(3.5);
    expect(evalText('-x', { x: '4' })).toBe(-4);
  });

  // eval command usage: "Division by zero results in a null field."
  it('division by zero gives null', () => {
    expect(evalText('1 / 0')).toBe(null);
    expect(evalText('5 % 0')).toBe(null);
  });

  // Arithmetic "might not produce valid results if the values are not numerical": a string
  // operand of - * / gives null.
  it('non-numeric operands give null', () => {
    expect(evalText('a - 1', { a: 'abc' })).toBe(null);
    expect(evalText('a + 1', { a: 'abc' })).toBe(null);
  });
});

describe('concatenation', () => {
  // Search Reference, "eval" operators: "." concatenates; "When concatenating values, Splunk
  // software reads the values as strings, regardless of the value."
  it('renders numbers as text', () => {
    expect(evalText('"port " . 80')).toBe('port 80');
    expect(evalText('1 . 2')).toBe('12');
    expect(evalText('"v" . (3 / 2)')).toBe('v1.5');
    expect(evalText('a . "-" . b', { a: 'x', b: 7 })).toBe('x-7');
  });

  it('concatenating a multivalue field joins each value', () => {
    expect(evalText('x . "!"', { x: ['a', 'b'] })).toEqual(['a!', 'b!']);
  });
});

describe('LIKE and IN operators', () => {
  // Search Manual, "Wildcards": in eval and where, "Use the percent ( % ) symbol as a wildcard
  // for matching multiple characters. Use the underscore ( _ ) character to match a single character."
  it('LIKE with % and _', () => {
    expect(evalText('x LIKE "pow%"', { x: 'powershell.exe' })).toBe(true);
    expect(evalText('x LIKE "c_d.exe"', { x: 'cmd.exe' })).toBe(true);
    expect(evalText('x LIKE "c_d.exe"', { x: 'cmdd.exe' })).toBe(false);
    expect(evalText('x LIKE "%.exe"', { x: 'a.exe.txt' })).toBe(false);
  });

  // Comparison and Conditional functions, in(): "returns TRUE if one of the values in the list
  // matches a value that you specify"; the IN operator is the same test.
  it('IN', () => {
    expect(evalText('status IN (404, 500)', { status: '500' })).toBe(true);
    expect(evalText('status IN ("a", "b")', { status: 'A' })).toBe(false);
    expect(evalText('NOT status IN ("a", "b")', { status: 'c' })).toBe(true);
    expect(evalText('status IN ("a")', {})).toBe(false);
    expect(evalText('NOT status IN ("a")', {})).toBe(true);
  });
});

describe('multivalue operands', () => {
  // Harness rule, following the search command's "a multivalue field matches if any value does"
  // (issue 4): a comparison on a multivalue field is true when any of its values satisfies it.
  it('comparisons hold when any value satisfies them', () => {
    const event = { dest: ['host1', 'host2'] };
    expect(evalText('dest = "host2"', event)).toBe(true);
    expect(evalText('dest = "host3"', event)).toBe(false);
    expect(evalText('dest LIKE "%1"', event)).toBe(true);
  });

  // Harness rule: "!=" is the negation of "=" for present values, the search command's rule for
  // x!=v on a multivalue field (Search Manual, "Difference between != and NOT").
  it('!= is false when any value equals', () => {
    expect(evalText('dest != "host2"', { dest: ['host1', 'host2'] })).toBe(false);
    expect(evalText('dest != "host3"', { dest: ['host1', 'host2'] })).toBe(true);
  });

  // Harness rule: arithmetic needs single numbers ("Accepts two numbers and produces a number",
  // Evaluation functions, operators), so a multivalue operand gives null.
  it('arithmetic on a multivalue field is null', () => {
    expect(evalText('x + 1', { x: ['1', '2'] })).toBe(null);
  });
});

describe('field references', () => {
  // Search Reference, "eval": field names with special characters are single-quoted
  // ('Processes.dest'); field names are case-sensitive.
  it('single-quoted and case-sensitive field names', () => {
    expect(evalText('\'Processes.dest\' . ""', { 'Processes.dest': 'h1' })).toBe('h1');
    expect(evalText('isnull(Dest)', { dest: 'h1' })).toBe(true);
  });
});

describe('assignment (toFieldValue)', () => {
  // Search Reference, "eval": "The result of an eval expression cannot be a Boolean."; eval
  // command usage: "Numbers and strings can be assigned to fields, while booleans cannot be assigned."
  it('booleans cannot be assigned', () => {
    expect(() => toFieldValue(true)).toThrow(EvalError);
    expect(() => assigned('1 = 1')).toThrow(/boolean/);
  });

  it('null removes the field; multivalues keep their values', () => {
    expect(toFieldValue(null)).toBe(undefined);
    expect(toFieldValue(['a', 'b'])).toEqual(['a', 'b']);
    expect(toFieldValue([])).toBe(undefined);
    expect(toFieldValue(5)).toBe(5);
  });

  // eval command usage: NaN "is represented as "nan" in your results".
  it('NaN is assigned as "nan"', () => {
    expect(toFieldValue(Number.NaN)).toBe('nan');
  });
});

describe('errors', () => {
  // Unknown functions and wrong argument counts are errors of the expression, reported with the
  // position of the call, not crashes.
  it('unknown function and bad arity throw EvalError with a span', () => {
    const unknown = parseEvalExpression('nosuchfn(x)').expr!;
    expect(() => evaluate(unknown, {}, { now: 0 })).toThrow(EvalError);
    try {
      evaluate(parseEvalExpression('x . lower()').expr!, {}, { now: 0 });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(EvalError);
      expect((err as EvalError).span).toEqual({ start: 4, end: 11 });
    }
  });

  it('an invalid literal regex is an EvalError', () => {
    expect(() => evalText('match(x, "(unclosed")', { x: 'a' })).toThrow(EvalError);
  });
});
