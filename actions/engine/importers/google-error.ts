/**
 * Google APIs answer errors as `{"error": {"code": 403, "message": "…", "status":
 * "PERMISSION_DENIED", "details": [...]}}` (google.rpc.Status); Google Ads puts its own
 * reason in `details[].errors[].errorCode` (e.g. `{"authorizationError":
 * "USER_PERMISSION_DENIED"}`). Returns the message and the most specific reason.
 */
export function describeGoogleError(body: unknown): { message?: string; reason?: string } {
  const error = pick(Array.isArray(body) ? body[0] : body, 'error');
  if (typeof error !== 'object' || error === null) return typeof body === 'string' ? { message: body } : {};
  const message = stringAt(error, 'message');
  const status = stringAt(error, 'status');
  const details = pick(error, 'details');
  let reason: string | undefined;
  if (Array.isArray(details)) {
    for (const detail of details) {
      const errors = pick(detail, 'errors');
      const first = Array.isArray(errors) ? errors[0] : undefined;
      const code = pick(first, 'errorCode');
      if (typeof code === 'object' && code !== null) {
        const values = Object.values(code).filter((v): v is string => typeof v === 'string');
        if (values[0]) reason = values[0];
      }
      const detailMessage = stringAt(first, 'message');
      if (detailMessage && !message) return { message: detailMessage, reason: reason ?? status };
      reason ??= stringAt(detail, 'reason');
    }
  }
  return { message, reason: reason ?? status };
}

function pick(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function stringAt(value: unknown, key: string): string | undefined {
  const v = pick(value, key);
  return typeof v === 'string' ? v : undefined;
}
