import { json, type Reply } from '../loopback.js';
import { type AdsError, adsFailure } from './errors.js';
import type { AdsState } from './state.js';

/*
 * `googleAds:mutate`: operations in order, temporary resource names (negative ids) resolved as they are
 * defined, every error collected with its field path, and nothing applied unless all succeed (atomic).
 * `validateOnly` checks everything and applies nothing.
 */

type Create = Record<string, unknown>;
const OPERATIONS = {
  campaignBudgetOperation: 'campaign_budget_operation',
  campaignOperation: 'campaign_operation',
  adGroupOperation: 'ad_group_operation',
  adGroupAdOperation: 'ad_group_ad_operation',
  adGroupCriterionOperation: 'ad_group_criterion_operation',
} as const;

const doubleWidth =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7A3\uF900-\uFAFF\uFF00-\uFF60\uFFE0-\uFFE6]/u;
const adsLength = (text: string) => Array.from(text).reduce((n, c) => n + (doubleWidth.test(c) ? 2 : 1), 0);

export function runMutate(state: AdsState, customerId: string, version: string, body: unknown): Reply {
  const request = (body ?? {}) as {
    mutateOperations?: Record<string, { create?: Create }>[];
    validateOnly?: boolean;
  };
  const operations = request.mutateOperations ?? [];
  const work: AdsState = structuredClone(state);
  const temp = new Map<string, string>();
  const errors: AdsError[] = [];
  const responses: Record<string, { resourceName: string }>[] = [];
  const prefix = `customers/${customerId}`;
  const newId = () => String(work.nextId++);

  operations.forEach((operation, index) => {
    const [kind, payload] = Object.entries(operation)[0] ?? [];
    const snake = OPERATIONS[kind as keyof typeof OPERATIONS];
    const at = (...path: (string | [string, number])[]) => ({
      fieldPathElements: [
        { fieldName: 'mutate_operations', index },
        { fieldName: snake ?? 'operation' },
        { fieldName: 'create' },
        ...path.map((p) => (Array.isArray(p) ? { fieldName: p[0], index: p[1] } : { fieldName: p })),
      ],
    });
    const fail = (
      errorCode: Record<string, string>,
      message: string,
      ...path: (string | [string, number])[]
    ) => errors.push({ errorCode, message, location: at(...path) });
    const required = (create: Create, ...fields: string[]) => {
      for (const f of fields) {
        if (create[f] === undefined)
          fail({ fieldError: 'REQUIRED' }, 'The required field was not present.', f);
      }
    };
    const resolve = (ref: unknown, list: { resourceName: string }[]) => {
      const name = temp.get(String(ref)) ?? String(ref);
      return list.some((r) => r.resourceName === name) ? name : undefined;
    };
    const create = payload?.create;
    if (!snake || !create) {
      errors.push({
        errorCode: { mutateError: 'OPERATION_NOT_PERMITTED' },
        message: 'Only create operations are served by this fake.',
        location: at(),
      });
      return;
    }
    const named = (type: string) => {
      const given = String(create.resourceName ?? '');
      const id = newId();
      const real = `${prefix}/${type}/${id}`;
      if (/\/-\d+$/.test(given)) temp.set(given, real);
      return { id, real };
    };
    if (kind === 'campaignBudgetOperation') {
      required(create, 'name', 'amountMicros');
      if (work.budgets.some((b) => b.name === create.name))
        fail(
          { campaignBudgetError: 'DUPLICATE_NAME' },
          'Campaign budget with the same name already exists.',
          'name',
        );
      if (Number(create.amountMicros) % 10_000 !== 0)
        fail(
          { campaignBudgetError: 'NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT' },
          'The budget amount must be a multiple of the minimum currency unit.',
          'amount_micros',
        );
      const { id, real } = named('campaignBudgets');
      work.budgets.push({
        resourceName: real,
        id,
        name: String(create.name),
        amountMicros: String(create.amountMicros),
        deliveryMethod: String(create.deliveryMethod ?? 'STANDARD'),
        status: 'ENABLED',
      });
      responses.push({ campaignBudgetResult: { resourceName: real } });
    } else if (kind === 'campaignOperation') {
      required(
        create,
        'name',
        'status',
        'advertisingChannelType',
        'campaignBudget',
        'containsEuPoliticalAdvertising',
      );
      if (
        ![
          'manualCpc',
          'targetSpend',
          'maximizeConversions',
          'maximizeConversionValue',
          'targetCpa',
          'targetRoas',
        ].some((b) => create[b] !== undefined)
      ) {
        fail(
          { biddingError: 'BIDDING_STRATEGY_AND_BUDGET_MUST_BE_ALIGNED' },
          'A bidding strategy is required.',
          'campaign_bidding_strategy',
        );
      }
      if (work.campaigns.some((c) => c.name === create.name && c.status !== 'REMOVED'))
        fail(
          { campaignError: 'DUPLICATE_CAMPAIGN_NAME' },
          'A campaign already exists with the specified name.',
          'name',
        );
      const budget = resolve(create.campaignBudget, work.budgets);
      if (create.campaignBudget !== undefined && !budget)
        fail({ mutateError: 'RESOURCE_NOT_FOUND' }, 'Requested resource not found.', 'campaign_budget');
      const { id, real } = named('campaigns');
      work.campaigns.push({
        ...create,
        resourceName: real,
        id,
        name: String(create.name),
        status: String(create.status),
        advertisingChannelType: String(create.advertisingChannelType),
        campaignBudget: budget ?? '',
      });
      responses.push({ campaignResult: { resourceName: real } });
    } else if (kind === 'adGroupOperation') {
      required(create, 'name', 'campaign');
      const campaign = resolve(create.campaign, work.campaigns);
      if (create.campaign !== undefined && !campaign)
        fail({ mutateError: 'RESOURCE_NOT_FOUND' }, 'Requested resource not found.', 'campaign');
      if (create.cpcBidMicros !== undefined && Number(create.cpcBidMicros) % 10_000 !== 0)
        fail(
          { biddingError: 'BID_TOO_MANY_FRACTIONAL_DIGITS' },
          'Bid has too many fractional digit precision.',
          'cpc_bid_micros',
        );
      const { id, real } = named('adGroups');
      work.adGroups.push({
        resourceName: real,
        id,
        name: String(create.name),
        campaign: campaign ?? '',
        status: String(create.status ?? 'ENABLED'),
        cpcBidMicros: create.cpcBidMicros as string | undefined,
      });
      responses.push({ adGroupResult: { resourceName: real } });
    } else if (kind === 'adGroupAdOperation') {
      required(create, 'adGroup', 'ad');
      const group = resolve(create.adGroup, work.adGroups);
      if (create.adGroup !== undefined && !group)
        fail({ mutateError: 'RESOURCE_NOT_FOUND' }, 'Requested resource not found.', 'ad_group');
      const ad = (create.ad ?? {}) as {
        finalUrls?: string[];
        finalUrlSuffix?: string;
        responsiveSearchAd?: { headlines?: { text: string }[]; descriptions?: { text: string }[] };
      };
      if (!ad.finalUrls?.length)
        fail({ adError: 'MISSING_FINAL_URL' }, 'Final URL is required.', 'ad', 'final_urls');
      const rsa = ad.responsiveSearchAd;
      if (!rsa)
        fail({ fieldError: 'REQUIRED' }, 'The required field was not present.', 'ad', 'responsive_search_ad');
      const check = (
        list: { text: string }[] | undefined,
        field: string,
        min: number,
        max: number,
        length: number,
      ) => {
        const items = list ?? [];
        if (items.length < min)
          fail({ collectionSizeError: 'TOO_FEW' }, 'Too few.', 'ad', 'responsive_search_ad', field);
        if (items.length > max)
          fail({ collectionSizeError: 'TOO_MANY' }, 'Too many.', 'ad', 'responsive_search_ad', field);
        items.forEach((h, i) => {
          if (adsLength(h.text) > length)
            fail(
              { stringLengthError: 'TOO_LONG' },
              'Too long.',
              'ad',
              'responsive_search_ad',
              [field, i],
              'text',
            );
        });
      };
      if (rsa) {
        check(rsa.headlines, 'headlines', 3, 15, 30);
        check(rsa.descriptions, 'descriptions', 2, 4, 90);
      }
      if (ad.finalUrlSuffix && /^[?&]/.test(ad.finalUrlSuffix))
        fail(
          { urlFieldError: 'INVALID_FINAL_URL_SUFFIX' },
          'The final URL suffix cannot begin with ? or &.',
          'ad',
          'final_url_suffix',
        );
      const adId = newId();
      const real = `${prefix}/adGroupAds/${group?.split('/').pop() ?? '0'}~${adId}`;
      work.ads.push({
        resourceName: real,
        adGroup: group ?? '',
        status: String(create.status ?? 'ENABLED'),
        ad: {
          id: adId,
          finalUrls: ad.finalUrls ?? [],
          finalUrlSuffix: ad.finalUrlSuffix,
          responsiveSearchAd: rsa,
        },
      });
      responses.push({ adGroupAdResult: { resourceName: real } });
    } else {
      required(create, 'adGroup', 'keyword');
      const group = resolve(create.adGroup, work.adGroups);
      if (create.adGroup !== undefined && !group)
        fail({ mutateError: 'RESOURCE_NOT_FOUND' }, 'Requested resource not found.', 'ad_group');
      const keyword = (create.keyword ?? {}) as { text?: string; matchType?: string };
      if ((keyword.text ?? '').length > 80)
        fail({ criterionError: 'KEYWORD_TEXT_TOO_LONG' }, 'Keyword text is too long.', 'keyword', 'text');
      if ((keyword.text ?? '').split(/\s+/).length > 10)
        fail(
          { criterionError: 'KEYWORD_HAS_TOO_MANY_WORDS' },
          'Keyword has too many words.',
          'keyword',
          'text',
        );
      if (!['EXACT', 'PHRASE', 'BROAD'].includes(keyword.matchType ?? ''))
        fail({ fieldError: 'REQUIRED' }, 'The required field was not present.', 'keyword', 'match_type');
      const real = `${prefix}/adGroupCriteria/${group?.split('/').pop() ?? '0'}~${newId()}`;
      work.criteria.push({
        resourceName: real,
        adGroup: group ?? '',
        status: String(create.status ?? 'ENABLED'),
        keyword: { text: keyword.text ?? '', matchType: keyword.matchType ?? '' },
      });
      responses.push({ adGroupCriterionResult: { resourceName: real } });
    }
  });

  if (errors.length > 0) return adsFailure(400, version, errors);
  if (request.validateOnly) return json(200, {});
  Object.assign(state, work);
  return json(200, { mutateOperationResponses: responses });
}
