import { CrescendoError } from '../../errors.js';

/** Key events counted as conversions when none are named. */
export const DEFAULT_CONVERSION_EVENTS = ['purchase', 'generate_lead'] as const;

export interface Ga4QueryOptions {
  /** GA4 event names that count as conversions (key events). */
  conversionEvents: readonly string[];
  /** `touchpoints`: one row per session touch and per conversion; `paths`: journeys grouped by path. */
  output: 'touchpoints' | 'paths';
  /** Touches more than this many days before the journey's end are left out (paths output only). */
  lookbackDays?: number;
}

/** GA4 event names: a letter, then letters, digits or underscores, at most 40 (GA4's own rule). */
const EVENT_NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/**
 * The query body, identical on DuckDB and BigQuery. It reads a relation named `ga4_events` (each
 * engine defines it as the first CTE) and two helpers each engine defines in its own dialect,
 * `crescendo_param_int` and `crescendo_param_number` (an `event_params` value by key): the one thing
 * the two dialects cannot say the same way is "the element of a repeated record whose key is k".
 *
 * A touch is a session (`user_pseudo_id` + the `ga_session_id` parameter) at its first event, on the
 * session's channel: `source / medium` from `session_traffic_source_last_click.manual_campaign`,
 * else the first `collected_traffic_source` of the session, else `(direct) / (none)`. A conversion
 * is an event whose name is listed, worth `ecommerce.purchase_revenue`, else the `value` parameter.
 */
export function ga4QueryBody(options: Ga4QueryOptions): string {
  const bad = options.conversionEvents.filter((name) => !EVENT_NAME.test(name));
  if (bad.length > 0 || options.conversionEvents.length === 0)
    throw new CrescendoError(
      `conversion event names must be GA4 event names: ${bad.join(', ') || '(none given)'}`,
      {
        fix: 'give names such as purchase or generate_lead (a letter, then letters, digits or underscores)',
      },
    );
  const events = options.conversionEvents.map((name) => `'${name}'`).join(', ');
  const common = `events AS (
  SELECT
    user_pseudo_id AS user_id,
    event_timestamp AS ts,
    crescendo_param_int(event_params, 'ga_session_id') AS session_id,
    REPLACE(COALESCE(
      session_traffic_source_last_click.manual_campaign.source || ' / '
        || COALESCE(session_traffic_source_last_click.manual_campaign.medium, '(none)'),
      collected_traffic_source.manual_source || ' / ' || COALESCE(collected_traffic_source.manual_medium, '(none)')
    ), '>', '›') AS source_medium,
    IF(event_name IN (${events}), 1, 0) AS is_conversion,
    COALESCE(ecommerce.purchase_revenue, crescendo_param_number(event_params, 'value'), 0) AS value
  FROM ga4_events
  WHERE user_pseudo_id IS NOT NULL AND event_timestamp IS NOT NULL
),
session_channels AS (
  SELECT user_id, session_id, ts,
    FIRST_VALUE(source_medium IGNORE NULLS) OVER (
      PARTITION BY user_id, session_id ORDER BY ts, source_medium
      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
    ) AS channel
  FROM events
  WHERE session_id IS NOT NULL
),
timeline AS (
  SELECT user_id, MIN(ts) AS ts, 0 AS kind, COALESCE(MIN(channel), '(direct) / (none)') AS channel, 0.0 AS value
  FROM session_channels
  GROUP BY user_id, session_id
  UNION ALL
  SELECT user_id, ts, 1 AS kind, NULL AS channel, value
  FROM events
  WHERE is_conversion = 1
)`;
  if (options.output === 'touchpoints')
    return `${common}
SELECT user_id, ts, IF(kind = 0, 'touch', 'conversion') AS event, channel, value
FROM timeline
ORDER BY user_id, ts, kind, channel`;
  const inWindow =
    options.lookbackDays === undefined
      ? ''
      : ` AND journey_end - ts <= ${Math.round(options.lookbackDays * 86_400_000_000)}`;
  return `${common},
numbered AS (
  SELECT user_id, ts, kind, channel, value,
    COALESCE(SUM(kind) OVER (
      PARTITION BY user_id ORDER BY ts, kind, channel
      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
    ), 0) AS journey
  FROM timeline
),
ended AS (
  SELECT user_id, ts, kind, channel, value, journey,
    MAX(ts) OVER (PARTITION BY user_id, journey) AS journey_end
  FROM numbered
),
journeys AS (
  SELECT
    STRING_AGG(IF(kind = 0${inWindow}, channel, NULL), ' > ' ORDER BY ts, kind, channel) AS path,
    SUM(kind) AS conversions,
    SUM(value) AS value
  FROM ended
  GROUP BY user_id, journey
)
SELECT path, SUM(conversions) AS conversions, SUM(value) AS value, SUM(1 - conversions) AS nulls
FROM journeys
GROUP BY path
ORDER BY path`;
}

/** DuckDB's helpers: `list_filter` picks the parameter (DuckDB's UNNEST names its column `unnest`). */
export const DUCKDB_HELPERS = [
  `CREATE OR REPLACE TEMP MACRO crescendo_param(params, name) AS
    (list_filter(params, lambda p: p.key = name))[1].value`,
  'CREATE OR REPLACE TEMP MACRO crescendo_param_int(params, name) AS crescendo_param(params, name).int_value',
  `CREATE OR REPLACE TEMP MACRO crescendo_param_number(params, name) AS COALESCE(
    crescendo_param(params, name).double_value,
    crescendo_param(params, name).float_value,
    CAST(crescendo_param(params, name).int_value AS DOUBLE))`,
] as const;

/** BigQuery's helpers, as temporary SQL functions in front of the same query. */
export const BIGQUERY_HELPERS = `CREATE TEMP FUNCTION crescendo_param_int(params ANY TYPE, name STRING) AS (
  (SELECT p.value.int_value FROM UNNEST(params) AS p WHERE p.key = name LIMIT 1)
);
CREATE TEMP FUNCTION crescendo_param_number(params ANY TYPE, name STRING) AS (
  (SELECT COALESCE(p.value.double_value, p.value.float_value, CAST(p.value.int_value AS FLOAT64))
   FROM UNNEST(params) AS p WHERE p.key = name LIMIT 1)
);`;

/** The query with its source: `WITH ga4_events AS (<source>), <body>`. */
export function withSource(source: string, body: string): string {
  return `WITH ga4_events AS (\n${source}\n),\n${body}`;
}

/** The full BigQuery text for `project.dataset`: daily tables only (intraday ones would count days twice). */
export function bigQuerySql(project: string, dataset: string, options: Ga4QueryOptions): string {
  const source = `  SELECT * FROM \`${project}.${dataset}.events_*\` WHERE _TABLE_SUFFIX NOT LIKE 'intraday%'`;
  return `${BIGQUERY_HELPERS}\n${withSource(source, ga4QueryBody(options))}`;
}
