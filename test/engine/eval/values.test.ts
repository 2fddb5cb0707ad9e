/** Value helpers: Splunk's numeric strings, text rendering, multivalues and ordering. */
import { describe, expect, it } from 'vitest';
import { compareValues, detach, detachAll, formatNumber, isNumeric, mvValues, toNumber, toText } from '../../../harness/engine/values.js';

describe('numbers', () => {
  // Search Reference, "Evaluation functions": "All functions that accept numbers can accept
  // either literal numbers or any numeric field" — a field whose text reads as a number is one.
  it('recognises numeric strings', () => {
    for (const s of ['0', '42', '-3', '+3', '3.5', '.5', '5.', '1e3', '-2.5E-2', ' 7 ']) expect(isNumeric(s)).toBe(true);
    for (const s of ['', 'abc', '0x1F', '1,000', '1.2.3', 'inf', 'nan', '12abc', '-']) expect(isNumeric(s)).toBe(false);
    expect(toNumber('3.5')).toBe(3.5);
    expect(toNumber('abc')).toBe(undefined);
    expect(toNumber(['7'])).toBe(7);
    expect(toNumber(['7', '8'])).toBe(undefined);
    expect(toNumber(undefined)).toBe(undefined);
  });

  // eval command usage: NaN "is represented as "nan" ... infinity ... as "inf" and "-inf"".
  it('renders numbers as Splunk prints them', () => {
    expect(formatNumber(5)).toBe('5');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(2.5)).toBe('2.5');
    expect(formatNumber(1e21)).toBe('1000000000000000000000');
    expect(formatNumber(1e-7)).toBe('0.0000001');
    expect(formatNumber(Number.NaN)).toBe('nan');
    expect(formatNumber(Infinity)).toBe('inf');
    expect(formatNumber(-Infinity)).toBe('-inf');
  });
});

describe('text and multivalues', () => {
  it('toText', () => {
    expect(toText('a')).toBe('a');
    expect(toText(12)).toBe('12');
    expect(toText(undefined)).toBe(undefined);
    expect(toText(['x', 'y'])).toBe('x');
    expect(toText([])).toBe(undefined);
  });

  it('mvValues', () => {
    expect(mvValues(undefined)).toEqual([]);
    expect(mvValues('a')).toEqual(['a']);
    expect(mvValues(['a', 1])).toEqual(['a', 1]);
  });
});

describe('compareValues', () => {
  // Search Reference, "sort" / "where": numbers compare numerically, text lexicographically.
  it('numeric when both are numbers, else lexicographic', () => {
    expect(compareValues('10', '9')).toBe(1);
    expect(compareValues(2, '10')).toBe(-1);
    expect(compareValues('10', '9a')).toBe(-1); // text: "1" < "9"
    expect(compareValues('B', 'a')).toBe(-1); // codepoints: uppercase first
    expect(compareValues('x', 'x')).toBe(0);
  });
});

describe('values kept past their event', () => {
  // values.ts detach: an aggregation keeps its groups' values and its values()/first() results
  // after the event is gone; a copy must equal the value exactly, whatever its characters.
  it('detach gives an equal value, of any length and any characters', () => {
    const raw = `<Data Name='CommandLine'>C:\\Windows\\system32\\cmd.exe /c "écho \u{1F600} \ud800"</Data>`;
    const slice = raw.slice(25, raw.length - 7);
    expect(detach(slice)).toBe(slice);
    expect(detach('short')).toBe('short');
    expect(detach(42)).toBe(42);
    expect(detachAll([slice, 7, ''])).toEqual([slice, 7, '']);
  });
});
