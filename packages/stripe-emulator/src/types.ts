import type Stripe from 'stripe';

export interface WebhookEndpointConfig {
  url: string;
  secret: string;
}

/** What a restricted key's permissions are about, named as Stripe's `rak_<resource>_<access>`. */
export type StripeResource = 'payment_intent' | 'charge' | 'refund' | 'dispute' | 'payment_method' | 'event';
/** Write implies read, as in Stripe's Dashboard; a resource left out is None. */
export type KeyPermissions = Partial<Record<StripeResource, 'read' | 'write'>>;

export interface EmulatorOptions {
  /** 0 = ephemeral (default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  webhooks?: WebhookEndpointConfig[];
  /** Restricted keys (rk_test_…) and what each may do; other rk_ keys are refused as invalid. */
  restrictedKeys?: Record<string, KeyPermissions>;
  /** Delays between delivery attempts; the number of entries is the number of retries. */
  retryScheduleMs?: number[];
  webhookTimeoutMs?: number;
  /** Delay before pending refunds settle, succeeded refunds fail and disputes open. */
  refundSettleMs?: number;
  logger?: (line: string) => void;
}

export type DeliveryStatus = 'pending' | 'held' | 'delivered' | 'failed' | 'dropped';

export interface DeliveryRecord {
  id: string;
  eventId: string;
  type: string;
  url: string;
  attempt: number;
  status: DeliveryStatus;
  responseStatus?: number;
  /** Epoch milliseconds of the last change. */
  at: number;
}

export interface FailRequestsOptions {
  status: 429 | 500 | 503;
  count: number;
  /** Wait this long before answering with the failure (to exercise client timeouts). */
  latencyMs?: number;
}

export interface EmulatorControl {
  /**
   * Drop all objects, events, deliveries and switches, and return webhook endpoints and restricted
   * keys to those the emulator started with.
   */
  reset(): void;
  /** Adds an endpoint; adding one that exists again changes nothing (Stripe signs once per endpoint). */
  addWebhookEndpoint(ep: WebhookEndpointConfig): void;
  addRestrictedKey(key: string, permissions: KeyPermissions): void;
  /** Sign deliveries to `url` with one v1 signature per secret (secret rotation). */
  setWebhookSecrets(url: string, secrets: string[]): void;
  deliveries(): DeliveryRecord[];
  /** While on, new deliveries are held until released. */
  hold(on: boolean): void;
  release(filter?: { eventId?: string; type?: string }): Promise<void>;
  /** Held deliveries matching the filter are dropped, never sent: a lost webhook. */
  drop(filter?: { type?: string }): void;
  /** Each delivery is sent `times` times. */
  duplicate(times: number): void;
  /** Deliver each batch of events (those one request caused) in reverse order. */
  reorder(on: boolean): void;
  /**
   * Deliver each batch in a random order (Stripe promises none); the same seed gives the same order.
   * null returns to creation order.
   */
  shuffle(seed: number | null): void;
  /** Sends the event again to every endpoint now, even while holding. */
  resend(eventId: string): Promise<void>;
  failRequests(opts: FailRequestsOptions): void;
  settleRefunds(): Promise<void>;
  /** Close an open dispute as won or lost (emits charge.dispute.closed). */
  closeDispute(disputeId: string, outcome: 'won' | 'lost'): void;
  /**
   * The authorization on a PaymentIntent in requires_capture lapses now, as Stripe does after about
   * seven days: charge.expired, then payment_intent.canceled with cancellation_reason `expired`.
   */
  expireAuthorization(paymentIntentId: string): void;
  events(): Stripe.Event[];
  /** Resolves when no delivery is pending or in flight (held ones excluded). */
  waitForIdle(): Promise<void>;
}

export interface Emulator {
  url: string;
  port: number;
  publishableKey: string;
  secretKey: string;
  stripeConfig: { host: string; port: number; protocol: 'http' };
  control: EmulatorControl;
  close(): Promise<void>;
}
