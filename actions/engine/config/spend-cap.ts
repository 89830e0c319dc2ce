import { z } from 'zod';
import { CrescendoError } from '../errors.js';
import { parseYaml, validateWith } from '../files/yaml.js';

/** Where the repository's configuration lives. */
export const CONFIG_PATH = '.github/crescendo.yml';

/** The repository's default cap on a campaign's model spend, in US dollars (a brief may set its own). */
export const SpendCapUsd = z.number().positive().default(25);

/**
 * The configured default spend cap alone, for commands that show spend against it (`status`): reading it
 * does not load what validating the whole configuration needs (every publisher's settings schema).
 */
export async function loadSpendCap(readFile: (path: string) => Promise<string | undefined>): Promise<number> {
  const text = await readFile(CONFIG_PATH);
  if (text === undefined) {
    throw new CrescendoError(`no configuration at ${CONFIG_PATH}`, {
      fix: 'run `crescendo init` (or copy .github/crescendo.yml from the Crescendo template)',
    });
  }
  const yaml = parseYaml(text, CONFIG_PATH);
  const Cap = z.object({ spendCapUsd: SpendCapUsd }).passthrough();
  return validateWith(
    Cap,
    yaml.value ?? {},
    CONFIG_PATH,
    yaml.lineOf,
    'is not a valid Crescendo configuration',
  ).spendCapUsd;
}
