import type { Message, MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages';
import { composeCacheWarmup, composeMessage } from './compose-message.js';
import { type CachedRequest, PromptCache } from './prompt-cache.js';
import { promptSegments } from './prompt-segments.js';
import { type MessageReply, type MessageRequest, type Reply, type ReplyHandler, reply } from './replies.js';

export interface ScriptedModelOptions {
  minCacheableTokens: (model: string) => number;
  now: () => number;
}

// Loud and not retried by the SDK, so a test that forgot to script an answer fails at once.
const UNSCRIPTED = reply.error(500, {
  message: 'fake Anthropic: no reply scripted for this request (use fake.enqueue(...) or fake.respond(...))',
  shouldRetry: false,
});

/**
 * The "model" behind the fake: picks the scripted reply for a request (queue first, then handler)
 * and turns answers into messages with realistic usage, prompt cache included.
 */
export class ScriptedModel {
  readonly #queue: Reply[] = [];
  #handler: ReplyHandler | null = null;
  #answered = 0;
  readonly cache: PromptCache;

  constructor(options: ScriptedModelOptions) {
    this.cache = new PromptCache(options);
  }

  get pendingReplies(): number {
    return this.#queue.length;
  }

  respond(handler: ReplyHandler | null): void {
    this.#handler = handler;
  }

  enqueue(replies: Reply[]): void {
    this.#queue.push(...replies);
  }

  /** The reply for this request: the next queued one if any, else the handler's, else a loud error. */
  async nextReply(params: MessageCreateParamsBase, headers: Record<string, string>, customId: string | null) {
    const request: MessageRequest = { params, headers, customId, index: this.#answered++ };
    const queued = this.#queue.shift();
    if (queued) return { request, reply: queued };
    return { request, reply: this.#handler ? await this.#handler(request) : UNSCRIPTED };
  }

  /** Accounts the prompt against the cache and builds the message the API would return (a batch item). */
  answer(params: MessageCreateParamsBase, answer: MessageReply, serviceTier: 'standard' | 'batch') {
    return composeMessage(params, answer, this.#account(params), { serviceTier });
  }

  /** Starts a request: its prompt is read against the cache now; its writes land on `finish()`. */
  begin(params: MessageCreateParamsBase): CachedRequest {
    return this.cache.begin(params.model, promptSegments(params));
  }

  /** The message the API would return for a request started with `begin`. */
  compose(params: MessageCreateParamsBase, answer: MessageReply, started: CachedRequest): Message {
    return composeMessage(params, answer, started.input, { serviceTier: 'standard' });
  }

  /** `max_tokens: 0`: fill the cache, generate nothing (`started`: when the writes land, else at once). */
  warmup(params: MessageCreateParamsBase, started?: CachedRequest): Message {
    return composeCacheWarmup(params, started ? started.input : this.#account(params));
  }

  /** Input tokens the request would use, cache untouched (for `count_tokens`). */
  countTokens(params: MessageCreateParamsBase): number {
    return promptSegments(params).reduce((sum, s) => sum + s.tokens, 0);
  }

  reset(): void {
    this.#queue.length = 0;
    this.#handler = null;
    this.#answered = 0;
    this.cache.clear();
  }

  #account(params: MessageCreateParamsBase) {
    return this.cache.account(params.model, promptSegments(params));
  }
}
