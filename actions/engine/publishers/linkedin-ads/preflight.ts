import type { Problem } from '../../errors.js';
import { ADS_SECRETS, missingCredentials, tokenExpiry } from '../linkedin/token.js';
import type { CredentialCheck, PublishItem } from '../publisher.js';
import { PublishError } from '../publisher.js';
import { readAd } from './ad.js';
import { authorised, type Ctx, call } from './client.js';
import { getAccount } from './requests.js';

/** The checks before anything is created: the item, and the ad account it goes to (currency, page). */

const TRANSIENT = new Set(['rate-limited', 'unavailable', 'unknown-outcome']);
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif'];

export async function validate(item: PublishItem, ctx: Ctx): Promise<Problem[]> {
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
    const response = await call(ctx, getAccount(await authorised(ctx)), 'the ad account');
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

export async function check(ctx: Ctx): Promise<CredentialCheck> {
  const what = `LinkedIn ad account ${ctx.config.adAccountId} (version ${ctx.config.version})`;
  try {
    const response = await call(ctx, getAccount(await authorised(ctx)), 'the ad account');
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
