/**
 * Golden tests: how an eval / where expression reads a field name.
 *
 * Search Reference, "eval" (Usage): "If the expression references a field name that contains
 * non-alphanumeric characters, other than the underscore ( _ ) character, the field name needs to
 * be surrounded by single quotation marks." And the period is eval's concatenation operator
 * ("Use the period ( . ) operator to concatenate strings"). So an unquoted `a.b` is the field `a`
 * concatenated with the field `b`; the field named `a.b` is written `'a.b'`.
 *
 * ESCU relies on it: detect_rtlo_in_file_name does `eval file_name=RTLO_file_1.RTLO_file_2` after
 * a rex, and its true-positive test (run by Splunk's CI) needs file_name set.
 */
import { describe, expect, it } from 'vitest';
import { assigned } from './helpers.js';

describe('unquoted dotted names are concatenations', () => {
  it('a.b concatenates the fields a and b', () => {
    expect(assigned('RTLO_file_1.RTLO_file_2', { RTLO_file_1: 'test_malware', RTLO_file_2: 'xcod.htm' })).toBe('test_malwarexcod.htm');
  });

  it('does not read a field literally named "a.b" unless it is single-quoted', () => {
    const event = { 'Processes.dest': 'ws01', Processes: 'P', dest: 'D' };
    expect(assigned('Processes.dest', event)).toBe('PD');
    expect(assigned("'Processes.dest'", event)).toBe('ws01');
  });

  it('is null when a part is null, like any concatenation', () => {
    expect(assigned('userIdentity.userName', { 'userIdentity.userName': 'bob' })).toBeUndefined();
    expect(assigned('coalesce(actor.alternateId, user)', { 'actor.alternateId': 'a@x', user: 'u' })).toBe('u');
  });

  it('keeps numbers with a decimal point as numbers', () => {
    expect(assigned('x + 1.5', { x: '1' })).toBe(2.5);
  });
});
