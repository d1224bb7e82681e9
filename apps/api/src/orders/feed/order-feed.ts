import { coalesced } from '../../platform/coalesce.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Listen, Unlisten } from '../../platform/db/listen.ts';
import type { Logger } from '../../platform/logger.ts';
import { readOrderChanges } from './order-feed.repository.ts';

/** Notified by a trigger on `order_events` at the commit of each transaction that changes an order. */
export const ORDER_CHANGES_CHANNEL = 'order_changes';

/**
 * How soon the feed reads again when committed changes wait behind an older open transaction: no
 * notification will come for them when that transaction ends, and the poll may be far off.
 */
const HELD_RETRY_MS = 100;

export interface FeedFollower {
  restaurantId: string;
  /** Only this order; without it, every order of the restaurant. */
  orderId?: string;
  /** Orders it follows changed; every change below `position` can now be read. */
  changed(orderIds: string[], position: string): void;
}

export interface Following {
  /** Every change below it had committed when the follow began; later ones reach `changed`. */
  position: string;
  stop(): void;
}

export interface OrderFeedOptions {
  logger: Logger;
  /** Notifications from the database, when it has them: the feed reads at once. */
  listen?: Listen | undefined;
  /** How often the feed reads without a notification (one cheap query per process). */
  pollMs: number;
}

/**
 * One reader of the order change feed per process, shared by all its event streams: a write in
 * any process reaches the streams of every process, through the database, not process memory. It
 * reads when notified, every `pollMs` (a lost notification, a listener reconnecting), and again
 * shortly while committed changes wait behind an older open transaction; only while someone follows.
 */
export class OrderFeed {
  readonly #db: Db;
  readonly #options: OrderFeedOptions;
  readonly #byOrder = new Map<string, Set<FeedFollower>>();
  readonly #byRestaurant = new Map<string, Set<FeedFollower>>();
  readonly #reads;
  #followers = 0;
  #position: string | null = null;
  #started: Promise<void> | null = null;
  #poll: NodeJS.Timeout | undefined;
  #retry: NodeJS.Timeout | undefined;
  #unlisten: Promise<Unlisten | undefined> | undefined;
  #closed = false;

  constructor(db: Db, options: OrderFeedOptions) {
    this.#db = db;
    this.#options = options;
    this.#reads = coalesced(
      () => this.#read(),
      (error) => options.logger.warn({ err: error }, 'order feed read failed; retrying at the next poll'),
    );
  }

  /** How many streams follow the feed in this process. */
  get followers(): number {
    return this.#followers;
  }

  async follow(follower: FeedFollower): Promise<Following> {
    if (this.#closed) throw new Error('the order feed is closed');
    const [map, key] = follower.orderId
      ? [this.#byOrder, follower.orderId]
      : [this.#byRestaurant, follower.restaurantId];
    const set = map.get(key) ?? new Set<FeedFollower>();
    map.set(key, set);
    set.add(follower);
    this.#followers += 1;
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      set.delete(follower);
      if (set.size === 0) map.delete(key);
      this.#followers -= 1;
      if (this.#followers === 0) this.#idle();
    };
    try {
      await this.#start();
    } catch (error) {
      stop();
      throw error;
    }
    return { position: this.#position as string, stop };
  }

  /** Reads now (once more, if a read is running); resolves when the feed has caught up. */
  nudge(): Promise<void> {
    if (this.#followers > 0) this.#reads.trigger();
    return this.#reads.idle();
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    clearInterval(this.#poll);
    this.#poll = undefined;
    const unlisten = await this.#unlisten;
    await unlisten?.();
    await this.#reads.idle();
  }

  #start(): Promise<void> {
    this.#started ??= (async () => {
      const { listen, pollMs } = this.#options;
      if (listen && !this.#unlisten) {
        this.#unlisten = listen(ORDER_CHANGES_CHANNEL, () => void this.nudge()).catch((error: unknown) => {
          this.#options.logger.warn({ err: error }, 'order feed cannot listen; polling only');
          return undefined;
        });
      }
      this.#position = (await readOrderChanges(this.#db, null)).upto;
      this.#poll ??= setInterval(() => void this.nudge(), pollMs);
      this.#poll.unref();
    })().catch((error: unknown) => {
      this.#started = null;
      throw error;
    });
    return this.#started;
  }

  #idle(): void {
    clearInterval(this.#poll);
    this.#poll = undefined;
    this.#started = null;
    this.#position = null;
  }

  async #read(): Promise<void> {
    const since = this.#position;
    if (since === null) return;
    const batch = await readOrderChanges(this.#db, since);
    // Everyone left while reading: the next follower starts from a fresh position.
    if (this.#position === null) return;
    this.#position = batch.upto;
    const touched = new Map<FeedFollower, string[]>();
    const add = (followers: Set<FeedFollower> | undefined, orderId: string) => {
      for (const follower of followers ?? [])
        touched.set(follower, [...(touched.get(follower) ?? []), orderId]);
    };
    for (const order of batch.orders) {
      add(this.#byOrder.get(order.id), order.id);
      add(this.#byRestaurant.get(order.restaurant_id), order.id);
    }
    for (const [follower, orderIds] of touched) follower.changed(orderIds, batch.upto);
    if (batch.held && !this.#retry && !this.#closed) {
      this.#retry = setTimeout(() => {
        this.#retry = undefined;
        void this.nudge();
      }, HELD_RETRY_MS);
      this.#retry.unref();
    }
  }
}
