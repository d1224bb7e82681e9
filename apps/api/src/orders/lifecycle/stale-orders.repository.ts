import type { Db } from '../../platform/db/database.ts';

/** How many pending orders one reconciler pass re-reads from Stripe. */
const BATCH = 200;

/**
 * Takes the stale pending orders a reconciler pass re-reads: those not looked at for longest (never
 * first, then oldest), marked as looked at now. Orders it can never settle (an intent Stripe no
 * longer knows) so move behind the others instead of filling every pass.
 */
export async function claimStaleOrders(db: Db, livemode: boolean, createdBefore: Date, now: Date) {
  const rows = await db
    .updateTable('orders')
    .set({ reconciled_at: now })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('orders')
        .select('id')
        .where('status', '=', 'pending_payment')
        .where('payment_intent_id', 'is not', null)
        // The other mode's intents cannot be read with this key (test orders after going live).
        .where('livemode', '=', livemode)
        .where('created_at', '<', createdBefore)
        .orderBy('reconciled_at', (ob) => ob.asc().nullsFirst())
        .orderBy('created_at')
        .limit(BATCH),
    )
    .returning(['id', 'payment_intent_id', 'created_at', 'payment_intent_missing_since'])
    .execute();
  return rows.sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
}

export type StaleOrder = Awaited<ReturnType<typeof claimStaleOrders>>[number];

/**
 * Notes that Stripe does not know the order's PaymentIntent, keeping the first time it was seen so;
 * answers since when, or undefined when the order has another intent now.
 */
export async function noteIntentMissing(db: Db, orderId: string, intentId: string, now: Date) {
  const row = await db
    .updateTable('orders')
    .set((eb) => ({
      payment_intent_missing_since: eb.fn.coalesce('payment_intent_missing_since', eb.val(now)),
    }))
    .where('id', '=', orderId)
    .where('payment_intent_id', '=', intentId)
    .returning('payment_intent_missing_since')
    .executeTakeFirst();
  return row?.payment_intent_missing_since ?? undefined;
}

/** Stripe knows the order's PaymentIntent again (a wrong key was fixed): a later miss starts a new day. */
export async function clearIntentMissing(db: Db, orderId: string): Promise<void> {
  await db
    .updateTable('orders')
    .set({ payment_intent_missing_since: null })
    .where('id', '=', orderId)
    .execute();
}

/**
 * Orders still waiting for the restaurant whose authorization Stripe held before `authorizedBefore`:
 * Stripe lets an online card hold lapse after about 7 days, so these are released first.
 */
export async function findExpiringAuthorizations(db: Db, authorizedBefore: Date, limit: number) {
  const rows = await db
    .selectFrom('orders')
    .select('id')
    .where('status', '=', 'awaiting_acceptance')
    .where('authorized_at', '<', authorizedBefore)
    .orderBy('authorized_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/** How long an acceptance in progress keeps an overdue order from the expiry job. */
const ACCEPTING_GRACE_MS = 10 * 60_000;

/**
 * Orders waiting for the restaurant past their acceptance deadline, oldest first. One an
 * acceptance began to capture waits a grace period more: that acceptance may be retrying an outage.
 */
export async function findOverdueAcceptances(db: Db, now: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('orders')
    .select('id')
    .where('status', '=', 'awaiting_acceptance')
    .where('acceptance_deadline', '<', now)
    .where((eb) =>
      eb.or([
        eb('capture_amount', 'is', null),
        eb('acceptance_deadline', '<', new Date(now.getTime() - ACCEPTING_GRACE_MS)),
      ]),
    )
    .orderBy('acceptance_deadline')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}
