import type { Pricing } from '../config/config.js';
import { CrescendoError, formatProblem, type Problem } from '../errors.js';
import { zodProblems } from '../files/yaml.js';
import { dataBlock } from './data-fence.js';
import type { Llm, LlmMessage, LlmResponse, StructuredRequest } from './llm.js';
import type { CallMeter, SpendGuard } from './spend-guard.js';
import { type SpendRecord, usageOfRecord } from './spend-record.js';
import { addUsage, emptyUsage, type LlmUsage } from './usage.js';

export interface GenerateOptions<T> {
  llm: Llm;
  pricing: Pricing;
  guard: SpendGuard;
  /** Checkpoint rules beyond the schema; an empty list means the answer is accepted. */
  check?: (data: T) => Problem[];
  /** Retries after the first attempt when the answer is invalid. */
  retries: number;
  log?: (line: string) => void;
}

export interface Generated<T> {
  data: T;
  /** Usage, cost and requests of every attempt, failed and rejected ones included. */
  usage: LlmUsage;
  usd: number;
  attempts: number;
  calls: number;
  spend: SpendRecord[];
}

const promptChars = (request: StructuredRequest<unknown>, messages: LlmMessage[]): number =>
  request.system.reduce((n, b) => n + b.text.length, 0) + messages.reduce((n, m) => n + m.content.length, 0);

/**
 * One request through the spend guard. A metered model (the live one) reserves and settles each
 * request it sends itself; around any other model (samples, test doubles) the call's worst case is
 * reserved here and settled with the usage it reports.
 */
async function completeWithin<T>(
  llm: Llm,
  guard: SpendGuard,
  request: StructuredRequest<T>,
): Promise<{ response: LlmResponse; meter: CallMeter }> {
  const meter = guard.meter();
  if (llm.metered) return { response: await llm.complete(request, meter), meter };
  const worst = guard.worstCase(request.model, promptChars(request, request.messages), request.maxTokens);
  const reservation = await meter.reserveUsd(request.task, request.model, worst);
  let response: LlmResponse;
  try {
    response = await llm.complete(request);
  } catch (error) {
    // Such models report no usage when they fail (and cost nothing): nothing to charge.
    reservation.settle('failed', emptyUsage(), undefined, error instanceof Error ? error.name : 'failed');
    throw error;
  }
  reservation.settle('ok', response.usage, response.model || request.model);
  return { response, meter };
}

function feedback(problems: Problem[]): string {
  // The problems quote the answer, which may quote the data: they are data too.
  return [
    'Your answer was not accepted. Fix every problem below and answer again with the complete JSON object only.',
    dataBlock(
      'problems',
      problems
        .slice(0, 40)
        .map((p) => `- ${formatProblem(p)}`)
        .join('\n'),
    ),
  ].join('\n\n');
}

/**
 * Asks for JSON matching a schema, checks it against the schema and the stage's
 * checkpoints, and retries with the problems as feedback. Throws, having kept
 * nothing, when the answer never validates. Every request is reserved against the
 * spend cap before it is sent and recorded after (see `SpendGuard`): answers that
 * were cut off, refused or rejected are marked `invalid`, failed requests `failed`.
 */
export async function generateStructured<T>(
  request: StructuredRequest<T>,
  options: GenerateOptions<T>,
): Promise<Generated<T>> {
  let usage = emptyUsage();
  let usd = 0;
  const spend: SpendRecord[] = [];
  const messages = [...request.messages];
  let problems: Problem[] = [];
  for (let attempt = 1; attempt <= options.retries + 1; attempt++) {
    const { response, meter } = await completeWithin(options.llm, options.guard, { ...request, messages });
    for (const record of meter.records) {
      spend.push(record);
      usd += record.usd;
      usage = addUsage(usage, usageOfRecord(record));
    }
    const answered = meter.records.at(-1);
    const reject = (note: string) => {
      if (answered) meter.mark(answered, 'invalid', note);
    };

    if (response.stopReason === 'max_tokens') {
      reject('cut off at max_tokens');
      throw new CrescendoError(
        `the model's answer for ${request.task} was cut off at max_tokens (${request.maxTokens}) and is incomplete`,
        { fix: 'raise `maxTokens` in .github/crescendo.yml, or ask for fewer assets per run' },
      );
    }
    if (response.stopReason === 'refusal') {
      reject('refused');
      throw new CrescendoError(`the model declined to answer ${request.task}`, {
        fix: 'check the brief for content the model cannot help with, then run the stage again',
      });
    }

    problems = validate(response.text, request, options.check);
    if (problems.length === 0) {
      const data = request.schema.parse(JSON.parse(response.text));
      return { data, usage, usd, attempts: attempt, calls: spend.length, spend };
    }
    reject(`${problems.length} problem(s)`);
    options.log?.(`  ${request.task}: attempt ${attempt} rejected (${problems.length} problem(s)); retrying`);
    messages.push(
      { role: 'assistant', content: response.text },
      { role: 'user', content: feedback(problems) },
    );
  }
  throw new CrescendoError(
    `the model's answer for ${request.task} failed validation after ${options.retries + 1} attempts; nothing was written`,
    { problems, fix: 'run the stage again, or revise with feedback that addresses the problems listed' },
  );
}

function validate<T>(text: string, request: StructuredRequest<T>, check?: (data: T) => Problem[]): Problem[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return [{ where: '(answer)', message: `is not valid JSON: ${(error as Error).message}` }];
  }
  const parsed = request.schema.safeParse(json);
  if (!parsed.success) return zodProblems(parsed.error);
  return check?.(parsed.data) ?? [];
}
