import type Anthropic from '@anthropic-ai/sdk';
import type {
  ContentBlock,
  MessageParam,
  TextBlockParam,
  ToolUnion,
} from '@anthropic-ai/sdk/resources/messages';
import { usageOf } from './anthropic-message.js';
import { evidenceFromBlocks } from './evidence-blocks.js';
import { addUsage, type EvidenceRequest, type EvidenceResult, emptyUsage } from './llm.js';

/** The server tools of phase one, with the caps and domain lists from configuration. */
export function evidenceTools(request: EvidenceRequest): ToolUnion[] {
  const domains = request.allowedDomains?.length
    ? { allowed_domains: request.allowedDomains }
    : request.blockedDomains?.length
      ? { blocked_domains: request.blockedDomains }
      : {};
  const tools: ToolUnion[] = [];
  if (request.maxSearches > 0)
    tools.push({
      type: 'web_search_20260318',
      name: 'web_search',
      max_uses: request.maxSearches,
      ...domains,
    });
  if (request.maxFetches > 0)
    tools.push({
      type: 'web_fetch_20260318',
      name: 'web_fetch',
      max_uses: request.maxFetches,
      citations: { enabled: true },
      ...domains,
    });
  return tools;
}

/**
 * Phase one through the SDK: streamed, tools on, no `output_config` (citations and
 * structured outputs cannot share a call). A `pause_turn` is continued by sending the
 * assistant content back, at most `maxContinuations` times; then the evidence so far is used.
 */
export async function gatherWith(
  client: Anthropic,
  request: EvidenceRequest,
  now: () => Date = () => new Date(),
): Promise<EvidenceResult> {
  const system: TextBlockParam[] = request.system.map((block) => ({
    type: 'text',
    text: block.text,
    ...(block.cache ? { cache_control: { type: 'ephemeral' } } : {}),
  }));
  const messages: MessageParam[] = [{ role: 'user', content: request.prompt }];
  const tools = evidenceTools(request);
  const blocks: ContentBlock[] = [];
  let usage = emptyUsage();
  let model = request.model;
  let stopReason = 'end_turn';
  let calls = 0;
  const limit = request.maxContinuations ?? 3;
  for (let turn = 0; turn <= limit; turn++) {
    const message = await client.messages
      .stream({ model: request.model, max_tokens: request.maxTokens, system, messages, tools })
      .finalMessage();
    calls++;
    blocks.push(...message.content);
    usage = addUsage(usage, usageOf(message.usage));
    model = message.model;
    stopReason = message.stop_reason ?? 'end_turn';
    if (stopReason !== 'pause_turn') break;
    // Response blocks are valid request blocks for the same turn: the API continues from them.
    messages.push({ role: 'assistant', content: message.content as unknown as MessageParam['content'] });
  }
  const evidence = evidenceFromBlocks(blocks, request.today ?? now().toISOString().slice(0, 10));
  return { ...evidence, usage, model, stopReason, calls };
}
