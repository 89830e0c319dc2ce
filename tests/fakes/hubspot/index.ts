import { randomUUID } from 'node:crypto';
import { type Loopback, type Reply, startLoopback } from '../loopback.js';

export interface CrmRecord {
  id: string;
  properties: Record<string, string | null>;
}

const error = (status: number, category: string, message: string): Reply => ({
  status,
  body: { status: 'error', message, correlationId: randomUUID(), category },
});

interface Filter {
  propertyName: string;
  operator: string;
  value?: string;
  highValue?: string;
}

/**
 * A fake HubSpot CRM API: `POST /crm/v3/objects/{contacts|deals}/search` (filterGroups ORed,
 * filters ANDed, BETWEEN on date properties in epoch milliseconds, `limit` ≤ 200, `after`
 * paging, `total`, and the 10,000-result ceiling), `POST /crm/v4/associations/deals/contacts/batch/read`
 * and `POST /crm/v3/objects/contacts/batch/read`; errors as `{status: 'error', message,
 * correlationId, category}`.
 */
export async function startFakeHubspot(options: {
  token: string;
  contacts: CrmRecord[];
  deals: CrmRecord[];
  /** deal id → contact ids. */
  associations: Record<string, string[]>;
}): Promise<Loopback> {
  return startLoopback((request): Reply => {
    if (request.headers.authorization !== `Bearer ${options.token}`) {
      return error(
        401,
        'INVALID_AUTHENTICATION',
        'Authentication credentials not found. This API supports OAuth 2.0 authentication.',
      );
    }
    const search = /^\/crm\/v3\/objects\/(contacts|deals)\/search$/.exec(request.path);
    if (request.method === 'POST' && search) {
      const body = request.body as {
        filterGroups?: { filters: Filter[] }[];
        properties?: string[];
        limit?: number;
        after?: string;
      };
      const limit = body.limit ?? 10;
      if (limit > 200) return error(400, 'VALIDATION_ERROR', 'limit must be at most 200');
      if ((body.filterGroups?.length ?? 0) > 5)
        return error(400, 'VALIDATION_ERROR', 'at most 5 filterGroups');
      const after = Number(body.after ?? 0);
      if (after + limit > 10_000)
        return error(400, 'VALIDATION_ERROR', 'paging beyond 10000 results is not supported');
      const records = search[1] === 'contacts' ? options.contacts : options.deals;
      const matching = records.filter((r) => matches(r, body.filterGroups ?? []));
      const page = matching.slice(after, after + limit).map((r) => shape(r, body.properties ?? []));
      const next = after + limit < matching.length ? String(after + limit) : undefined;
      return {
        status: 200,
        body: {
          total: matching.length,
          results: page,
          ...(next ? { paging: { next: { after: next, link: `?after=${next}` } } } : {}),
        },
      };
    }
    if (request.method === 'POST' && request.path === '/crm/v4/associations/deals/contacts/batch/read') {
      const inputs = (request.body as { inputs: { id: string }[] }).inputs;
      const results = inputs.map(({ id }) => ({
        from: { id },
        to: (options.associations[id] ?? []).map((c) => ({
          toObjectId: Number(c),
          associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 3, label: null }],
        })),
      }));
      return {
        status: 200,
        body: {
          status: 'COMPLETE',
          results,
          startedAt: new Date().toISOString(),
          completedAt: new Date().toISOString(),
        },
      };
    }
    if (request.method === 'POST' && request.path === '/crm/v3/objects/contacts/batch/read') {
      const body = request.body as { inputs: { id: string }[]; properties: string[] };
      const results = body.inputs.flatMap(({ id }) => {
        const found = options.contacts.find((c) => c.id === id);
        return found ? [shape(found, body.properties)] : [];
      });
      return { status: 200, body: { status: 'COMPLETE', results } };
    }
    return error(404, 'OBJECT_NOT_FOUND', 'Resource not found');
  });
}

function matches(record: CrmRecord, groups: { filters: Filter[] }[]): boolean {
  if (groups.length === 0) return true;
  return groups.some((g) =>
    g.filters.every((f) => {
      const raw = record.properties[f.propertyName];
      if (f.operator !== 'BETWEEN' || raw == null) return false;
      const ms = Date.parse(raw);
      return ms >= Number(f.value) && ms <= Number(f.highValue);
    }),
  );
}

function shape(record: CrmRecord, properties: string[]) {
  const props: Record<string, string | null> = { hs_object_id: record.id };
  for (const p of properties) props[p] = record.properties[p] ?? null;
  return {
    id: record.id,
    properties: props,
    createdAt: '2027-04-01T00:00:00.000Z',
    updatedAt: '2027-04-30T00:00:00.000Z',
    archived: false,
  };
}
