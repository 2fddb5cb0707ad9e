/**
 * What a data model dataset asks of an event's raw text before its row exists: the dataset's
 * constraints (`tag=process tag=report` for Endpoint.Processes), followed back through the event
 * types and tags that give those tags to the event codes and terms that give the event types.
 *
 * A `tstats ... from datamodel=Endpoint.Processes where Processes.process_name=*` asks nothing of
 * the raw text through its `where`, so without this every event of the file is extracted. Over
 * Sysmon events the Processes dataset only holds the event types `ms-sysmon-process` gives, so
 * the search needs `[EventCode|EventID]` 1, 5, 6, 7, 8, 9, 10, 17, 18 or 25 (or a tag the event
 * carries itself). Like the rest of the pre-filter, the requirement is necessary, never
 * sufficient, and every rule only widens it:
 * - a tag comes from an event type that lists it, a field-value tag rule, or the event itself
 *   (normalize.ts keeps the tags it carries: a reader may give `tag`);
 * - an event type's search and a tag rule's condition are followed term by term, as the search
 *   pre-filter follows a `search` (`raw-need.ts` valueNeed, with the field origins at that phase);
 * - `eventtype=x` inside them is x's own search (or the event's own `eventtype`); a chain deeper
 *   than a few steps, `NOT`, comparisons and field-to-field tests require nothing.
 */

import { wildcardTest, type Cond } from '../ingest/transforms.js';
import type { Scalar } from '../common/event.js';
import { datamodelFieldOrigins, sourceTagging, type Origin, type Tagging } from '../ingest/provenance.js';
import { datasetLineage } from '../ingest/datamodel.js';
import { all, any, pieces, valueNeed, wholeValueNeed, type RawNeed } from './raw-need.js';

/** `eventtype=` inside an event type's search is followed this many steps, then requires nothing. */
const MOST_EVENTTYPE_STEPS = 4;

/**
 * What events of one sourcetype/source must hold in their raw text to be rows of `dataset`
 * (`Endpoint.Processes`); true when nothing is known or the dataset is not supported.
 */
export function datasetNeed(dataset: string, meta: { source: string; sourcetype: string }): RawNeed {
  const lineage = datasetLineage(dataset);
  if (!lineage) return true;
  const tagging = sourceTagging(meta.sourcetype, meta.source);
  const model = dataset.split('.')[0];
  // Each level's constraint sees the fields the levels above it calculated; `tag` and `eventtype`
  // stay the normalised ones unless one of those levels calculates them.
  return all(
    lineage.map((ds, i) => {
      const above = lineage.slice(0, i);
      const fields = i === 0 ? tagging.fields : datamodelFieldOrigins(`${model}.${above.map((d) => d.name).join('.')}`, meta.sourcetype, meta.source);
      const retagged = above.some((d) => d.calculated && ('tag' in d.calculated || 'eventtype' in d.calculated));
      return fields ? condNeed(ds.constraint, new Follower(tagging, fields, !retagged)) : true;
    }),
  );
}

/** Follows conditions over one level's fields; `tag` and `eventtype` through the source's tagging where they are the normalised ones. */
class Follower {
  constructor(
    private readonly tagging: Tagging,
    private readonly fields: (field: string) => Origin,
    /** False once a data model level's calculated fields stand between (tag and eventtype are then whatever normalisation left). */
    private readonly derivedVisible: boolean,
    private readonly steps = 0,
  ) {}

  field(field: string, value: Scalar): RawNeed {
    const text = String(value);
    if (field === 'tag') return this.derivedVisible ? this.tagNeed(text) : true;
    if (field === 'eventtype') return this.derivedVisible ? this.eventtypeNeed(text) : true;
    return valueNeed(this.fields(field), { text, quoted: true });
  }

  /** An event has a tag matching `pattern` from an event type, a tag rule, or because it carried it. */
  private tagNeed(pattern: string): RawNeed {
    if (this.steps >= MOST_EVENTTYPE_STEPS) return true;
    const wanted = (tags: readonly string[]) => tags.some(wildcardTest(pattern));
    // Event-type searches and tag rules see only the tags and event types the event carried.
    const inner = new Follower(this.tagging, this.tagging.fields, true, this.steps + 1);
    return any([
      wholeValueNeed(this.tagging.fields('tag'), pattern),
      ...this.tagging.eventtypes.filter((et) => wanted(et.tags)).map((et) => condNeed(et.search, inner)),
      ...this.tagging.tagRules.filter((r) => wanted(r.tags)).map((r) => condNeed(r.when, inner)),
    ]);
  }

  private eventtypeNeed(pattern: string): RawNeed {
    if (this.steps >= MOST_EVENTTYPE_STEPS) return true;
    const named = wildcardTest(pattern);
    const inner = new Follower(this.tagging, this.tagging.fields, true, this.steps + 1);
    return any([
      wholeValueNeed(this.tagging.fields('eventtype'), pattern),
      ...this.tagging.eventtypes.filter((et) => named(et.name)).map((et) => condNeed(et.search, inner)),
    ]);
  }
}

/** The raw-text requirement of a source-table or data-model condition. */
function condNeed(cond: Cond, follow: Follower): RawNeed {
  if ('all' in cond) return all(cond.all.map((c) => condNeed(c, follow)));
  if ('any' in cond) return any(cond.any.map((c) => condNeed(c, follow)));
  if ('not' in cond) return true;
  // A bare term matches `_raw` itself (on segment boundaries, which only narrows it).
  if ('term' in cond) return all(pieces(cond.term).map((p) => ({ text: p })));
  const tests: RawNeed[] = [];
  if (cond.eq !== undefined) tests.push(follow.field(cond.field, cond.eq));
  if (cond.in !== undefined) tests.push(any(cond.in.map((v) => follow.field(cond.field, v))));
  return all(tests);
}
