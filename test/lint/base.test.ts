import { describe, expect, it } from 'vitest';
import { lintTree } from './fixture.js';

describe('the rule-test fixture', () => {
  it('is valid content: no finding of any rule', () => {
    expect(lintTree()).toEqual([]);
  });
});
