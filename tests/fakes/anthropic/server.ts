import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Message, MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages';
import { ApiRefusal, statusForErrorType } from './api-errors.js';
import { BatchStore } from './batches.js';
import { headersOf, parseJsonBody, readBody, sendApiError, sendJson, sleep } from './http-io.js';
import { newId } from './ids.js';
import { sendBrokenStream, sendMessage } from './message-responses.js';
import type { CachedRequest } from './prompt-cache.js';
import type { ErrorReply, MessageRequest, Reply, ReplyHandler, StreamErrorReply } from './replies.js';
import { ScriptedModel } from './scripted-model.js';
import { estimateTokens } from './tokens.js';
import { validateMessageParams } from './validation.js';

export interface FakeAnthropicOptions {
  /** Added before every `/v1/messages` answer (success or scripted error), to make concurrency measurable. */
  latencyMs?: number | ((request: MessageRequest) => number);
  /** Smallest prefix, in tokens, that prompt caching stores. Default 1024 (the API's smallest model minimum). */
  minCacheableTokens?: number | ((model: string) => number);
  /** `retrieve` calls that still say `in_progress` before a batch ends; 0 = ended on creation. Default 1. */
  batchPollsUntilEnded?: number;
  /** When set, any other key is refused with 401; otherwise any non-empty key is accepted. */
  apiKey?: string;
  /** Clock for cache TTLs and batch timestamps (ms since epoch). Default `Date.now`. */
  now?: () => number;
  /** A handler installed from the start (and again after `reset()`). */
  handler?: ReplyHandler;
}

/**
 * Usage the fake "billed" for one `/v1/messages` request, as the real API bills: a whole answer's
 * usage, or for a stream that broke off, the input of its `message_start` and the output it had
 * streamed. HTTP errors bill nothing and are not listed.
 */
export interface BilledRequest {
  /** The message request's 0-based index (see `MessageRequest.index`). */
  index: number;
  usage: Message['usage'];
  complete: boolean;
}

/** One HTTP request as the fake received it. */
export interface RecordedRequest<Body = unknown> {
  method: string;
  /** Path without the query string, e.g. `/v1/messages`. */
  path: string;
  query: Record<string, string>;
  /** Lower-cased names, e.g. `anthropic-version`, `authorization`, `x-stainless-retry-count`. */
  headers: Record<string, string>;
  /** The parsed JSON body (`undefined` when empty, the raw text when it was not JSON). */
  body: Body;
  receivedAt: number;
}

export interface FakeAnthropic {
  /** The `baseURL` to give the SDK: `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Every request received, in arrival order (SDK retries included). */
  readonly requests: readonly RecordedRequest[];
  /** The `POST /v1/messages` requests only, bodies typed as the SDK's params (as sent, not validated). */
  readonly messageRequests: readonly RecordedRequest<MessageCreateParamsBase>[];
  /** `/v1/messages` requests being served right now. */
  readonly inFlight: number;
  /** The most `/v1/messages` requests ever served at once since start or `reset()`. */
  readonly maxConcurrent: number;
  /** Replies queued by `enqueue` and not yet used. */
  readonly pendingReplies: number;
  /** What each `/v1/messages` request would have been billed for, in the order they were answered. */
  readonly billed: readonly BilledRequest[];
  /** Entries in the prompt cache. */
  readonly cacheEntries: number;
  /** Answers every request that finds the queue empty. Replaces the previous handler. */
  respond(handler: ReplyHandler): FakeAnthropic;
  /** Replies used first-in first-out, before the handler, one per message request (batch items included). */
  enqueue(...replies: Reply[]): FakeAnthropic;
  /** Back to the state right after start: no requests, queue, cache, batches; the options' handler. */
  reset(): void;
  close(): Promise<void>;
}

class FakeAnthropicServer implements FakeAnthropic {
  readonly requests: RecordedRequest[] = [];
  readonly billed: BilledRequest[] = [];
  readonly #server: Server;
  readonly #model: ScriptedModel;
  readonly #batches: BatchStore;
  readonly #options: FakeAnthropicOptions;
  #inFlight = 0;
  #maxConcurrent = 0;

  constructor(options: FakeAnthropicOptions) {
    this.#options = options;
    const now = options.now ?? Date.now;
    const minimum = options.minCacheableTokens ?? 1024;
    this.#model = new ScriptedModel({
      now,
      minCacheableTokens: typeof minimum === 'number' ? () => minimum : minimum,
    });
    this.#batches = new BatchStore({
      model: this.#model,
      pollsUntilEnded: options.batchPollsUntilEnded ?? 1,
      baseUrl: () => this.url,
      now,
    });
    this.#model.respond(options.handler ?? null);
    this.#server = createServer((request, response) => {
      void this.#route(request, response);
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', () => resolve());
    });
  }

  get url(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  get messageRequests(): RecordedRequest<MessageCreateParamsBase>[] {
    return this.requests.filter(
      (r): r is RecordedRequest<MessageCreateParamsBase> => r.method === 'POST' && r.path === '/v1/messages',
    );
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  get maxConcurrent(): number {
    return this.#maxConcurrent;
  }

  get pendingReplies(): number {
    return this.#model.pendingReplies;
  }

  get cacheEntries(): number {
    return this.#model.cache.size;
  }

  respond(handler: ReplyHandler): this {
    this.#model.respond(handler);
    return this;
  }

  enqueue(...replies: Reply[]): this {
    this.#model.enqueue(replies);
    return this;
  }

  reset(): void {
    this.requests.length = 0;
    this.billed.length = 0;
    this.#model.reset();
    this.#model.respond(this.#options.handler ?? null);
    this.#batches.clear();
    this.#maxConcurrent = this.#inFlight;
  }

  async close(): Promise<void> {
    // Keep-alive sockets from the SDK's fetch would otherwise hold `close` open.
    this.#server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.#server.close((error) => (error ? reject(error) : resolve())),
    );
  }

  async #route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = newId('req');
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    if (method === 'POST' && url.pathname === '/v1/messages') this.#trackInFlight(response);
    try {
      const text = await readBody(request);
      const parsed = parseJsonBody(text);
      const headers = headersOf(request);
      this.requests.push({
        method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers,
        body: parsed.ok ? parsed.value : text,
        receivedAt: Date.now(),
      });
      this.#checkHeaders(headers);
      if (!parsed.ok) throw new ApiRefusal(400, 'The request body is not valid JSON.');
      await this.#dispatch(method, url.pathname, parsed.value, headers, response, requestId);
    } catch (error) {
      if (response.headersSent) {
        response.destroy();
      } else if (error instanceof ApiRefusal) {
        sendApiError(response, error.status, { type: error.errorType, message: error.message }, requestId);
      } else {
        // A throwing handler is a bug in the test: surface it, and keep the SDK from retrying it.
        const message = `fake Anthropic: ${error instanceof Error ? error.stack : String(error)}`;
        sendApiError(response, 500, { type: 'api_error', message }, requestId, { 'x-should-retry': 'false' });
      }
    }
  }

  async #dispatch(
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string>,
    response: ServerResponse,
    requestId: string,
  ): Promise<void> {
    const ok = (payload: unknown) => sendJson(response, 200, payload, { 'request-id': requestId });
    if (path === '/v1/messages' && method === 'POST')
      return this.#messages(body, headers, response, requestId);
    if (path === '/v1/messages/count_tokens' && method === 'POST') {
      return ok({
        input_tokens: this.#model.countTokens(validateMessageParams({ max_tokens: 0, ...(body as object) })),
      });
    }
    if (path === '/v1/messages/batches') {
      if (method === 'POST') return ok(await this.#batches.create(body, headers));
      if (method === 'GET') return ok(this.#batches.list());
    }
    const batchRoute = /^\/v1\/messages\/batches\/([^/]+)(\/results|\/cancel)?$/.exec(path);
    if (batchRoute) {
      const [, id = '', action] = batchRoute;
      if (method === 'GET' && !action) return ok(await this.#batches.retrieve(id));
      if (method === 'DELETE' && !action) return ok(this.#batches.delete(id));
      if (method === 'POST' && action === '/cancel') return ok(this.#batches.cancel(id));
      if (method === 'GET' && action === '/results') {
        const jsonl = this.#batches.results(id);
        response.writeHead(200, { 'content-type': 'application/binary', 'request-id': requestId });
        response.end(jsonl);
        return;
      }
    }
    throw new ApiRefusal(404, `Not found: ${method} ${path}`);
  }

  async #messages(
    body: unknown,
    headers: Record<string, string>,
    response: ServerResponse,
    requestId: string,
  ) {
    const params = validateMessageParams(body);
    const stream = params.stream === true;
    if (params.max_tokens === 0) {
      const warming = this.#startCaching(params, response);
      const warmup = this.#model.warmup(params, warming);
      this.billed.push({ index: -1, usage: warmup.usage, complete: true });
      return sendMessage(response, warmup, stream, requestId);
    }
    const { request, reply } = await this.#model.nextReply(params, headers, null);
    // The prompt meets the cache as the request starts; its own writes become readable only once
    // its response is complete. Requests sent together all miss and all write, as with the API.
    const started =
      reply.kind === 'message' || reply.kind === 'stream_error'
        ? this.#startCaching(params, response)
        : undefined;
    await sleep(this.#latencyFor(request));
    switch (reply.kind) {
      case 'message': {
        const message = this.#model.compose(params, reply, started!);
        this.billed.push({ index: request.index, usage: message.usage, complete: true });
        return sendMessage(response, message, stream, requestId);
      }
      case 'error':
        return sendApiError(response, reply.status, errorOf(reply), requestId, reply.headers);
      case 'stream_error': {
        if (!stream)
          return sendApiError(response, statusForErrorType(reply.errorType), errorOf(reply), requestId);
        const partial = this.#model.compose(params, { kind: 'message', content: [] }, started!);
        const output = reply.partialText ? estimateTokens(reply.partialText) : 0;
        this.billed.push({
          index: request.index,
          usage: { ...partial.usage, output_tokens: output },
          complete: false,
        });
        return sendBrokenStream(response, partial, errorOf(reply), requestId, reply.partialText);
      }
      case 'raw':
        response.writeHead(reply.status, { 'request-id': requestId, ...reply.headers });
        response.end(reply.body);
        return;
    }
  }

  /** Accounts a request's prompt now; its cache writes land when the response has been sent in full. */
  #startCaching(params: MessageCreateParamsBase, response: ServerResponse): CachedRequest {
    const started = this.#model.begin(params);
    response.once('finish', () => started.finish());
    return started;
  }

  #latencyFor(request: MessageRequest): number {
    const { latencyMs } = this.#options;
    return typeof latencyMs === 'function' ? latencyMs(request) : (latencyMs ?? 0);
  }

  #trackInFlight(response: ServerResponse): void {
    this.#inFlight += 1;
    this.#maxConcurrent = Math.max(this.#maxConcurrent, this.#inFlight);
    response.once('close', () => {
      this.#inFlight -= 1;
    });
  }

  #checkHeaders(headers: Record<string, string>): void {
    const bearer = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1];
    const key = headers['x-api-key'] || bearer;
    if (!key) throw new ApiRefusal(401, 'Missing API key: send x-api-key or authorization: Bearer <key>.');
    if (this.#options.apiKey !== undefined && key !== this.#options.apiKey) {
      throw new ApiRefusal(401, 'invalid x-api-key');
    }
    if (!headers['anthropic-version']) throw new ApiRefusal(400, 'anthropic-version: header is required');
  }
}

const errorOf = (reply: ErrorReply | StreamErrorReply) => ({ type: reply.errorType, message: reply.message });

/** Starts a fake Anthropic Messages API on 127.0.0.1 (a free port). Close it in `afterAll`. */
export async function startFakeAnthropic(options: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  const fake = new FakeAnthropicServer(options);
  await fake.listen();
  return fake;
}
