import type { AnthropicLlm, AnthropicLlmOptions } from './anthropic-llm.js';
import { missingApiKey } from './api-key.js';
import type {
  EvidenceRequest,
  EvidenceResult,
  Llm,
  LlmBatches,
  LlmResponse,
  SpendMeter,
  StructuredRequest,
} from './llm.js';

/**
 * The live model, with the Anthropic SDK loaded at its first request instead of at start: the SDK is the
 * largest package in the bundle, and a run that ends before asking the model (a skip, a refusal, a wait,
 * a progress refresh) never needs it. The key is checked at once, as `AnthropicLlm` does.
 */
export class LazyAnthropicLlm implements Llm {
  readonly isSample = false;
  readonly metered = true;
  readonly batches: LlmBatches;
  #llm: Promise<AnthropicLlm> | undefined;

  constructor(private readonly options: AnthropicLlmOptions = {}) {
    if (!(options.apiKey ?? process.env.ANTHROPIC_API_KEY)) throw missingApiKey();
    this.batches = {
      submit: async (requests) => (await this.live()).batches.submit(requests),
      poll: async (batchId) => (await this.live()).batches.poll(batchId),
      collect: async (batchId) => (await this.live()).batches.collect(batchId),
    };
  }

  private live(): Promise<AnthropicLlm> {
    this.#llm ??= import('./anthropic-llm.js').then(({ AnthropicLlm }) => new AnthropicLlm(this.options));
    return this.#llm;
  }

  async complete<T>(request: StructuredRequest<T>, meter?: SpendMeter): Promise<LlmResponse> {
    return (await this.live()).complete(request, meter);
  }

  async gather(request: EvidenceRequest, meter?: SpendMeter): Promise<EvidenceResult> {
    return (await this.live()).gather(request, meter);
  }
}
