import type {
  CitationCharLocation,
  CitationsWebSearchResultLocation,
  ServerToolUseBlock,
  TextBlock,
  TextCitation,
  ToolUseBlock,
  WebFetchToolResultBlock,
  WebFetchToolResultErrorCode,
  WebSearchResultBlock,
  WebSearchToolResultBlock,
  WebSearchToolResultErrorCode,
} from '@anthropic-ai/sdk/resources/messages';
import { newId } from './ids.js';

/** One hit of a scripted web search. */
export interface SearchHit {
  url: string;
  title: string;
  /** e.g. "3 days ago" or "April 2, 2026"; the API sends null when it does not know. */
  pageAge?: string | null;
}

/** A page returned by a scripted web fetch. */
export interface FetchedPage {
  url: string;
  text: string;
  title?: string | null;
  /** ISO 8601 */
  retrievedAt?: string;
}

// The API's encrypted fields are opaque to callers; base64 of something recognisable helps debugging.
const opaque = (value: string): string => Buffer.from(value).toString('base64');

/** Content block builders, in the exact shapes the SDK types (and the API) use for responses. */
export const block = {
  text(text: string, citations: TextCitation[] | null = null): TextBlock {
    return { type: 'text', text, citations };
  },

  toolUse(name: string, input: unknown, id = newId('toolu')): ToolUseBlock {
    return { type: 'tool_use', id, name, input, caller: { type: 'direct' } };
  },

  serverToolUse(
    name: 'web_search' | 'web_fetch',
    input: unknown,
    id = newId('srvtoolu'),
  ): ServerToolUseBlock {
    return { type: 'server_tool_use', id, name, input, caller: { type: 'direct' } };
  },

  webSearchResult(toolUseId: string, hits: SearchHit[]): WebSearchToolResultBlock {
    const content: WebSearchResultBlock[] = hits.map((hit) => ({
      type: 'web_search_result',
      url: hit.url,
      title: hit.title,
      page_age: hit.pageAge ?? null,
      encrypted_content: opaque(`${hit.url}\n${hit.title}`),
    }));
    return { type: 'web_search_tool_result', tool_use_id: toolUseId, content, caller: { type: 'direct' } };
  },

  webSearchError(toolUseId: string, errorCode: WebSearchToolResultErrorCode): WebSearchToolResultBlock {
    return {
      type: 'web_search_tool_result',
      tool_use_id: toolUseId,
      content: { type: 'web_search_tool_result_error', error_code: errorCode },
      caller: { type: 'direct' },
    };
  },

  webFetchResult(toolUseId: string, page: FetchedPage, citationsEnabled = true): WebFetchToolResultBlock {
    return {
      type: 'web_fetch_tool_result',
      tool_use_id: toolUseId,
      caller: { type: 'direct' },
      content: {
        type: 'web_fetch_result',
        url: page.url,
        retrieved_at: page.retrievedAt ?? new Date().toISOString(),
        content: {
          type: 'document',
          title: page.title ?? null,
          citations: citationsEnabled ? { enabled: true } : null,
          source: { type: 'text', media_type: 'text/plain', data: page.text },
        },
      },
    };
  },

  webFetchError(toolUseId: string, errorCode: WebFetchToolResultErrorCode): WebFetchToolResultBlock {
    return {
      type: 'web_fetch_tool_result',
      tool_use_id: toolUseId,
      caller: { type: 'direct' },
      content: { type: 'web_fetch_tool_result_error', error_code: errorCode },
    };
  },
};

/** Citation builders for `block.text(text, [citation…])`. */
export const citation = {
  /** What text cites from a web search result. */
  webSearch(hit: Pick<SearchHit, 'url' | 'title'>, citedText: string): CitationsWebSearchResultLocation {
    return {
      type: 'web_search_result_location',
      url: hit.url,
      title: hit.title,
      cited_text: citedText,
      encrypted_index: opaque(`${hit.url}#${citedText.length}`),
    };
  },

  /** What text cites from a fetched page (a plain-text document): a character range in it. */
  charLocation(page: FetchedPage, citedText: string, documentIndex = 0): CitationCharLocation {
    const start = Math.max(0, page.text.indexOf(citedText));
    return {
      type: 'char_location',
      cited_text: citedText,
      document_index: documentIndex,
      document_title: page.title ?? null,
      start_char_index: start,
      end_char_index: start + citedText.length,
      file_id: null,
    };
  },
};

/** A web search as the model performs it: the `server_tool_use` call and its result, ids matched. */
export function webSearchTurn(
  query: string,
  hits: SearchHit[],
): [ServerToolUseBlock, WebSearchToolResultBlock] {
  const use = block.serverToolUse('web_search', { query });
  return [use, block.webSearchResult(use.id, hits)];
}

/** A web fetch as the model performs it: the `server_tool_use` call and its result, ids matched. */
export function webFetchTurn(page: FetchedPage): [ServerToolUseBlock, WebFetchToolResultBlock] {
  const use = block.serverToolUse('web_fetch', { url: page.url });
  return [use, block.webFetchResult(use.id, page)];
}
