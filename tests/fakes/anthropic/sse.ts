import type {
  ContentBlock,
  Message,
  RawContentBlockDelta,
  RawContentBlockStartEvent,
  RawMessageStreamEvent,
} from '@anthropic-ai/sdk/resources/messages';

/** A server-sent event as it goes on the wire: `event: <name>` then `data: <json>`. */
export interface SseEvent {
  event: string;
  data: unknown;
}

export function formatSse({ event, data }: SseEvent): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

// Small deltas, so callers that render progress or concatenate deltas are exercised for real.
const TEXT_CHUNK_CHARS = 16;
const JSON_CHUNK_CHARS = 24;

function chunks(text: string, size: number): string[] {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size));
  return parts;
}

const event = (data: RawMessageStreamEvent): SseEvent => ({ event: data.type, data });

/**
 * The event sequence the API streams for a complete message: `message_start` (empty content,
 * null stop_reason, input usage), a `ping`, per block `content_block_start` / `_delta`… / `_stop`,
 * `message_delta` (stop reason, final usage) and `message_stop`.
 */
export function messageEvents(message: Message): SseEvent[] {
  const events: SseEvent[] = [
    event({
      type: 'message_start',
      message: {
        ...message,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        stop_details: null,
        usage: { ...message.usage, output_tokens: 1 },
      },
    }),
    { event: 'ping', data: { type: 'ping' } },
  ];
  message.content.forEach((block, index) => {
    events.push(event({ type: 'content_block_start', index, content_block: startOf(block) }));
    for (const delta of deltasOf(block)) events.push(event({ type: 'content_block_delta', index, delta }));
    events.push(event({ type: 'content_block_stop', index }));
  });
  events.push(
    event({
      type: 'message_delta',
      delta: {
        stop_reason: message.stop_reason,
        stop_sequence: message.stop_sequence,
        stop_details: message.stop_details,
        container: message.container,
      },
      usage: {
        input_tokens: message.usage.input_tokens,
        output_tokens: message.usage.output_tokens,
        cache_creation_input_tokens: message.usage.cache_creation_input_tokens,
        cache_read_input_tokens: message.usage.cache_read_input_tokens,
        server_tool_use: message.usage.server_tool_use,
        output_tokens_details: message.usage.output_tokens_details,
      },
    }),
    event({ type: 'message_stop' }),
  );
  return events;
}

/** What `content_block_start` carries: text-like blocks start empty, tool calls with `input: {}`. */
function startOf(block: ContentBlock): RawContentBlockStartEvent['content_block'] {
  switch (block.type) {
    case 'text':
      return { ...block, text: '', citations: null };
    case 'thinking':
      return { ...block, thinking: '', signature: '' };
    case 'tool_use':
    case 'server_tool_use':
      return { ...block, input: {} };
    default:
      // Tool results and the rest arrive whole in their start event.
      return block;
  }
}

function deltasOf(block: ContentBlock): RawContentBlockDelta[] {
  switch (block.type) {
    case 'text': {
      // The API sends a block's citations before the text they support.
      const citations = (block.citations ?? []).map((citation) => ({
        type: 'citations_delta' as const,
        citation,
      }));
      const text = chunks(block.text, TEXT_CHUNK_CHARS).map((part) => ({
        type: 'text_delta' as const,
        text: part,
      }));
      return [...citations, ...text];
    }
    case 'thinking':
      return [
        ...chunks(block.thinking, TEXT_CHUNK_CHARS).map((part) => ({
          type: 'thinking_delta' as const,
          thinking: part,
        })),
        { type: 'signature_delta', signature: block.signature },
      ];
    case 'tool_use':
    case 'server_tool_use':
      return chunks(JSON.stringify(block.input ?? {}), JSON_CHUNK_CHARS).map((part) => ({
        type: 'input_json_delta' as const,
        partial_json: part,
      }));
    default:
      return [];
  }
}
