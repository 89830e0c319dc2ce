/**
 * A small synthetic GA4 BigQuery export (the `events_*` schema: nested `event_params`, `ecommerce`,
 * `collected_traffic_source`, `session_traffic_source_last_click`), one NDJSON line per event as
 * BigQuery's JSON export writes it (INT64 as strings). Users:
 *  - alice: google/cpc session, then a newsletter/email session with a purchase (ecommerce revenue
 *    120), then a direct session that does not convert;
 *  - bob: facebook/social session with a generate_lead whose `value` parameter is an int (50);
 *  - carol: a session without any traffic source (direct) and a purchase valued by a double `value`;
 *  - dave: a purchase with no session (server-side), nothing to credit;
 *  - erin: an old-style export row without `session_traffic_source_last_click`; the source comes from
 *    the first event's `collected_traffic_source`, the second event of the session has none.
 */
const day = (d: number, h: number, m = 0) => String(Date.UTC(2024, 4, d, h, m) * 1000);

interface Ga4Event {
  user_pseudo_id: string;
  event_timestamp: string;
  event_name: string;
  event_params: { key: string; value: Record<string, string | number | null> }[];
  ecommerce?: { purchase_revenue: number | null };
  collected_traffic_source?: { manual_source: string; manual_medium: string } | null;
  session_traffic_source_last_click?: { manual_campaign: { source: string; medium: string } };
}

const session = (id: number) => ({ key: 'ga_session_id', value: { int_value: String(id) } });
const lastClick = (source: string, medium: string) => ({ manual_campaign: { source, medium } });

export const GA4_DAY_1: Ga4Event[] = [
  {
    user_pseudo_id: 'alice.1',
    event_timestamp: day(1, 9),
    event_name: 'session_start',
    event_params: [session(101), { key: 'page_location', value: { string_value: 'https://x.test/' } }],
    collected_traffic_source: { manual_source: 'google', manual_medium: 'cpc' },
    session_traffic_source_last_click: lastClick('google', 'cpc'),
  },
  {
    user_pseudo_id: 'alice.1',
    event_timestamp: day(1, 9, 5),
    event_name: 'page_view',
    event_params: [session(101)],
    session_traffic_source_last_click: lastClick('google', 'cpc'),
  },
  {
    user_pseudo_id: 'bob.2',
    event_timestamp: day(1, 12),
    event_name: 'session_start',
    event_params: [session(201)],
    session_traffic_source_last_click: lastClick('facebook', 'social'),
  },
  {
    user_pseudo_id: 'bob.2',
    event_timestamp: day(1, 12, 3),
    event_name: 'generate_lead',
    event_params: [session(201), { key: 'value', value: { int_value: '50' } }],
    session_traffic_source_last_click: lastClick('facebook', 'social'),
  },
  {
    user_pseudo_id: 'erin.5',
    event_timestamp: day(1, 15),
    event_name: 'session_start',
    event_params: [session(501)],
    collected_traffic_source: { manual_source: 'bing', manual_medium: 'organic' },
  },
  {
    user_pseudo_id: 'erin.5',
    event_timestamp: day(1, 15, 1),
    event_name: 'page_view',
    event_params: [session(501)],
    collected_traffic_source: null,
  },
];

export const GA4_DAY_2: Ga4Event[] = [
  {
    user_pseudo_id: 'alice.1',
    event_timestamp: day(2, 8),
    event_name: 'session_start',
    event_params: [session(102)],
    collected_traffic_source: { manual_source: 'newsletter', manual_medium: 'email' },
    session_traffic_source_last_click: lastClick('newsletter', 'email'),
  },
  {
    user_pseudo_id: 'alice.1',
    event_timestamp: day(2, 8, 10),
    event_name: 'purchase',
    event_params: [session(102), { key: 'value', value: { double_value: 99 } }],
    ecommerce: { purchase_revenue: 120 },
    session_traffic_source_last_click: lastClick('newsletter', 'email'),
  },
  {
    user_pseudo_id: 'alice.1',
    event_timestamp: day(2, 20),
    event_name: 'session_start',
    event_params: [session(103)],
    session_traffic_source_last_click: lastClick('(direct)', '(none)'),
  },
  {
    user_pseudo_id: 'carol.3',
    event_timestamp: day(2, 10),
    event_name: 'session_start',
    event_params: [session(301)],
  },
  {
    user_pseudo_id: 'carol.3',
    event_timestamp: day(2, 10, 20),
    event_name: 'purchase',
    event_params: [session(301), { key: 'value', value: { double_value: 30.5 } }],
    ecommerce: { purchase_revenue: null },
  },
  {
    user_pseudo_id: 'dave.4',
    event_timestamp: day(2, 11),
    event_name: 'purchase',
    event_params: [{ key: 'value', value: { double_value: 10 } }],
  },
];

export const ndjson = (events: readonly Ga4Event[]) => `${events.map((e) => JSON.stringify(e)).join('\n')}\n`;

/** The journeys the export holds, as `"A > B": [conversions, value, nulls]`. */
export const GA4_PATHS = {
  'google / cpc > newsletter / email': [1, 120, 0],
  '(direct) / (none)': [1, 30.5, 1],
  'facebook / social': [1, 50, 0],
  'bing / organic': [0, 0, 1],
};
