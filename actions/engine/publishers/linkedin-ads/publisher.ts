import { type ApiRequest, planOf } from '../http.js';
import { toLittleText } from '../linkedin/commentary.js';
import { initializeImageUpload, uploadImage } from '../linkedin/requests.js';
import { ADS_SECRETS, canRefresh, refreshRequest } from '../linkedin/token.js';
import type { Published, Publisher, PublishItem } from '../publisher.js';
import { PublishError, REDACTED } from '../publisher.js';
import { type AdCopy, adOrThrow, campaignName, creativeName } from './ad.js';
import {
  authorised,
  BASE_URL_ENV,
  type Ctx,
  call,
  managerUrl,
  ourCampaign,
  ourCreative,
  secrets,
  target,
} from './client.js';
import { LinkedInAdsConfig } from './config.js';
import { check, validate } from './preflight.js';
import {
  type AdsTarget,
  campaignsNamed,
  createCampaign,
  createInlineCreative,
  organizationUrn,
} from './requests.js';

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
  const t = await authorised(ctx);
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
  const t = await authorised(ctx);
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
