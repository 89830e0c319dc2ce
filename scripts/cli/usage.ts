import { CrescendoError } from '../../actions/engine/errors.js';

/** A mistake in how a command was called: the CLI exits with code 2 and points at the usage. */
export const usageError = (message: string, fix = 'see `crescendo --help`'): CrescendoError<'usage'> =>
  new CrescendoError<'usage'>(message, { code: 'usage', fix });

/** True for a usage mistake: ours, or an option `parseArgs` does not know or cannot read. */
export function isUsageError(error: unknown): boolean {
  if (error instanceof CrescendoError) return error.code === 'usage';
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
