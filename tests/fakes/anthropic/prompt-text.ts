import type { MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages';

type Content = MessageCreateParamsBase['messages'][number]['content'];

function textOf(content: Content): string {
  if (typeof content === 'string') return content;
  return content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
}

/** The text of the last user message: what a handler usually routes on. */
export function lastUserText(params: MessageCreateParamsBase): string {
  const last = params.messages.findLast((m) => m.role === 'user');
  return last ? textOf(last.content) : '';
}

/** All prompt text (system, then every message), joined by blank lines. */
export function promptText(params: MessageCreateParamsBase): string {
  const system =
    typeof params.system === 'string' ? params.system : (params.system ?? []).map((b) => b.text).join('\n');
  return [system, ...params.messages.map((m) => textOf(m.content))].filter(Boolean).join('\n\n');
}
