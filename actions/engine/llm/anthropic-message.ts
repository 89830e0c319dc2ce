import type Anthropic from '@anthropic-ai/sdk';
import type { LlmResponse } from './llm.js';
import type { LlmUsage } from './usage.js';

/** The API's usage block in the engine's terms (one place, for streamed, batched and tool calls). */
export const usageOf = (u: Anthropic.Messages.Usage): LlmUsage => ({
  inputTokens: u.input_tokens,
  outputTokens: u.output_tokens,
  cacheCreationInputTokens: u.cache_creation_input_tokens ?? 0,
  cacheReadInputTokens: u.cache_read_input_tokens ?? 0,
  webSearchRequests: u.server_tool_use?.web_search_requests ?? 0,
  webFetchRequests: u.server_tool_use?.web_fetch_requests ?? 0,
});

/** A finished message as an `LlmResponse`: its text blocks joined, stop reason and usage. */
export const responseOf = (message: Anthropic.Messages.Message): LlmResponse => ({
  text: message.content.map((block) => (block.type === 'text' ? block.text : '')).join(''),
  stopReason: message.stop_reason ?? 'end_turn',
  model: message.model,
  usage: usageOf(message.usage),
});
