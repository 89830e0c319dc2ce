import type { ContentBlock, MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages';

type ToolName = 'web_search' | 'web_fetch';

/** The `max_uses` and `max_content_tokens` the request gave a server tool (undefined: no limit). */
function toolLimits(params: MessageCreateParamsBase, name: ToolName) {
  const tool = (params.tools ?? []).find((t) => 'name' in t && t.name === name) as
    | { max_uses?: number | null; max_content_tokens?: number | null }
    | undefined;
  return { maxUses: tool?.max_uses ?? undefined, maxContentTokens: tool?.max_content_tokens ?? undefined };
}

/**
 * What the API does to a scripted answer's server tool calls: a call past the tool's `max_uses` gets
 * the `max_uses_exceeded` error as its result, and a fetched text page is cut to about the web fetch
 * tool's `max_content_tokens` (the fake's tokenizer: 4 characters a token).
 */
export function applyServerToolLimits(
  params: MessageCreateParamsBase,
  content: ContentBlock[],
): ContentBlock[] {
  const limits = { web_search: toolLimits(params, 'web_search'), web_fetch: toolLimits(params, 'web_fetch') };
  const counts = { web_search: 0, web_fetch: 0 };
  const exceeded = new Set<string>();
  for (const block of content) {
    if (block.type !== 'server_tool_use' || (block.name !== 'web_search' && block.name !== 'web_fetch'))
      continue;
    counts[block.name] += 1;
    const max = limits[block.name].maxUses;
    if (max !== undefined && counts[block.name] > max) exceeded.add(block.id);
  }
  return content.map((block): ContentBlock => {
    if (block.type === 'web_search_tool_result' && exceeded.has(block.tool_use_id)) {
      return { ...block, content: { type: 'web_search_tool_result_error', error_code: 'max_uses_exceeded' } };
    }
    if (block.type !== 'web_fetch_tool_result') return block;
    if (exceeded.has(block.tool_use_id)) {
      return { ...block, content: { type: 'web_fetch_tool_result_error', error_code: 'max_uses_exceeded' } };
    }
    const max = limits.web_fetch.maxContentTokens;
    const result = block.content;
    if (max === undefined || result.type !== 'web_fetch_result') return block;
    const source = result.content.source;
    if (source.type !== 'text' || source.data.length <= max * 4) return block;
    const cut = { ...source, data: source.data.slice(0, max * 4) };
    return { ...block, content: { ...result, content: { ...result.content, source: cut } } };
  });
}

/**
 * Server tool requests the API bills: a search or fetch whose result is an error (`max_uses_exceeded`
 * included) is not billed. Null when the answer made none, as the API sends it.
 */
export function billedServerToolUse(content: readonly ContentBlock[]) {
  const failed = new Set<string>();
  for (const block of content) {
    const isError =
      (block.type === 'web_search_tool_result' && !Array.isArray(block.content)) ||
      (block.type === 'web_fetch_tool_result' && block.content.type === 'web_fetch_tool_result_error');
    if (isError) failed.add(block.tool_use_id);
  }
  const uses = content.filter((b) => b.type === 'server_tool_use');
  if (uses.length === 0) return null;
  const billed = (name: ToolName) => uses.filter((b) => b.name === name && !failed.has(b.id)).length;
  return { web_search_requests: billed('web_search'), web_fetch_requests: billed('web_fetch') };
}
