import type { z } from 'zod';

/** Token counts as the Messages API reports them, summed over the calls of a task. */
export interface LlmUsage {
  inputTokens: number;
  outputTokens: number;
  cacheCreationInputTokens: number;
  cacheReadInputTokens: number;
  webSearchRequests: number;
  webFetchRequests: number;
}

export const emptyUsage = (): LlmUsage => ({
  inputTokens: 0,
  outputTokens: 0,
  cacheCreationInputTokens: 0,
  cacheReadInputTokens: 0,
  webSearchRequests: 0,
  webFetchRequests: 0,
});

export function addUsage(a: LlmUsage, b: LlmUsage): LlmUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheCreationInputTokens: a.cacheCreationInputTokens + b.cacheCreationInputTokens,
    cacheReadInputTokens: a.cacheReadInputTokens + b.cacheReadInputTokens,
    webSearchRequests: a.webSearchRequests + b.webSearchRequests,
    webFetchRequests: a.webFetchRequests + b.webFetchRequests,
  };
}

/** A block of the system prompt; `cache` marks the end of a cacheable prefix. */
export interface SystemBlock {
  text: string;
  cache?: boolean;
}

export interface LlmMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface StructuredRequest<T> {
  /** Stable name of the job, e.g. `research` or `content/blog-post/2026-03-02-x`: keys samples, logs, cost. */
  task: string;
  model: string;
  system: SystemBlock[];
  messages: LlmMessage[];
  /** The answer must be JSON matching this schema (sent as `output_config.format`). */
  schema: z.ZodType<T>;
  maxTokens: number;
}

export interface LlmResponse {
  /** The raw text of the answer: JSON when all went well, but checked by the caller. */
  text: string;
  stopReason: string;
  usage: LlmUsage;
  model: string;
  requestId?: string;
}

/** The model, as the engine sees it. `AnthropicLlm` and `SampleLlm` implement it. */
export interface Llm {
  /** True when answers come from shipped samples rather than a live model. */
  readonly isSample: boolean;
  complete<T>(request: StructuredRequest<T>): Promise<LlmResponse>;
}
