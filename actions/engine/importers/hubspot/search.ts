import { z } from 'zod';
import { nextDay, splitWindow } from '../cells.js';
import { badResponse, callJson, type Service } from '../http.js';
import type { PullContext } from '../importer.js';
import type { DateWindow } from '../metric-row.js';

export const HUBSPOT_TOKEN_ENV = 'CRESCENDO_HUBSPOT_ACCESS_TOKEN';
export const HUBSPOT_URL_ENV = 'CRESCENDO_HUBSPOT_API_URL';
/** The CRM search returns at most 10,000 records per query (paging past it is refused). */
export const HUBSPOT_SEARCH_CAP = 10_000;
const PAGE = 200;

export const hubspotService: Service = {
  name: 'HubSpot CRM API',
  credential: HUBSPOT_TOKEN_ENV,
  describe(body) {
    if (typeof body !== 'object' || body === null) return typeof body === 'string' ? { message: body } : {};
    const b = body as Record<string, unknown>;
    const reason =
      typeof b.category === 'string' ? b.category : typeof b.errorType === 'string' ? b.errorType : undefined;
    return { message: typeof b.message === 'string' ? b.message : undefined, reason };
  },
  advice(status, reason) {
    if (status === 401) {
      return `set ${HUBSPOT_TOKEN_ENV} to a private app's access token (Settings → Integrations → Private apps), or refresh the OAuth token`;
    }
    if (status === 403 || reason === 'MISSING_SCOPES') {
      return 'give the private app the scopes crm.objects.contacts.read and crm.objects.deals.read';
    }
    if (status === 429)
      return 'the CRM search allows about 5 requests a second per account: run again in a minute';
    return undefined;
  },
};

export const SearchRecord = z.object({
  id: z.string(),
  properties: z.record(z.string(), z.string().nullable()).default({}),
});
export type SearchRecord = z.infer<typeof SearchRecord>;
const SearchPage = z.object({
  total: z.number().int().nonnegative().default(0),
  results: z.array(SearchRecord).default([]),
  paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});

export interface Caller {
  base: string;
  token: string;
  ctx: PullContext;
}

/** The window as epoch milliseconds, whole days in UTC, for `BETWEEN` filters. */
export function windowMillis(w: DateWindow): { from: string; to: string } {
  return {
    from: String(Date.parse(`${w.from}T00:00:00Z`)),
    to: String(Date.parse(`${nextDay(w.to)}T00:00:00Z`) - 1),
  };
}

/**
 * Every record of `object` matching any of `dateProperties` within the window, with
 * `properties`, page by page (`after`). A window with more records than the search can
 * return is split in two and searched again, so none is missed.
 */
export async function* searchAll(
  caller: Caller,
  object: 'contacts' | 'deals',
  dateProperties: readonly string[],
  properties: readonly string[],
  window: DateWindow,
): AsyncGenerator<SearchRecord[]> {
  const url = `${caller.base}/crm/v3/objects/${object}/search`;
  const { from, to } = windowMillis(window);
  const filterGroups = dateProperties.map((propertyName) => ({
    filters: [{ propertyName, operator: 'BETWEEN', value: from, highValue: to }],
  }));
  let after: string | undefined;
  for (let page = 0; ; page++) {
    const body = {
      filterGroups,
      properties,
      limit: PAGE,
      sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }],
      ...(after ? { after } : {}),
    };
    const parsed = SearchPage.safeParse(await post(caller, url, body));
    if (!parsed.success)
      throw badResponse(
        hubspotService,
        url,
        `a search page of an unexpected shape (${parsed.error.issues[0]?.message})`,
      );
    if (page === 0 && parsed.data.total > HUBSPOT_SEARCH_CAP && window.from !== window.to) {
      for (const half of splitWindow(window))
        yield* searchAll(caller, object, dateProperties, properties, half);
      return;
    }
    yield parsed.data.results;
    after = parsed.data.paging?.next?.after;
    if (!after) return;
  }
}

export async function post(caller: Caller, url: string, body: unknown): Promise<unknown> {
  return callJson(
    hubspotService,
    url,
    { headers: { authorization: `Bearer ${caller.token}` }, body, secrets: [caller.token] },
    caller.ctx,
  );
}
