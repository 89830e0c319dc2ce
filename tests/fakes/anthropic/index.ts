/**
 * A fake Anthropic Messages API on loopback, for the real `@anthropic-ai/sdk` to talk to through
 * `baseURL`. See README.md in this folder for the guide; the exports are:
 *
 * - `startFakeAnthropic(options)` → `FakeAnthropic` (url, requests, respond, enqueue, reset, close…)
 * - `reply.*` builders for scripted answers and faults, `block.*` / `citation.*` for content blocks,
 *   `webSearchTurn` / `webFetchTurn` for a server tool call plus its result
 * - `estimateTokens` (the fake's tokenizer: ceil(chars / 4)) and `promptText` for handlers
 */
export { block, citation, type FetchedPage, type SearchHit, webFetchTurn, webSearchTurn } from './blocks.js';
export { lastUserText, promptText } from './prompt-text.js';
export {
  type ErrorReply,
  type ErrorReplyOptions,
  type MessageReply,
  type MessageRequest,
  type RawReply,
  type Reply,
  type ReplyHandler,
  reply,
  type StreamErrorReply,
} from './replies.js';
export {
  type BilledRequest,
  type FakeAnthropic,
  type FakeAnthropicOptions,
  type RecordedRequest,
  startFakeAnthropic,
} from './server.js';
export { estimateTokens } from './tokens.js';
