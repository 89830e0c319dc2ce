import { GoogleRsa, RSA_LIMITS } from '../../assets/google-rsa/google-rsa.js';
import { googleAdsLength } from '../../assets/shared/text-length.js';
import type { Problem } from '../../errors.js';
import type { PublishItem } from '../publisher.js';
import { PublishError } from '../publisher.js';
import { type GoogleAdsConfig, micros } from './config.js';
import { adGroupName, budgetName, campaignName, finalUrlSuffix } from './names.js';

/*
 * The `mutateOperations` of one atomic `googleAds:mutate`. A new asset gets a budget, a campaign created
 * PAUSED, an ad group, the variant's responsive search ad and the keywords, linked by temporary resource
 * names (negative ids). A later variant adds only its ad to the asset's ad group. Nothing Crescendo
 * creates serves until a person enables the campaign in Google Ads.
 */

export interface RsaAd {
  headlines: string[];
  descriptions: string[];
  finalUrl: string;
  path1?: string;
  path2?: string;
}

/** The variant's ad from `item.data` (a `GoogleRsa`): `variants[]` replace headlines or descriptions. */
export function readRsa(item: PublishItem): RsaAd | Problem[] {
  if (item.type !== 'google-rsa')
    return [{ where: item.path, message: `asset type "${item.type}" is not a responsive search ad` }];
  const parsed = GoogleRsa.safeParse(item.data);
  if (!parsed.success) {
    return parsed.error.issues.map((i) => ({
      where: `${item.path}: asset.${i.path.join('.')}`,
      message: i.message,
    }));
  }
  const rsa = parsed.data;
  const variant = item.variant === 'a' ? undefined : rsa.variants?.find((v) => v.variantId === item.variant);
  if (item.variant !== 'a' && !variant) {
    return [{ where: `${item.path}: asset.variants`, message: `the asset has no variant "${item.variant}"` }];
  }
  const ad: RsaAd = {
    headlines: variant?.headlines ?? rsa.headlines,
    descriptions: variant?.descriptions ?? rsa.descriptions,
    finalUrl: rsa.finalUrl,
    path1: rsa.path1,
    path2: rsa.path2,
  };
  return adProblems(item, ad);
}

function adProblems(item: PublishItem, ad: RsaAd): RsaAd | Problem[] {
  const problems: Problem[] = [];
  const where = `${item.path}: asset`;
  const { headlines, descriptions } = RSA_LIMITS;
  if (ad.headlines.length < headlines.min || ad.headlines.length > headlines.max) {
    problems.push({
      where: `${where}.headlines`,
      message: `${ad.headlines.length} headlines; Google takes ${headlines.min} to ${headlines.max}`,
    });
  }
  if (ad.descriptions.length < descriptions.min || ad.descriptions.length > descriptions.max) {
    problems.push({
      where: `${where}.descriptions`,
      message: `${ad.descriptions.length} descriptions; Google takes ${descriptions.min} to ${descriptions.max}`,
    });
  }
  ad.headlines.forEach((h, i) => {
    if (googleAdsLength(h) > RSA_LIMITS.headline.max)
      problems.push({
        where: `${where}.headlines[${i}]`,
        message: `"${h}" is longer than ${RSA_LIMITS.headline.max}`,
      });
  });
  ad.descriptions.forEach((d, i) => {
    if (googleAdsLength(d) > RSA_LIMITS.description.max)
      problems.push({
        where: `${where}.descriptions[${i}]`,
        message: `description ${i + 1} is longer than ${RSA_LIMITS.description.max}`,
      });
  });
  if (!item.keywords?.some((k) => k.trim() !== '')) {
    problems.push({
      where: `${item.path}: keyword`,
      message: 'no keywords: a search ad group without keywords shows nowhere',
    });
  }
  return problems.length > 0 ? problems : ad;
}

export function rsaOrThrow(item: PublishItem): RsaAd {
  const read = readRsa(item);
  if (!Array.isArray(read)) return read;
  throw new PublishError('invalid', `${item.path} cannot be published on Google Ads`, {
    problems: read,
    fix: 'fix the asset file and approve it again',
  });
}

function adOperation(item: PublishItem, ad: RsaAd, adGroup: string, status: 'ENABLED' | 'PAUSED') {
  const responsiveSearchAd: Record<string, unknown> = {
    headlines: ad.headlines.map((text) => ({ text })),
    descriptions: ad.descriptions.map((text) => ({ text })),
  };
  if (ad.path1) responsiveSearchAd.path1 = ad.path1;
  if (ad.path2) responsiveSearchAd.path2 = ad.path2;
  return {
    adGroupAdOperation: {
      create: {
        adGroup,
        status,
        ad: { finalUrls: [ad.finalUrl], finalUrlSuffix: finalUrlSuffix(item), responsiveSearchAd },
      },
    },
  };
}

/** Everything for a new asset, in dependency order (a temporary name is used only after it is defined). */
export function createOperations(item: PublishItem, ad: RsaAd, config: GoogleAdsConfig): unknown[] {
  const customer = `customers/${config.customerId}`;
  const budget = `${customer}/campaignBudgets/-1`;
  const campaign = `${customer}/campaigns/-2`;
  const adGroup = `${customer}/adGroups/-3`;
  const keywords = [...new Set((item.keywords ?? []).map((k) => k.trim().toLowerCase()).filter(Boolean))];
  return [
    {
      campaignBudgetOperation: {
        create: {
          resourceName: budget,
          name: budgetName(item),
          amountMicros: micros(item.dailyBudget ?? config.dailyBudget),
          deliveryMethod: 'STANDARD',
          explicitlyShared: false,
        },
      },
    },
    {
      campaignOperation: {
        create: {
          resourceName: campaign,
          name: campaignName(item),
          status: 'PAUSED',
          advertisingChannelType: 'SEARCH',
          campaignBudget: budget,
          manualCpc: {},
          networkSettings: {
            targetGoogleSearch: true,
            targetSearchNetwork: config.searchPartners,
            targetContentNetwork: false,
            targetPartnerSearchNetwork: false,
          },
          containsEuPoliticalAdvertising: 'DOES_NOT_CONTAIN_EU_POLITICAL_ADVERTISING',
        },
      },
    },
    {
      adGroupOperation: {
        create: {
          resourceName: adGroup,
          name: adGroupName(item),
          campaign,
          status: 'ENABLED',
          type: 'SEARCH_STANDARD',
          cpcBidMicros: micros(config.maxCpc),
        },
      },
    },
    adOperation(item, ad, adGroup, 'ENABLED'),
    ...keywords.map((text) => ({
      adGroupCriterionOperation: {
        create: { adGroup, status: 'ENABLED', keyword: { text, matchType: config.keywordMatchType } },
      },
    })),
  ];
}

/**
 * A later variant: its ad in the asset's existing ad group. If a person already enabled the campaign,
 * the ad is added PAUSED, so Crescendo never changes what a live campaign serves.
 */
export function addAdOperations(item: PublishItem, ad: RsaAd, adGroup: string, campaignStatus: string) {
  return [adOperation(item, ad, adGroup, campaignStatus === 'PAUSED' ? 'ENABLED' : 'PAUSED')];
}
