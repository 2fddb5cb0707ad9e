/** A counting semaphore: at most `max` tasks run at once, the rest wait in order. */
export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  readonly active: number;
  readonly max: number;
}

export function createLimiter(max: number): Limiter {
  if (!Number.isInteger(max) || max < 1) throw new Error(`concurrency must be a positive integer, got ${max}`);
  let active = 0;
  const waiting: Array<() => void> = [];
  // A finishing task hands its slot straight to the next waiter, so a task arriving in
  // between cannot take it too and push `active` over `max`.
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  return {
    max,
    get active() {
      return active;
    },
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active >= max) await new Promise<void>((go) => waiting.push(go));
      else active++;
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
