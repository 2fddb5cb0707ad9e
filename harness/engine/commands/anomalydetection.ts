/**
 * anomalydetection (Search Reference, "anomalydetection"): "identifies anomalous events by
 * computing a probability for each event and then detecting unusually small probabilities. The
 * probability is defined as the product of the frequencies of each individual field value in the
 * event. For categorical fields, the frequency of a value X is the number of times X occurs
 * divided by the total number of events." What the page determines is implemented; what it
 * leaves open is reported unsupported, naming the option:
 * - method=histogram (default), action=filter (default) | annotate, over the listed fields:
 *   `log_event_prob` (natural log of the probability), `probable_cause` (the field whose value is
 *   rarest; the first listed on a tie), `probable_cause_freq` and `max_freq` are added to the
 *   anomalous events; filter keeps only those, annotate keeps every event ("the same four new
 *   fields added when action=filter", so the other events get none — ESCU's
 *   `| search probable_cause=*` after annotate relies on that).
 *   An event is anomalous when its probability meets `pthresh` (≤); without `pthresh`,
 *   `cutoff=false` uses "threshold = 1st-quartile - 1.5 * IQR" over log(event_prob), quartiles
 *   interpolated as the outlier command's.
 *   Unsupported: the default `cutoff=true` without `pthresh` ("modifies the formula", not said
 *   how), no field list (which fields are used is not said), a numerical field (its histogram's
 *   bins are not said), an event lacking a listed field or holding several values (not said),
 *   action=summary (whether `thresh` is a log or a probability is not said).
 * - method=iqr: "performs like the outlier command" with its action, mark, param, uselower.
 * - method=zscore "performs like the anomalousvalue command", which the engine lacks.
 */
import type { GenericCommand } from '../../spl/ast.js';
import type { Event, Unsupported } from '../types.js';
import { UnsupportedError } from '../types.js';
import { isNumeric, toText } from '../values.js';
import { readGenericArgs } from './lib/generic-args.js';
import { optionFlag, optionNumber } from './lib/stream.js';
import { outlier } from './outlier.js';
import { defineCommand, type CommandSpec } from './types.js';
import { GENERIC_SYNTAX } from '../../spl/parse.js';

const HISTOGRAM_OPTIONS = ['method', 'action', 'pthresh', 'cutoff'];
const IQR_OPTIONS = ['method', 'action', 'mark', 'param', 'uselower'];

const option = (name: string): Unsupported => ({ kind: 'option', name: `anomalydetection:${name}` });

/** The argument tokens without one `key = value` triple (outlier has no `method`). */
function withoutOption(args: string[], key: string): string[] {
  const at = args.findIndex((a, i) => a.toLowerCase() === key && args[i + 1] === '=');
  return at < 0 ? args : [...args.slice(0, at), ...args.slice(at + 3)];
}

function quartile(sorted: number[], q: number): number {
  const rank = q * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export const anomalydetection: CommandSpec<GenericCommand> = {
  check(command) {
    const { options, words } = readGenericArgs(command.args);
    const method = (options.method ?? 'histogram').toLowerCase();
    if (method === 'iqr') {
      const out = Object.keys(options)
        .filter((k) => !IQR_OPTIONS.includes(k))
        .map((k) => option(k === 'pthresh' ? 'pthresh with method=iqr (Splunk rejects it)' : k));
      if (options.action !== undefined && !/^(rm|remove|tf|transform)$/i.test(options.action)) out.push(option(`action=${options.action}`));
      return out;
    }
    if (method !== 'histogram') return [option(`method=${method} (performs like anomalousvalue)`)];
    const out = Object.keys(options)
      .filter((k) => !HISTOGRAM_OPTIONS.includes(k))
      .map(option);
    const action = (options.action ?? 'filter').toLowerCase();
    if (action === 'summary') out.push(option('action=summary (the scale of thresh is not documented)'));
    else if (action !== 'filter' && action !== 'annotate') out.push(option(`action=${action}`));
    if (!words.length) out.push(option('field-list omitted (the default fields are not documented)'));
    if (options.pthresh === undefined && optionFlag(options.cutoff, true))
      out.push(option('cutoff=true without pthresh (the modified threshold formula is not documented)'));
    return out;
  },
  operator: async function* (input, command, ctx) {
    const { options, words } = readGenericArgs(command.args);
    if ((options.method ?? 'histogram').toLowerCase() === 'iqr') {
      yield* outlier.operator(input, { ...command, args: withoutOption(command.args, 'method') }, ctx);
      return;
    }
    const filter = (options.action ?? 'filter').toLowerCase() === 'filter';
    const fields = words.flatMap((w) => w.split(',')).filter(Boolean);
    const held: Event[] = [];
    for await (const e of input) held.push(e);

    const counts = fields.map(() => new Map<string, number>());
    for (const event of held)
      fields.forEach((f, i) => {
        const value = event[f];
        if (value === undefined) throw new UnsupportedError([option(`an event without ${f} (not documented)`)]);
        if (Array.isArray(value)) throw new UnsupportedError([option(`multivalue ${f} (not documented)`)]);
        if (isNumeric(value)) throw new UnsupportedError([option(`numerical field ${f} (histogram bins are not documented)`)]);
        const text = toText(value)!;
        counts[i].set(text, (counts[i].get(text) ?? 0) + 1);
      });

    const scored = held.map((event) => {
      const freqs = fields.map((f, i) => counts[i].get(toText(event[f] as string)!)! / held.length);
      const logProb = freqs.reduce((sum, p) => sum + Math.log(p), 0);
      let cause = 0;
      freqs.forEach((p, i) => {
        if (p < freqs[cause]) cause = i;
      });
      return { event, logProb, cause, freqs };
    });

    let anomalous: (logProb: number) => boolean;
    if (options.pthresh !== undefined) {
      const pthresh = optionNumber(options.pthresh, NaN);
      anomalous = (logProb) => Math.exp(logProb) <= pthresh;
    } else {
      const sorted = scored.map((s) => s.logProb).sort((a, b) => a - b);
      const q1 = sorted.length ? quartile(sorted, 0.25) : 0;
      const q3 = sorted.length ? quartile(sorted, 0.75) : 0;
      const threshold = q1 - 1.5 * (q3 - q1);
      anomalous = (logProb) => logProb < threshold;
    }

    for (const { event, logProb, cause, freqs } of scored) {
      if (!anomalous(logProb)) {
        if (!filter) yield event;
        continue;
      }
      yield { ...event, log_event_prob: logProb, probable_cause: fields[cause], probable_cause_freq: freqs[cause], max_freq: Math.max(...freqs) };
    }
  },
};

export const command = defineCommand<GenericCommand>({ names: ['anomalydetection'], syntax: GENERIC_SYNTAX, spec: anomalydetection });
