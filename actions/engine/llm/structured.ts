import type { Pricing } from '../config/config.js';
import { CrescendoError, formatProblem, type Problem } from '../errors.js';
import { zodProblems } from '../files/yaml.js';
import {
  addUsage,
  emptyUsage,
  type Llm,
  type LlmMessage,
  type LlmUsage,
  type StructuredRequest,
} from './llm.js';
import { costOf } from './pricing.js';
import type { SpendGuard } from './spend-guard.js';

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
  usage: LlmUsage;
  usd: number;
  attempts: number;
  calls: number;
}

const promptChars = (request: StructuredRequest<unknown>, messages: LlmMessage[]): number =>
  request.system.reduce((n, b) => n + b.text.length, 0) + messages.reduce((n, m) => n + m.content.length, 0);

function feedback(problems: Problem[]): string {
  return [
    'Your answer was not accepted. Fix every problem below and answer again with the complete JSON object only.',
    ...problems.slice(0, 40).map((p) => `- ${formatProblem(p)}`),
  ].join('\n');
}

/**
 * Asks for JSON matching a schema, checks it against the schema and the stage's
 * checkpoints, and retries with the problems as feedback. Throws, having kept
 * nothing, when the answer never validates.
 */
export async function generateStructured<T>(
  request: StructuredRequest<T>,
  options: GenerateOptions<T>,
): Promise<Generated<T>> {
  let usage = emptyUsage();
  let usd = 0;
  let calls = 0;
  const messages = [...request.messages];
  let problems: Problem[] = [];
  for (let attempt = 1; attempt <= options.retries + 1; attempt++) {
    options.guard.assertCanSpend(
      request.model,
      promptChars(request, messages),
      request.maxTokens,
      request.task,
    );
    const response = await options.llm.complete({ ...request, messages });
    calls++;
    const callUsd = costOf(options.pricing, response.model || request.model, response.usage);
    usage = addUsage(usage, response.usage);
    usd += callUsd;
    options.guard.record(callUsd);

    if (response.stopReason === 'max_tokens') {
      throw new CrescendoError(
        `the model's answer for ${request.task} was cut off at max_tokens (${request.maxTokens}) and is incomplete`,
        { fix: 'raise `maxTokens` in .github/crescendo.yml, or ask for fewer assets per run' },
      );
    }
    if (response.stopReason === 'refusal') {
      throw new CrescendoError(`the model declined to answer ${request.task}`, {
        fix: 'check the brief for content the model cannot help with, then run the stage again',
      });
    }

    problems = validate(response.text, request, options.check);
    if (problems.length === 0) {
      const data = request.schema.parse(JSON.parse(response.text));
      return { data, usage, usd, attempts: attempt, calls };
    }
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
