import { z } from 'zod';
import { utcDay } from '../cells.js';
import { baseUrl } from '../http.js';
import { ImportError } from '../import-log.js';
import { defineApi, envValue, type PullContext, type PulledBatch } from '../importer.js';
import { type DateWindow, type MetricRow, metricRow } from '../metric-row.js';
import {
  attribute,
  type Contact,
  contactRows,
  contactTouches,
  FUNNEL_STAGES,
  hubspotTime,
  STAGE_IDS,
} from './funnel.js';
import {
  type Caller,
  HUBSPOT_TOKEN_ENV,
  HUBSPOT_URL_ENV,
  post,
  type SearchRecord,
  searchAll,
} from './search.js';

export const HUBSPOT_API_URL = 'https://api.hubapi.com';

/** `measurement.sources` entry: `{ importer: hubspot }`. */
export const HubspotSource = z.object({
  importer: z.literal('hubspot'),
  /** A contact property holding utm_content (a hidden form field); else it is read from the first page's URL. */
  utmContentProperty: z.string().min(1).default('utm_content'),
  /** The stage whose entry is the journey's conversion for attribution. */
  conversionStage: z.enum(FUNNEL_STAGES).default('mql'),
  /** Read deals for pipeline (amount of deals created) and revenue (closed won). */
  deals: z.boolean().default(true),
});
export type HubspotSource = z.infer<typeof HubspotSource>;

/** When a contact entered each stage: the current (`hs_v2_date_entered_*`) and legacy properties. */
const stageProperties = (stage: (typeof FUNNEL_STAGES)[number]) => [
  `hs_v2_date_entered_${STAGE_IDS[stage]}`,
  `hs_lifecyclestage_${STAGE_IDS[stage]}_date`,
];
const VISIT_PROPERTIES = [
  'hs_analytics_source',
  'hs_analytics_source_data_1',
  'hs_analytics_first_url',
  'hs_analytics_first_timestamp',
  'hs_latest_source',
  'hs_latest_source_data_1',
  'hs_analytics_last_url',
  'hs_latest_source_timestamp',
];

/**
 * HubSpot CRM search: contacts that entered lead, MQL, SQL or opportunity in the window
 * (counted on the day they did, credited to their first visit's channel and utm_content),
 * their first and latest visits and conversion as touchpoints, and deals created (pipeline)
 * or won (revenue) in the window, credited to their first associated contact.
 */
export const hubspotApi = defineApi({
  config: HubspotSource,
  env: [
    {
      name: HUBSPOT_TOKEN_ENV,
      about: 'private app token, scopes crm.objects.contacts.read, crm.objects.deals.read',
      secret: true,
      required: true,
    },
    { name: HUBSPOT_URL_ENV, about: `base URL (default ${HUBSPOT_API_URL})`, secret: false, required: false },
  ],
  pull: pullHubspot,
});

async function* pullHubspot(config: HubspotSource, ctx: PullContext): AsyncGenerator<PulledBatch> {
  const token = envValue(ctx.env, HUBSPOT_TOKEN_ENV);
  if (!token) {
    throw new ImportError('auth', 'no credential for the HubSpot CRM API', {
      where: 'measurement.sources (hubspot)',
      fix: `set ${HUBSPOT_TOKEN_ENV} (a secret) to a private app access token`,
    });
  }
  const caller: Caller = { base: baseUrl(ctx, HUBSPOT_URL_ENV, HUBSPOT_API_URL), token, ctx };
  const properties = contactProperties(config);
  const file = `hubspot crm search ${ctx.window.from}..${ctx.window.to}`;
  const contacts = new Map<string, Contact>();
  let row = 0;
  const dates = FUNNEL_STAGES.filter((s) => s !== 'customer').map((s) => stageProperties(s)[0] as string);
  for await (const page of searchAll(caller, 'contacts', dates, properties, ctx.window)) {
    const rows: MetricRow[] = [];
    const touchpoints = [];
    for (const record of page) {
      const contact = toContact(record, config);
      contacts.set(contact.id, contact);
      rows.push(...contactRows(contact, file, ++row, ctx.window, ctx.channelByUtmContent));
      touchpoints.push(...contactTouches(contact, config.conversionStage, ctx.channelByUtmContent));
    }
    yield { rows, touchpoints };
  }
  if (!config.deals) return;
  const dealFile = `hubspot deals ${ctx.window.from}..${ctx.window.to}`;
  let dealRow = 0;
  for await (const page of searchAll(
    caller,
    'deals',
    ['createdate', 'closedate'],
    DEAL_PROPERTIES,
    ctx.window,
  )) {
    const firstContact = await firstContacts(
      caller,
      page.map((d) => d.id),
    );
    await readMissingContacts(
      caller,
      [...new Set(firstContact.values())].filter((id) => !contacts.has(id)),
      config,
      contacts,
    );
    const rows = page.flatMap((deal) => {
      const contactId = firstContact.get(deal.id);
      return dealRows(deal, contactId ? contacts.get(contactId) : undefined, dealFile, ++dealRow, ctx);
    });
    yield { rows, touchpoints: [] };
  }
}

function contactProperties(config: HubspotSource): string[] {
  return [...VISIT_PROPERTIES, config.utmContentProperty, ...FUNNEL_STAGES.flatMap(stageProperties)];
}

function toContact(record: SearchRecord, config: HubspotSource): Contact {
  const p = (name: string) => record.properties[name] ?? undefined;
  const stages: Contact['stages'] = {};
  for (const stage of FUNNEL_STAGES) {
    const [current, legacy] = stageProperties(stage);
    const time = hubspotTime(p(current as string)) ?? hubspotTime(p(legacy as string));
    if (time !== undefined) stages[stage] = time;
  }
  return {
    id: record.id,
    first: {
      source: p('hs_analytics_source'),
      detail: p('hs_analytics_source_data_1'),
      url: p('hs_analytics_first_url'),
      time: hubspotTime(p('hs_analytics_first_timestamp')),
    },
    latest: {
      source: p('hs_latest_source'),
      detail: p('hs_latest_source_data_1'),
      url: p('hs_analytics_last_url'),
      time: hubspotTime(p('hs_latest_source_timestamp')),
    },
    utmContent: p(config.utmContentProperty),
    stages,
  };
}

const DEAL_PROPERTIES = [
  'dealname',
  'amount',
  'pipeline',
  'dealstage',
  'createdate',
  'closedate',
  'hs_is_closed_won',
];

const Associations = z.object({
  results: z
    .array(
      z.object({
        from: z.object({ id: z.string() }),
        to: z.array(z.object({ toObjectId: z.union([z.string(), z.number()]) })),
      }),
    )
    .default([]),
});
const BatchRead = z.object({
  results: z
    .array(z.object({ id: z.string(), properties: z.record(z.string(), z.string().nullable()) }))
    .default([]),
});

/** deal id → the id of its first associated contact (v4 associations, batch read). */
async function firstContacts(caller: Caller, dealIds: string[]): Promise<Map<string, string>> {
  const first = new Map<string, string>();
  if (dealIds.length === 0) return first;
  const url = `${caller.base}/crm/v4/associations/deals/contacts/batch/read`;
  const parsed = Associations.safeParse(await post(caller, url, { inputs: dealIds.map((id) => ({ id })) }));
  if (!parsed.success) return first;
  for (const r of parsed.data.results) {
    const to = r.to[0];
    if (to) first.set(r.from.id, String(to.toObjectId));
  }
  return first;
}

async function readMissingContacts(
  caller: Caller,
  ids: string[],
  config: HubspotSource,
  into: Map<string, Contact>,
) {
  if (ids.length === 0) return;
  const url = `${caller.base}/crm/v3/objects/contacts/batch/read`;
  for (let at = 0; at < ids.length; at += 100) {
    const inputs = ids.slice(at, at + 100).map((id) => ({ id }));
    const parsed = BatchRead.safeParse(
      await post(caller, url, { properties: contactProperties(config), inputs }),
    );
    if (!parsed.success) continue;
    for (const record of parsed.data.results)
      into.set(record.id, toContact({ id: record.id, properties: record.properties }, config));
  }
}

/** A deal's pipeline on the day it was created and its revenue on the day it was won (one row when both fall on one day). */
function dealRows(
  deal: SearchRecord,
  contact: Contact | undefined,
  file: string,
  row: number,
  ctx: PullContext,
): MetricRow[] {
  const amount = Number(deal.properties.amount ?? '');
  if (!Number.isFinite(amount) || amount < 0) return [];
  const a = contact
    ? attribute(contact.first, contact.utmContent, ctx.channelByUtmContent)
    : { channel: 'unassigned' as const, source: '', medium: '', campaign: '', utm: '' };
  const byDay = new Map<string, { pipeline?: number; revenue?: number }>();
  const inWindow = (day: string, w: DateWindow) => day >= w.from && day <= w.to;
  const created = hubspotTime(deal.properties.createdate ?? undefined);
  if (created !== undefined && inWindow(utcDay(created), ctx.window))
    byDay.set(utcDay(created), { pipeline: amount });
  const closed = hubspotTime(deal.properties.closedate ?? undefined);
  if (
    deal.properties.hs_is_closed_won === 'true' &&
    closed !== undefined &&
    inWindow(utcDay(closed), ctx.window)
  ) {
    byDay.set(utcDay(closed), { ...byDay.get(utcDay(closed)), revenue: amount });
  }
  return [...byDay].map(([date, measures]) =>
    metricRow(
      {
        date,
        channel: a.channel,
        source: a.source,
        medium: a.medium,
        campaign: a.campaign,
        utm_content: a.utm,
        record: `deal:${deal.id}`,
      },
      measures,
      { importer: 'hubspot', file, row },
    ),
  );
}
