import type Stripe from 'stripe';
import { newId, nowSeconds } from '../ids.ts';
import type { DeliveryRecord, DeliveryStatus, WebhookEndpointConfig } from '../types.ts';
import { type DeliveryOrder, inOrder, reversed, shuffled } from './delivery-order.ts';
import { postJson } from './post.ts';
import { signatureHeader } from './signature.ts';

export interface DispatcherOptions {
  endpoints: WebhookEndpointConfig[];
  retryScheduleMs: number[];
  timeoutMs: number;
  log: (line: string) => void;
}

export interface Delivery {
  record: DeliveryRecord;
  event: Stripe.Event;
}

/** At-least-once webhook delivery with test switches: hold, drop, duplicate, reorder. */
export class WebhookDispatcher {
  private endpoints = new Map<string, string[]>();
  /** Event id and endpoint url of every first successful delivery, so pending_webhooks counts down once. */
  private readonly counted = new Set<string>();
  private order: DeliveryOrder = inOrder;
  private deliveries: Delivery[] = [];
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private idleWaiters: (() => void)[] = [];
  private holding = false;
  private copies = 1;
  private readonly opts: DispatcherOptions;

  constructor(opts: DispatcherOptions) {
    this.opts = opts;
    this.restoreEndpoints();
  }

  private restoreEndpoints(): void {
    this.endpoints = new Map();
    for (const ep of this.opts.endpoints) this.addEndpoint(ep);
  }

  get endpointCount(): number {
    return this.endpoints.size;
  }

  /** The same url and secret again is the same endpoint; another secret for it is a rotation. */
  addEndpoint(ep: WebhookEndpointConfig): void {
    const secrets = this.endpoints.get(ep.url) ?? [];
    this.endpoints.set(ep.url, secrets.includes(ep.secret) ? secrets : [...secrets, ep.secret]);
  }

  setSecrets(url: string, secrets: string[]): void {
    this.endpoints.set(url, [...secrets]);
  }

  hold(on: boolean): void {
    this.holding = on;
  }

  duplicate(times: number): void {
    this.copies = Math.max(1, Math.floor(times));
  }

  /** Each request's events go out newest first, or back in order. */
  reorder(on: boolean): void {
    this.order = on ? reversed : inOrder;
  }

  /** Each request's events go out in a random order, repeatable with the same seed; null stops it. */
  shuffle(seed: number | null): void {
    this.order = seed === null ? inOrder : shuffled(seed);
  }

  records(): DeliveryRecord[] {
    return this.deliveries.map((d) => ({ ...d.record }));
  }

  reset(): void {
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    this.deliveries = [];
    this.counted.clear();
    this.holding = false;
    this.copies = 1;
    this.reorder(false);
    this.restoreEndpoints();
    this.notifyIfIdle();
  }

  /** Records the deliveries now (so waitForIdle sees them); `send` starts them after the response. */
  prepare(event: Stripe.Event, bypassHold = false): Delivery[] {
    const prepared: Delivery[] = [];
    for (const url of this.endpoints.keys()) {
      for (let copy = 0; copy < this.copies; copy++) {
        const status: DeliveryStatus = this.holding && !bypassHold ? 'held' : 'pending';
        const record = {
          id: newId('whdel'),
          eventId: event.id,
          type: event.type,
          url,
          attempt: 0,
          status,
          at: Date.now(),
        };
        prepared.push({ record, event });
      }
    }
    this.deliveries.push(...prepared);
    return prepared;
  }

  async send(batch: Delivery[]): Promise<void> {
    for (const delivery of this.order(batch)) {
      if (delivery.record.status === 'pending' && delivery.record.attempt === 0) await this.attempt(delivery);
    }
  }

  async release(filter: { eventId?: string; type?: string } = {}): Promise<void> {
    const matching = this.deliveries.filter((d) => d.record.status === 'held' && matches(d.record, filter));
    for (const d of matching) this.setStatus(d, 'pending');
    await this.send(matching);
  }

  drop(filter: { type?: string } = {}): void {
    for (const d of this.deliveries) {
      if (d.record.status === 'held' && matches(d.record, filter)) this.setStatus(d, 'dropped');
    }
  }

  waitForIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
  }

  private async attempt(delivery: Delivery): Promise<void> {
    const { record, event } = delivery;
    const secrets = this.endpoints.get(record.url) ?? [];
    record.attempt += 1;
    const payload = JSON.stringify(event, null, 2);
    const header = signatureHeader(payload, secrets, nowSeconds());
    const status = await postJson(record.url, payload, { 'stripe-signature': header }, this.opts.timeoutMs);
    if (record.status !== 'pending') return;
    record.responseStatus = status;
    this.opts.log(
      `webhook ${event.type} ${event.id} -> ${record.url} attempt ${record.attempt}: ${status || 'no response'}`,
    );
    if (status >= 200 && status < 300) {
      this.countDown(delivery);
      return this.setStatus(delivery, 'delivered');
    }
    const delay = this.opts.retryScheduleMs[record.attempt - 1];
    if (delay === undefined) return this.setStatus(delivery, 'failed');
    record.at = Date.now();
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      void this.attempt(delivery);
    }, delay);
    this.retryTimers.add(timer);
  }

  /** Stripe's pending_webhooks: endpoints that have not yet answered this event with a 2xx. */
  private countDown({ event, record }: Delivery): void {
    const key = `${event.id}\u0000${record.url}`;
    if (this.counted.has(key)) return;
    this.counted.add(key);
    event.pending_webhooks = Math.max(0, event.pending_webhooks - 1);
  }

  private setStatus(delivery: Delivery, status: DeliveryStatus): void {
    delivery.record.status = status;
    delivery.record.at = Date.now();
    this.notifyIfIdle();
  }

  private isIdle(): boolean {
    return !this.deliveries.some((d) => d.record.status === 'pending');
  }

  private notifyIfIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

function matches(record: DeliveryRecord, filter: { eventId?: string; type?: string }): boolean {
  return (
    (!filter.eventId || record.eventId === filter.eventId) && (!filter.type || record.type === filter.type)
  );
}
