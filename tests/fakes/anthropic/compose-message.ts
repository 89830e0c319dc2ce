import type {
  ContentBlock,
  Message,
  MessageCreateParamsBase,
  StopReason,
} from '@anthropic-ai/sdk/resources/messages';
import { newId } from './ids.js';
import type { InputAccounting } from './prompt-cache.js';
import type { MessageReply } from './replies.js';
import { applyServerToolLimits, billedServerToolUse } from './server-tools.js';
import { estimateTokens, outputTokensOf, toolResultInputTokensOf } from './tokens.js';

export interface ComposeOptions {
  serviceTier: 'standard' | 'batch';
}

/**
 * Turns a scripted answer into the `Message` the API would return for this request: stop reason,
 * `max_tokens` truncation and the full usage object.
 */
export function composeMessage(
  params: MessageCreateParamsBase,
  answer: MessageReply,
  input: InputAccounting,
  options: ComposeOptions,
): Message {
  const limited = applyServerToolLimits(params, structuredClone(answer.content));
  const { content, stopReason } = applyMaxTokens(params.max_tokens, limited, answer);
  // A turn cut off by the limit has used all of it, whatever the visible text adds up to.
  const outputTokens = stopReason === 'max_tokens' ? params.max_tokens : outputTokensOf(content);
  return {
    id: newId('msg'),
    type: 'message',
    role: 'assistant',
    model: params.model,
    content,
    stop_reason: stopReason,
    stop_sequence: answer.stopSequence ?? null,
    stop_details: answer.stopDetails ?? null,
    container: null,
    diagnostics: null,
    usage: {
      input_tokens: input.inputTokens + toolResultInputTokensOf(content),
      output_tokens: outputTokens,
      cache_creation_input_tokens: input.cacheCreationInputTokens,
      cache_read_input_tokens: input.cacheReadInputTokens,
      cache_creation: { ...input.cacheCreation },
      server_tool_use: billedServerToolUse(content),
      service_tier: options.serviceTier,
      inference_geo: null,
      output_tokens_details: null,
      speed: null,
    },
  };
}

/** `max_tokens: 0` only warms the cache: the API generates nothing and says `max_tokens`. */
export function composeCacheWarmup(params: MessageCreateParamsBase, input: InputAccounting): Message {
  const message = composeMessage(params, { kind: 'message', content: [] }, input, {
    serviceTier: 'standard',
  });
  message.stop_reason = 'max_tokens';
  message.usage.output_tokens = 0;
  return message;
}

// Unless the script decided the stop reason, an answer longer than `max_tokens` is cut where the
// budget runs out, like a real model that is still talking when it hits the limit.
function applyMaxTokens(
  maxTokens: number,
  content: ContentBlock[],
  answer: MessageReply,
): { content: ContentBlock[]; stopReason: StopReason } {
  if (answer.stopReason) return { content, stopReason: answer.stopReason };
  const naturalStop: StopReason = content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn';
  if (outputTokensOf(content) <= maxTokens) return { content, stopReason: naturalStop };
  let budget = maxTokens;
  const kept: ContentBlock[] = [];
  for (const part of content) {
    if (part.type !== 'text') {
      kept.push(part);
      continue;
    }
    const tokens = estimateTokens(part.text);
    if (tokens <= budget) {
      kept.push(part);
      budget -= tokens;
      continue;
    }
    if (budget > 0) kept.push({ ...part, text: part.text.slice(0, budget * 4) });
    break;
  }
  return { content: kept, stopReason: 'max_tokens' };
}
