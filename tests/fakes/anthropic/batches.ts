import type {
  MessageBatch,
  MessageBatchErroredResult,
  MessageBatchIndividualResponse,
  MessageBatchResult,
} from '@anthropic-ai/sdk/resources/messages/batches';
import { ApiRefusal, errorBody, errorTypeForStatus } from './api-errors.js';
import { newId } from './ids.js';
import type { ScriptedModel } from './scripted-model.js';
import { validateMessageParams } from './validation.js';

const DAY_MS = 24 * 60 * 60_000;
const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;

export interface BatchStoreOptions {
  model: ScriptedModel;
  /**
   * How many `retrieve` calls report `in_progress` before the batch reports `ended`: 0 ends the
   * batch as soon as it is created (the create answer already says `ended`).
   */
  pollsUntilEnded: number;
  /** Where the fake listens, for the absolute `results_url` the API hands out. */
  baseUrl: () => string;
  now: () => number;
}

interface BatchItem {
  customId: string;
  body: unknown;
  /** The create call's headers: what a handler sees as the request headers of each item. */
  headers: Record<string, string>;
}

interface StoredBatch {
  id: string;
  createdAt: number;
  cancelInitiatedAt: number | null;
  endedAt: number | null;
  polls: number;
  items: BatchItem[];
  results: MessageBatchIndividualResponse[] | null;
}

/**
 * The Message Batches API. Each request of a batch is answered by the same scripted model as
 * `/v1/messages` (queue, then handler, with `customId` set), when the batch ends. Results come back
 * in reverse order, because the API promises no order and callers must match on `custom_id`.
 */
export class BatchStore {
  readonly #batches = new Map<string, StoredBatch>();

  constructor(private readonly options: BatchStoreOptions) {}

  clear(): void {
    this.#batches.clear();
  }

  async create(body: unknown, headers: Record<string, string>): Promise<MessageBatch> {
    const items = parseBatchRequests(body).map((item) => ({ ...item, headers }));
    const batch: StoredBatch = {
      id: newId('msgbatch'),
      createdAt: this.options.now(),
      cancelInitiatedAt: null,
      endedAt: null,
      polls: 0,
      items,
      results: null,
    };
    this.#batches.set(batch.id, batch);
    if (this.options.pollsUntilEnded <= 0) await this.#finish(batch);
    return this.#view(batch);
  }

  /** Every retrieve is a poll; the one that reaches `pollsUntilEnded` processes the batch. */
  async retrieve(id: string): Promise<MessageBatch> {
    const batch = this.#get(id);
    batch.polls += 1;
    if (batch.results === null && batch.polls >= this.options.pollsUntilEnded) await this.#finish(batch);
    return this.#view(batch);
  }

  list(): { data: MessageBatch[]; has_more: boolean; first_id: string | null; last_id: string | null } {
    // Newest first, like the API.
    const data = [...this.#batches.values()].reverse().map((b) => this.#view(b));
    return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
  }

  /** JSONL, one `{custom_id, result}` per line. */
  results(id: string): string {
    const batch = this.#get(id);
    if (batch.results === null) {
      throw new ApiRefusal(
        400,
        `Message batch ${id} has not finished processing; poll until processing_status is ended.`,
      );
    }
    return batch.results.map((line) => `${JSON.stringify(line)}\n`).join('');
  }

  cancel(id: string): MessageBatch {
    const batch = this.#get(id);
    if (batch.results === null) {
      batch.cancelInitiatedAt = this.options.now();
      batch.results = batch.items.map((item) => ({ custom_id: item.customId, result: { type: 'canceled' } }));
      batch.results.reverse();
      batch.endedAt = this.options.now();
      // The API answers the cancel itself with `canceling`; the next retrieve says `ended`.
      return { ...this.#view(batch), processing_status: 'canceling', ended_at: null, results_url: null };
    }
    return this.#view(batch);
  }

  delete(id: string): { id: string; type: 'message_batch_deleted' } {
    const batch = this.#get(id);
    if (batch.results === null)
      throw new ApiRefusal(400, `Message batch ${id} is still in progress; cancel it first.`);
    this.#batches.delete(id);
    return { id, type: 'message_batch_deleted' };
  }

  #get(id: string): StoredBatch {
    const batch = this.#batches.get(id);
    if (!batch) throw new ApiRefusal(404, `Message batch ${id} not found.`);
    return batch;
  }

  async #finish(batch: StoredBatch): Promise<void> {
    const results: MessageBatchIndividualResponse[] = [];
    // One at a time, in request order, so queued replies are consumed predictably.
    for (const item of batch.items)
      results.push({ custom_id: item.customId, result: await this.#answer(item) });
    batch.results = results.reverse();
    batch.endedAt = this.options.now();
  }

  async #answer(item: BatchItem): Promise<MessageBatchResult> {
    const { model } = this.options;
    let params: ReturnType<typeof validateMessageParams>;
    try {
      params = validateMessageParams(item.body);
    } catch (error) {
      if (error instanceof ApiRefusal) return errored(error.errorType, error.message);
      throw error;
    }
    if (params.max_tokens === 0) return { type: 'succeeded', message: model.warmup(params) };
    const { reply } = await model.nextReply(params, item.headers, item.customId);
    switch (reply.kind) {
      case 'message':
        return { type: 'succeeded', message: model.answer(params, reply, 'batch') };
      case 'error':
      case 'stream_error':
        return errored(reply.errorType, reply.message);
      case 'raw':
        return errored(errorTypeForStatus(reply.status), reply.body);
    }
  }

  #view(batch: StoredBatch): MessageBatch {
    const ended = batch.results !== null;
    const counts = { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
    if (batch.results) for (const { result } of batch.results) counts[result.type] += 1;
    else counts.processing = batch.items.length;
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return {
      id: batch.id,
      type: 'message_batch',
      processing_status: ended ? 'ended' : 'in_progress',
      request_counts: counts,
      created_at: new Date(batch.createdAt).toISOString(),
      expires_at: new Date(batch.createdAt + DAY_MS).toISOString(),
      ended_at: iso(batch.endedAt),
      cancel_initiated_at: iso(batch.cancelInitiatedAt),
      archived_at: null,
      results_url: ended ? `${this.options.baseUrl()}/v1/messages/batches/${batch.id}/results` : null,
    };
  }
}

function errored(type: string, message: string): MessageBatchErroredResult {
  // The SDK types `error.type` as a closed union; a script may name any type, so widen it here.
  return { type: 'errored', error: errorBody(type, message, null) as MessageBatchErroredResult['error'] };
}

function parseBatchRequests(body: unknown): Omit<BatchItem, 'headers'>[] {
  const requests = (body as { requests?: unknown } | null)?.requests;
  if (requests === undefined) throw new ApiRefusal(400, 'requests: Field required');
  if (!Array.isArray(requests) || requests.length === 0) {
    throw new ApiRefusal(400, 'requests: Input should be a non-empty list');
  }
  const seen = new Set<string>();
  return requests.map((entry: unknown, index: number) => {
    const { custom_id: customId, params } = (entry ?? {}) as { custom_id?: unknown; params?: unknown };
    if (typeof customId !== 'string' || !CUSTOM_ID.test(customId)) {
      throw new ApiRefusal(400, `requests.${index}.custom_id: must match ${CUSTOM_ID.source}`);
    }
    if (seen.has(customId))
      throw new ApiRefusal(400, `requests.${index}.custom_id: duplicate custom_id ${customId}`);
    seen.add(customId);
    if (params === undefined) throw new ApiRefusal(400, `requests.${index}.params: Field required`);
    return { customId, body: params };
  });
}
