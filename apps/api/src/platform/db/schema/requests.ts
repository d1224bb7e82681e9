import type { Generated } from 'kysely';
import type { CreatedAt, Json, Timestamp } from './columns.ts';

// What arrives from outside and must be answered once: Idempotency-Keys and Stripe's webhook events.

export interface IdempotencyKeyTable {
  id: Generated<string>;
  restaurant_id: string;
  scope: string;
  key: string;
  fingerprint: string;
  locked_until: Timestamp | null;
  recovery_point: Generated<RecoveryPoint>;
  resource_id: string | null;
  response_status: number | null;
  response_body: string | null;
  created_at: CreatedAt;
}

/**
 * How far a request under an Idempotency-Key got, so a retry resumes there: placing an order
 * (`order_created`), cancelling one (`cancel_requested`), a refund reserved in the ledger.
 */
export type RecoveryPoint =
  | 'started'
  | 'order_created'
  | 'cancel_requested'
  | 'accept_requested'
  | 'status_moved'
  | 'refund_reserved'
  | 'finished';

export type WebhookOutcome = 'received' | 'applied' | 'ignored' | 'failed';

/** A verified Stripe event as received; the envelope's fields are null where the event gives none. */
export interface WebhookEventTable {
  id: string;
  type: string | null;
  livemode: boolean | null;
  stripe_created_at: Timestamp | null;
  /** The body as received, parsed by PostgreSQL; null when jsonb cannot hold it (see raw_body). */
  payload: Json<unknown> | null;
  /** The body as received, when jsonb cannot hold it. */
  raw_body: string | null;
  outcome: Generated<WebhookOutcome>;
  outcome_detail: string | null;
  order_id: string | null;
  attempts: Generated<number>;
  received_at: CreatedAt;
  processed_at: Timestamp | null;
}
