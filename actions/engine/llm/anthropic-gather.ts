import type Anthropic from '@anthropic-ai/sdk';
import type {
  ContentBlock,
  MessageCreateParamsBase,
  MessageParam,
  TextBlockParam,
  ToolUnion,
} from '@anthropic-ai/sdk/resources/messages';
import { usageOf } from './anthropic-message.js';
import { type SendOptions, sendMetered } from './anthropic-stream.js';
import { evidenceFromBlocks } from './evidence-blocks.js';
import type { EvidenceRequest, EvidenceResult, SystemBlock } from './llm.js';
import { SpendCapError } from './spend-guard.js';
import { addUsage, emptyUsage } from './usage.js';
import { gatherWorstUsage, inputTokenBound } from './worst-case.js';

/** Default `max_content_tokens` of the web fetch tool (config `research.maxContentTokens`). */
export const DEFAULT_MAX_CONTENT_TOKENS = 5000;
/** Default assumed tokens of one search's results (config `research.searchResultTokens`). */
export const DEFAULT_SEARCH_RESULT_TOKENS = 8000;

export const systemParam = (blocks: readonly SystemBlock[]): TextBlockParam[] =>
  blocks.map((block) => ({
    type: 'text',
    text: block.text,
    ...(block.cache ? { cache_control: { type: 'ephemeral' } } : {}),
  }));

/** Lookups already made in this research run, which the next request's `max_uses` leave out. */
export interface ToolsUsed {
  searches: number;
  fetches: number;
}

/** The server tools of phase one, with what is left of the caps and the configured domain lists. */
export function evidenceTools(
  request: EvidenceRequest,
  used: ToolsUsed = { searches: 0, fetches: 0 },
): ToolUnion[] {
  const domains = request.allowedDomains?.length
    ? { allowed_domains: request.allowedDomains }
    : request.blockedDomains?.length
      ? { blocked_domains: request.blockedDomains }
      : {};
  const searches = request.maxSearches - used.searches;
  const fetches = request.maxFetches - used.fetches;
  const tools: ToolUnion[] = [];
  if (searches > 0)
    tools.push({ type: 'web_search_20260318', name: 'web_search', max_uses: searches, ...domains });
  if (fetches > 0)
    tools.push({
      type: 'web_fetch_20260318',
      name: 'web_fetch',
      max_uses: fetches,
      citations: { enabled: true },
      ...(request.maxContentTokens ? { max_content_tokens: request.maxContentTokens } : {}),
      ...domains,
    });
  return tools;
}

/** Lookups an answer made: the billed counts, or the calls in its content when those are more. */
function lookupsIn(content: readonly ContentBlock[], billed: ToolsUsed): ToolsUsed {
  const calls = (name: string) =>
    content.filter((b) => b.type === 'server_tool_use' && b.name === name).length;
  return {
    searches: Math.max(billed.searches, calls('web_search')),
    fetches: Math.max(billed.fetches, calls('web_fetch')),
  };
}

export type GatherOptions = Omit<SendOptions, 'task' | 'model' | 'worst'> & { today?: string };

/**
 * Phase one through the SDK: streamed, tools on, no `output_config` (citations and structured outputs
 * cannot share a call). Every request reserves its own worst case (see `gatherWorstUsage`): the
 * prompt so far, the lookups still allowed and the fetched pages they may add. The caps hold for the
 * whole run: a `pause_turn` continuation gets only the searches and fetches left (`max_uses` counts
 * per request), and is not sent once a cap is used up or the spend cap leaves no room for it; the
 * evidence so far is then used. A failure of the first request (or of any, mid-stream) throws.
 */
export async function gatherWith(
  client: Anthropic,
  request: EvidenceRequest,
  options: GatherOptions,
): Promise<EvidenceResult> {
  const full = { ...request, maxContentTokens: request.maxContentTokens ?? DEFAULT_MAX_CONTENT_TOKENS };
  const messages: MessageParam[] = [{ role: 'user', content: request.prompt }];
  const blocks: ContentBlock[] = [];
  const used: ToolsUsed = { searches: 0, fetches: 0 };
  let usage = emptyUsage();
  let model = request.model;
  let stopReason = 'end_turn';
  let stoppedEarly: string | undefined;
  let calls = 0;
  const limit = request.maxContinuations ?? 3;
  for (let turn = 0; turn <= limit; turn++) {
    const tools = evidenceTools(full, used);
    const params: MessageCreateParamsBase = {
      model: request.model,
      max_tokens: request.maxTokens,
      system: systemParam(request.system),
      messages,
      tools,
    };
    const worst = gatherWorstUsage(inputTokenBound(params), request.maxTokens, {
      searches: Math.max(0, full.maxSearches - used.searches),
      fetches: Math.max(0, full.maxFetches - used.fetches),
      searchResultTokens: request.searchResultTokens ?? DEFAULT_SEARCH_RESULT_TOKENS,
      fetchResultTokens: full.maxContentTokens,
    });
    let message: Awaited<ReturnType<typeof sendMetered>>;
    try {
      message = await sendMetered(client, params, {
        ...options,
        task: request.task,
        model: request.model,
        worst,
      });
    } catch (error) {
      if (turn === 0 && error instanceof SpendCapError) {
        throw new SpendCapError(error.message, {
          fix: 'research reserves the worst case of its lookups: lower `research.maxSearches`, `maxFetches` or `maxContentTokens` in .github/crescendo.yml, or raise `spendCapUsd`',
        });
      }
      if (!(error instanceof SpendCapError)) throw error;
      stoppedEarly = `the spend cap leaves no room for continuation ${turn}: ${error.message}`;
      break;
    }
    calls++;
    blocks.push(...message.content);
    const billed = usageOf(message.usage);
    usage = addUsage(usage, billed);
    const made = lookupsIn(message.content, {
      searches: billed.webSearchRequests,
      fetches: billed.webFetchRequests,
    });
    used.searches += made.searches;
    used.fetches += made.fetches;
    model = message.model;
    stopReason = message.stop_reason ?? 'end_turn';
    if (stopReason !== 'pause_turn') break;
    const spent = (cap: number, n: number) => cap > 0 && n >= cap;
    if (spent(full.maxSearches, used.searches) || spent(full.maxFetches, used.fetches)) {
      stoppedEarly = 'the research run used up its searches or fetches';
      break;
    }
    // Response blocks are valid request blocks for the same turn: the API continues from them.
    messages.push({ role: 'assistant', content: message.content as unknown as MessageParam['content'] });
  }
  const today = request.today ?? options.today ?? new Date(options.now()).toISOString().slice(0, 10);
  const evidence = evidenceFromBlocks(blocks, today);
  return { ...evidence, usage, model, stopReason, calls, ...(stoppedEarly ? { stoppedEarly } : {}) };
}
