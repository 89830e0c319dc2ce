import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatError } from '../../actions/engine/errors.js';
import type { CliEnv } from './commands.js';
import { isUsageError, usageError } from './usage.js';

// Each command loads its modules when it runs, so `--help` and a mistyped command load none of the
// engine (Octokit, the Anthropic SDK, zod schemas): the built CLI starts in about the time of bare Node.
const commands = () => import('./commands.js');

const USAGE = `crescendo — marketing operations as code

  crescendo init [--dir PATH]                 set up a repository for Crescendo
  crescendo start <brief.yml> [--dir PATH]    validate a brief and run research
  crescendo status [id] [--dir PATH]          where each campaign stands
  crescendo approve <id> [--dir PATH]         merge the open stage, run the next one
            [--override REASON]               accept the strategy's warnings, with a reason
  crescendo revise <id> --feedback TEXT [--asset PATH[:LINE]]… [--changes-requested]
                                              regenerate the open stage (or only the named assets,
                                              or every asset the review sent back) with feedback
  crescendo review <id> [--dir PATH]          the review's findings by line, and its claims to verify
  crescendo verify <id> C1 C2…|--all [--waive REASON]
                                              tick (or waive) claims in review.md on the review branch
  crescendo run <id> <stage> [--dir PATH]     run one stage (e.g. measurement) by hand
  crescendo check <file…> [--json]            validate artifacts; exit 0 only when all pass
  crescendo keywords <export.csv…> [--json]   import, cluster and rank keyword exports
  crescendo attribute <file…> [--model M|all] [--order 1|2|3] [--half-life DAYS] [--lookback DAYS] [--json]
                                              credit conversions to channels by seven models side by side
  crescendo publish [--dir D] [--now ISO-TIME] [--dry-run] [--campaign ID]
                                              publish every approved ledger entry that is due
  crescendo channels check [--dir D]          prove each publishing channel's credentials work
  crescendo demo [--dir PATH]                 a whole example campaign, offline without a key
  crescendo strategy-lock --base REF --head REF [--branch NAME] [--dir PATH]
                                              fail when an approved strategy changes without justification

Without ANTHROPIC_API_KEY only the example brief runs, from shipped sample answers.`;

/** Commands with options of their own take the rest of the line as it is. */
const io = (env: CliEnv) => ({
  out: env.out,
  err: env.err ?? env.out,
});

const OWN_OPTIONS: Record<string, (args: string[], env: CliEnv) => Promise<number>> = {
  attribute: async (args, env) =>
    (await import('../../actions/engine/attribution/command.js')).attributeCommand(args, io(env)),
  publish: async (args, env) => (await import('./publish.js')).publishCommand(args, io(env)),
  channels: async (args, env) => (await import('./publish.js')).channelsCommand(args, io(env)),
};

/**
 * Runs one command. Output goes to `env.out` (stdout), errors and warnings to `env.err` (stderr). Exit codes:
 * 0 done, 1 it failed or found problems (`check`, `strategy-lock`), 2 the command was called wrongly.
 */
export async function main(argv: string[], env: CliEnv): Promise<number> {
  const err = env.err ?? env.out;
  const own = argv[0] === undefined ? undefined : OWN_OPTIONS[argv[0]];
  if (own) return own(argv.slice(1), env);
  try {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        dir: { type: 'string' },
        feedback: { type: 'string' },
        override: { type: 'string' },
        asset: { type: 'string', multiple: true },
        'changes-requested': { type: 'boolean', default: false },
        all: { type: 'boolean', default: false },
        waive: { type: 'string' },
        base: { type: 'string' },
        head: { type: 'string' },
        branch: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    const [command, ...args] = positionals;
    const dir = resolve(values.dir ?? '.');
    const need = (n: number, what: string) => {
      if (args.length < n) throw usageError(`missing ${what}`);
    };
    if (values.help) {
      env.out(USAGE);
      return 0;
    }
    if (!command) {
      err(USAGE);
      return 2;
    }
    switch (command) {
      case 'init':
        await (await commands()).init(env, dir);
        return 0;
      case 'start':
        need(1, 'the brief file');
        await (await commands()).start(env, dir, args[0]!);
        return 0;
      case 'status':
        await (await import('./status.js')).status(env, dir, args[0]);
        return 0;
      case 'approve':
        need(1, 'the campaign id');
        await (await commands()).approveCommand(env, dir, args[0]!, values.override);
        return 0;
      case 'revise':
        need(1, 'the campaign id');
        await (await commands()).reviseCommand(
          env,
          dir,
          args[0]!,
          values.feedback ?? args.slice(1).join(' '),
          {
            assets: values.asset ?? [],
            changesRequested: values['changes-requested'],
          },
        );
        return 0;
      case 'review':
        need(1, 'the campaign id');
        await (await commands()).reviewCommand(env, dir, args[0]!);
        return 0;
      case 'verify':
        need(1, 'the campaign id');
        await (await commands()).verifyCommand(env, dir, args[0]!, args.slice(1), {
          all: values.all,
          ...(values.waive ? { waive: values.waive } : {}),
        });
        return 0;
      case 'run':
        need(2, 'the campaign id and the stage');
        await (await commands()).runCommand(env, dir, args[0]!, args[1]!);
        return 0;
      case 'check':
        return await (await commands()).check(env, args, values.json);
      case 'keywords':
        await (await commands()).keywords(env, args, values.json);
        return 0;
      case 'demo':
        await (await commands()).demo(env, values.dir);
        return 0;
      case 'strategy-lock': {
        if (!values.base || !values.head)
          throw usageError(
            'missing --base or --head',
            'crescendo strategy-lock --base origin/main --head HEAD',
          );
        const { checkStrategyLock, pullRequestBody } = await import('./strategy-lock.js');
        const branch = values.branch ?? process.env.GITHUB_HEAD_REF;
        const body = await pullRequestBody();
        const result = await checkStrategyLock({
          dir,
          base: values.base,
          head: values.head,
          ...(branch ? { branch } : {}),
          ...(body === undefined ? {} : { body }),
        });
        env.out(`${result.ok ? '✓' : '✗'} strategy lock: ${result.message}`);
        return result.ok ? 0 : 1;
      }
      default:
        throw usageError(`unknown command "${command}"`);
    }
  } catch (error) {
    err(`error: ${formatError(error)}`);
    return isUsageError(error) ? 2 : 1;
  }
}
