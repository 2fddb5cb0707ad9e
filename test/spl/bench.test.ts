import { afterEach, describe, expect, it } from 'vitest';
import { benchParse } from '../../bench/parse.js';

describe('benchParse', () => {
  const saved = process.env.SPL_HARNESS_SHARED;
  afterEach(() => {
    if (saved === undefined) delete process.env.SPL_HARNESS_SHARED;
    else process.env.SPL_HARNESS_SHARED = saved;
  });
  it('reports itself skipped, with the reason, when ../shared is absent', async () => {
    process.env.SPL_HARNESS_SHARED = '/nonexistent/shared';
    const rows = await benchParse();
    expect(rows).toHaveLength(1);
    expect(rows[0].skipped).toContain('/nonexistent/shared');
  });
});
