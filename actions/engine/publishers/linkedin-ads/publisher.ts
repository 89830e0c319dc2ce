import type { Problem } from '../../errors.js';
import {
  type ApiRequest,
  type ApiResponse,
  baseUrl,
  planOf,
  secretValues,
  sendRequest,
} from '../api-request.js';
import { toLittleText } from '../linkedin/commentary.js';
import { initializeImageUpload, uploadImage } from '../linkedin/requests.js';
import { linkedInFailure } from '../linkedin/restli.js';
import {
  ADS_SECRETS,
  accessToken,
  canRefresh,
  missingCredentials,
  refreshRequest,
  secretNames,
  tokenExpiry,
} from '../linkedin/token.js';
import type { CredentialCheck, Published, Publisher, PublisherContext, PublishItem } from '../publisher.js';
import { PublishError, REDACTED } from '../publisher.js';
import { type AdCopy, adOrThrow, campaignName, creativeName, readAd } from './ad.js';
import { LinkedInAdsConfig } from './config.js';
import {
  type AdsTarget,
  campaignsNamed,
  createCampaign,
  createInlineCreative,
  creativesOf,
  getAccount,
  organizationUrn,
} from './requests.js';

const BASE_URL_ENV = 'CRESCENDO_LINKEDIN_ADS_API_URL';
const ACCESS =
  'the rw_ads scope (Advertising API) and the CAMPAIGN_MANAGER or ACCOUNT_MANAGER role on the ad account';
const TRANSIENT = new Set(['rate-limited', 'unavailable', 'unknown-outcome']);
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif'];

type Ctx = PublisherContext<LinkedInAdsConfig>;

/** LinkedIn Ads shares api.linkedin.com: its override falls back to CRESCENDO_LINKEDIN_API_URL. */
const api = (ctx: Ctx) =>
  baseUrl(ctx.env, BASE_URL_ENV, baseUrl(ctx.env, 'CRESCENDO_LINKEDIN_API_URL', 'https://api.linkedin.com'));
const secrets = (ctx: Ctx) => secretValues(ctx.env, secretNames(ADS_SECRETS));
const target = (ctx: Ctx, token: string): AdsTarget => ({ api: api(ctx), config: ctx.config, token });
const managerUrl = (ctx: Ctx, campaignId: string) =>
  `https://www.linkedin.com/campaignmanager/accounts/${ctx.config.adAccountId}/campaigns/${campaignId}/details`;

async function call(ctx: Ctx, request: ApiRequest, what: string): Promise<ApiResponse> {
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

interface Campaign {
  id?: number;
  name?: string;
  status?: string;
}
interface Creative {
  id?: string;
  name?: string;
  createdAt?: number;
}

async function ourCampaign(ctx: Ctx, t: AdsTarget, item: PublishItem): Promise<Campaign | undefined> {
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

async function ourCreative(
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

async function validate(item: PublishItem, ctx: Ctx): Promise<Problem[]> {
  const read = readAd(item);
  const problems = [...missingCredentials(ctx.env, ADS_SECRETS), ...(Array.isArray(read) ? read : [])];
  if (item.image && !IMAGE_TYPES.includes(item.image.mimeType)) {
    problems.push({
      where: item.image.path,
      message: `LinkedIn ads take JPEG, PNG or GIF images, not ${item.image.mimeType}`,
    });
  }
  if (problems.length > 0) return problems;
  try {
    const response = await call(
      ctx,
      getAccount(target(ctx, await accessToken(ctx, ADS_SECRETS, ctx.config.timeoutMs))),
      'the ad account',
    );
    const account = (response.json ?? {}) as { currency?: string; reference?: string };
    if (account.currency && account.currency !== ctx.config.currency) {
      problems.push({
        where: 'publishing.linkedin-ads.currency',
        message: `the ad account bills in ${account.currency}, not ${ctx.config.currency}`,
      });
    }
    if (account.reference && account.reference !== `urn:li:organization:${ctx.config.organizationId}`) {
      problems.push({
        where: 'publishing.linkedin-ads.organizationId',
        message: `the ad account advertises for ${account.reference}`,
      });
    }
    return problems;
  } catch (error) {
    if (!(error instanceof PublishError) || TRANSIENT.has(error.code)) throw error;
    return [
      {
        where: error.where ?? 'publishing.linkedin-ads',
        message: `${error.message}${error.fix ? `; ${error.fix}` : ''}`,
      },
    ];
  }
}

function creativeRequest(
  t: AdsTarget,
  item: PublishItem,
  copy: AdCopy,
  campaignUrn: string,
  imageUrn?: string,
) {
  return createInlineCreative(
    t,
    campaignUrn,
    creativeName(item),
    { ...copy, commentary: toLittleText(copy.introText) },
    imageUrn,
  );
}

/** As `publish` sends them for an asset LinkedIn does not have yet; assigned ids shown as `<…>`. */
function requestsFor(item: PublishItem, ctx: Ctx): ApiRequest[] {
  const copy = adOrThrow(item);
  const t = target(ctx, REDACTED);
  const requests: ApiRequest[] = canRefresh(ctx.env, ADS_SECRETS)
    ? [refreshRequest(ctx.env, ADS_SECRETS)]
    : [];
  requests.push(
    campaignsNamed(t, campaignName(item)),
    createCampaign(t, item, campaignName(item), startOf(item, ctx)),
  );
  const image = {
    api: t.api,
    version: t.config.version,
    organizationUrn: organizationUrn(t),
    token: REDACTED,
  };
  if (item.image)
    requests.push(
      initializeImageUpload(image),
      uploadImage(image, '<uploadUrl from initializeUpload>', item.image),
    );
  requests.push(
    creativeRequest(
      t,
      item,
      copy,
      'urn:li:sponsoredCampaign:<id from x-restli-id>',
      item.image ? '<image URN from initializeUpload>' : undefined,
    ),
  );
  return requests;
}

const startOf = (item: PublishItem, ctx: Ctx) =>
  new Date(Math.max(Date.parse(item.publishAt), ctx.now().getTime()));

async function publish(item: PublishItem, ctx: Ctx): Promise<Published> {
  const copy = adOrThrow(item);
  const t = target(ctx, await accessToken(ctx, ADS_SECRETS, ctx.config.timeoutMs));
  let campaignId = (await ourCampaign(ctx, t, item))?.id;
  if (campaignId !== undefined && (await ourCreative(ctx, t, item, campaignId))) {
    throw new PublishError(
      'duplicate',
      `LinkedIn Ads already has the creative of ${item.path} (variant ${item.variant})`,
      {
        fix: 'Crescendo records the existing creative from the account; nothing new is created',
      },
    );
  }
  if (campaignId === undefined) {
    const created = await call(
      ctx,
      createCampaign(t, item, campaignName(item), startOf(item, ctx)),
      'the draft campaign',
    );
    const id = Number(
      decodeURIComponent(created.headers.get('x-restli-id') ?? '').replace(/^urn:li:sponsoredCampaign:/, ''),
    );
    if (!Number.isFinite(id) || id <= 0) {
      throw new PublishError('unknown-outcome', 'LinkedIn Ads created the campaign without saying its id', {
        fix: 'nothing is retried: the next run finds the campaign by its name',
      });
    }
    campaignId = id;
  }
  let imageUrn: string | undefined;
  if (item.image) {
    const image = {
      api: t.api,
      version: t.config.version,
      organizationUrn: organizationUrn(t),
      token: t.token,
    };
    const init = await call(ctx, initializeImageUpload(image), 'the image upload');
    const value = (init.json as { value?: { uploadUrl?: string; image?: string } } | undefined)?.value;
    if (!value?.uploadUrl || !value.image)
      throw new PublishError('unavailable', 'LinkedIn answered initializeUpload without an upload URL');
    await call(ctx, uploadImage(image, value.uploadUrl, item.image), 'the image bytes');
    imageUrn = value.image;
  }
  const response = await call(
    ctx,
    creativeRequest(t, item, copy, `urn:li:sponsoredCampaign:${campaignId}`, imageUrn),
    'the draft creative',
  );
  const creative = (response.json as { value?: { creative?: string } } | undefined)?.value?.creative;
  if (!creative) {
    throw new PublishError(
      'unknown-outcome',
      `LinkedIn Ads answered ${response.status} without the creative's id`,
      {
        fix: 'nothing is retried: the next run reads the campaign back to find the creative',
      },
    );
  }
  ctx.log(
    `LinkedIn Ads: created draft ${creative} for ${item.path} (${item.variant}) in campaign ${campaignId}`,
  );
  const budget = `${(item.dailyBudget ?? ctx.config.dailyBudget).toFixed(2)} ${ctx.config.currency}`;
  return {
    remoteId: creative,
    url: managerUrl(ctx, String(campaignId)),
    at: ctx.now().toISOString(),
    note: `campaign "${campaignName(item)}" (daily budget ${budget}) and its ad are DRAFTS${imageUrn ? '' : ' (a link ad without an image: add one before launch)'}; a person reviews and launches them in Campaign Manager; nothing is spent until then`,
  };
}

async function find(item: PublishItem, ctx: Ctx): Promise<Published | undefined> {
  const t = target(ctx, await accessToken(ctx, ADS_SECRETS, ctx.config.timeoutMs));
  const campaign = await ourCampaign(ctx, t, item);
  if (campaign?.id === undefined) return undefined;
  const creative = await ourCreative(ctx, t, item, campaign.id);
  if (!creative?.id) return undefined;
  return {
    remoteId: creative.id,
    url: managerUrl(ctx, String(campaign.id)),
    at:
      creative.createdAt === undefined ? ctx.now().toISOString() : new Date(creative.createdAt).toISOString(),
    note: `found in campaign "${campaign.name}" (${campaign.status ?? 'status unknown'})`,
  };
}

async function check(ctx: Ctx): Promise<CredentialCheck> {
  const what = `LinkedIn ad account ${ctx.config.adAccountId} (version ${ctx.config.version})`;
  try {
    const response = await call(
      ctx,
      getAccount(target(ctx, await accessToken(ctx, ADS_SECRETS, ctx.config.timeoutMs))),
      'the ad account',
    );
    const account = (response.json ?? {}) as { name?: string; currency?: string };
    if (account.currency && account.currency !== ctx.config.currency) {
      return {
        ok: false,
        what,
        fix: `the account bills in ${account.currency}: set publishing.linkedin-ads.currency to ${account.currency}`,
      };
    }
    const expiresAt = await tokenExpiry(ctx, ADS_SECRETS, ctx.config.timeoutMs).catch(() => undefined);
    return {
      ok: true,
      what: `${what}: "${account.name ?? '?'}" in ${account.currency ?? '?'}`,
      ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
    };
  } catch (error) {
    if (!(error instanceof PublishError)) throw error;
    return { ok: false, what, fix: `${error.message}: ${error.fix ?? 'see the LinkedIn Ads README'}` };
  }
}

export const linkedinAdsPublisher: Publisher<LinkedInAdsConfig> = {
  id: 'linkedin-ads',
  channel: 'linkedin-ads',
  label: 'LinkedIn Ads (draft campaigns and creatives)',
  configSchema: LinkedInAdsConfig,
  secrets: [
    {
      name: ADS_SECRETS.accessToken,
      description: 'Member access token with rw_ads from an app with the Advertising API product (60 days)',
    },
    {
      name: ADS_SECRETS.refreshToken,
      description: 'Optional: programmatic refresh token (365 days) instead of the access token',
    },
    {
      name: ADS_SECRETS.clientId,
      description: "Optional: that app's client id, to refresh the token and read its expiry",
    },
    { name: ADS_SECRETS.clientSecret, description: "Optional: that app's client secret, with the client id" },
  ],
  baseUrlEnv: BASE_URL_ENV,
  assetTypes: ['linkedin-ad'],
  check,
  validate,
  plan: async (item, ctx) => requestsFor(item, ctx).map((request) => planOf(request, secrets(ctx))),
  publish,
  find,
};
