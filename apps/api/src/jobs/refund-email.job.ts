import { RefundEmailFacts } from '../orders/lifecycle/email-facts.ts';
import type { OrderJob } from '../platform/db/schema.ts';
import { cardLabel } from './email-format.ts';
import { type EmailContext, loadEmailContext } from './emails/email-context.ts';
import { type Mail, money, orderEmail, paidLine } from './emails/order-email.ts';
import type { OrderJobHandler } from './job-types.ts';

const STATEMENT = 'Refunds usually appear on your statement within 5 to 10 business days.';

/**
 * Tells the diner of one refund, with the figures of the moment it succeeded: partial ("$15.86
 * remains charged") or the one that completed a full refund.
 */
export function refundEmail(context: EmailContext, facts: RefundEmailFacts): Promise<Mail> {
  const { order, restaurant } = context;
  const amount = money(order, facts.refund_amount);
  const paid = money(order, facts.amount_paid);
  const full = facts.refunded_total >= facts.amount_paid;
  const earlier = facts.refunded_total - facts.refund_amount;
  const refunded = `${restaurant.name} refunded ${amount} to ${cardLabel(order)}.`;
  const standing = full
    ? earlier > 0
      ? `With the ${money(order, earlier)} refunded earlier, the whole ${paid} you paid is refunded.`
      : `That is the whole ${paid} you paid.`
    : `Of the ${paid} you paid, ${money(order, facts.amount_paid - facts.refunded_total)} remains charged.`;
  const title = full ? `Full refund for order #${order.order_number}` : `Partial refund of ${amount}`;
  return orderEmail(context, {
    subject: full ? title : `${title} for order #${order.order_number}`,
    preview: refunded,
    heading: full ? `Your order #${order.order_number} is fully refunded` : title,
    paragraphs: [refunded, standing, STATEMENT],
    payment: [
      paidLine(order),
      full ? `Refunded: all ${paid}.` : `Refunded so far: ${money(order, facts.refunded_total)} of ${paid}.`,
    ],
    fulfilment: 'planned',
  });
}

/** A job staged before refunds carried their figures: the ledger as it stands now is the best left. */
function factsOf(job: OrderJob, context: EmailContext, amount: number): RefundEmailFacts {
  if (job.payload !== null) return RefundEmailFacts.parse(job.payload);
  return {
    refund_amount: amount,
    refunded_total: context.order.amount_refunded,
    amount_paid: context.order.amount_received,
  };
}

/** One email per succeeded Stripe refund; the job's ref is the Stripe refund id. */
export const sendRefundEmail: OrderJobHandler = async (deps, job, signal) => {
  const refund = await deps.db
    .selectFrom('refunds')
    .select(['amount', 'status'])
    .where('order_id', '=', job.order_id)
    .where('stripe_refund_id', '=', job.ref)
    .executeTakeFirst();
  if (!refund) return { status: 'skipped', detail: `refund ${job.ref} is not in the ledger` };
  if (refund.status !== 'succeeded') return { status: 'skipped', detail: `refund is ${refund.status}` };
  const context = await loadEmailContext(deps, job.order_id);
  const mail = await refundEmail(context, factsOf(job, context, refund.amount));
  const where = await deps.mailer.send(
    { ...mail, messageId: `<order-job-${job.id}@${deps.mailer.domain}>` },
    signal,
  );
  return { status: 'succeeded', detail: where };
};
