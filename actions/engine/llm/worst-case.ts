import { emptyUsage, type LlmUsage } from './usage.js';

/**
 * Input tokens the API adds that are not in the request body: the tool-use and structured-output
 * system prompts and the message framing. The documented tool-use prompts are a few hundred tokens;
 * 2,048 leaves room for the server tools' own instructions.
 */
export const REQUEST_OVERHEAD_TOKENS = 2048;

/**
 * An upper bound on a request's input tokens: one token per UTF-8 byte of its JSON body, plus the
 * overhead. Claude's tokenizer works on bytes and a token never stands for less than one byte, so no
 * text has more tokens than UTF-8 bytes; JSON only adds bytes (quotes, keys, escapes). Characters are
 * no bound: `chars / 3` undercounts CJK text (3 bytes, often one token each), emoji (4 bytes, up to 4
 * tokens) and random strings such as ids, URLs and base64.
 */
export function inputTokenBound(body: unknown): number {
  return Buffer.byteLength(JSON.stringify(body) ?? '', 'utf8') + REQUEST_OVERHEAD_TOKENS;
}

/** The same bound from a character count: a UTF-16 code unit is at most 3 UTF-8 bytes. */
export const inputTokenBoundFromChars = (chars: number): number => chars * 3 + REQUEST_OVERHEAD_TOKENS;

/** A request without server tools: its whole prompt as input, `max_tokens` of output. */
export const requestWorstUsage = (inputTokens: number, maxTokens: number): LlmUsage => ({
  ...emptyUsage(),
  inputTokens,
  outputTokens: maxTokens,
});

/** What the server tools of one request may do and add. */
export interface ToolAllowance {
  searches: number;
  fetches: number;
  /** Tokens one search's results may add (the API has no limit; configured as an assumption). */
  searchResultTokens: number;
  /** Tokens one fetched page may add: the web fetch tool's `max_content_tokens`. */
  fetchResultTokens: number;
}

/**
 * The most a request with server tools can use. Tool results count as input again on every later
 * sampling iteration of the same request (Anthropic: "search results count towards input tokens on
 * every subsequent iteration"), and the model may use one tool per iteration: `U` uses make `U + 1`
 * iterations, each reading the prompt, the output so far (at most `max_tokens` in all) and every
 * result so far, the largest results first. Output is `max_tokens` for the whole request.
 */
export function gatherWorstUsage(promptTokens: number, maxTokens: number, tools: ToolAllowance): LlmUsage {
  const results = [
    ...Array<number>(tools.searches).fill(tools.searchResultTokens),
    ...Array<number>(tools.fetches).fill(tools.fetchResultTokens),
  ].sort((a, b) => b - a);
  let seen = 0;
  let reread = 0;
  for (const tokens of results) {
    seen += tokens;
    reread += seen;
  }
  return {
    ...emptyUsage(),
    inputTokens: (results.length + 1) * (promptTokens + maxTokens) + reread,
    outputTokens: maxTokens,
    webSearchRequests: tools.searches,
    webFetchRequests: tools.fetches,
  };
}
