import { type ApiRequest, type ApiResponse, baseUrl, secretValues, sendRequest } from '../http.js';
import { linkedInFailure } from '../linkedin/restli.js';
import { ADS_SECRETS, accessToken, secretNames } from '../linkedin/token.js';
import type { PublisherContext, PublishItem } from '../publisher.js';
import { campaignName, creativeName } from './ad.js';
import type { LinkedInAdsConfig } from './config.js';
import { type AdsTarget, campaignsNamed, creativesOf } from './requests.js';

/** Calls to the Advertising API with LinkedIn's error mapping, and the look-ups `publish` and `find` share. */

export const BASE_URL_ENV = 'CRESCENDO_LINKEDIN_ADS_API_URL';
export const ACCESS =
  'the rw_ads scope (Advertising API) and the CAMPAIGN_MANAGER or ACCOUNT_MANAGER role on the ad account';

export type Ctx = PublisherContext<LinkedInAdsConfig>;

/** LinkedIn Ads shares api.linkedin.com: its override falls back to CRESCENDO_LINKEDIN_API_URL. */
export const api = (ctx: Ctx) =>
  baseUrl(ctx.env, BASE_URL_ENV, baseUrl(ctx.env, 'CRESCENDO_LINKEDIN_API_URL', 'https://api.linkedin.com'));
export const secrets = (ctx: Ctx) => secretValues(ctx.env, secretNames(ADS_SECRETS));
export const target = (ctx: Ctx, token: string): AdsTarget => ({ api: api(ctx), config: ctx.config, token });
export const managerUrl = (ctx: Ctx, campaignId: string) =>
  `https://www.linkedin.com/campaignmanager/accounts/${ctx.config.adAccountId}/campaigns/${campaignId}/details`;

/** The target with a token: refreshed once per run when a refresh token is configured. */
export const authorised = async (ctx: Ctx): Promise<AdsTarget> =>
  target(ctx, await accessToken(ctx, ADS_SECRETS, ctx.config.timeoutMs));

export async function call(ctx: Ctx, request: ApiRequest, what: string): Promise<ApiResponse> {
  const all = secrets(ctx);
  const response = await sendRequest(ctx, request, {
    service: 'LinkedIn Ads',
    timeoutMs: ctx.config.timeoutMs,
    secrets: all,
    baseUrlEnv: BASE_URL_ENV,
  });
  if (response.status < 400) return response;
  throw linkedInFailure(response, what, {
    service: 'LinkedIn Ads',
    version: ctx.config.version,
    versionKey: 'publishing.linkedin-ads.version',
    access: ACCESS,
    tokenEnv: ADS_SECRETS.accessToken,
    now: ctx.now(),
    secrets: all,
  });
}

export interface Campaign {
  id?: number;
  name?: string;
  status?: string;
}
export interface Creative {
  id?: string;
  name?: string;
  createdAt?: number;
}

export async function ourCampaign(ctx: Ctx, t: AdsTarget, item: PublishItem): Promise<Campaign | undefined> {
  const name = campaignName(item);
  const response = await call(ctx, campaignsNamed(t, name), 'the campaign search');
  const elements = (response.json as { elements?: Campaign[] } | undefined)?.elements ?? [];
  return elements.find(
    (c) =>
      c.name === name &&
      c.id !== undefined &&
      !['REMOVED', 'PENDING_DELETION', 'CANCELED'].includes(c.status ?? ''),
  );
}

export async function ourCreative(
  ctx: Ctx,
  t: AdsTarget,
  item: PublishItem,
  campaignId: number,
): Promise<Creative | undefined> {
  const response = await call(
    ctx,
    creativesOf(t, `urn:li:sponsoredCampaign:${campaignId}`),
    "the campaign's creatives",
  );
  const elements = (response.json as { elements?: Creative[] } | undefined)?.elements ?? [];
  return elements.find((c) => c.name === creativeName(item));
}
