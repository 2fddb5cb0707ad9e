import { describe, expect, it } from 'vitest';
import { main, usage } from '../harness/cli/main.js';

describe('cli', () => {
  it('lists every subcommand in its usage', () => {
    const text = usage();
    for (const c of ['validate', 'test', 'parse', 'explain', 'coverage', 'search', 'fetch', 'cache', 'merge-reports']) expect(text).toContain(c);
  });
  it('exits 2 on an unknown command', async () => {
    const errors: string[] = [];
    const orig = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((s: string) => (errors.push(String(s)), true)) as typeof process.stderr.write;
    try {
      expect(await main(['no-such-command'])).toBe(2);
    } finally {
      process.stderr.write = orig;
    }
    expect(errors.join('')).toContain("unknown command 'no-such-command'");
  });
});
