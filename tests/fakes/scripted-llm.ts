import type { Llm, LlmResponse, StructuredRequest } from '../../actions/engine/llm/llm.js';
import { emptyUsage } from '../../actions/engine/llm/usage.js';

/** An in-process model for engine tests: answers per task, in order, and records every request. */
export class ScriptedLlm implements Llm {
  readonly isSample = false;
  readonly requests: StructuredRequest<unknown>[] = [];

  constructor(private readonly answers: (request: StructuredRequest<unknown>) => string | unknown) {}

  async complete<T>(request: StructuredRequest<T>): Promise<LlmResponse> {
    this.requests.push(request as StructuredRequest<unknown>);
    const answer = this.answers(request as StructuredRequest<unknown>);
    return {
      text: typeof answer === 'string' ? answer : JSON.stringify(answer),
      stopReason: 'end_turn',
      model: request.model,
      usage: { ...emptyUsage(), inputTokens: 1000, outputTokens: 500 },
    };
  }
}
