import type { PaymentStatus, RefundStatus } from '@repo/contracts';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { OrderJobKind, WebhookOutcome } from '../platform/db/schema.ts';

/**
 * The numbers an on-call engineer alerts on, one registry per process (an API or a worker),
 * served on METRICS_PORT by metrics-server.ts. Each `count…` function is the one-line hook a
 * route, service or job calls where the thing happens; labels are small, closed sets, never ids.
 */
export const registry = new Registry();

const httpDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP requests by method, route template and status, from arrival to the response finishing.',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

const ordersPlaced = new Counter({
  name: 'orders_placed_total',
  help: 'Orders placed and handed a PaymentIntent (replays of an Idempotency-Key are not counted).',
  registers: [registry],
});

const payments = new Counter({
  name: 'payments_total',
  help: "Payment moves written to orders, by the order's new payment status (needs_review: put in front of a person).",
  labelNames: ['outcome'] as const,
  registers: [registry],
});

const webhookEvents = new Counter({
  name: 'webhook_events_total',
  help: 'Stripe webhook deliveries by event type and outcome (applied, ignored, duplicate, failed, rejected).',
  labelNames: ['type', 'outcome'] as const,
  registers: [registry],
});

const webhookLag = new Histogram({
  name: 'webhook_event_lag_seconds',
  help: "Seconds from Stripe's event `created` to this API deciding on the event (applied or ignored).",
  buckets: [1, 2, 5, 10, 30, 60, 300, 900, 3600, 21_600, 86_400],
  registers: [registry],
});

const jobsQueued = new Counter({
  name: 'jobs_queued_total',
  help: 'Post-payment jobs moved from the outbox into the queue, by kind.',
  labelNames: ['kind'] as const,
  registers: [registry],
});

const jobsFailed = new Counter({
  name: 'jobs_failed_total',
  help: 'Failed attempts of post-payment jobs, by kind; the queue retries them.',
  labelNames: ['kind'] as const,
  registers: [registry],
});

const jobsDead = new Counter({
  name: 'jobs_dead_lettered_total',
  help: 'Post-payment jobs that ran out of retries and wait for a person (jobs:retry), by kind.',
  labelNames: ['kind'] as const,
  registers: [registry],
});

const ordersFlagged = new Counter({
  name: 'orders_flagged_for_review_total',
  help: 'Orders put in front of a person for review (review_reason set).',
  registers: [registry],
});

const refunds = new Counter({
  name: 'refunds_total',
  help: 'Refund ledger rows entering a status (pending when requested, then what Stripe decides).',
  labelNames: ['status'] as const,
  registers: [registry],
});

const eventStreams = new Gauge({
  name: 'order_event_streams_open',
  help: 'Server-Sent Events streams open in this process: restaurant boards and diners following an order.',
  labelNames: ['kind'] as const,
  registers: [registry],
});

export function observeHttpRequest(method: string, route: string, status: number, seconds: number): void {
  httpDuration.observe({ method, route, status: String(status) }, seconds);
}

export function countOrderPlaced(): void {
  ordersPlaced.inc();
}

export function countPayment(outcome: PaymentStatus | 'needs_review'): void {
  payments.inc({ outcome });
}

/** A verified event's delivery; `created` is Stripe's, in Unix seconds. */
export function countWebhookEvent(
  event: { type: string | null; created: number | null },
  outcome: WebhookOutcome | 'duplicate',
): void {
  // A verified body may lack its type or creation time (it is stored whatever its shape).
  webhookEvents.inc({ type: event.type ?? 'unknown', outcome });
  if (event.created !== null && (outcome === 'applied' || outcome === 'ignored')) {
    webhookLag.observe(Math.max(0, Date.now() / 1000 - event.created));
  }
}

/** A delivery refused before it was read: a bad signature or a malformed event. */
export function countWebhookRejected(): void {
  webhookEvents.inc({ type: 'unverified', outcome: 'rejected' });
}

export function countJobQueued(kind: OrderJobKind): void {
  jobsQueued.inc({ kind });
}

export function countJobFailed(kind: OrderJobKind): void {
  jobsFailed.inc({ kind });
}

export function countJobDead(kind: OrderJobKind): void {
  jobsDead.inc({ kind });
}

export function countOrderFlagged(): void {
  ordersFlagged.inc();
}

export function countRefund(status: RefundStatus): void {
  refunds.inc({ status });
}

/** Counts an event stream while it is open; call the returned function when it closes. */
export function trackEventStream(kind: 'board' | 'diner'): () => void {
  eventStreams.inc({ kind });
  return () => eventStreams.dec({ kind });
}
