import type Stripe from 'stripe';
import { newId, nowSeconds } from '../ids.ts';
import type { DeliveryRecord, DeliveryStatus, WebhookEndpointConfig } from '../types.ts';
import { postJson } from './post.ts';
import { signatureHeader } from './signature.ts';

export interface DispatcherOptions {
  endpoints: WebhookEndpointConfig[];
  retryScheduleMs: number[];
  timeoutMs: number;
  log: (line: string) => void;
}

interface Delivery {
  record: DeliveryRecord;
  event: Stripe.Event;
}

/** At-least-once webhook delivery with test switches: hold, drop, duplicate, reorder. */
export class WebhookDispatcher {
  private readonly endpoints = new Map<string, string[]>();
  private deliveries: Delivery[] = [];
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private idleWaiters: (() => void)[] = [];
  private holding = false;
  private copies = 1;
  private reversing = false;
  private readonly opts: DispatcherOptions;

  constructor(opts: DispatcherOptions) {
    this.opts = opts;
    for (const ep of opts.endpoints) this.endpoints.set(ep.url, [ep.secret]);
  }

  get endpointCount(): number {
    return this.endpoints.size;
  }

  addEndpoint(ep: WebhookEndpointConfig): void {
    this.endpoints.set(ep.url, [...(this.endpoints.get(ep.url) ?? []), ep.secret]);
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

  reorder(on: boolean): void {
    this.reversing = on;
  }

  records(): DeliveryRecord[] {
    return this.deliveries.map((d) => ({ ...d.record }));
  }

  reset(): void {
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    this.deliveries = [];
    this.holding = false;
    this.copies = 1;
    this.reversing = false;
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
    const ordered = this.reversing ? [...batch].reverse() : batch;
    for (const delivery of ordered) {
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
    if (status >= 200 && status < 300) return this.setStatus(delivery, 'delivered');
    const delay = this.opts.retryScheduleMs[record.attempt - 1];
    if (delay === undefined) return this.setStatus(delivery, 'failed');
    record.at = Date.now();
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      void this.attempt(delivery);
    }, delay);
    this.retryTimers.add(timer);
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
