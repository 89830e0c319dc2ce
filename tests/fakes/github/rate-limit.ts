const WINDOW_SECONDS = 3600;

/** The primary (hourly) rate limit: headers on every answer, and 403 once it is used up. */
export class RateLimit {
  limit = 5000;
  used = 0;
  #resetAt: number;

  constructor(private readonly now: () => Date) {
    this.#resetAt = this.#seconds() + WINDOW_SECONDS;
  }

  get remaining(): number {
    this.#roll();
    return Math.max(0, this.limit - this.used);
  }

  /** Epoch seconds when the window resets. */
  get resetAt(): number {
    this.#roll();
    return this.#resetAt;
  }

  set(options: { limit?: number; remaining: number; resetInSeconds?: number }): void {
    if (options.limit !== undefined) this.limit = options.limit;
    this.used = this.limit - options.remaining;
    if (options.resetInSeconds !== undefined) this.#resetAt = this.#seconds() + options.resetInSeconds;
  }

  consume(): void {
    if (this.remaining > 0) this.used += 1;
  }

  headers(): Record<string, string> {
    return {
      'x-ratelimit-limit': String(this.limit),
      'x-ratelimit-remaining': String(this.remaining),
      'x-ratelimit-reset': String(this.resetAt),
      'x-ratelimit-used': String(this.used),
      'x-ratelimit-resource': 'core',
    };
  }

  #seconds(): number {
    return Math.floor(this.now().getTime() / 1000);
  }

  #roll(): void {
    if (this.#seconds() >= this.#resetAt) {
      this.used = 0;
      this.#resetAt = this.#seconds() + WINDOW_SECONDS;
    }
  }
}
