import { createHmac } from 'node:crypto';

/*
 * The short-lived token the Ghost Admin API wants in `Authorization: Ghost <token>`: an HS256 JWT whose
 * header names the key id (`kid`), whose audience is `/admin/`, valid five minutes, signed with the hex
 * secret of the Admin API key (`<id>:<secret>`). Signed here with node:crypto: @tryghost/admin-api would
 * bring axios and form-data into a bundle that must stay small, for two requests.
 */

export const TOKEN_LIFETIME_SECONDS = 300;

export interface AdminApiKey {
  id: string;
  secret: Buffer;
}

/** Parses `<id>:<hex secret>`; undefined when the value has another shape. */
export function parseAdminApiKey(value: string): AdminApiKey | undefined {
  const match = /^([0-9a-f]+):((?:[0-9a-f]{2})+)$/i.exec(value.trim());
  if (!match?.[1] || !match[2]) return undefined;
  return { id: match[1], secret: Buffer.from(match[2], 'hex') };
}

const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

export function adminToken(key: AdminApiKey, now: Date): string {
  const iat = Math.floor(now.getTime() / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: key.id }));
  const payload = base64url(JSON.stringify({ iat, exp: iat + TOKEN_LIFETIME_SECONDS, aud: '/admin/' }));
  const signature = createHmac('sha256', key.secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}
