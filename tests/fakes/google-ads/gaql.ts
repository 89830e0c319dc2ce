import { json, type Reply } from '../loopback.js';
import { adsFailure, requestId } from './errors.js';
import type { AdsState } from './state.js';

/** A small GAQL engine: `SELECT … FROM customer|ad_group|ad_group_ad [WHERE a = 'x' AND b != 'Y'] [LIMIT n]`. */

const camel = (segment: string) => segment.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const get = (row: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((v, s) => (v as Record<string, unknown> | undefined)?.[camel(s)], row);

const FIELDS: Record<string, string[]> = {
  customer: ['customer.id', 'customer.descriptive_name', 'customer.currency_code', 'customer.resource_name'],
  ad_group: [
    'campaign.resource_name',
    'campaign.name',
    'campaign.status',
    'campaign.id',
    'ad_group.resource_name',
    'ad_group.name',
    'ad_group.status',
    'ad_group.id',
  ],
};
FIELDS.ad_group_ad = [
  ...(FIELDS.ad_group ?? []),
  'ad_group_ad.resource_name',
  'ad_group_ad.status',
  'ad_group_ad.ad.id',
  'ad_group_ad.ad.final_urls',
  'ad_group_ad.ad.final_url_suffix',
];

function rowsOf(resource: string, state: AdsState, customer: { id: string; name: string; currency: string }) {
  const campaign = (rn: string) => state.campaigns.find((c) => c.resourceName === rn);
  const group = (rn: string) => state.adGroups.find((g) => g.resourceName === rn);
  if (resource === 'customer') {
    return [
      {
        customer: {
          resourceName: `customers/${customer.id}`,
          id: customer.id,
          descriptiveName: customer.name,
          currencyCode: customer.currency,
        },
      },
    ];
  }
  if (resource === 'ad_group')
    return state.adGroups.map((g) => ({ campaign: campaign(g.campaign), adGroup: g }));
  return state.ads.map((a) => {
    const g = group(a.adGroup);
    return { campaign: g && campaign(g.campaign), adGroup: g, adGroupAd: a };
  });
}

function set(target: Record<string, unknown>, path: string, value: unknown) {
  const parts = path.split('.').map(camel);
  let node = target;
  for (const part of parts.slice(0, -1)) {
    node[part] ??= {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts.at(-1) ?? ''] = value;
}

export function runQuery(
  state: AdsState,
  customer: { id: string; name: string; currency: string },
  version: string,
  query: string,
): Reply {
  const match = /^\s*SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(.+?))?(?:\s+LIMIT\s+(\d+))?\s*$/is.exec(
    query,
  );
  const bad = (message: string) =>
    adsFailure(400, version, [{ errorCode: { queryError: 'UNRECOGNIZED_FIELD' }, message }]);
  if (!match)
    return adsFailure(400, version, [
      {
        errorCode: { queryError: 'UNEXPECTED_END_OF_QUERY' },
        message: 'Error in query: unexpected end of query.',
      },
    ]);
  const [, select = '', resource = '', where, limit] = match;
  const allowed = FIELDS[resource];
  if (!allowed) return bad(`Error in query: unrecognized resource '${resource}'.`);
  const fields = select.split(',').map((f) => f.trim());
  const unknown = fields.find((f) => !allowed.includes(f));
  if (unknown) return bad(`Unrecognized field in the query: '${unknown}'.`);
  const conditions = (where ? where.split(/\s+AND\s+/i) : []).map((c) => {
    const m = /^([\w.]+)\s*(=|!=)\s*('(?:[^'\\]|\\.)*'|\w+)$/.exec(c.trim());
    if (!m) return undefined;
    const raw = m[3] ?? '';
    const value = raw.startsWith("'") ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    return { field: m[1] ?? '', op: m[2], value };
  });
  if (conditions.some((c) => c === undefined || !allowed.includes(c.field)))
    return bad('Error in query: invalid condition.');
  const rows = rowsOf(resource, state, customer)
    .filter((row) =>
      conditions.every((c) => {
        const value = String(get(row as Record<string, unknown>, c?.field ?? ''));
        return c?.op === '=' ? value === c.value : value !== c?.value;
      }),
    )
    .slice(0, limit ? Number(limit) : undefined)
    .map((row) => {
      const out: Record<string, unknown> = {};
      for (const field of fields) {
        const [top] = field.split('.');
        set(out, `${top}.resource_name`, get(row as Record<string, unknown>, `${top}.resource_name`));
        const value = get(row as Record<string, unknown>, field);
        if (value !== undefined) set(out, field, value);
      }
      return out;
    });
  const fieldMask = fields.map((f) => f.split('.').map(camel).join('.')).join(',');
  return json(
    200,
    rows.length > 0
      ? { results: rows, fieldMask, requestId: requestId() }
      : { fieldMask, requestId: requestId() },
  );
}
