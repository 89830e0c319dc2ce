import type { Llm, LlmResponse, StructuredRequest } from '../../actions/engine/llm/llm.js';
import { SampleLlm } from '../../actions/engine/llm/sample-llm.js';
import { smallSamplesDir } from '../helpers.js';

/**
 * The small example's sample answers (tests/fixtures/demo-small), every request recorded, and any task's
 * answer replaced on request.
 */
export class RecordingSampleLlm implements Llm {
  readonly isSample = true;
  readonly requests: StructuredRequest<unknown>[] = [];
  readonly overrides = new Map<string, unknown>();
  readonly #samples = new SampleLlm(smallSamplesDir);

  async complete<T>(request: StructuredRequest<T>): Promise<LlmResponse> {
    this.requests.push(request as StructuredRequest<unknown>);
    const answer = await this.#samples.complete(request);
    const override = this.overrides.get(request.task);
    return override === undefined ? answer : { ...answer, text: JSON.stringify(override) };
  }

  /** Tasks asked since request number `from`. */
  tasksSince(from: number): string[] {
    return this.requests.slice(from).map((r) => r.task);
  }
}
