/**
 * Stands in for `undici` in the engine bundle. `@actions/http-client` imports its `ProxyAgent` at load time,
 * but only `@actions/core`'s OIDC token request (`getIDToken`) sends anything through that client, and
 * Crescendo never asks for an OIDC token: Octokit and the Anthropic SDK use Node's built-in `fetch`.
 * Leaving undici out saves about 420 kB; if a future code path does reach it, it fails loudly here.
 */
export const UNDICI_UNUSED_MESSAGE =
  'undici is not in the Crescendo bundle: @actions/http-client (OIDC tokens, proxy agents) is not used on any ' +
  'Crescendo path. If a new feature needs it, remove the undici replacement in scripts/bundle/plugins.ts.';

export class ProxyAgent {
  constructor() {
    throw new Error(UNDICI_UNUSED_MESSAGE);
  }
}
