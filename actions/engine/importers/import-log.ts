import { CrescendoError, type CrescendoErrorOptions, type Problem } from '../errors.js';

/** Why an import stopped, for callers that act on it (measurement posts "waiting for data" on `empty`/`no-rows`). */
export type ImportErrorCode =
  | 'empty'
  | 'no-rows'
  | 'unknown-layout'
  | 'refused-layout'
  | 'bad-rows'
  | 'conflicting-rows'
  | 'auth'
  | 'permission'
  | 'rate-limit'
  | 'server'
  | 'bad-response'
  | 'not-found'
  | 'config';

export class ImportError extends CrescendoError<ImportErrorCode> {
  override readonly code: ImportErrorCode;

  constructor(
    code: ImportErrorCode,
    message: string,
    options: Omit<CrescendoErrorOptions<ImportErrorCode>, 'code'> = {},
  ) {
    super(message, { ...options, code });
    this.code = code;
  }
}

/** One located finding: a bad cell, a left-out row, a duplicate. */
export interface Finding {
  file: string;
  /** 1-based line (or API row). */
  row?: number;
  column?: string;
  message: string;
  fix: string;
}

export interface FileRead {
  file: string;
  importer: string;
  layout: string;
  label: string;
  encoding: string;
  /** Rows kept (after the window and duplicate checks of the reader). */
  rows: number;
  touchpoints: number;
}

interface WarningKind {
  count: number;
  examples: Finding[];
}

/** At most this many problems are listed per file; the rest are counted. */
export const MAX_LISTED = 20;
const EXAMPLES_PER_WARNING = 3;

/**
 * What an import saw: the files it read, warnings (rows left out or suspicious, counted per
 * kind with the first examples — a million-row file with one systematic issue gives one
 * line, not a million) and problems (cells that cannot be read; the file is refused).
 */
export class ImportLog {
  readonly files: FileRead[] = [];
  readonly #warnings = new Map<string, WarningKind>();
  #problems: Finding[] = [];
  #problemCount = 0;

  flag(kind: string, finding: Finding): void {
    let entry = this.#warnings.get(kind);
    if (!entry) {
      entry = { count: 0, examples: [] };
      this.#warnings.set(kind, entry);
    }
    entry.count++;
    if (entry.examples.length < EXAMPLES_PER_WARNING) entry.examples.push(finding);
  }

  refuse(finding: Finding): void {
    this.#problemCount++;
    if (this.#problems.length < MAX_LISTED) this.#problems.push(finding);
  }

  get problemCount(): number {
    return this.#problemCount;
  }

  /** How many rows were flagged with `kind`. */
  warningCount(kind: string): number {
    return this.#warnings.get(kind)?.count ?? 0;
  }

  /** One line per kind of warning: the first rows it concerns, how many more, and what to do. */
  warnings(): string[] {
    return [...this.#warnings.values()].map(({ count, examples }) => {
      const first = examples[0] as Finding;
      const where = examples.map(at).join(', ');
      const more = count > examples.length ? ` and ${count - examples.length} more rows` : '';
      return `${where}${more}: ${first.message} — ${first.fix}`;
    });
  }

  /** Throws every problem recorded (then forgets them) as one error naming each listed cell. */
  throwIfProblems(what: string, code: ImportErrorCode = 'bad-rows'): void {
    const count = this.#problemCount;
    if (count === 0) return;
    const listed = this.#problems;
    this.#problems = [];
    this.#problemCount = 0;
    const problems: Problem[] = listed.map((f) => ({ where: at(f), message: `${f.message} — ${f.fix}` }));
    if (count > listed.length) problems.push({ where: what, message: `… and ${count - listed.length} more` });
    const rows = count === 1 ? '1 row' : `${count} rows`;
    throw new ImportError(code, `${rows} of ${what} could not be used`, {
      where: listed[0]?.file,
      problems,
      fix: 'correct those cells (or export the file again, unedited) and run measurement again; nothing was imported from it',
    });
  }
}

/** `file:row column "X"`, the way findings point at a cell. */
export function at(f: Pick<Finding, 'file' | 'row' | 'column'>): string {
  return `${f.file}${f.row === undefined ? '' : `:${f.row}`}${f.column ? ` column "${f.column}"` : ''}`;
}
