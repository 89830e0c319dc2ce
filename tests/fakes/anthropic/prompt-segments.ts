import type { MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages';
import { estimateTokens } from './tokens.js';

export type CacheTtl = '5m' | '1h';

/**
 * One cacheable unit of a prompt, in the order the API builds its prefix: tools, then system,
 * then messages, block by block.
 */
export interface PromptSegment {
  /** Canonical content (cache_control stripped, position markers added): what the cache keys on. */
  key: string;
  tokens: number;
  /** Set when the block carries a `cache_control` breakpoint. */
  breakpoint: CacheTtl | null;
}

type UnknownRecord = Record<string, unknown>;

function isRecord(value: unknown): value is UnknownRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function breakpointOf(part: unknown): CacheTtl | null {
  if (!isRecord(part) || !isRecord(part.cache_control)) return null;
  return part.cache_control.ttl === '1h' ? '1h' : '5m';
}

function withoutCacheControl(part: unknown): unknown {
  if (!isRecord(part)) return part;
  const { cache_control: _ignored, ...rest } = part;
  return rest;
}

// Text is billed by its characters; any other block (tool definitions, images, tool results) by its JSON.
function tokensOfPart(part: unknown): number {
  if (typeof part === 'string') return estimateTokens(part);
  if (isRecord(part) && part.type === 'text' && typeof part.text === 'string')
    return estimateTokens(part.text);
  return estimateTokens(JSON.stringify(withoutCacheControl(part)));
}

function segment(section: string, part: unknown): PromptSegment {
  return {
    key: JSON.stringify([section, withoutCacheControl(part)]),
    tokens: tokensOfPart(part),
    breakpoint: breakpointOf(part),
  };
}

/**
 * Splits a request into prompt segments. Top-level `cache_control` (automatic caching) puts a
 * breakpoint on the last segment, as the API documents.
 */
export function promptSegments(params: MessageCreateParamsBase): PromptSegment[] {
  const segments: PromptSegment[] = [];
  for (const tool of params.tools ?? []) segments.push(segment('tool', tool));
  if (typeof params.system === 'string') segments.push(segment('system', params.system));
  else for (const part of params.system ?? []) segments.push(segment('system', part));
  params.messages.forEach((message, messageIndex) => {
    const parts = typeof message.content === 'string' ? [message.content] : message.content;
    parts.forEach((part, partIndex) => {
      // The role and the message boundary belong to the prefix: the same blocks split differently
      // across turns are a different prompt.
      const section = `${message.role}${partIndex === 0 ? ` #${messageIndex}` : ''}`;
      segments.push(segment(section, part));
    });
  });
  const last = segments.at(-1);
  if (params.cache_control && last && !last.breakpoint) {
    last.breakpoint = params.cache_control.ttl === '1h' ? '1h' : '5m';
  }
  return segments;
}

export function countBreakpoints(segments: readonly PromptSegment[]): number {
  return segments.filter((s) => s.breakpoint !== null).length;
}
