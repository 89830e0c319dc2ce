/**
 * A float sum that is the correctly rounded value of the exact sum, so the order the terms arrive in
 * never changes the last digit: the running total is kept as non-overlapping partials (Shewchuk's
 * 1997 adaptive-precision addition, the algorithm behind Python's `math.fsum`). Journeys from a file
 * sorted differently, or read in sorted mode, then give bit-identical figures.
 */
export class ExactSum {
  #partials: number[] = [];

  add(value: number): void {
    const p = this.#partials;
    // Counts: integers below 2^53 add exactly, so one partial suffices.
    if (p.length === 1 && Number.isInteger(value) && Number.isInteger(p[0]!)) {
      const sum = p[0]! + value;
      if (Math.abs(sum) <= Number.MAX_SAFE_INTEGER) {
        p[0] = sum;
        return;
      }
    }
    if (p.length === 0 && Number.isInteger(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER) {
      p.push(value);
      return;
    }
    let x = value;
    let kept = 0;
    for (let j = 0; j < p.length; j++) {
      let y = p[j]!;
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) p[kept++] = lo;
      x = hi;
    }
    p.length = kept;
    p.push(x);
  }

  /** The exact sum rounded to the nearest float (ties to even). */
  valueOf(): number {
    const p = this.#partials;
    let n = p.length;
    if (n === 0) return 0;
    let hi = p[--n]!;
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = p[--n]!;
      hi = x + y;
      lo = y - (hi - x);
      if (lo !== 0) break;
    }
    // Round half-even correctly when the rest of the partials push the tie one way.
    if (n > 0 && ((lo < 0 && p[n - 1]! < 0) || (lo > 0 && p[n - 1]! > 0))) {
      const y = lo * 2;
      const x = hi + y;
      if (y === x - hi) hi = x;
    }
    return hi;
  }
}

/**
 * Many exact sums by index (one per path or channel) in a flat array: an addition whose rounding
 * error is zero (counts, whole amounts) stays a plain float; the first inexact one moves that entry
 * to an `ExactSum`. Same order-independence, without an object per entry.
 */
export class ExactColumn {
  #values = new Float64Array(256);
  #escalated = new Uint8Array(256);
  readonly #exact = new Map<number, ExactSum>();

  add(i: number, x: number): void {
    if (i >= this.#values.length) this.#grow(i);
    if (this.#escalated[i]) {
      this.#exact.get(i)!.add(x);
      return;
    }
    const a = this.#values[i]!;
    const s = a + x;
    const b = s - a;
    if (a - (s - b) + (x - b) === 0) {
      this.#values[i] = s;
      return;
    }
    const sum = new ExactSum();
    sum.add(a);
    sum.add(x);
    this.#exact.set(i, sum);
    this.#escalated[i] = 1;
  }

  get(i: number): number {
    if (i >= this.#values.length) return 0;
    return this.#escalated[i] ? this.#exact.get(i)!.valueOf() : this.#values[i]!;
  }

  #grow(i: number): void {
    const size = Math.max(this.#values.length * 2, i + 1);
    const values = new Float64Array(size);
    values.set(this.#values);
    const escalated = new Uint8Array(size);
    escalated.set(this.#escalated);
    this.#values = values;
    this.#escalated = escalated;
  }
}
