import type { ContentBlock } from '@anthropic-ai/sdk/resources/messages';

/**
 * The fake's tokenizer: one token per 4 characters, rounded up. Close enough to English text for
 * cost ratios, and simple enough that tests can predict the numbers.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** What the model "wrote": text counts as is, tool inputs as their JSON. */
export function outputTokensOf(content: readonly ContentBlock[]): number {
  let tokens = 0;
  for (const block of content) {
    if (block.type === 'text') tokens += estimateTokens(block.text);
    else if (block.type === 'thinking') tokens += estimateTokens(block.thinking);
    else if (block.type === 'tool_use' || block.type === 'server_tool_use') {
      tokens += estimateTokens(JSON.stringify(block.input));
    }
  }
  // The API never reports 0 output tokens for a generated turn.
  return Math.max(1, tokens);
}

/** Server tool results are read by the model within the turn, so the API bills them as input. */
export function toolResultInputTokensOf(content: readonly ContentBlock[]): number {
  let tokens = 0;
  for (const block of content) {
    if (block.type === 'web_search_tool_result' || block.type === 'web_fetch_tool_result') {
      tokens += estimateTokens(JSON.stringify(block.content));
    }
  }
  return tokens;
}
