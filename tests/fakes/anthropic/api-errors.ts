/**
 * The error body every Anthropic endpoint answers with:
 * `{"type":"error","error":{"type":…,"message":…},"request_id":…}`.
 */
export interface ApiErrorBody {
  type: 'error';
  error: { type: string; message: string };
  request_id: string | null;
}

/** The `error.type` the real API uses for each status (the SDK maps status → error class, not type). */
export function errorTypeForStatus(status: number): string {
  switch (status) {
    case 400:
      return 'invalid_request_error';
    case 401:
      return 'authentication_error';
    case 402:
      return 'billing_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 504:
      return 'timeout_error';
    case 529:
      return 'overloaded_error';
    default:
      return status >= 500 ? 'api_error' : 'invalid_request_error';
  }
}

/** The inverse, used when a mid-stream error has to become an HTTP error for a non-streaming call. */
export function statusForErrorType(type: string): number {
  switch (type) {
    case 'invalid_request_error':
      return 400;
    case 'authentication_error':
      return 401;
    case 'billing_error':
      return 402;
    case 'permission_error':
      return 403;
    case 'not_found_error':
      return 404;
    case 'request_too_large':
      return 413;
    case 'rate_limit_error':
      return 429;
    case 'timeout_error':
      return 504;
    case 'overloaded_error':
      return 529;
    default:
      return 500;
  }
}

export function errorBody(type: string, message: string, requestId: string | null): ApiErrorBody {
  return { type: 'error', error: { type, message }, request_id: requestId };
}

/** A request the fake refuses before any scripted reply is consulted (validation, auth, routing). */
export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errorType: string = errorTypeForStatus(status),
  ) {
    super(message);
  }
}
