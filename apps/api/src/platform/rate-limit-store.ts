import { type IncrementResponse, MemoryStore, type Options, type Store } from 'express-rate-limit';
import type { RedisStore } from 'rate-limit-redis';

/**
 * A limiter's counters in Redis while Redis answers, and in this process's memory while it does not,
 * so an outage relaxes a limit to one per process instead of lifting it (passOnStoreError alone
 * would let every request through).
 */
export class FailoverStore implements Store {
  readonly localKeys = false;
  readonly prefix: string;
  readonly #redis: RedisStore;
  readonly #memory = new MemoryStore();
  readonly #shared: () => boolean;
  #options: Options | undefined;

  constructor(redis: RedisStore, shared: () => boolean) {
    this.#redis = redis;
    this.prefix = redis.prefix;
    this.#shared = shared;
  }

  init(options: Options): void {
    this.#options = options;
    this.#memory.init(options);
    if (this.#shared()) this.reconnected();
  }

  /**
   * Loads the counting scripts into Redis again. rate-limit-redis loads them once, at init, and keeps
   * a failed load for good: after a start without Redis, every count would fail until a restart.
   */
  reconnected(): void {
    if (this.#options) this.#redis.init(this.#options).catch(() => undefined);
  }

  async increment(key: string): Promise<IncrementResponse> {
    if (this.#shared()) {
      try {
        return await this.#redis.increment(key);
      } catch {
        // Redis went away during the call: this request is counted here instead.
      }
    }
    return this.#memory.increment(key);
  }

  async decrement(key: string): Promise<void> {
    if (this.#shared()) await this.#redis.decrement(key).catch(() => undefined);
    await this.#memory.decrement(key);
  }

  async resetKey(key: string): Promise<void> {
    if (this.#shared()) await this.#redis.resetKey(key).catch(() => undefined);
    await this.#memory.resetKey(key);
  }

  shutdown(): void {
    this.#memory.shutdown();
  }
}
