/** Resources of the fake Google Ads account, as GAQL returns them (camelCase, int64 as strings). */

export interface Budget {
  resourceName: string;
  id: string;
  name: string;
  amountMicros: string;
  deliveryMethod: string;
  status: string;
}

export interface Campaign {
  resourceName: string;
  id: string;
  name: string;
  status: string;
  advertisingChannelType: string;
  campaignBudget: string;
  [field: string]: unknown;
}

export interface AdGroup {
  resourceName: string;
  id: string;
  name: string;
  campaign: string;
  status: string;
  cpcBidMicros?: string;
}

export interface AdGroupAd {
  resourceName: string;
  adGroup: string;
  status: string;
  ad: { id: string; finalUrls: string[]; finalUrlSuffix?: string; responsiveSearchAd: unknown };
}

export interface Criterion {
  resourceName: string;
  adGroup: string;
  status: string;
  keyword: { text: string; matchType: string };
}

export interface AdsState {
  budgets: Budget[];
  campaigns: Campaign[];
  adGroups: AdGroup[];
  ads: AdGroupAd[];
  criteria: Criterion[];
  nextId: number;
}

export const emptyAdsState = (): AdsState => ({
  budgets: [],
  campaigns: [],
  adGroups: [],
  ads: [],
  criteria: [],
  nextId: 21_000_000_000,
});
