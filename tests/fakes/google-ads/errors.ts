import { json, type Reply } from '../loopback.js';

/** A GoogleAdsError as the REST API writes it. */
export interface AdsError {
  errorCode: Record<string, string>;
  message: string;
  location?: { fieldPathElements: { fieldName: string; index?: number }[] };
  details?: Record<string, unknown>;
}

const STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  429: 'RESOURCE_EXHAUSTED',
};

let requestCounter = 0;
export const requestId = (): string => `fake${(++requestCounter).toString(36).padStart(8, '0')}`;

/** `{error: {code, message, status, details: [GoogleAdsFailure]}}`. */
export function adsFailure(status: number, version: string, errors: AdsError[]): Reply {
  return json(status, {
    error: {
      code: status,
      message:
        status === 400 ? 'Request contains an invalid argument.' : 'The caller does not have permission',
      status: STATUS[status] ?? 'UNKNOWN',
      details: [
        {
          '@type': `type.googleapis.com/google.ads.googleads.${version}.errors.GoogleAdsFailure`,
          errors,
          requestId: requestId(),
        },
      ],
    },
  });
}

export const unauthenticated = (): Reply =>
  json(401, {
    error: {
      code: 401,
      message:
        'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
      status: 'UNAUTHENTICATED',
    },
  });

/** What Google's front end answers for a path it does not serve (a version long gone): HTML. */
export const notFoundHtml = (path: string): Reply => ({
  status: 404,
  body: `<!DOCTYPE html><html lang=en><title>Error 404 (Not Found)!!1</title><p>The requested URL <code>${path}</code> was not found on this server.</p></html>`,
  headers: { 'content-type': 'text/html; charset=UTF-8' },
});

export function quotaExhausted(version: string, retryDelaySeconds: number): Reply {
  return adsFailure(429, version, [
    {
      errorCode: { quotaError: 'RESOURCE_EXHAUSTED' },
      message: 'Too many requests. Retry in 86400 seconds.',
      details: {
        quotaErrorDetails: {
          rateScope: 'DEVELOPER',
          rateName: 'Number of operations for basic access',
          retryDelay: `${retryDelaySeconds}s`,
        },
      },
    },
  ]);
}
