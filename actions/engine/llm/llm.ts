import type { z } from 'zod';
import type { SpendOutcome, SpendRecord } from './spend-record.js';
import type { LlmUsage } from './usage.js';

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

/** A request's worst case, held against the spend cap until the request is settled. */
export interface SpendReservation {
  readonly worstUsd: number;
  /**
   * Records what the request cost: its real usage, or (usage undefined, e.g. a stream cut before it
   * reported any) the whole reservation. Every reservation is settled exactly once.
   */
  settle(outcome: SpendOutcome, usage?: LlmUsage, model?: string, note?: string): SpendRecord;
}

/**
 * What a metered model reserves through before each request it sends (retries and continuations
 * included). `reserve` waits while the requests in flight leave no room, and throws `SpendCapError`
 * when the worst case cannot fit the cap at all.
 */
export interface SpendMeter {
  reserve(task: string, model: string, worst: LlmUsage): Promise<SpendReservation>;
}

/** The model, as the engine sees it. `AnthropicLlm` and `SampleLlm` implement it. */
export interface Llm {
  /** True when answers come from shipped samples rather than a live model. */
  readonly isSample: boolean;
  /**
   * True when the model reserves and settles every request it sends through the meter it is
   * given (the live model). Otherwise the caller reserves the call's worst case around it.
   */
  readonly metered?: boolean;
  complete<T>(request: StructuredRequest<T>, meter?: SpendMeter): Promise<LlmResponse>;
  /**
   * Evidence with server tools (web search and fetch), no structured output: citations and
   * structured outputs cannot share a call. Absent when the model cannot look things up
   * (samples); research then runs in one phase. Metered per request when given a meter.
   */
  gather?(request: EvidenceRequest, meter?: SpendMeter): Promise<EvidenceResult>;
  /**
   * Message Batches (half price, answered within 24 h): absent when the model cannot batch
   * (samples, scripted fakes); the content stage then generates synchronously.
   */
  readonly batches?: LlmBatches;
}

/** Submit once, keep the id, and let a later run poll and collect (see `AnthropicBatches`). */
export interface LlmBatches {
  submit(requests: readonly BatchRequest[]): Promise<string>;
  /** True once the batch has ended. */
  poll(batchId: string): Promise<boolean>;
  collect(batchId: string): Promise<BatchOutcome[]>;
}

/** Phase one of research: what the model may look up with its server tools, and how much. */
export interface EvidenceRequest {
  task: string;
  model: string;
  system: SystemBlock[];
  prompt: string;
  maxTokens: number;
  maxSearches: number;
  maxFetches: number;
  /** Only these domains (web search and fetch); empty or absent means any. */
  allowedDomains?: string[];
  /** Never these domains; ignored when `allowedDomains` is given (the API takes one or the other). */
  blockedDomains?: string[];
  /** yyyy-mm-dd recorded for search hits (a fetch records its own `retrieved_at`); default today. */
  today?: string;
  /** How many times a `pause_turn` is continued before the evidence is taken as it is. */
  maxContinuations?: number;
  /** The web fetch tool's `max_content_tokens` (config `research.maxContentTokens`). */
  maxContentTokens?: number;
  /** Tokens one search's results are assumed to add at most (config `research.searchResultTokens`). */
  searchResultTokens?: number;
}

/** A page the model's tools retrieved: found by a search, fetched, or both. */
export interface EvidenceSource {
  url: string;
  title: string;
  /** yyyy-mm-dd of retrieval (the fetch's `retrieved_at`, else the day of the search). */
  retrieved: string;
  via: 'search' | 'fetch';
  /** Exact passages the model cited (`cited_text`). */
  quotes: string[];
  /** The fetched page's text (plain-text pages only), possibly shortened. */
  text?: string;
  pageAge?: string;
}

/** A lookup that did not give usable text: kept and reported, never dropped. */
export interface EvidenceFailure {
  tool: 'web_search' | 'web_fetch';
  /** The URL fetched or the query searched, as the model asked. */
  target: string;
  reason: string;
}

export interface EvidenceResult {
  sources: EvidenceSource[];
  failures: EvidenceFailure[];
  /** The model's own notes between lookups: data for phase two, never quoted as a source. */
  notes: string;
  usage: LlmUsage;
  model: string;
  stopReason: string;
  /** Model calls made (pause_turn continuations included). */
  calls: number;
  /** Why lookups stopped early, e.g. the spend cap left no room for another continuation. */
  stoppedEarly?: string;
}

/** One request of a batch; `customId` matches `^[a-zA-Z0-9_-]{1,64}$` (see `batchCustomId`). */
export interface BatchRequest {
  customId: string;
  request: StructuredRequest<unknown>;
}

/** A batch item's outcome: the answer (checked by the caller like any other), or why there is none. */
export type BatchOutcome = { customId: string; response: LlmResponse } | { customId: string; error: string };
