import { lockOrder, recordOrderEvent, updateOrder } from '../orders/orders.repository.ts';
import { applyIntentToOrder, flagLogger, type SyncResult } from '../orders/payment-sync.ts';
import type { PaymentEvent, PaymentGateway, VerifiedEvent } from '../payments/payment-gateway.ts';
import type { Db, Tx } from '../platform/db/database.ts';
import type { Order, WebhookOutcome } from '../platform/db/schema.ts';
import type { Logger } from '../platform/logger.ts';
import { applyRefundToOrder } from '../refunds/refund-sync.ts';
import { disputeStatusMayMove } from './dispute-status.ts';
import {
  lockEvent,
  lockOrderBy,
  type OrderLookup,
  recordFailure,
  recordOutcome,
  storeEvent,
  storeEventLockingOrder,
} from './webhooks.repository.ts';

export interface WebhookDeps {
  db: Db;
  payments: PaymentGateway;
  logger: Logger;
}

export type Receipt = { outcome: WebhookOutcome | 'duplicate'; detail: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Which order an event is about, if any: never a SQL error for foreign or malformed ids. */
function orderLookupFor(event: PaymentEvent): OrderLookup | null {
  switch (event.kind) {
    case 'payment_intent': {
      const orderId = event.intent.orderId;
      return orderId && UUID.test(orderId) ? { column: 'id', value: orderId } : null;
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
    case 'charge_refunded': {
      const changes: string[] = [];
      let flagged: string | undefined;
      let current = order;
      for (const refund of event.refunds) {
        const result = await applyRefundToOrder(tx, current, refund, actor);
        if (result.outcome !== 'applied') continue;
        changes.push(result.change);
        flagged = result.flagged ?? flagged;
        // The refund may have rewritten the order's amounts: the next one starts from them.
        current = (await lockOrder(tx, order.id)) ?? current;
      }
      // Reported only while it stands: a later refund of the same event may have cleared it.
      const standing = flagged !== undefined && current.review_reason === flagged ? flagged : undefined;
      return changes.length > 0
        ? { outcome: 'applied', change: changes.join(','), ...(standing ? { flagged: standing } : {}) }
        : { outcome: 'unchanged', reason: 'refunds already recorded' };
    }
    case 'dispute': {
      if (!disputeStatusMayMove(order.dispute_status, event.status))
        return { outcome: 'unchanged', reason: `dispute already ${order.dispute_status}` };
      await updateOrder(tx, order.id, { dispute_status: event.status });
      await recordOrderEvent(tx, order.id, {
        type: event.type.replaceAll('.', '_'),
        actorType: 'stripe',
        actorId: verified.id,
        detail: { status: event.status, amount: event.amount },
      });
      return { outcome: 'applied', change: `dispute_${event.status}` };
    }
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

/** An applied event's receipt, and the flag it raised, logged once the transaction has committed. */
interface Applied {
  receipt: Receipt;
  flag?: { orderId: string; reason: string };
}

function logFlag(deps: WebhookDeps, verified: VerifiedEvent, { flag }: Applied): void {
  if (flag) flagLogger(deps.logger, { eventId: verified.id })(flag);
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
          { eventId: verified.id, createdAt: new Date(verified.created * 1000) },
        )
      : await applyOtherEvent(tx, order, verified);
  if (result.outcome === 'unchanged') return ignore(result.reason, order.id);
  const flagged = result.outcome === 'needs_review' ? result.reason : result.flagged;
  const detail = result.outcome === 'applied' ? result.change : result.reason;
  if (verified.event.kind !== 'payment_intent')
    await recordOutcome(tx, verified.id, 'applied', detail, order.id);
  return {
    receipt: { outcome: 'applied', detail },
    ...(flagged ? { flag: { orderId: order.id, reason: flagged } } : {}),
  };
}

/** Re-applies a stored event with its row and its order locked (replay): transitions are forward-only. */
export async function applyStoredEvent(deps: WebhookDeps, verified: VerifiedEvent): Promise<Receipt> {
  const applied = await deps.db.transaction().execute(async (tx) => {
    if (!(await lockEvent(tx, verified.id))) throw new Error(`event ${verified.id} is not stored`);
    const lookup = orderLookupFor(verified.event);
    return applyLocked(tx, deps, verified, lookup ? await lockOrderBy(tx, lookup) : undefined);
  });
  logFlag(deps, verified, applied);
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
      const { fresh, order } = lookup
        ? await storeEventLockingOrder(tx, verified, lookup)
        : { fresh: await storeEvent(tx, verified), order: undefined };
      if (!fresh) {
        const stored = await lockEvent(tx, verified.id);
        if (stored && (stored.outcome === 'applied' || stored.outcome === 'ignored')) {
          return { receipt: { outcome: 'duplicate', detail: stored.outcome } };
        }
      }
      return applyLocked(tx, deps, verified, order);
    });
    logFlag(deps, verified, applied);
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
