import Stripe from 'stripe';
import { newId, nowSeconds } from '../ids.ts';
import type { WebhookDispatcher } from '../webhooks/dispatcher.ts';
import type { Store } from './store.ts';

type EventObject = Stripe.PaymentIntent | Stripe.Charge | Stripe.Refund | Stripe.Dispute;

export type EmittedType =
  | 'payment_intent.created'
  | 'payment_intent.amount_capturable_updated'
  | 'payment_intent.processing'
  | 'payment_intent.requires_action'
  | 'payment_intent.succeeded'
  | 'payment_intent.payment_failed'
  | 'payment_intent.canceled'
  | 'charge.succeeded'
  | 'charge.captured'
  | 'charge.expired'
  | 'charge.failed'
  | 'charge.refunded'
  | 'charge.dispute.created'
  | 'charge.dispute.closed'
  | 'refund.created'
  | 'refund.updated'
  | 'refund.failed';

/** What caused a group of events: one API request, or one background transition. */
export interface Cause {
  requestId: string | null;
  idempotencyKey: string | null;
  apiVersion: string;
  pending: ReturnType<WebhookDispatcher['prepare']>;
}

export function backgroundCause(): Cause {
  return { requestId: null, idempotencyKey: null, apiVersion: Stripe.API_VERSION, pending: [] };
}

export class EventLog {
  private readonly store: Store;
  private readonly dispatcher: WebhookDispatcher;

  constructor(store: Store, dispatcher: WebhookDispatcher) {
    this.store = store;
    this.dispatcher = dispatcher;
  }

  emit(
    type: EmittedType,
    object: EventObject,
    cause: Cause,
    previous?: Record<string, unknown>,
  ): Stripe.Event {
    const event = {
      id: newId('evt'),
      object: 'event',
      api_version: cause.apiVersion,
      created: nowSeconds(),
      data: { object: structuredClone(object), ...(previous ? { previous_attributes: previous } : {}) },
      livemode: false,
      pending_webhooks: this.dispatcher.endpointCount,
      request: { id: cause.requestId, idempotency_key: cause.idempotencyKey },
      type,
    } satisfies Omit<Stripe.EventBase, 'data'> & { type: EmittedType; data: { object: EventObject } };
    const stored = event as Stripe.Event;
    this.store.events.push(stored);
    cause.pending.push(...this.dispatcher.prepare(stored));
    return stored;
  }

  /** Starts delivery of everything a cause emitted; Stripe sends webhooks after answering. */
  flush(cause: Cause): Promise<void> {
    const batch = cause.pending;
    cause.pending = [];
    return this.dispatcher.send(batch);
  }
}
