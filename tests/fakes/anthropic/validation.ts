import type { MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages';
import { ApiRefusal } from './api-errors.js';
import { countBreakpoints, promptSegments } from './prompt-segments.js';

const MAX_CACHE_BREAKPOINTS = 4;
// Sampling parameters were removed from the API; it refuses unknown fields rather than ignoring them.
const REMOVED_PARAMS = ['temperature', 'top_p', 'top_k'];

type UnknownRecord = Record<string, unknown>;

function isRecord(value: unknown): value is UnknownRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const invalid = (message: string): ApiRefusal => new ApiRefusal(400, message);

/**
 * The checks the real API makes before it runs the model, with its wording where it is known
 * (`field: Field required`, the cache breakpoint limit). Throws `ApiRefusal` (400).
 */
export function validateMessageParams(body: unknown): MessageCreateParamsBase {
  if (!isRecord(body)) throw invalid('The request body is not valid JSON object.');
  if (body.model === undefined) throw invalid('model: Field required');
  if (typeof body.model !== 'string' || body.model === '')
    throw invalid('model: Input should be a valid string');
  if (body.max_tokens === undefined) throw invalid('max_tokens: Field required');
  if (!Number.isInteger(body.max_tokens) || (body.max_tokens as number) < 0) {
    throw invalid('max_tokens: Input should be a valid integer greater than or equal to 0');
  }
  if (body.messages === undefined) throw invalid('messages: Field required');
  if (!Array.isArray(body.messages)) throw invalid('messages: Input should be a valid list');
  if (body.messages.length === 0) throw invalid('messages: at least one message is required');
  body.messages.forEach((message: unknown, index: number) => {
    if (!isRecord(message)) throw invalid(`messages.${index}: Input should be a valid dictionary`);
    if (message.role !== 'user' && message.role !== 'assistant' && message.role !== 'system') {
      throw invalid(`messages.${index}.role: Input should be 'user' or 'assistant'`);
    }
    if (typeof message.content !== 'string' && !Array.isArray(message.content)) {
      throw invalid(`messages.${index}.content: Input should be a valid string or list`);
    }
  });
  if (body.system !== undefined && typeof body.system !== 'string' && !Array.isArray(body.system)) {
    throw invalid('system: Input should be a valid string or list');
  }
  if (body.tools !== undefined && !Array.isArray(body.tools))
    throw invalid('tools: Input should be a valid list');
  if (body.stream !== undefined && typeof body.stream !== 'boolean') {
    throw invalid('stream: Input should be a valid boolean');
  }
  for (const name of REMOVED_PARAMS) {
    if (name in body) throw invalid(`${name}: Extra inputs are not permitted`);
  }
  const params = body as unknown as MessageCreateParamsBase;
  const breakpoints = countBreakpoints(promptSegments(params));
  if (breakpoints > MAX_CACHE_BREAKPOINTS) {
    throw invalid(
      `A maximum of ${MAX_CACHE_BREAKPOINTS} blocks with cache_control may be provided. Found ${breakpoints}.`,
    );
  }
  checkOutputFormat(params);
  checkToolChoice(params);
  return params;
}

// The 5.5 models refuse to be forced into a tool call (tool_choice any/tool); `auto` and `none` are fine.
function checkToolChoice(params: MessageCreateParamsBase): void {
  const choice = params.tool_choice?.type;
  if ((choice === 'any' || choice === 'tool') && /-5-5/.test(params.model)) {
    throw invalid(
      `tool_choice: '${choice}' (forced tool use) is not supported by ${params.model}; use 'auto'.`,
    );
  }
}

function checkOutputFormat(params: MessageCreateParamsBase): void {
  const format = params.output_config?.format;
  if (!format) return;
  if (format.type !== 'json_schema' || !isRecord(format.schema)) {
    throw invalid("output_config.format: expected {type: 'json_schema', schema: {...}}");
  }
  if (usesCitations(params)) {
    throw invalid('Citations are not supported together with structured outputs (output_config.format).');
  }
}

// Citations come from documents with citations enabled and from web fetch with citations enabled.
function usesCitations(params: MessageCreateParamsBase): boolean {
  const citationsOn = (value: unknown): boolean => isRecord(value) && value.enabled === true;
  const toolCites = (params.tools ?? []).some((tool) => isRecord(tool) && citationsOn(tool.citations));
  const documentCites = params.messages.some(
    (message) =>
      Array.isArray(message.content) &&
      message.content.some(
        (part) => isRecord(part) && part.type === 'document' && citationsOn(part.citations),
      ),
  );
  return toolCites || documentCites;
}
