import type { ApiRequest } from '../http.js';
import type { GoogleAdsConfig } from './config.js';

/** The exact Google Ads REST requests (`googleAds:mutate`, `googleAds:search`). */

function headers(config: GoogleAdsConfig, token: string): Record<string, string> {
  const out: Record<string, string> = { Authorization: `Bearer ${token}` };
  if (config.loginCustomerId) out['login-customer-id'] = config.loginCustomerId;
  return out;
}

const service = (api: string, config: GoogleAdsConfig, method: string) =>
  `${api}/${config.apiVersion}/customers/${config.customerId}/googleAds:${method}`;

export function mutate(
  api: string,
  config: GoogleAdsConfig,
  token: string,
  operations: unknown[],
  validateOnly: boolean,
): ApiRequest {
  return {
    method: 'POST',
    url: service(api, config, 'mutate'),
    headers: headers(config, token),
    body: { kind: 'json', value: { mutateOperations: operations, partialFailure: false, validateOnly } },
    creates: !validateOnly,
  };
}

export function search(api: string, config: GoogleAdsConfig, token: string, query: string): ApiRequest {
  return {
    method: 'POST',
    url: service(api, config, 'search'),
    headers: headers(config, token),
    body: { kind: 'json', value: { query } },
    creates: false,
  };
}
