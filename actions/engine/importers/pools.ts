/**
 * Growable arrays of numbers in typed storage. The aggregator keeps its per-key numbers
 * here rather than in small JS objects: typed storage is not scanned or copied by the
 * garbage collector, so holding a million row identities costs their bytes and no GC time.
 */
export class IntPool {
  data = new Int32Array(1024);
  length = 0;

  /** Reserves `n` slots and returns the offset of the first. */
  alloc(n: number): number {
    const at = this.length;
    if (at + n > this.data.length) {
      let size = this.data.length * 2;
      while (size < at + n) size *= 2;
      const grown = new Int32Array(size);
      grown.set(this.data);
      this.data = grown;
    }
    this.length = at + n;
    return at;
  }
}

export class FloatPool {
  data = new Float64Array(1024);
  length = 0;

  /** Reserves `n` slots, filled with `fill`, and returns the offset of the first. */
  alloc(n: number, fill: number): number {
    const at = this.length;
    if (at + n > this.data.length) {
      let size = this.data.length * 2;
      while (size < at + n) size *= 2;
      const grown = new Float64Array(size);
      grown.set(this.data);
      this.data = grown;
    }
    // A loop, not `fill`: the aggregator reserves a few slots per key, and a builtin call costs more than that.
    const data = this.data;
    for (let i = at; i < at + n; i++) data[i] = fill;
    this.length = at + n;
    return at;
  }
}

/** Small integer ids for texts (sources, mediums, campaigns, records, files); '' is 0. */
export class TextIds {
  readonly #ids = new Map<string, number>([['', 0]]);
  readonly texts: string[] = [''];

  id(text: string): number {
    let id = this.#ids.get(text);
    if (id === undefined) {
      id = this.texts.length;
      this.texts.push(text);
      this.#ids.set(text, id);
    }
    return id;
  }

  /** An id lookup that remembers its last text: consecutive rows mostly repeat a campaign or a file. */
  remembering(): (text: string) => number {
    let last = '';
    let lastId = 0;
    return (text) => {
      if (text !== last) {
        last = text;
        lastId = this.id(text);
      }
      return lastId;
    };
  }
}
