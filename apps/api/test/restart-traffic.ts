import type { CreateOrderRequest } from '@repo/contracts';
import Stripe from 'stripe';
import { newKey } from './fixtures.ts';
import { stripeEvent } from './webhooks.ts';

export interface Answer {
  status: number;
  type: string | null;
  retryAfter: string | null;
  body: Record<string, unknown>;
}

export interface PlacedByKey {
  key: string;
  orderId: string;
  intentId: string;
}

/**
 * Diners, Stripe and an operator calling the API as they would during a database outage: each
 * retries a 503 (once the API says it is ready) and a 409 for a key still in flight, and records
 * every answer that breaks the contract (any other 5xx, a 503 without Retry-After, a dropped socket).
 */
export class Traffic {
  readonly unexpected: string[] = [];
  unavailable = 0;
  readonly placed: PlacedByKey[] = [];
  /** Keys whose request was still in flight (409) when the traffic gave up on them. */
  readonly unfinished: string[] = [];
  readonly webhooks: { eventId: string; orderId: string; outcome: unknown }[] = [];
  readonly refunds: { key: string; orderId: string; intentId: string }[] = [];
  running = true;
  readonly #paid: PlacedByKey[] = [];
  readonly #toPay: PlacedByKey[] = [];

  readonly #api: string;
  readonly #stripe: Stripe;
  readonly #order: CreateOrderRequest;
  readonly #operatorKey: string;
  readonly #webhookSecret: string;
  readonly #giveUpAt: () => number;

  constructor(options: {
    api: string;
    stripe: Stripe;
    order: CreateOrderRequest;
    operatorKey: string;
    webhookSecret: string;
    /** When retries stop: never, while the traffic runs. */
    giveUpAt: () => number;
  }) {
    this.#api = options.api;
    this.#stripe = options.stripe;
    this.#order = options.order;
    this.#operatorKey = options.operatorKey;
    this.#webhookSecret = options.webhookSecret;
    this.#giveUpAt = options.giveUpAt;
  }

  async call(method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}) {
    try {
      const res = await fetch(`${this.#api}${path}`, {
        method,
        headers: { 'Content-Type': 'application/json', ...init.headers },
        ...(init.body === undefined ? {} : { body: init.body }),
      });
      const text = await res.text();
      return {
        status: res.status,
        type: res.headers.get('content-type'),
        retryAfter: res.headers.get('retry-after'),
        body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      } satisfies Answer;
    } catch (error) {
      this.unexpected.push(`${method} ${path}: no answer (${(error as Error).message})`);
      return undefined;
    }
  }

  /**
   * Sends until a 2xx, retrying what the contract says to retry; undefined when it gave up. A key
   * held by an attempt the outage cut answers 409 until its lease ends: after `patienceMs` of those,
   * the request is left unfinished, as a diner would abandon it.
   */
  async retrying(
    what: string,
    send: () => Promise<Answer | undefined>,
    patienceMs = 5_000,
  ): Promise<Answer | undefined> {
    const startedAt = Date.now();
    for (;;) {
      const answer = await send();
      if (!answer) return undefined;
      if (answer.status < 300) return answer;
      const problem = answer.type?.startsWith('application/problem+json') ?? false;
      if (answer.status === 503 && problem && Number(answer.retryAfter) > 0) this.unavailable += 1;
      else if (answer.status !== 409 || answer.body.type !== '/problems/request-in-progress') {
        this.unexpected.push(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
        return undefined;
      }
      const patient = answer.status !== 409 || Date.now() < startedAt + patienceMs;
      if (!patient || Date.now() > this.#giveUpAt()) {
        if (answer.status === 409) this.unfinished.push(what);
        return undefined;
      }
      await this.ready();
    }
  }

  /** Waits (polling /readyz) until the API says it can serve again. */
  async ready(): Promise<void> {
    while (Date.now() < this.#giveUpAt()) {
      const res = await fetch(`${this.#api}/readyz`).catch(() => undefined);
      if (res?.status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async diner(): Promise<void> {
    while (this.running) {
      const key = newKey();
      const body = JSON.stringify(this.#order);
      const answer = await this.retrying(`order ${key}`, () =>
        this.call('POST', '/api/clients/demo/orders', { body, headers: { 'Idempotency-Key': key } }),
      );
      if (answer?.status !== 201) continue;
      const orderId = String(answer.body.order_id);
      const intentId = String(answer.body.client_secret).split('_secret_')[0] ?? '';
      const placed = { key, orderId, intentId };
      this.placed.push(placed);
      this.#toPay.push(placed);
    }
  }

  /** Pays placed orders at Stripe and delivers `payment_intent.succeeded` as Stripe would, signed. */
  async stripeWebhooks(): Promise<void> {
    while (this.running || this.#toPay.length > 0) {
      const placed = this.#toPay.shift();
      if (!placed) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        continue;
      }
      const intent = await this.#stripe.paymentIntents
        .confirm(placed.intentId, { payment_method: 'pm_card_visa' })
        .catch((error: unknown) => {
          this.unexpected.push(`paying ${placed.intentId} at Stripe: ${(error as Error).message}`);
          return undefined;
        });
      if (!intent) continue;
      const payload = JSON.stringify(stripeEvent('payment_intent.succeeded', intent));
      const eventId = (JSON.parse(payload) as { id: string }).id;
      const answer = await this.retrying(`webhook ${eventId}`, () => {
        const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: this.#webhookSecret });
        return this.call('POST', '/payments/webhooks/stripe', {
          body: payload,
          headers: { 'Stripe-Signature': signature },
        });
      });
      if (!answer) continue;
      this.webhooks.push({ eventId, orderId: placed.orderId, outcome: answer.body.outcome });
      this.#paid.push(placed);
    }
  }

  /** Reads the order list and refunds 100 cents of each paid order, once, under its own key. */
  async operator(): Promise<void> {
    const auth = { Authorization: `Bearer ${this.#operatorKey}` };
    while (this.running || this.#paid.length > 0) {
      await this.retrying('order list', () =>
        this.call('GET', '/api/clients/demo/orders?limit=5', { headers: auth }),
      );
      const paid = this.#paid.shift();
      if (!paid) continue;
      const key = newKey();
      const body = JSON.stringify({ amount: 100, reason: 'requested_by_customer' });
      const answer = await this.retrying(`refund ${key}`, () =>
        this.call('POST', `/api/clients/demo/orders/${paid.orderId}/refunds`, {
          body,
          headers: { ...auth, 'Idempotency-Key': key },
        }),
      );
      if (answer) this.refunds.push({ key, orderId: paid.orderId, intentId: paid.intentId });
    }
  }
}
