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

export interface CrescendoErrorOptions {
  where?: string;
  fix?: string;
  problems?: Problem[];
  cause?: unknown;
}

export class CrescendoError extends Error {
  readonly where?: string;
  readonly fix?: string;
  readonly problems: Problem[];

  constructor(message: string, options: CrescendoErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CrescendoError';
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
