/** The distinct texts behind dc and values. */
import { detach, toText } from '../values.js';
import type { FieldValue, Scalar } from '../types.js';
import type { Accumulator } from './types.js';

/**
 * Values are compared as text. Most groups see a single value of a field, so the first text is
 * held alone and a Set is made only for a second distinct one: an empty Set already costs more
 * than the rest of the accumulator. Texts are kept in first-seen order.
 */
export abstract class DistinctTexts implements Accumulator {
  private only: string | undefined = undefined;
  private many: Set<string> | undefined = undefined;

  add(values: Scalar[]): void {
    for (const v of values) {
      const t = toText(v) ?? '';
      const many = this.many;
      if (many) {
        if (!many.has(t)) many.add(detach(t));
      } else if (this.only === undefined) {
        this.only = detach(t);
      } else if (t !== this.only) {
        this.many = new Set([this.only, detach(t)]);
      }
    }
  }

  protected distinctCount(): number {
    return this.many ? this.many.size : this.only === undefined ? 0 : 1;
  }

  protected texts(): string[] {
    return this.many ? [...this.many] : this.only === undefined ? [] : [this.only];
  }

  abstract result(): FieldValue | undefined;
}
