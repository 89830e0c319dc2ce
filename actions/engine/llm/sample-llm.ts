import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CrescendoError } from '../errors.js';
import type { Llm, LlmResponse, StructuredRequest } from './llm.js';
import { emptyUsage } from './usage.js';

/** File name of a task's sample answer: `content/blog-post/1` → `content__blog-post__1.json`. */
export const sampleFileName = (task: string): string => `${task.replaceAll('/', '__')}.json`;

/**
 * Answers from files shipped for one example brief, so the demo runs offline. It is
 * marked `isSample`, and every artifact made with it says so. Measurement reports are
 * keyed by period, so any `measurement/<date>` task uses `measurement.json`.
 */
export class SampleLlm implements Llm {
  readonly isSample = true;

  constructor(private readonly dir: string) {}

  async complete<T>(request: StructuredRequest<T>): Promise<LlmResponse> {
    const task = request.task.startsWith('measurement/') ? 'measurement' : request.task;
    const file = join(this.dir, sampleFileName(task));
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw new CrescendoError(`there is no sample answer for ${request.task}`, {
        where: file,
        fix: 'sample answers exist only for the example brief; set ANTHROPIC_API_KEY to run any other brief live',
      });
    }
    return {
      text: JSON.stringify(JSON.parse(text)),
      stopReason: 'end_turn',
      usage: emptyUsage(),
      model: request.model,
    };
  }
}
