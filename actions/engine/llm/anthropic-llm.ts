import Anthropic from '@anthropic-ai/sdk';
import { zodOutputFormat } from '@anthropic-ai/sdk/helpers/zod';
import type { MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages';
import type { ModelCallLimits } from '../config/config.js';
import { AnthropicBatches } from './anthropic-batch.js';
import { gatherWith, systemParam } from './anthropic-gather.js';
import { responseOf } from './anthropic-message.js';
import { SendFailure, sendMetered } from './anthropic-stream.js';
import { missingApiKey } from './api-key.js';
import type {
  EvidenceRequest,
  EvidenceResult,
  Llm,
  LlmResponse,
  SpendMeter,
  StructuredRequest,
} from './llm.js';
import { explainModelError } from './model-errors.js';
import { callDeadline, DEFAULT_MODEL_CALL_LIMITS, streamRetryDelayMs } from './time-budget.js';
import { inputTokenBound, requestWorstUsage } from './worst-case.js';

export interface AnthropicLlmOptions {
  apiKey?: string;
  baseURL?: string;
  /** The SDK's retries per request (overrides `limits.maxRetries`). */
  maxRetries?: number;
  /** Milliseconds per attempt until the response headers arrive (overrides `limits.requestTimeoutSeconds`). */
  timeout?: number;
  /** Time limits of calls (config `modelCalls`); the defaults fit a 30-minute stage job. */
  limits?: Partial<ModelCallLimits>;
  /** Epoch ms by which every call must end; default: `stageTimeoutMinutes` after construction. */
  stageDeadline?: number;
  /** Wait before re-sending an answer whose stream failed midway. */
  streamRetryDelayMs?: (retry: number) => number;
  now?: () => number;
}

/**
 * The live model through the official SDK. Answers are always streamed, which the SDK requires for
 * large `max_tokens`. Parsing and validation happen in `generateStructured`, so an invalid answer
 * becomes feedback for a retry instead of an exception inside the SDK. Given a meter, every request
 * (each retry of a broken stream, each research continuation) reserves its worst case first and is
 * settled with what it used, failed or not.
 */
export class AnthropicLlm implements Llm {
  readonly isSample = false;
  readonly metered = true;
  private readonly client: Anthropic;
  /** Message Batches through the same client (used by the content stage's batch mode). */
  readonly batches: AnthropicBatches;
  readonly limits: ModelCallLimits;
  readonly #now: () => number;
  readonly #stageDeadline: number;
  readonly #retryDelay: (retry: number) => number;

  constructor(options: AnthropicLlmOptions = {}) {
    const apiKey = options.apiKey ?? process.env.ANTHROPIC_API_KEY;
    if (!apiKey) {
      throw missingApiKey();
    }
    this.limits = {
      ...DEFAULT_MODEL_CALL_LIMITS,
      ...options.limits,
      ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
    };
    this.#now = options.now ?? Date.now;
    this.#stageDeadline = options.stageDeadline ?? this.#now() + this.limits.stageTimeoutMinutes * 60_000;
    this.#retryDelay = options.streamRetryDelayMs ?? streamRetryDelayMs;
    this.client = new Anthropic({
      apiKey,
      baseURL: options.baseURL ?? process.env.ANTHROPIC_BASE_URL ?? undefined,
      maxRetries: this.limits.maxRetries,
      timeout: options.timeout ?? this.limits.requestTimeoutSeconds * 1000,
    });
    this.batches = new AnthropicBatches(this.client);
  }

  async complete<T>(request: StructuredRequest<T>, meter?: SpendMeter): Promise<LlmResponse> {
    const { parse: _parse, ...format } = zodOutputFormat(request.schema);
    const params: MessageCreateParamsBase = {
      model: request.model,
      max_tokens: request.maxTokens,
      system: systemParam(request.system),
      messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
      output_config: { format },
    };
    const deadline = callDeadline(this.#now(), this.limits, this.#stageDeadline);
    try {
      const message = await sendMetered(this.client, params, {
        ...this.#sending(deadline),
        task: request.task,
        model: request.model,
        worst: requestWorstUsage(inputTokenBound(params), request.maxTokens),
        meter,
      });
      return responseOf(message);
    } catch (error) {
      throw this.#explain(error, request.task);
    }
  }

  async gather(request: EvidenceRequest, meter?: SpendMeter): Promise<EvidenceResult> {
    const deadline = callDeadline(this.#now(), this.limits, this.#stageDeadline);
    try {
      return await gatherWith(this.client, request, { ...this.#sending(deadline), meter });
    } catch (error) {
      throw this.#explain(error, request.task);
    }
  }

  #sending(deadline: number) {
    return {
      deadline,
      streamRetries: this.limits.streamRetries,
      retryDelayMs: this.#retryDelay,
      now: this.#now,
    };
  }

  #explain(error: unknown, task: string): Error {
    const failure = error instanceof SendFailure ? error : new SendFailure(error, 1, false);
    return explainModelError(failure.error, task, {
      attempts: failure.attempts,
      timedOut: failure.timedOut,
      callMinutes: this.limits.callTimeoutMinutes,
    });
  }
}
