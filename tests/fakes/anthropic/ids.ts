import { randomBytes } from 'node:crypto';

/** Opaque identifiers shaped like the real API's (prefix + base62-ish tail), unique per call. */
export function newId(prefix: 'msg' | 'req' | 'toolu' | 'srvtoolu' | 'msgbatch'): string {
  return `${prefix}_fake${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
}
