/**
 * One error type for everything a user can fix. It carries the three things a
 * person needs: what was wrong, where, and how to fix it. Every surface (CLI line,
 * issue comment, job summary) renders it with `formatError`.
 */
export interface Problem {
  /** Where: a file and/or a field path such as `objectives[1].target`. */
  where: string;
  message: string;
  line?: number;
}

/**
 * Codes for errors that change what the caller does next (never match on a message):
 * - `waiting`: the stage needs something a person must provide first (data, an approval); nothing ran.
 * - `not-approved`: the stage before has not been merged yet.
 * - `already-approved`: the stage ran and was merged in this cycle.
 * - `busy`: another run holds the campaign; try again when it has finished.
 * - `spend-cap`: the next model call could take the campaign past its spend cap.
 * - `model-call`: the model API failed after its retries (status and fix in the error).
 */
export type ErrorCode = 'waiting' | 'not-approved' | 'already-approved' | 'busy' | 'spend-cap' | 'model-call';

export interface CrescendoErrorOptions<C extends string = ErrorCode> {
  code?: C;
  where?: string;
  fix?: string;
  problems?: Problem[];
  cause?: unknown;
}

export class CrescendoError<C extends string = ErrorCode> extends Error {
  readonly code?: C;
  readonly where?: string;
  readonly fix?: string;
  readonly problems: Problem[];

  constructor(message: string, options: CrescendoErrorOptions<C> = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CrescendoError';
    this.code = options.code;
    this.where = options.where;
    this.fix = options.fix;
    this.problems = options.problems ?? [];
  }
}

export function formatProblem(p: Problem): string {
  return `${p.where}${p.line === undefined ? '' : `:${p.line}`}: ${p.message}`;
}

/** Renders an error as one clear line, the problems one per line, then what to do. */
export function formatError(error: unknown): string {
  if (error instanceof CrescendoError) {
    const lines = [error.where ? `${error.where}: ${error.message}` : error.message];
    for (const p of error.problems) lines.push(`  - ${formatProblem(p)}`);
    if (error.fix) lines.push(`  fix: ${error.fix}`);
    return lines.join('\n');
  }
  return error instanceof Error ? error.message : String(error);
}

/** True when `error` is a CrescendoError carrying `code`. */
export const hasCode = (error: unknown, code: ErrorCode): error is CrescendoError =>
  error instanceof CrescendoError && error.code === code;
