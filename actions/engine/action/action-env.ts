import type { ThrottleSettings } from '../forge/github/client.js';

/** `@actions/core`'s input naming (`INPUT_` + upper case, spaces as `_`, dashes kept), on a given env. */
export function actionInput(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/**
 * `CRESCENDO_GITHUB_THROTTLE_MS`: how long GitHub's "one second" lasts for this run (write spacing and the
 * unit of `retry-after`); tests set 0 so nothing waits idle. Unset: GitHub's documented limits.
 */
export function throttleFrom(env: NodeJS.ProcessEnv): ThrottleSettings | undefined {
  const raw = env.CRESCENDO_GITHUB_THROTTLE_MS;
  if (raw === undefined || raw === '') return undefined;
  const ms = Number(raw);
  return Number.isFinite(ms) && ms >= 0
    ? { minTimeMs: ms, retryBaseMs: Math.min(ms, 1000) || 10 }
    : undefined;
}
