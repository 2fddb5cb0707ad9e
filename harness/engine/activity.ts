/**
 * Which command the engine is running, readable from another thread while this one is stuck.
 *
 * A test that runs past its time budget (a catastrophic regex: JavaScript's RegExp cannot be
 * interrupted) is stopped by terminating its worker thread; the thread cannot say anything
 * then, so it keeps the command it is inside in shared memory, and the pool reads it to name the
 * command in the test's error. Without a shared buffer (the main thread) nothing is recorded.
 */
import type { Command } from '../spl/ast.js';

/** Label slots: commands are numbered as pipelines are built, and slots are reused round-robin. */
const LABELS = 256;
const LABEL_BYTES = 96;
/** Bytes of the shared buffer: the current label number, then the labels. */
export const ACTIVITY_BYTES = 8 + LABELS * LABEL_BYTES;

let current: Int32Array | undefined;
let labels: Uint8Array | undefined;
let next = 0;
const ids = new WeakMap<Command, number>();
const encoder = new TextEncoder();

/** Makes this thread record its activity in `buffer` (one per worker). */
export function shareActivity(buffer: SharedArrayBuffer): void {
  current = new Int32Array(buffer, 0, 2);
  labels = new Uint8Array(buffer, 8);
}

/** The label number of a command (0 when nothing is recorded); call while building a pipeline, not per event. */
export function activityId(command: Command): number {
  if (!labels) return 0;
  const known = ids.get(command);
  if (known) return known;
  const id = (next++ % LABELS) + 1;
  const text = `${command.name}@${command.span.start}`;
  const at = (id - 1) * LABEL_BYTES;
  labels.fill(0, at, at + LABEL_BYTES);
  labels.set(encoder.encode(text).subarray(0, LABEL_BYTES), at);
  ids.set(command, id);
  return id;
}

/** Records that the command with this label number is running now. */
export function noteActivity(id: number): void {
  if (current) current[0] = id;
}

/** What a (possibly stuck or terminated) thread last recorded in `buffer`. */
export function readActivity(buffer: SharedArrayBuffer): { command: string; offset: number } | undefined {
  const id = new Int32Array(buffer, 0, 2)[0];
  if (!id) return undefined;
  const bytes = new Uint8Array(buffer, 8 + (id - 1) * LABEL_BYTES, LABEL_BYTES);
  const end = bytes.indexOf(0);
  const text = new TextDecoder().decode(bytes.slice(0, end < 0 ? LABEL_BYTES : end));
  const at = text.lastIndexOf('@');
  return at > 0 ? { command: text.slice(0, at), offset: Number(text.slice(at + 1)) } : undefined;
}
