import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ChannelPublishing } from '../config/publishing.js';
import type { Publisher, PublisherContext } from '../publishers/publisher.js';

/** What every publisher call of a run shares. */
export interface RunEnvironment {
  /** Credentials and base-URL overrides; never logged. */
  env: Readonly<Record<string, string | undefined>>;
  fetch: typeof fetch;
  /** The working tree relative paths resolve against (publishers' own records, a local site folder). */
  root: string;
  log(line: string): void;
  /** Keeps a rotated credential (X refresh tokens); absent where nothing can store one. */
  saveSecret?: (name: string, value: string) => Promise<void>;
}

/**
 * The environment without empty values: GitHub Actions passes a secret or variable that is not set as an
 * empty string, which must read as absent (a publisher then falls back to its default URL, or says the
 * credential is missing).
 */
export const withoutEmpty = (
  env: Readonly<Record<string, string | undefined>>,
): Readonly<Record<string, string | undefined>> =>
  Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));

export function publisherContext(
  publisher: Publisher<unknown>,
  channel: ChannelPublishing,
  run: RunEnvironment,
  now: Date,
): PublisherContext<unknown> {
  return {
    config: channel.settings,
    env: withoutEmpty(run.env),
    root: run.root,
    fetch: run.fetch,
    now: () => now,
    log: (line) => run.log(`  ${publisher.id}: ${line}`),
    ...(run.saveSecret ? { saveSecret: run.saveSecret } : {}),
  };
}

/*
 * Local mode keeps rotated credentials (X's refresh token, replaced on every refresh) in
 * `.git/crescendo/secrets.env`: inside the git directory, so never committed, readable only by its owner.
 * Its values override the environment's for the names it holds.
 */
export const localSecretsPath = (dir: string): string => join(dir, '.git', 'crescendo', 'secrets.env');

function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match?.[1]) out[match[1]] = match[2] ?? '';
  }
  return out;
}

export async function readLocalSecrets(dir: string): Promise<Record<string, string>> {
  const text = await readFile(localSecretsPath(dir), 'utf8').catch(() => '');
  return parseEnvFile(text);
}

export function localSecretSaver(dir: string): (name: string, value: string) => Promise<void> {
  return async (name, value) => {
    if (!/^[A-Z][A-Z0-9_]*$/.test(name) || /[\r\n]/.test(value))
      throw new Error(`cannot store secret ${name}`);
    const path = localSecretsPath(dir);
    const current = await readLocalSecrets(dir);
    current[name] = value;
    const text = `${Object.entries(current)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n')}\n`;
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, text, { mode: 0o600 });
    await chmod(temp, 0o600);
    await rename(temp, path);
  };
}
