import { z } from 'zod';
import type { Tx } from '../../platform/db/database.ts';
import type { Order } from '../../platform/db/schema.ts';
import { findRefundsForOrder } from '../../refunds/refunds.repository.ts';

/**
 * What a refund email tells, as the ledger stood when that refund succeeded. Two refunds in quick
 * succession each keep their own figures, whenever their emails go out.
 */
export const RefundEmailFacts = z.object({
  refund_amount: z.number().int().min(0),
  /** Succeeded refunds on the order at that moment, this one included (at most the amount paid). */
  refunded_total: z.number().int().min(0),
  amount_paid: z.number().int().min(0),
});
export type RefundEmailFacts = z.infer<typeof RefundEmailFacts>;

/** What a paid order's cancellation email tells, as it stood when the order was cancelled. */
export const CancellationEmailFacts = z.object({
  reason: z.string().nullable(),
  /** What the cancellation gives back: its refunds, succeeded or still on their way. */
  refund_amount: z.number().int().min(0),
  /** Refunded before the cancellation, by refunds that had emails of their own. */
  refunded_before: z.number().int().min(0),
  amount_paid: z.number().int().min(0),
});
export type CancellationEmailFacts = z.infer<typeof CancellationEmailFacts>;

/** The cancellation email's figures: what this cancellation refunds, and what was refunded before. */
export async function cancellationFacts(
  tx: Tx,
  order: Order,
  reason: string | null,
): Promise<CancellationEmailFacts> {
  let refundAmount = 0;
  let refundedBefore = 0;
  for (const refund of await findRefundsForOrder(tx, order.id)) {
    if (refund.for_cancellation && refund.status !== 'failed' && refund.status !== 'canceled')
      refundAmount += refund.amount;
    else if (!refund.for_cancellation && refund.status === 'succeeded') refundedBefore += refund.amount;
  }
  return {
    reason,
    refund_amount: refundAmount,
    refunded_before: refundedBefore,
    amount_paid: order.amount_received,
  };
}
