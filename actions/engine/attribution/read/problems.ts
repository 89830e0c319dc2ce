import { CrescendoError, type Problem } from '../../errors.js';

/** Problems listed in full; the rest are counted. */
const SHOWN = 20;

/**
 * Every unreadable row of one file, so the person fixes them all in one go instead of one per run.
 * A file with any problem is refused as a whole: a half-read file would skew every model silently.
 */
export class RowProblems {
  readonly #problems: Problem[] = [];
  #count = 0;

  constructor(readonly file: string) {}

  get count(): number {
    return this.#count;
  }

  add(line: number, field: string, message: string): void {
    this.#count++;
    if (this.#problems.length < SHOWN)
      this.#problems.push({ where: this.file, line, message: `${field}: ${message}` });
  }

  throwIfAny(fix: string): void {
    if (this.#count === 0) return;
    const more = this.#count - this.#problems.length;
    const first = this.#problems[0]!;
    throw new CrescendoError(
      `${this.#count} row${this.#count === 1 ? '' : 's'} could not be read (first at line ${first.line})${more > 0 ? `; the first ${SHOWN} are listed` : ''}`,
      { where: this.file, problems: this.#problems, fix },
    );
  }
}
