import type { ContentBlock } from '@anthropic-ai/sdk/resources/messages';
import type { EvidenceFailure, EvidenceSource } from './llm.js';

/** Longest fetched text kept per page for phase two (characters). */
export const MAX_PAGE_CHARS = 6000;

export interface Evidence {
  sources: EvidenceSource[];
  failures: EvidenceFailure[];
  notes: string;
}

const day = (iso: string | null | undefined, fallback: string): string =>
  iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : fallback;

/**
 * Reads the evidence out of the content blocks of one or more answers (a `pause_turn`
 * conversation): every search hit and fetched page becomes a source (one per URL), every
 * cited passage is attached to its page, and every failed lookup or non-text page is kept
 * as a failure. Nothing is dropped silently.
 */
export function evidenceFromBlocks(blocks: readonly ContentBlock[], today: string): Evidence {
  const byUrl = new Map<string, EvidenceSource>();
  const failures: EvidenceFailure[] = [];
  const notes: string[] = [];
  const calls = new Map<string, { name: string; target: string }>();
  /** Fetched documents in order: char_location citations point at them by index. */
  const documents: EvidenceSource[] = [];

  const upsert = (source: EvidenceSource): EvidenceSource => {
    const known = byUrl.get(source.url);
    if (!known) {
      byUrl.set(source.url, source);
      return source;
    }
    if (source.via === 'fetch') {
      known.via = 'fetch';
      known.retrieved = source.retrieved;
      if (source.text !== undefined) known.text = source.text;
      if (source.title && source.title !== source.url) known.title = source.title;
    }
    return known;
  };
  const quote = (source: EvidenceSource | undefined, text: string) => {
    const q = text.trim();
    if (source && q && !source.quotes.includes(q)) source.quotes.push(q);
  };

  for (const b of blocks) {
    if (b.type === 'server_tool_use') {
      const input = (b.input ?? {}) as { query?: unknown; url?: unknown };
      const target = String(b.name === 'web_fetch' ? (input.url ?? '') : (input.query ?? ''));
      calls.set(b.id, { name: b.name, target });
    } else if (b.type === 'web_search_tool_result') {
      const call = calls.get(b.tool_use_id);
      if (Array.isArray(b.content)) {
        for (const hit of b.content) {
          upsert({
            url: hit.url,
            title: hit.title || hit.url,
            retrieved: today,
            via: 'search',
            quotes: [],
            ...(hit.page_age ? { pageAge: hit.page_age } : {}),
          });
        }
      } else {
        failures.push({
          tool: 'web_search',
          target: call?.target ?? '(unknown query)',
          reason: `search failed: ${b.content.error_code}`,
        });
      }
    } else if (b.type === 'web_fetch_tool_result') {
      const call = calls.get(b.tool_use_id);
      const content = b.content;
      if (content.type === 'web_fetch_tool_result_error') {
        failures.push({
          tool: 'web_fetch',
          target: call?.target ?? '(unknown URL)',
          reason: `fetch failed: ${content.error_code}`,
        });
        continue;
      }
      const doc = content.content;
      if (doc.source.type !== 'text') {
        failures.push({
          tool: 'web_fetch',
          target: content.url,
          reason: `not a text page (${doc.source.media_type}); its content was not used`,
        });
        continue;
      }
      const source = upsert({
        url: content.url,
        title: doc.title || content.url,
        retrieved: day(content.retrieved_at, today),
        via: 'fetch',
        quotes: [],
        text: doc.source.data.slice(0, MAX_PAGE_CHARS),
      });
      documents.push(source);
    } else if (b.type === 'text') {
      if (b.text.trim()) notes.push(b.text.trim());
      for (const c of b.citations ?? []) {
        if (c.type === 'web_search_result_location') {
          const source = c.url ? byUrl.get(c.url) : undefined;
          quote(
            source ??
              upsert({ url: c.url, title: c.title || c.url, retrieved: today, via: 'search', quotes: [] }),
            c.cited_text,
          );
        } else if (c.type === 'char_location') {
          quote(documents[c.document_index], c.cited_text);
        }
      }
    }
  }
  return { sources: [...byUrl.values()], failures, notes: notes.join('\n\n') };
}
