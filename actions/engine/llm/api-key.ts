import { CrescendoError } from '../errors.js';

/** The error for a live model without a key, thrown before anything is sent. */
export const missingApiKey = (): CrescendoError =>
  new CrescendoError('no Anthropic API key', {
    fix: 'set ANTHROPIC_API_KEY (locally) or the ANTHROPIC_API_KEY repository secret (on GitHub)',
  });
