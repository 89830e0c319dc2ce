import type { Problem } from '../../errors.js';
import { type ApiResponse, excerpt, redactText } from '../http.js';
import { PublishError } from '../publisher.js';

/*
 * Google Ads errors: `{error: {code, message, status, details: [{"@type": "…GoogleAdsFailure", errors:
 * [{errorCode: {authorizationError: "…"}, message, location: {fieldPathElements}, details}], requestId}]}}`.
 * Each is read by its error code, never by its message.
 */

interface GoogleAdsError {
  errorCode?: Record<string, string>;
  message?: string;
  location?: { fieldPathElements?: { fieldName?: string; index?: number }[] };
  details?: { quotaErrorDetails?: { retryDelay?: string } };
}

interface ErrorBody {
  error?: {
    code?: number;
    message?: string;
    status?: string;
    details?: { '@type'?: string; errors?: GoogleAdsError[]; requestId?: string }[];
  };
}

const has = (errors: GoogleAdsError[], kind: string, value?: string) =>
  errors.find(
    (e) => e.errorCode?.[kind] !== undefined && (value === undefined || e.errorCode[kind] === value),
  );

const fieldPath = (e: GoogleAdsError): string =>
  (e.location?.fieldPathElements ?? [])
    .map((p) => (p.index === undefined ? p.fieldName : `${p.fieldName}[${p.index}]`))
    .join('.') || 'request';

const codeOf = (e: GoogleAdsError): string =>
  Object.entries(e.errorCode ?? {})
    .map(([k, v]) => `${k}.${v}`)
    .join(',');

export interface FailureOptions {
  what: string;
  apiVersion: string;
  customerId: string;
  secrets: readonly string[];
}

export function googleAdsFailure(response: ApiResponse, options: FailureOptions): PublishError {
  const body = (response.json ?? {}) as ErrorBody;
  const errors = (body.error?.details ?? []).flatMap((d) => d.errors ?? []);
  const requestId = body.error?.details?.find((d) => d.requestId)?.requestId;
  const said = redactText(
    errors.length > 0
      ? errors.map((e) => `${codeOf(e)} at ${fieldPath(e)}: ${e.message ?? ''}`).join('; ')
      : (body.error?.message ?? excerpt(response.text)),
    options.secrets,
  );
  const message = `Google Ads refused ${options.what} (HTTP ${response.status}${said ? `, ${said}` : ''}${requestId ? `, request ${requestId}` : ''})`;
  const status = response.status;
  if ((status === 404 && body.error === undefined) || has(errors, 'requestError', 'UNSUPPORTED_VERSION')) {
    return new PublishError('version-retired', message, {
      status,
      fix: `Google no longer serves API ${options.apiVersion}: set publishing.google-ads.apiVersion in .github/crescendo.yml to a current version (https://developers.google.com/google-ads/api/docs/sunset-dates)`,
    });
  }
  if (status === 401 || has(errors, 'authenticationError')) {
    const expired = has(errors, 'authenticationError', 'OAUTH_TOKEN_EXPIRED') !== undefined;
    return new PublishError(expired ? 'expired' : 'auth', message, {
      status,
      fix: 'authorise again with the https://www.googleapis.com/auth/adwords scope and store GOOGLE_ADS_REFRESH_TOKEN (with GOOGLE_ADS_CLIENT_ID and GOOGLE_ADS_CLIENT_SECRET)',
    });
  }
  if (has(errors, 'authorizationError', 'CLOUD_PROJECT_NOT_APPROVED_FOR_PRODUCTION')) {
    return new PublishError('forbidden', message, {
      status,
      fix: 'the Google Cloud project that owns the OAuth client has Test access, which reaches only test accounts: apply for Explorer or Basic access in the Google Ads API Center',
    });
  }
  if (has(errors, 'authorizationError')) {
    return new PublishError('forbidden', message, {
      status,
      fix: `the Google account behind the refresh token needs Standard access to customer ${options.customerId}; through a manager account, set publishing.google-ads.loginCustomerId`,
    });
  }
  const quota = has(errors, 'quotaError');
  if (status === 429 || quota) {
    const delay = /^(\d+)s$/.exec(quota?.details?.quotaErrorDetails?.retryDelay ?? '')?.[1];
    return new PublishError('rate-limited', message, {
      status,
      retryAfter: delay ? Number(delay) : undefined,
      fix: 'the Google Cloud project used its Google Ads API operations for now; a later run publishes it',
    });
  }
  if (
    has(errors, 'campaignError', 'DUPLICATE_CAMPAIGN_NAME') ||
    has(errors, 'campaignBudgetError', 'DUPLICATE_NAME')
  ) {
    return new PublishError('duplicate', message, {
      status,
      fix: 'a campaign with this name exists: Crescendo reads the account back and records it if it is this item',
    });
  }
  const problems: Problem[] = errors.map((e) => ({
    where: fieldPath(e),
    message: `${codeOf(e)}: ${e.message ?? ''}`,
  }));
  return new PublishError('invalid', message, {
    status,
    problems,
    fix: 'fix the ad or the configuration as the errors say',
  });
}
