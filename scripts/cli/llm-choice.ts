import { CrescendoError } from '../../actions/engine/errors.js';
import { LazyAnthropicLlm } from '../../actions/engine/llm/lazy-anthropic-llm.js';
import type { Llm } from '../../actions/engine/llm/llm.js';
import { SampleLlm } from '../../actions/engine/llm/sample-llm.js';

export const EXAMPLE_ID = 'q2-2027-launch';

/** Live with a key; without one, sample answers exist only for the example brief. */
export function chooseLlm(campaignId: string, samplesDir: string): Llm {
  if (process.env.ANTHROPIC_API_KEY) return new LazyAnthropicLlm();
  if (campaignId === EXAMPLE_ID) return new SampleLlm(samplesDir);
  throw new CrescendoError('ANTHROPIC_API_KEY is not set', {
    fix: `set it to run "${campaignId}" with a live model (sample answers exist only for the example brief, id ${EXAMPLE_ID})`,
  });
}
