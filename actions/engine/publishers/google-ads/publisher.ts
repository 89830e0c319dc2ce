import type { Problem } from '../../errors.js';
import { type ApiRequest, type ApiResponse, baseUrl, planOf, secretValues, sendRequest } from '../http.js';
import type { CredentialCheck, Published, Publisher, PublisherContext, PublishItem } from '../publisher.js';
import { PublishError, REDACTED } from '../publisher.js';
import { GoogleAdsConfig } from './config.js';
import { googleAdsFailure } from './failure.js';
import { campaignName, gaqlString, variantMark } from './names.js';
import {
  canRefresh,
  GOOGLE_SECRETS,
  googleAccessToken,
  missingCredentials,
  refreshRequest,
} from './oauth.js';
import { addAdOperations, createOperations, type RsaAd, readRsa, rsaOrThrow } from './operations.js';
import { mutate, search } from './requests.js';

const BASE_URL_ENV = 'CRESCENDO_GOOGLE_ADS_API_URL';
const TRANSIENT = new Set(['rate-limited', 'unavailable', 'unknown-outcome']);

type Ctx = PublisherContext<GoogleAdsConfig>;

const api = (ctx: Ctx) => baseUrl(ctx.env, BASE_URL_ENV, 'https://googleads.googleapis.com');
const secrets = (ctx: Ctx) => secretValues(ctx.env, Object.values(GOOGLE_SECRETS));
const token = (ctx: Ctx) => googleAccessToken(ctx, ctx.config.timeoutMs, secrets(ctx));
const customerLabel = (id: string) => `${id.slice(0, 3)}-${id.slice(3, 6)}-${id.slice(6)}`;

async function call(ctx: Ctx, request: ApiRequest, what: string): Promise<ApiResponse> {
  const all = secrets(ctx);
  const response = await sendRequest(ctx, request, {
    service: 'Google Ads',
    timeoutMs: ctx.config.timeoutMs,
    secrets: all,
    baseUrlEnv: BASE_URL_ENV,
  });
  if (response.status < 400) return response;
  throw googleAdsFailure(response, {
    what,
    apiVersion: ctx.config.apiVersion,
    customerId: customerLabel(ctx.config.customerId),
    secrets: all,
  });
}

interface Row {
  campaign?: { resourceName?: string; status?: string };
  adGroup?: { resourceName?: string };
  adGroupAd?: { resourceName?: string; ad?: { finalUrlSuffix?: string } };
  customer?: { id?: string; descriptiveName?: string; currencyCode?: string };
}

const adsQuery = (item: PublishItem) =>
  `SELECT campaign.resource_name, campaign.status, ad_group.resource_name, ad_group_ad.resource_name, ad_group_ad.ad.final_url_suffix FROM ad_group_ad WHERE campaign.name = ${gaqlString(campaignName(item))} AND campaign.status != 'REMOVED' AND ad_group_ad.status != 'REMOVED'`;
const adGroupsQuery = (item: PublishItem) =>
  `SELECT campaign.resource_name, campaign.status, ad_group.resource_name FROM ad_group WHERE campaign.name = ${gaqlString(campaignName(item))} AND campaign.status != 'REMOVED' AND ad_group.status != 'REMOVED'`;

async function rows(ctx: Ctx, bearer: string, query: string): Promise<Row[]> {
  const response = await call(ctx, search(api(ctx), ctx.config, bearer, query), 'the search');
  return (response.json as { results?: Row[] } | undefined)?.results ?? [];
}

const ourAd = (found: Row[], item: PublishItem): Row | undefined =>
  found.find(
    (r) =>
      new URLSearchParams(r.adGroupAd?.ad?.finalUrlSuffix ?? '').get('utm_content') === variantMark(item),
  );

/** What already exists for the asset: this variant's ad, or the asset's ad group. */
async function existing(ctx: Ctx, bearer: string, item: PublishItem) {
  const ad = ourAd(await rows(ctx, bearer, adsQuery(item)), item);
  if (ad) return { ad };
  const [group] = await rows(ctx, bearer, adGroupsQuery(item));
  const adGroup = group?.adGroup?.resourceName;
  return adGroup ? { adGroup, campaign: group?.campaign } : {};
}

function operationsFor(item: PublishItem, ad: RsaAd, ctx: Ctx, found: Awaited<ReturnType<typeof existing>>) {
  return found.adGroup
    ? addAdOperations(item, ad, found.adGroup, found.campaign?.status ?? 'ENABLED')
    : createOperations(item, ad, ctx.config);
}

const pausedNote = (item: PublishItem, ctx: Ctx, added: boolean) =>
  added
    ? `added to the existing campaign "${campaignName(item)}"; it serves only once a person enables that campaign in Google Ads`
    : `created PAUSED: campaign "${campaignName(item)}" with a daily budget of ${item.dailyBudget ?? ctx.config.dailyBudget} (account currency) waits for a person to enable it in Google Ads; Crescendo never enables it`;

async function validate(item: PublishItem, ctx: Ctx): Promise<Problem[]> {
  const read = readRsa(item);
  const problems = [...missingCredentials(ctx.env), ...(Array.isArray(read) ? read : [])];
  if (problems.length > 0 || Array.isArray(read)) return problems;
  try {
    const bearer = await token(ctx);
    const found = await existing(ctx, bearer, item);
    if (found.ad) return [];
    const operations = operationsFor(item, read, ctx, found);
    await call(ctx, mutate(api(ctx), ctx.config, bearer, operations, true), 'the preflight (validateOnly)');
    return [];
  } catch (error) {
    if (!(error instanceof PublishError) || TRANSIENT.has(error.code)) throw error;
    if (error.problems.length > 0) return error.problems;
    return [
      {
        where: error.where ?? 'publishing.google-ads',
        message: `${error.message}${error.fix ? `; ${error.fix}` : ''}`,
      },
    ];
  }
}

/** As `publish` sends them for an asset Google Ads does not have yet. */
function requestsFor(item: PublishItem, ctx: Ctx): ApiRequest[] {
  const ad = rsaOrThrow(item);
  const requests: ApiRequest[] = canRefresh(ctx.env) ? [refreshRequest(ctx.env)] : [];
  requests.push(
    search(api(ctx), ctx.config, REDACTED, adsQuery(item)),
    search(api(ctx), ctx.config, REDACTED, adGroupsQuery(item)),
    mutate(api(ctx), ctx.config, REDACTED, createOperations(item, ad, ctx.config), false),
  );
  return requests;
}

interface MutateResult {
  campaignResult?: { resourceName?: string };
  adGroupAdResult?: { resourceName?: string };
}

async function publish(item: PublishItem, ctx: Ctx): Promise<Published> {
  const ad = rsaOrThrow(item);
  const bearer = await token(ctx);
  const found = await existing(ctx, bearer, item);
  if (found.ad) {
    throw new PublishError(
      'duplicate',
      `Google Ads already has the ad of ${item.path} (variant ${item.variant})`,
      {
        fix: 'Crescendo records the existing ad from the account; nothing new is created',
      },
    );
  }
  const operations = operationsFor(item, ad, ctx, found);
  const response = await call(ctx, mutate(api(ctx), ctx.config, bearer, operations, false), 'the campaign');
  const results =
    (response.json as { mutateOperationResponses?: MutateResult[] } | undefined)?.mutateOperationResponses ??
    [];
  const remoteId = results.map((r) => r.adGroupAdResult?.resourceName).find((n) => n !== undefined);
  if (!remoteId) {
    throw new PublishError('unknown-outcome', 'Google Ads answered the mutate without the ad it created', {
      fix: 'nothing is retried: the next run reads the account back to find the ad',
    });
  }
  ctx.log(`Google Ads: created ${remoteId} for ${item.path} (${item.variant}), campaign PAUSED`);
  return { remoteId, at: ctx.now().toISOString(), note: pausedNote(item, ctx, found.adGroup !== undefined) };
}

async function find(item: PublishItem, ctx: Ctx): Promise<Published | undefined> {
  const match = ourAd(await rows(ctx, await token(ctx), adsQuery(item)), item);
  const remoteId = match?.adGroupAd?.resourceName;
  if (!remoteId) return undefined;
  const paused = match?.campaign?.status === 'PAUSED';
  return {
    remoteId,
    at: ctx.now().toISOString(),
    note: paused
      ? `found in the PAUSED campaign "${campaignName(item)}"; a person enables it in Google Ads`
      : `found in campaign "${campaignName(item)}" (${match?.campaign?.status ?? 'status unknown'})`,
  };
}

async function check(ctx: Ctx): Promise<CredentialCheck> {
  const what = `Google Ads customer ${customerLabel(ctx.config.customerId)} (API ${ctx.config.apiVersion})`;
  try {
    const query =
      'SELECT customer.id, customer.descriptive_name, customer.currency_code FROM customer LIMIT 1';
    const [row] = await rows(ctx, await token(ctx), query);
    const name = row?.customer?.descriptiveName;
    return { ok: true, what: `${what}${name ? `: "${name}" in ${row?.customer?.currencyCode ?? '?'}` : ''}` };
  } catch (error) {
    if (!(error instanceof PublishError)) throw error;
    return { ok: false, what, fix: `${error.message}: ${error.fix ?? 'see the Google Ads README'}` };
  }
}

export const googleAdsPublisher: Publisher<GoogleAdsConfig> = {
  id: 'google-ads',
  channel: 'google-ads',
  label: 'Google Ads (search campaigns, created paused)',
  configSchema: GoogleAdsConfig,
  secrets: [
    {
      name: GOOGLE_SECRETS.refreshToken,
      description:
        'OAuth refresh token of a Google account with access to the ad account (scope https://www.googleapis.com/auth/adwords)',
    },
    {
      name: GOOGLE_SECRETS.clientId,
      description: 'OAuth client id (Google Cloud console → APIs & Services → Credentials)',
    },
    { name: GOOGLE_SECRETS.clientSecret, description: 'OAuth client secret of that client' },
    {
      name: GOOGLE_SECRETS.accessToken,
      description: 'Optional: an access token alone (1 hour), for one-off runs',
    },
  ],
  baseUrlEnv: BASE_URL_ENV,
  assetTypes: ['google-rsa'],
  check,
  validate,
  plan: async (item, ctx) => requestsFor(item, ctx).map((request) => planOf(request, secrets(ctx))),
  publish,
  find,
};
