import type { RefundStatus } from '@repo/contracts';
import type { Insertable, Updateable } from 'kysely';
import { countRefund } from '../metrics/metrics.ts';
import type { Executor } from '../platform/db/database.ts';
import type { Refund, RefundTable } from '../platform/db/schema.ts';
import { isUuid } from '../platform/uuid.ts';

export function findRefundsForOrder(db: Executor, orderId: string): Promise<Refund[]> {
  return db
    .selectFrom('refunds')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Our ledger row for a Stripe refund: by Stripe's id, or by the ledger id we put in its metadata. */
export function findLedgerRow(
  db: Executor,
  orderId: string,
  stripeRefundId: string,
  ledgerId: string | null,
): Promise<Refund | undefined> {
  return db
    .selectFrom('refunds')
    .selectAll()
    .where('order_id', '=', orderId)
    .where((eb) =>
      ledgerId && isUuid(ledgerId)
        ? eb.or([eb('stripe_refund_id', '=', stripeRefundId), eb('id', '=', ledgerId)])
        : eb('stripe_refund_id', '=', stripeRefundId),
    )
    .forUpdate()
    .executeTakeFirst();
}

export async function insertRefund(db: Executor, refund: Insertable<RefundTable>): Promise<void> {
  await db.insertInto('refunds').values(refund).execute();
  countRefund(refund.status);
}

export async function updateRefund(
  db: Executor,
  id: string,
  changes: Updateable<RefundTable>,
): Promise<void> {
  await db
    .updateTable('refunds')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
  if (changes.status) countRefund(changes.status);
}

const HOLDS_MONEY: RefundStatus[] = ['pending', 'requires_action', 'succeeded'];

/** Refunds that are not failed or canceled: what is no longer refundable. */
export async function committedRefundTotal(db: Executor, orderId: string): Promise<number> {
  const row = await db
    .selectFrom('refunds')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('total'))
    .where('order_id', '=', orderId)
    .where('status', 'in', HOLDS_MONEY)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

export async function succeededRefundTotal(db: Executor, orderId: string): Promise<number> {
  const row = await db
    .selectFrom('refunds')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('total'))
    .where('order_id', '=', orderId)
    .where('status', '=', 'succeeded')
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

export function findRefund(db: Executor, id: string): Promise<Refund | undefined> {
  return db.selectFrom('refunds').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Ledger rows that hold an amount but never reached Stripe (an outage interrupted the call), oldest
 * first: one order's, or every order's created before a time.
 */
export function findUnsentRefunds(
  db: Executor,
  filter: { orderId: string } | { createdBefore: Date; limit: number },
): Promise<Refund[]> {
  const unsent = db
    .selectFrom('refunds')
    .selectAll()
    .where('status', '=', 'pending')
    .where('stripe_refund_id', 'is', null)
    .orderBy('created_at');
  return 'orderId' in filter
    ? unsent.where('order_id', '=', filter.orderId).execute()
    : unsent.where('created_at', '<', filter.createdBefore).limit(filter.limit).execute();
}
