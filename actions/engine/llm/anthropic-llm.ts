import Anthropic from '@anthropic-ai/sdk';
import { zodOutputFormat } from '@anthropic-ai/sdk/helpers/zod';
import type { TextBlockParam } from '@anthropic-ai/sdk/resources/messages';
import { CrescendoError } from '../errors.js';
import { AnthropicBatches } from './anthropic-batch.js';
import { gatherWith } from './anthropic-gather.js';
import { responseOf } from './anthropic-message.js';
import type { EvidenceRequest, EvidenceResult, Llm, LlmResponse, StructuredRequest } from './llm.js';

export interface AnthropicLlmOptions {
  apiKey?: string;
  baseURL?: string;
  maxRetries?: number;
  /** Milliseconds per request, streaming included. */
  timeout?: number;
}

/**
 * The live model through the official SDK. Answers are always streamed, which the SDK
 * requires for large `max_tokens` and which keeps long generations from timing out.
 * Parsing and validation happen in `generateStructured`, so an invalid answer becomes
 * feedback for a retry instead of an exception inside the SDK.
 */
export class AnthropicLlm implements Llm {
  readonly isSample = false;
  private readonly client: Anthropic;
  /** Message Batches through the same client (used by the content stage's batch mode). */
  readonly batches: AnthropicBatches;

  constructor(options: AnthropicLlmOptions = {}) {
    const apiKey = options.apiKey ?? process.env.ANTHROPIC_API_KEY;
    if (!apiKey) {
      throw new CrescendoError('no Anthropic API key', {
        fix: 'set ANTHROPIC_API_KEY (locally) or the ANTHROPIC_API_KEY repository secret (on GitHub)',
      });
    }
    this.client = new Anthropic({
      apiKey,
      baseURL: options.baseURL ?? process.env.ANTHROPIC_BASE_URL ?? undefined,
      maxRetries: options.maxRetries ?? 4,
      timeout: options.timeout ?? 10 * 60 * 1000,
    });
    this.batches = new AnthropicBatches(this.client);
  }

  async complete<T>(request: StructuredRequest<T>): Promise<LlmResponse> {
    const system: TextBlockParam[] = request.system.map((block) => ({
      type: 'text',
      text: block.text,
      ...(block.cache ? { cache_control: { type: 'ephemeral' } } : {}),
    }));
    const { parse: _parse, ...format } = zodOutputFormat(request.schema);
    try {
      const message = await this.client.messages
        .stream({
          model: request.model,
          max_tokens: request.maxTokens,
          system,
          messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
          output_config: { format },
        })
        .finalMessage();
      return responseOf(message);
    } catch (error) {
      throw explain(error, request.task);
    }
  }

  async gather(request: EvidenceRequest): Promise<EvidenceResult> {
    try {
      return await gatherWith(this.client, request);
    } catch (error) {
      throw explain(error, request.task);
    }
  }
}

function explain(error: unknown, task: string): Error {
  if (error instanceof Anthropic.AuthenticationError) {
    return new CrescendoError(`Anthropic refused the API key (401) during ${task}`, {
      cause: error,
      fix: 'check that ANTHROPIC_API_KEY is current and belongs to a workspace with credit',
    });
  }
  if (error instanceof Anthropic.APIError) {
    return new CrescendoError(
      `the Anthropic API failed during ${task}: ${error.status ?? ''} ${error.message}`.replace(/\s+/g, ' '),
      {
        cause: error,
        fix: 'retries were exhausted; run the stage again later (429/529 mean busy or rate-limited)',
      },
    );
  }
  if (error instanceof SyntaxError) {
    return new CrescendoError(`the Anthropic API sent a malformed response during ${task}`, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}
