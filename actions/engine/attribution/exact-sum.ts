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
