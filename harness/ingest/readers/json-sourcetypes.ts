/**
 * JSON sourcetypes as data: which field holds each sourcetype's timestamp and which names the
 * host. Field names are the flattened names (`a.b`, `a{}.b`). Patterns end in `*` to cover a
 * family (`gws:reports:*`). Sourcetypes not listed use GENERIC_TIME_FIELDS / GENERIC_HOST_FIELDS.
 */

export interface JsonSourcetype {
  /** Sourcetype name, case-insensitive, `*` at the end matches any suffix. */
  sourcetype: string;
  /** Timestamp fields, first present and readable wins. */
  time: string[];
  /** Host fields, first present wins (absent: meta.host / file name). */
  host?: string[];
}

export const JSON_SOURCETYPES: JsonSourcetype[] = [
  { sourcetype: '_json', time: [] },
  { sourcetype: 'json_no_timestamp', time: [] },
  { sourcetype: '__json', time: [] },
  { sourcetype: 'json', time: [] },
  // AWS: CloudTrail records, CloudTrail Lake (eventData wrapper), Security Hub, Firehose.
  { sourcetype: 'aws:cloudtrail', time: ['eventTime'] },
  { sourcetype: 'aws:cloudtrail:lake', time: ['eventData.eventTime', 'eventTime'] },
  { sourcetype: 'aws:securityhub:finding', time: ['UpdatedAt', 'updatedAt', 'CreatedAt', 'time', 'detail.findings{}.UpdatedAt'] },
  { sourcetype: 'aws:firehose:json', time: ['eventTime', 'time', 'timestamp', 'detail.eventTime', 'updatedAt', 'UpdatedAt'] },
  { sourcetype: 'aws:bedrock*', time: ['timestamp'] },
  // Amazon Security Lake (OCSF): `time` in epoch milliseconds.
  { sourcetype: 'aws:asl', time: ['time', 'metadata.logged_time'] },
  // Microsoft cloud.
  { sourcetype: 'o365:management:activity', time: ['CreationTime'] },
  { sourcetype: 'o365:graph:api', time: ['createdDateTime', 'activityDateTime', 'lastUpdateDateTime'] },
  { sourcetype: 'o365:*', time: ['CreationTime', 'time'] },
  { sourcetype: 'azure:monitor:aad', time: ['time', 'properties.createdDateTime', 'properties.activityDateTime'] },
  { sourcetype: 'azure:monitor:*', time: ['time', 'properties.createdDateTime'] },
  { sourcetype: 'mscs:azure:*', time: ['time', 'eventTimestamp', 'properties.createdDateTime', 'TimeGenerated'] },
  { sourcetype: 'ms:aad:*', time: ['createdDateTime', 'activityDateTime'] },
  { sourcetype: 'ms365:defender:*', time: ['lastUpdateTime', 'createdDateTime', 'firstActivity'] },
  // Identity providers.
  { sourcetype: 'OktaIM2:log', time: ['published'] },
  { sourcetype: 'okta:*', time: ['published'] },
  { sourcetype: 'pingid*', time: ['recorded'] },
  // Google Workspace.
  { sourcetype: 'gws:reports:*', time: ['id.time'] },
  { sourcetype: 'gws:*', time: ['id.time', 'timestamp'] },
  { sourcetype: 'gsuite:gmail:bigquery', time: ['event_info.timestamp_usec'] },
  { sourcetype: 'gsuite:*', time: ['id.time', 'event_info.timestamp_usec', 'timestamp'] },
  { sourcetype: 'gcp:*', time: ['timestamp', 'receiveTimestamp', 'data.timestamp'] },
  { sourcetype: 'google:gcp:*', time: ['timestamp', 'receiveTimestamp', 'data.timestamp'] },
  // CrowdStrike: FDR (`timestamp` in ms), Event Streams (metadata in ms), identities.
  { sourcetype: 'crowdstrike:events:sensor', time: ['timestamp', 'ContextTimeStamp'], host: ['ComputerName'] },
  { sourcetype: 'CrowdStrike:Event:Streams:JSON', time: ['metadata.eventCreationTime', 'event.ProcessStartTime'], host: ['event.ComputerName'] },
  { sourcetype: 'crowdstrike:identities', time: ['timestamp', 'startTime', 'endTime', 'metadata.eventCreationTime'] },
  { sourcetype: 'crowdstrike:*', time: ['timestamp', 'metadata.eventCreationTime', 'ContextTimeStamp'] },
  // Kubernetes: event objects carry their times inside `object`.
  { sourcetype: 'kube:objects:events', time: ['object.lastTimestamp', 'object.eventTime', 'object.firstTimestamp', 'object.metadata.creationTimestamp'] },
  { sourcetype: 'kube:*', time: ['requestReceivedTimestamp', 'stageTimestamp', 'timestamp', 'time', 'metadata.creationTimestamp'] },
  // Network sensors.
  { sourcetype: 'suricata', time: ['timestamp'], host: ['host'] },
  { sourcetype: 'bro:*', time: ['ts'] },
  { sourcetype: 'zeek:*', time: ['ts'] },
  { sourcetype: 'stream:*', time: ['timestamp', 'endtime', 'start_time'] },
  { sourcetype: 'zscalernss-*', time: ['datetime', 'time'] },
  { sourcetype: 'cisco:sfw:estreamer', time: ['EventSecond'] },
  // Others seen in ESCU tests.
  { sourcetype: 'circleci', time: ['job_time', 'stop_time', 'start_time', 'queued_time', 'stopped_at', 'started_at'] },
  { sourcetype: 'osquery:results', time: ['unixTime', 'calendarTime'], host: ['hostIdentifier'] },
  { sourcetype: 'github*', time: ['@timestamp', 'created_at'] },
  { sourcetype: 'nxlog*', time: ['EventTime', '@timestamp'], host: ['Hostname'] },
];

/** Tried for every JSON event whose sourcetype entry found nothing (and for unlisted sourcetypes). */
export const GENERIC_TIME_FIELDS = [
  '_time',
  'timestamp',
  '@timestamp',
  'time',
  'eventTime',
  'EventTime',
  'ts',
  'published',
  'CreationTime',
  'createdDateTime',
  'datetime',
  'date',
  'created_at',
  'recorded',
  'metadata.eventCreationTime',
  'EventSecond',
  'UtcTime',
  'TimeCreated',
  'id.time',
  'ContextTimeStamp',
  'event_time',
  'eventTimestamp',
];

/** Host fields tried when the sourcetype entry names none. */
export const GENERIC_HOST_FIELDS = ['Hostname', 'hostname', 'Computer', 'ComputerName', 'host'];

/** The entry for a sourcetype: exact (case-insensitive) names first, then the longest matching prefix pattern. */
export function jsonSourcetype(sourcetype: string): JsonSourcetype | undefined {
  const st = sourcetype.toLowerCase();
  let best: JsonSourcetype | undefined;
  for (const entry of JSON_SOURCETYPES) {
    const name = entry.sourcetype.toLowerCase();
    if (!name.endsWith('*')) {
      if (name === st) return entry;
      continue;
    }
    const prefix = name.slice(0, -1);
    if (st.startsWith(prefix) && (!best || prefix.length > best.sourcetype.length - 1)) best = entry;
  }
  return best;
}
