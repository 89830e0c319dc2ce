const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SPACE = new Set([0x20, 0x09, 0x0a, 0x0d, 0x2c]);

/**
 * The object elements of a JSON array as they arrive, each parsed on its own: Google Ads'
 * `searchStream` answers one array of result batches over a long response, and holding it
 * whole would hold every row. Memory is one element (one batch) at a time.
 */
export async function* jsonArrayElements(body: AsyncIterable<Uint8Array>): AsyncGenerator<unknown> {
  const decoder = new TextDecoder();
  let parts: Uint8Array[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let started = false;
  for await (const chunk of body) {
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      if (inString) {
        if (escaped) escaped = false;
        else if (b === BACKSLASH) escaped = true;
        else if (b === QUOTE) inString = false;
        continue;
      }
      if (!started) {
        if (SPACE.has(b)) continue;
        if (b !== OPEN_BRACKET) throw new SyntaxError('the answer is not a JSON array');
        started = true;
        depth = 1;
        continue;
      }
      if (depth === 1) {
        if (SPACE.has(b)) continue;
        if (b === CLOSE_BRACKET) return;
        if (b !== OPEN_BRACE) throw new SyntaxError('the array holds something other than objects');
        from = i;
        depth = 2;
        continue;
      }
      if (b === QUOTE) inString = true;
      else if (b === OPEN_BRACE || b === OPEN_BRACKET) depth++;
      else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
        depth--;
        if (depth === 1) {
          parts.push(chunk.subarray(from, i + 1));
          yield JSON.parse(decoder.decode(join(parts)));
          parts = [];
        }
      }
    }
    if (depth >= 2) parts.push(chunk.slice(from));
  }
  if (!started) throw new SyntaxError('the answer is empty');
  throw new SyntaxError('the answer ended inside the array');
}

function join(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
