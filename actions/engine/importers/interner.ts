const decoder = new TextDecoder('utf-8');

export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 16777619;

/**
 * Turns a range of UTF-8 bytes into a string, giving the same string object for the same
 * bytes. Dimension cells (dates, channels, utm_content) repeat on almost every row: this
 * decodes each distinct value once, makes map lookups on them cheap (the hash is cached in
 * the string), and copies the bytes, so no kept string pins the 1 MiB chunk it came from —
 * memory stays bounded by the distinct values, not by the file.
 */
export class Interner {
  #capacity = 1 << 10;
  #strings: (string | undefined)[] = new Array(this.#capacity);
  #bytes: Uint8Array[] = new Array(this.#capacity);
  #hashes = new Int32Array(this.#capacity);
  #size = 0;
  get size(): number {
    return this.#size;
  }

  /** The string for `buf[start..end)`. */
  get(buf: Uint8Array, start: number, end: number): string {
    let h = FNV_OFFSET;
    for (let i = start; i < end; i++) h = Math.imul(h ^ (buf[i] as number), FNV_PRIME);
    return this.getHashed(buf, start, end, h);
  }

  /** The string for `buf[start..end)`, whose FNV-1a hash (`FNV_OFFSET`, `FNV_PRIME`) the caller computed while scanning. */
  getHashed(buf: Uint8Array, start: number, end: number, h: number): string {
    const length = end - start;
    if (length === 0) return '';
    const mask = this.#capacity - 1;
    let slot = h & mask;
    for (;;) {
      const found = this.#strings[slot];
      if (found === undefined) break;
      if (this.#hashes[slot] === h && sameBytes(this.#bytes[slot] as Uint8Array, buf, start, length))
        return found;
      slot = (slot + 1) & mask;
    }
    const copy = buf.slice(start, end);
    const text = decoder.decode(copy);
    this.#strings[slot] = text;
    this.#bytes[slot] = copy;
    this.#hashes[slot] = h;
    if (++this.#size * 2 > this.#capacity) this.#grow();
    return text;
  }

  #grow(): void {
    const strings = this.#strings;
    const bytes = this.#bytes;
    const hashes = this.#hashes;
    this.#capacity *= 2;
    this.#strings = new Array(this.#capacity);
    this.#bytes = new Array(this.#capacity);
    this.#hashes = new Int32Array(this.#capacity);
    const mask = this.#capacity - 1;
    for (let i = 0; i < strings.length; i++) {
      if (strings[i] === undefined) continue;
      let slot = (hashes[i] as number) & mask;
      while (this.#strings[slot] !== undefined) slot = (slot + 1) & mask;
      this.#strings[slot] = strings[i];
      this.#bytes[slot] = bytes[i] as Uint8Array;
      this.#hashes[slot] = hashes[i] as number;
    }
  }
}

function sameBytes(a: Uint8Array, buf: Uint8Array, start: number, length: number): boolean {
  if (a.length !== length) return false;
  for (let i = 0; i < length; i++) if (a[i] !== buf[start + i]) return false;
  return true;
}
