/** The text encodings keyword exports arrive in. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/**
 * Turns an export's bytes into text. Keyword Planner (always) and Ahrefs (when "UTF-16" is
 * picked in the export dialog, the Excel-friendly choice) write UTF-16LE with a byte-order
 * mark; Semrush and Search Console write UTF-8, sometimes with a BOM. A file re-saved by
 * another program may have lost its BOM, so UTF-16 is also recognised by its null bytes:
 * ASCII text in UTF-16LE has a zero in every odd byte. Bytes that are not valid UTF-8 are
 * read as Windows-1252, which is what Excel on Windows writes when it "Saves as CSV".
 */
export function decodeExport(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes.subarray(2), 'utf-16be');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  const unmarked = utf16ByNullBytes(bytes);
  if (unmarked) return utf16(bytes, unmarked);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodedText {
  const text = new TextDecoder(encoding).decode(bytes);
  // A BOM can survive inside the text when a tool wrote one and a user's editor added another.
  return { text: text.replace(/^\uFEFF/, ''), encoding };
}

/** Looks at the first 200 bytes: mostly-zero odd bytes mean LE, mostly-zero even bytes mean BE. */
function utf16ByNullBytes(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const sample = bytes.subarray(0, 200 - (Math.min(bytes.length, 200) % 2));
  if (sample.length < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) evenZeros++;
    else oddZeros++;
  }
  const half = sample.length / 2;
  if (oddZeros > half * 0.6 && evenZeros === 0) return 'utf-16le';
  if (evenZeros > half * 0.6 && oddZeros === 0) return 'utf-16be';
  return undefined;
}

/** The 0x80–0x9F block where Windows-1252 differs from Latin-1 (undefined bytes map to U+FFFD). */
const CP1252_HIGH = '€\uFFFD‚ƒ„…†‡ˆ‰Š‹Œ\uFFFDŽ\uFFFD\uFFFD‘’“”•–—˜™š›œ\uFFFDžŸ';

/** Decoded by hand because Node's TextDecoder does not support windows-1252 in every build. */
function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    out += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  }
  return out;
}
