import Anthropic from '@anthropic-ai/sdk';
import { zodOutputFormat } from '@anthropic-ai/sdk/helpers/zod';
import type { MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import { CrescendoError } from '../errors.js';
import { responseOf } from './anthropic-message.js';
import type { BatchOutcome, BatchRequest, StructuredRequest } from './llm.js';

export { batchCustomId } from './batch-id.js';

/** The same params `AnthropicLlm` streams, for the Message Batches API (half price, up to 24 h). */
export function batchParams(request: StructuredRequest<unknown>): MessageCreateParamsNonStreaming {
  const { parse: _parse, ...format } = zodOutputFormat(request.schema);
  return {
    model: request.model,
    max_tokens: request.maxTokens,
    system: request.system.map((block) => ({
      type: 'text' as const,
      text: block.text,
      ...(block.cache ? { cache_control: { type: 'ephemeral' as const } } : {}),
    })),
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
    output_config: { format },
  };
}

/**
 * Message Batches: `submit` once, keep the id (in the campaign state), and let a later run `poll`
 * until the batch has ended and `collect` its results, matched by custom id (they come unordered).
 */
export class AnthropicBatches {
  constructor(private readonly client: Anthropic) {}

  static create(options: { apiKey?: string; baseURL?: string; maxRetries?: number } = {}): AnthropicBatches {
    const apiKey = options.apiKey ?? process.env.ANTHROPIC_API_KEY;
    if (!apiKey) throw new CrescendoError('no Anthropic API key', { fix: 'set ANTHROPIC_API_KEY' });
    return new AnthropicBatches(
      new Anthropic({
        apiKey,
        baseURL: options.baseURL ?? process.env.ANTHROPIC_BASE_URL ?? undefined,
        maxRetries: options.maxRetries ?? 4,
      }),
    );
  }

  async submit(requests: readonly BatchRequest[]): Promise<string> {
    const ids = new Set(requests.map((r) => r.customId));
    if (ids.size !== requests.length) throw new CrescendoError('batch custom ids must be unique');
    const batch = await this.client.messages.batches.create({
      requests: requests.map((r) => ({ custom_id: r.customId, params: batchParams(r.request) })),
    });
    return batch.id;
  }

  /** True once the batch has ended (all items answered, errored, expired or canceled). */
  async poll(batchId: string): Promise<boolean> {
    const batch = await this.client.messages.batches.retrieve(batchId);
    return batch.processing_status === 'ended';
  }

  async collect(batchId: string): Promise<BatchOutcome[]> {
    const outcomes: BatchOutcome[] = [];
    for await (const item of await this.client.messages.batches.results(batchId)) {
      const result = item.result;
      if (result.type !== 'succeeded') {
        const reason =
          result.type === 'errored'
            ? `${result.error.error.type}: ${result.error.error.message}`
            : result.type;
        outcomes.push({ customId: item.custom_id, error: `batch item ${reason}` });
        continue;
      }
      const message = result.message;
      outcomes.push({ customId: item.custom_id, response: responseOf(message) });
    }
    return outcomes;
  }
}
