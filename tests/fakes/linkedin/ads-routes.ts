import { json, type LoopbackRequest, type Reply } from '../loopback.js';
import { accessDenied, fieldError, liError } from './errors.js';
import { checkPost, type PostsOptions } from './posts-routes.js';
import type { FakeAdAccount, LinkedInState } from './state.js';

/** Advertising API: ad accounts, campaigns (`adCampaigns`) and creatives (`creatives`, `createInline`). */

const accountUrn = (a: FakeAdAccount) => `urn:li:sponsoredAccount:${a.id}`;

export function getAccount(account: FakeAdAccount): Reply {
  return json(200, {
    id: Number(account.id),
    name: account.name,
    currency: account.currency,
    reference: account.reference,
    status: 'ACTIVE',
    type: 'BUSINESS',
    test: false,
  });
}

/** A query parameter as sent (Rest.li expressions keep their structure unencoded). */
const rawParam = (request: LoopbackRequest, name: string): string =>
  new RegExp(`(?:^|&)${name}=([^&]*)`).exec(request.rawQuery)?.[1] ?? '';

/** The values of `List(a,b)` in a raw Rest.li expression, each decoded after splitting. */
const listValues = (raw: string): string[] => raw.split(',').map((v) => decodeURIComponent(v));

/** The values of `(name:(values:List(a,b)))` in the raw `search` parameter. */
function searchValues(search: string, field: string): string[] | undefined {
  const match = new RegExp(`${field}:\\(values:List\\(([^)]*)\\)\\)`).exec(search);
  return match ? listValues(match[1] ?? '') : undefined;
}

export function searchCampaigns(
  state: LinkedInState,
  account: FakeAdAccount,
  request: LoopbackRequest,
): Reply {
  if (request.query.get('q') !== 'search') return liError(400, 'BAD_REQUEST', 'unknown finder');
  const names = searchValues(rawParam(request, 'search'), 'name');
  const elements = state.campaigns
    .filter((c) => c.account === accountUrn(account))
    .filter((c) => !names || names.includes(c.name))
    .map((c) => ({ ...c.body, id: c.id, status: c.status, createdAt: c.createdAt }));
  return json(200, { paging: { start: 0, count: elements.length, links: [] }, elements, metadata: {} });
}

const money = (value: unknown): value is { amount: string; currencyCode: string } =>
  typeof (value as { amount?: unknown })?.amount === 'string' &&
  typeof (value as { currencyCode?: unknown })?.currencyCode === 'string';

export function createCampaign(
  state: LinkedInState,
  account: FakeAdAccount,
  request: LoopbackRequest,
  now: number,
) {
  const body = (request.json ?? {}) as Record<string, unknown>;
  for (const field of [
    'account',
    'campaignGroup',
    'name',
    'type',
    'costType',
    'dailyBudget',
    'locale',
    'targetingCriteria',
    'status',
    'runSchedule',
    'objectiveType',
    'politicalIntent',
  ]) {
    if (body[field] === undefined)
      return fieldError(field, 'field is required but not found and has no default value');
  }
  if (body.account !== accountUrn(account)) return accessDenied('adCampaigns.CREATE');
  if (!account.campaignGroups.includes(String(body.campaignGroup))) {
    return fieldError(
      'campaignGroup',
      `${body.campaignGroup} is not a campaign group of ${accountUrn(account)}`,
    );
  }
  if (!['DRAFT', 'PAUSED', 'ACTIVE'].includes(String(body.status)))
    return fieldError('status', 'is not a valid enum value');
  for (const field of ['dailyBudget', 'unitCost'] as const) {
    if (body[field] === undefined) continue;
    if (!money(body[field])) return fieldError(field, 'must be {amount: string, currencyCode}');
    if ((body[field] as { currencyCode: string }).currencyCode !== account.currency) {
      return fieldError(`${field}/currencyCode`, `must be the account currency ${account.currency}`);
    }
  }
  const include = (body.targetingCriteria as { include?: { and?: { or?: Record<string, unknown> }[] } })
    .include;
  if (!include?.and?.some((c) => c.or?.['urn:li:adTargetingFacet:locations'])) {
    return fieldError('targetingCriteria', 'a location (urn:li:adTargetingFacet:locations) is required');
  }
  const id = state.nextId++;
  state.campaigns.push({
    id,
    account: accountUrn(account),
    campaignGroup: String(body.campaignGroup),
    name: String(body.name),
    status: String(body.status),
    body,
    createdAt: now,
  });
  return json(201, undefined, { 'x-restli-id': String(id) });
}

export function createInline(
  state: LinkedInState,
  account: FakeAdAccount,
  request: LoopbackRequest,
  options: PostsOptions,
): Reply {
  if (request.query.get('action') !== 'createInline') return liError(400, 'BAD_REQUEST', 'unknown action');
  const creative = (request.json as { creative?: Record<string, unknown> } | undefined)?.creative;
  if (!creative) return fieldError('creative', 'field is required but not found');
  const campaign = state.campaigns.find((c) => `urn:li:sponsoredCampaign:${c.id}` === creative.campaign);
  if (!campaign || campaign.account !== accountUrn(account)) {
    return fieldError('creative/campaign', `${String(creative.campaign)} is not a campaign of this account`);
  }
  if (!['DRAFT', 'ACTIVE', 'PAUSED'].includes(String(creative.intendedStatus))) {
    return fieldError('creative/intendedStatus', 'is not a valid enum value');
  }
  const post = (creative.inlineContent as { post?: Record<string, unknown> } | undefined)?.post;
  if (!post) return fieldError('creative/inlineContent/post', 'field is required but not found');
  const context = post.adContext as { dscAdAccount?: string; dscStatus?: string } | undefined;
  if (context?.dscAdAccount !== accountUrn(account)) {
    return fieldError('creative/inlineContent/post/adContext/dscAdAccount', 'must be the ad account');
  }
  if (post.author !== account.reference) {
    return fieldError(
      'creative/inlineContent/post/author',
      `must be the account's organization ${account.reference}`,
    );
  }
  const refused = checkPost(state, { distribution: { feedDistribution: 'NONE' }, ...post }, options);
  if (refused) return refused;
  const now = options.now();
  const postId = `urn:li:share:${state.nextPostId++}`;
  state.posts.push({
    id: postId,
    author: String(post.author),
    commentary: String(post.commentary),
    visibility: String(post.visibility),
    distribution: { feedDistribution: 'NONE' },
    lifecycleState: String(post.lifecycleState),
    content: post.content as never,
    contentLandingPage: post.contentLandingPage as string | undefined,
    contentCallToActionLabel: post.contentCallToActionLabel as string | undefined,
    adContext: context as never,
    createdAt: now,
    publishedAt: now,
    lastModifiedAt: now,
  });
  const id = `urn:li:sponsoredCreative:${state.nextId++}`;
  state.creatives.push({
    id,
    campaign: String(creative.campaign),
    name: creative.name as string | undefined,
    intendedStatus: String(creative.intendedStatus),
    post: postId,
    createdAt: now,
  });
  return json(200, { value: { creative: id } });
}

export function creativesByCampaigns(state: LinkedInState, request: LoopbackRequest): Reply {
  if (request.query.get('q') !== 'criteria') return liError(400, 'BAD_REQUEST', 'unknown finder');
  const list = /^List\((.*)\)$/.exec(rawParam(request, 'campaigns'))?.[1] ?? '';
  const campaigns = listValues(list);
  const elements = state.creatives
    .filter((c) => campaigns.includes(c.campaign))
    .map((c) => ({
      id: c.id,
      name: c.name,
      campaign: c.campaign,
      intendedStatus: c.intendedStatus,
      isServing: false,
      content: { reference: c.post },
      createdAt: c.createdAt,
      lastModifiedAt: c.createdAt,
    }));
  return json(200, { paging: { start: 0, count: elements.length, links: [] }, elements, metadata: {} });
}
