import { countWebhookEvent, countWebhookRejected } from '../metrics/metrics.ts';
import { applyDisputeToOrder } from '../orders/lifecycle/dispute.ts';
import { lockOrder, lockOrderAlongside, type OrderLookup } from '../orders/lifecycle/order-lock.ts';
import { applyIntentToOrder, reviewLogger, type SyncResult } from '../orders/lifecycle/payment-sync.ts';
import { applyRefundsToOrder, applyRefundToOrder } from '../orders/lifecycle/refund-sync.ts';
import {
  type EventSubject,
  MalformedEventError,
  type PaymentGateway,
  type VerifiedEvent,
  WebhookSignatureError,
} from '../payments/payment-gateway.ts';
import type { Db, Tx } from '../platform/db/database.ts';
import type { Order, WebhookOutcome } from '../platform/db/schema.ts';
import { BadRequestError, DomainError } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';
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

/**
 * An event about one of our orders that this code cannot read. It is kept as failed and answered 500,
 * so Stripe retries it, and a retry or `webhooks:replay` applies it once the code can read it.
 */
export class UnreadableEventError extends DomainError {
  constructor(detail: string) {
    super(500, 'malformed-event', 'Event not readable', detail);
  }
}

function orderLookupOf(subject: EventSubject | null): OrderLookup | null {
  if (!subject) return null;
  return 'orderId' in subject
    ? { column: 'id', value: subject.orderId }
    : { column: 'payment_intent_id', value: subject.paymentIntentId };
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
    case 'unreadable':
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
  /** Why an event about our order could not be read: answered 500 once the outcome is committed. */
  unreadable?: string;
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
  const fail = async (detail: string, orderId: string): Promise<Applied> => {
    await recordOutcome(tx, verified.id, 'failed', detail, orderId);
    return { receipt: { outcome: 'failed', detail } };
  };
  if (verified.event.kind === 'unreadable') {
    const fields = verified.event.problem.errors
      .map((error) => `${error.path} (${error.message})`)
      .join('; ');
    if (!order) return ignore(`not about an order of ours; unreadable: ${fields}`);
    return { ...(await fail(`unreadable: ${fields}`, order.id)), unreadable: `unreadable: ${fields}` };
  }
  if (verified.livemode !== deps.payments.livemode) {
    const detail = `livemode ${verified.livemode} does not match this API's ${deps.payments.livemode ? 'live' : 'test'} key`;
    deps.logger.error({ eventId: verified.id, type: verified.type }, `webhook ignored: ${detail}`);
    return ignore(detail);
  }
  if (verified.event.kind === 'unknown_status' && order) {
    // Stripe retrying the event cannot teach this code a new status, so the event is answered 2xx
    // and kept as failed. A replay applies it once the code knows the status; the gateway logged it.
    return fail(verified.event.problem.message, order.id);
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
            // A readable event always has its creation time; the fallback only satisfies the type.
            createdAt: verified.created === null ? new Date() : new Date(verified.created * 1000),
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
    const lookup = orderLookupOf(verified.subject);
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
async function storeAndApply(deps: WebhookDeps, verified: VerifiedEvent, body: string): Promise<Applied> {
  try {
    return await deps.db.transaction().execute(async (tx): Promise<Applied> => {
      const lookup = orderLookupOf(verified.subject);
      // The INSERT of a duplicate waits for a concurrent delivery of it to finish first.
      const { rows, order } = lookup
        ? await lockOrderAlongside(tx, lookup, storeEventStatement(verified, body))
        : { rows: (await storeEvent(tx, verified, body)) ? 1 : 0, order: undefined };
      if (rows === 0) {
        const stored = await lockEvent(tx, verified.id);
        if (stored && (stored.outcome === 'applied' || stored.outcome === 'ignored')) {
          return { receipt: { outcome: 'duplicate', detail: stored.outcome } };
        }
      }
      return applyLocked(tx, deps, verified, order);
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    deps.logger.error(
      { err: error, eventId: verified.id, type: verified.type },
      'webhook apply failed; Stripe will retry',
    );
    await recordFailure(deps.db, verified, body, detail).catch(() => undefined);
    countWebhookEvent(verified, 'failed');
    throw error;
  }
}

/** Receives a verified event (`body` as it arrived): stored whatever its shape, applied if ours and readable. */
export async function receiveEvent(
  deps: WebhookDeps,
  verified: VerifiedEvent,
  body: string,
): Promise<Receipt> {
  const applied = await storeAndApply(deps, verified, body);
  logReview(deps, verified, applied);
  countWebhookEvent(verified, applied.unreadable ? 'failed' : applied.receipt.outcome);
  if (applied.unreadable) {
    deps.logger.error(
      { eventId: verified.id, type: verified.type, subject: verified.subject, detail: applied.unreadable },
      'webhook about our order is unreadable: stored as failed, answered 500 so Stripe retries',
    );
    throw new UnreadableEventError(`The event is about one of our orders but ${applied.unreadable}`);
  }
  return applied.receipt;
}

/**
 * Verifies a delivery's signature, then stores the event whatever its shape and applies it. A bad
 * signature, or one dated beyond the tolerance either way, is a 400; so is a signed body that is not
 * JSON, which is no event at all.
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
      countWebhookRejected();
      deps.logger.warn({ reason: error.message }, 'webhook signature rejected');
      throw new BadRequestError(
        `Webhook signature verification failed: ${error.message}`,
        'invalid-signature',
      );
    }
    if (error instanceof MalformedEventError) {
      countWebhookRejected();
      deps.logger.warn({ errors: error.errors }, 'webhook body is not JSON');
      throw new DomainError(400, 'malformed-event', 'Malformed event', error.message, {
        errors: error.errors,
      });
    }
    throw error;
  }
  return receiveEvent(deps, verified, raw.toString('utf8'));
}
