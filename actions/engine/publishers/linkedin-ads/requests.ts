import type { ApiRequest } from '../http.js';
import { restHeaders, restliString } from '../linkedin/restli.js';
import type { PublishItem } from '../publisher.js';
import type { AdCopy } from './ad.js';
import type { LinkedInAdsConfig } from './config.js';

/** The exact Advertising API requests: campaigns (`adCampaigns`) and inline creatives (`createInline`). */

export interface AdsTarget {
  api: string;
  config: LinkedInAdsConfig;
  token: string;
}

const account = (t: AdsTarget) => `${t.api}/rest/adAccounts/${t.config.adAccountId}`;
export const accountUrn = (t: AdsTarget) => `urn:li:sponsoredAccount:${t.config.adAccountId}`;
export const organizationUrn = (t: AdsTarget) => `urn:li:organization:${t.config.organizationId}`;
const money = (amount: number, currencyCode: string) => ({ amount: amount.toFixed(2), currencyCode });

export const getAccount = (t: AdsTarget): ApiRequest => ({
  method: 'GET',
  url: account(t),
  headers: restHeaders(t.token, t.config.version),
  creates: false,
});

export const campaignsNamed = (t: AdsTarget, name: string): ApiRequest => ({
  method: 'GET',
  url: `${account(t)}/adCampaigns?q=search&search=(name:(values:List(${restliString(name)})))`,
  headers: restHeaders(t.token, t.config.version, 'FINDER'),
  creates: false,
});

export function createCampaign(t: AdsTarget, item: PublishItem, name: string, start: Date): ApiRequest {
  const { config } = t;
  return {
    method: 'POST',
    url: `${account(t)}/adCampaigns`,
    headers: restHeaders(t.token, config.version),
    creates: true,
    body: {
      kind: 'json',
      value: {
        account: accountUrn(t),
        campaignGroup: `urn:li:sponsoredCampaignGroup:${config.campaignGroupId}`,
        name,
        type: 'SPONSORED_UPDATES',
        objectiveType: config.objective,
        costType: config.costType,
        unitCost: money(config.bid, config.currency),
        dailyBudget: money(item.dailyBudget ?? config.dailyBudget, config.currency),
        locale: config.locale,
        targetingCriteria: {
          include: {
            and: [
              { or: { 'urn:li:adTargetingFacet:locations': config.locations } },
              {
                or: {
                  'urn:li:adTargetingFacet:interfaceLocales': [
                    `urn:li:locale:${config.locale.language}_${config.locale.country}`,
                  ],
                },
              },
            ],
          },
        },
        runSchedule: { start: start.getTime() },
        creativeSelection: 'OPTIMIZED',
        offsiteDeliveryEnabled: false,
        audienceExpansionEnabled: false,
        politicalIntent: 'NOT_POLITICAL',
        status: 'DRAFT',
      },
    },
  };
}

/** The sponsored ("dark") post and its creative in one call; the creative stays a DRAFT. */
export function createInlineCreative(
  t: AdsTarget,
  campaignUrn: string,
  name: string,
  copy: AdCopy & { commentary: string },
  imageUrn?: string,
): ApiRequest {
  const content = imageUrn
    ? { media: { id: imageUrn, title: copy.headline } }
    : {
        article: {
          source: copy.link,
          title: copy.headline,
          ...(copy.description ? { description: copy.description } : {}),
        },
      };
  return {
    method: 'POST',
    url: `${account(t)}/creatives?action=createInline`,
    headers: restHeaders(t.token, t.config.version),
    creates: true,
    body: {
      kind: 'json',
      value: {
        creative: {
          campaign: campaignUrn,
          intendedStatus: 'DRAFT',
          name,
          inlineContent: {
            post: {
              adContext: { dscAdAccount: accountUrn(t), dscStatus: 'ACTIVE' },
              author: organizationUrn(t),
              commentary: copy.commentary,
              visibility: 'PUBLIC',
              lifecycleState: 'PUBLISHED',
              isReshareDisabledByAuthor: true,
              contentLandingPage: copy.link,
              contentCallToActionLabel: copy.callToAction,
              content,
            },
          },
        },
      },
    },
  };
}

export const creativesOf = (t: AdsTarget, campaignUrn: string): ApiRequest => ({
  method: 'GET',
  url: `${account(t)}/creatives?q=criteria&campaigns=List(${restliString(campaignUrn)})`,
  headers: restHeaders(t.token, t.config.version, 'FINDER'),
  creates: false,
});
