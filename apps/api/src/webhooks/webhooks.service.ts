import { applyDisputeToOrder } from '../orders/lifecycle/dispute.ts';
import { lockOrder, lockOrderAlongside, type OrderLookup } from '../orders/lifecycle/order-lock.ts';
import { applyIntentToOrder, reviewLogger, type SyncResult } from '../orders/lifecycle/payment-sync.ts';
import { applyRefundsToOrder, applyRefundToOrder } from '../orders/lifecycle/refund-sync.ts';
import {
  MalformedEventError,
  type PaymentEvent,
  type PaymentGateway,
  type VerifiedEvent,
  WebhookSignatureError,
} from '../payments/payment-gateway.ts';
import type { Db, Tx } from '../platform/db/database.ts';
import type { Order, WebhookOutcome } from '../platform/db/schema.ts';
import { BadRequestError, DomainError } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';
import { isUuid } from '../platform/uuid.ts';
import { isDatedAhead } from './signature-time.ts';
import {
  lockEvent,
  outcomeStatement,
  recordFailure,
  recordOutcome,
  storeEvent,
  storeEventStatement,
} from './webhooks.repository.ts';

export interface WebhookDeps {
  db: Db;
  payments: PaymentGateway;
  logger: Logger;
}

export type Receipt = { outcome: WebhookOutcome | 'duplicate'; detail: string | null };

/** Which order an event is about, if any: never a SQL error for foreign or malformed ids. */
function orderLookupFor(event: PaymentEvent): OrderLookup | null {
  switch (event.kind) {
    case 'payment_intent': {
      const orderId = event.intent.orderId;
      return orderId && isUuid(orderId) ? { column: 'id', value: orderId } : null;
    }
    case 'refund':
    case 'charge_refunded':
    case 'dispute': {
      const intentId = event.kind === 'refund' ? event.refund.paymentIntentId : event.paymentIntentId;
      return intentId ? { column: 'payment_intent_id', value: intentId } : null;
    }
    case 'unknown_status':
    case 'unhandled':
      return null;
    default: {
      const unreachable: never = event;
      throw new Error(`unknown event ${JSON.stringify(unreachable)}`);
    }
  }
}

async function applyOtherEvent(tx: Tx, order: Order, verified: VerifiedEvent): Promise<SyncResult> {
  const actor = { actorType: 'stripe' as const, actorId: verified.id };
  const { event } = verified;
  switch (event.kind) {
    case 'refund':
      return applyRefundToOrder(tx, order, event.refund, actor);
    case 'charge_refunded':
      return applyRefundsToOrder(tx, order, event.refunds, actor);
    case 'dispute':
      return applyDisputeToOrder(tx, order, event, actor);
    case 'payment_intent':
    case 'unknown_status':
    case 'unhandled':
      return { outcome: 'unchanged', reason: `event type ${event.type} is not handled here` };
    default: {
      const unreachable: never = event;
      throw new Error(`unknown event ${JSON.stringify(unreachable)}`);
    }
  }
}

/** An applied event's receipt, and the review it raised, logged once the transaction has committed. */
interface Applied {
  receipt: Receipt;
  review?: { orderId: string; reason: string };
}

function logReview(deps: WebhookDeps, verified: VerifiedEvent, { review }: Applied): void {
  if (review) reviewLogger(deps.logger, { eventId: verified.id })(review);
}

/** Applies a stored event to its locked order and records the outcome, in the caller's transaction. */
async function applyLocked(
  tx: Tx,
  deps: WebhookDeps,
  verified: VerifiedEvent,
  order: Order | undefined,
): Promise<Applied> {
  const ignore = async (detail: string, orderId: string | null = null): Promise<Applied> => {
    await recordOutcome(tx, verified.id, 'ignored', detail, orderId);
    return { receipt: { outcome: 'ignored', detail } };
  };
  if (verified.livemode !== deps.payments.livemode) {
    const detail = `livemode ${verified.livemode} does not match this API's ${deps.payments.livemode ? 'live' : 'test'} key`;
    deps.logger.error({ eventId: verified.id, type: verified.type }, `webhook ignored: ${detail}`);
    return ignore(detail);
  }
  if (verified.event.kind === 'unknown_status') {
    // Stripe retrying the event cannot teach this code a new status, so the event is answered 2xx
    // and kept as failed. A replay applies it once the code knows the status; the gateway logged it.
    const detail = verified.event.problem.message;
    await recordOutcome(tx, verified.id, 'failed', detail);
    return { receipt: { outcome: 'failed', detail } };
  }
  if (!order)
    return ignore(
      verified.event.kind === 'unhandled' ? `${verified.type} is not handled` : 'not about an order of ours',
    );
  const result =
    verified.event.kind === 'payment_intent'
      ? // Writes the order, its timeline, its jobs and this event's outcome in one statement.
        await applyIntentToOrder(
          tx,
          order,
          verified.event.intent,
          { actorType: 'stripe', actorId: verified.id },
          {
            createdAt: new Date(verified.created * 1000),
            recordOutcome: (detail) => outcomeStatement(verified.id, 'applied', detail, order.id),
          },
        )
      : await applyOtherEvent(tx, order, verified);
  if (result.outcome === 'unchanged') return ignore(result.reason, order.id);
  const review = result.outcome === 'needs_review' ? result.reason : result.review;
  const detail = result.outcome === 'applied' ? result.change : result.reason;
  if (verified.event.kind !== 'payment_intent')
    await recordOutcome(tx, verified.id, 'applied', detail, order.id);
  return {
    receipt: { outcome: 'applied', detail },
    ...(review ? { review: { orderId: order.id, reason: review } } : {}),
  };
}

/** Re-applies a stored event with its row and its order locked (replay): transitions are forward-only. */
export async function applyStoredEvent(deps: WebhookDeps, verified: VerifiedEvent): Promise<Receipt> {
  const applied = await deps.db.transaction().execute(async (tx) => {
    if (!(await lockEvent(tx, verified.id))) throw new Error(`event ${verified.id} is not stored`);
    const lookup = orderLookupFor(verified.event);
    return applyLocked(tx, deps, verified, lookup ? await lockOrder(tx, lookup) : undefined);
  });
  logReview(deps, verified, applied);
  return applied.receipt;
}

/**
 * Stores a verified event once and applies it in the same transaction, with the order row locked.
 * A concurrent duplicate waits on the event row and then finds it applied. A failure is recorded on
 * the stored event and rethrown, so Stripe retries.
 */
export async function receiveEvent(deps: WebhookDeps, verified: VerifiedEvent): Promise<Receipt> {
  try {
    const applied = await deps.db.transaction().execute(async (tx): Promise<Applied> => {
      const lookup = orderLookupFor(verified.event);
      // The INSERT of a duplicate waits for a concurrent delivery of it to finish first.
      const { rows, order } = lookup
        ? await lockOrderAlongside(tx, lookup, storeEventStatement(verified))
        : { rows: (await storeEvent(tx, verified)) ? 1 : 0, order: undefined };
      const fresh = rows > 0;
      if (!fresh) {
        const stored = await lockEvent(tx, verified.id);
        if (stored && (stored.outcome === 'applied' || stored.outcome === 'ignored')) {
          return { receipt: { outcome: 'duplicate', detail: stored.outcome } };
        }
      }
      return applyLocked(tx, deps, verified, order);
    });
    logReview(deps, verified, applied);
    return applied.receipt;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    deps.logger.error(
      { err: error, eventId: verified.id, type: verified.type },
      'webhook apply failed; Stripe will retry',
    );
    await recordFailure(deps.db, verified, detail).catch(() => undefined);
    throw error;
  }
}

/**
 * Verifies a delivery's signature and shape, then stores and applies it. A bad signature is a 400;
 * a signed event we cannot read is refused (400) and stored nowhere, since a retry cannot fix it.
 */
export function receiveWebhook(
  deps: WebhookDeps,
  raw: Buffer,
  signature: string | undefined,
): Promise<Receipt> {
  let verified: VerifiedEvent;
  try {
    verified = deps.payments.verifyWebhook(raw, signature);
    if (isDatedAhead(signature)) {
      throw new WebhookSignatureError('Timestamp outside the tolerance zone (ahead of our clock)');
    }
  } catch (error) {
    if (error instanceof WebhookSignatureError) {
      deps.logger.warn({ reason: error.message }, 'webhook signature rejected');
      throw new BadRequestError(
        `Webhook signature verification failed: ${error.message}`,
        'invalid-signature',
      );
    }
    if (error instanceof MalformedEventError) {
      deps.logger.warn({ errors: error.errors }, 'webhook event malformed');
      throw new DomainError(400, 'malformed-event', 'Malformed event', error.message, {
        errors: error.errors,
      });
    }
    throw error;
  }
  return receiveEvent(deps, verified);
}
