import type { Event } from '../engine/types.js';

/**
 * One producer feeding a search that pulls: the shared scan (scan.ts) pushes each event a search
 * may match into that search's channel, and the search's pipeline reads the channel as its
 * source. The producer waits (`drained`) until every consumer has taken what it was given, so no
 * channel holds more than one batch of the file: memory stays bounded whatever the file's size.
 */
export class Channel {
  private items: Event[] = [];
  private at = 0;
  private wake: (() => void) | undefined;
  private emptied: (() => void) | undefined;
  private ended = false;
  /** The consumer stopped reading (a `head` that has its rows, or a failure): pushes are dropped. */
  closed = false;

  push(event: Event): void {
    if (this.closed) return;
    this.items.push(event);
    this.signal();
  }

  /** No more events: the consumer's iteration ends once it has taken the rest. */
  end(): void {
    this.ended = true;
    this.signal();
  }

  /** The consumer is done (its search finished or failed, whether or not it read): pushes are dropped. */
  close(): void {
    this.closed = true;
    this.ended = true;
    this.items = [];
    this.signal();
    this.settle();
  }

  /** Resolves once the consumer has taken everything pushed so far (or stopped reading). */
  drained(): Promise<void> {
    if (this.closed || this.at >= this.items.length) return Promise.resolve();
    return new Promise((resolve) => (this.emptied = resolve));
  }

  /** The events, as the consumer's source reads them; one iteration only. */
  async *events(): AsyncIterable<Event> {
    try {
      for (;;) {
        while (this.at < this.items.length) yield this.items[this.at++];
        this.items = [];
        this.at = 0;
        this.settle();
        if (this.ended) return;
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
    } finally {
      this.close();
    }
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private settle(): void {
    const emptied = this.emptied;
    this.emptied = undefined;
    emptied?.();
  }
}
