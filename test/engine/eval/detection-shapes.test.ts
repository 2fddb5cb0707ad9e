/**
 * Eval / where expressions shaped like the ones security_content detections use (backslash
 * paths, case() ladders, IN over a multivalue field, outlier formulas), evaluated on events
 * built here. They exercise the rules of operators.test.ts and the function goldens together.
 */
import { describe, expect, it } from 'vitest';
import { evalText, assigned } from './helpers.js';
import { isTruthy } from '../../../harness/engine/eval.js';

const where = (text: string, event: Record<string, string | number | Array<string | number>>) => isTruthy(evalText(text, event));

describe('path handling with backslashes', () => {
  // Text functions, split() / replace(): an SPL string "\\" is one backslash; as a regex
  // "\\\\" matches one backslash.
  it('splits a Windows path and takes the last segment', () => {
    const event = { file_path: 'C:\\Users\\Public\\evil.exe' };
    expect(assigned('split(file_path, "\\\\")', event)).toEqual(['C:', 'Users', 'Public', 'evil.exe']);
    expect(assigned('mvindex(split(file_path, "\\\\"), -1)', event)).toBe('evil.exe');
    expect(assigned('mvcount(split(file_path, "\\\\"))', event)).toBe(4);
  });

  it('removes leading backslashes with replace()', () => {
    expect(assigned('replace(WorkstationName, "\\\\\\\\", "")', { WorkstationName: '\\\\WS01' })).toBe('WS01');
  });
});

describe('case() ladders and outlier formulas', () => {
  it('maps registry values', () => {
    const expr = 'case(v=="0", "Disabled", v=="1", "Block", v=="2", "Audit", true(), "Unknown")';
    expect(assigned(expr, { v: '1' })).toBe('Block');
    expect(assigned(expr, { v: '9' })).toBe('Unknown');
    expect(assigned(expr, {})).toBe('Unknown');
  });

  it('computes an upper bound and flags an outlier', () => {
    const event = { comp_avg: '2', comp_std: '1.5', unique_accounts: '12' };
    expect(assigned('(comp_avg+comp_std*3)', event)).toBe(6.5);
    expect(assigned('if(unique_accounts > 10 and unique_accounts >= comp_avg+comp_std*3, 1, 0)', event)).toBe(1);
    expect(where('user_dc >= 10 AND .25 > (success/failure)', { user_dc: '12', success: '1', failure: '8' })).toBe(true);
    expect(where('user_dc >= 10 AND .25 > (success/failure)', { user_dc: '12', success: '1', failure: '0' })).toBe(false); // x/0 is null
  });

  it('case() with a lone branch leaves the field unset when nothing matches', () => {
    expect(assigned('case((duration<30),"TRUE")', { duration: '12' })).toBe('TRUE');
    expect(assigned('case((duration<30),"TRUE")', { duration: '45' })).toBe(undefined);
  });
});

describe('where over multivalue results of stats', () => {
  it('NOT x IN (multivalue field)', () => {
    expect(where('NOT new_ace IN (old_values)', { new_ace: 'A;B', old_values: ['A;B', 'C;D'] })).toBe(false);
    expect(where('NOT new_ace IN (old_values)', { new_ace: 'E;F', old_values: ['A;B', 'C;D'] })).toBe(true);
  });

  it('mvcount and len in one condition', () => {
    expect(where('ut_shannon>3 AND len(user)>=8 AND mvcount(src) == 1', { ut_shannon: '3.7', user: 'xkq3v9zt', src: '10.0.0.1' })).toBe(true);
    expect(where('ut_shannon>3 AND len(user)>=8 AND mvcount(src) == 1', { ut_shannon: '3.7', user: 'xkq3v9zt', src: ['a', 'b'] })).toBe(false);
  });

  it('field-to-field comparison is case-sensitive', () => {
    expect(where('process_name != service_process', { process_name: 'svc.exe', service_process: 'SVC.exe' })).toBe(true);
  });
});

describe('regex-based filters', () => {
  it('case-insensitive match with a character class', () => {
    const expr = 'match(process, "(?i)[\\-|\\/]enc(odedcommand)?\\s")';
    expect(where(expr, { process: 'powershell.exe -EncodedCommand SQBFAFgA' })).toBe(true);
    expect(where(expr, { process: 'powershell.exe /enc SQBFAFgA' })).toBe(true);
    expect(where(expr, { process: 'powershell.exe -File x.ps1' })).toBe(false);
  });

  it('integrity levels ranked by case(match(...))', () => {
    const expr = 'case(match(level,"low"),1,match(level,"medium"),2,match(level,"high"),3,match(level,"system"),4,true(),0)';
    expect(assigned(expr, { level: 'high' })).toBe(3);
    expect(assigned(expr, {})).toBe(0);
  });
});
