import { escapeHtml, formatMoney, htmlDocument, textFooter } from './email-format.ts';
import type { OrderJobHandler } from './job-types.ts';
import type { OutgoingMail } from './mailer.ts';
import { loadOrderContext, type OrderContext } from './order-context.ts';

/** Tells the diner a refund went through: how much, and whether the order is now fully refunded. */
export function refundEmail(context: OrderContext, refundAmount: number): Omit<OutgoingMail, 'messageId'> {
  const { order, restaurant } = context;
  const money = (amount: number) => formatMoney(amount, order.currency);
  const full = order.amount_refunded >= order.amount_received;
  const kind = full ? 'Full refund' : 'Partial refund';
  const title = `${kind} for order #${order.order_number}`;
  const lines = [
    `${restaurant.name} has refunded ${money(refundAmount)} to the card you paid with.`,
    full
      ? `Your order #${order.order_number} is now fully refunded (${money(order.amount_refunded)}).`
      : `Refunded so far: ${money(order.amount_refunded)} of the ${money(order.amount_received)} you paid for order #${order.order_number}.`,
    'Refunds usually appear on your statement within 5 to 10 business days.',
  ];
  return {
    to: order.customer_email,
    replyTo: restaurant.email ?? undefined,
    subject: `${restaurant.name}: ${title}`,
    text: [...lines, textFooter(restaurant)].join('\n'),
    html: htmlDocument(title, lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n'), restaurant),
  };
}

/** One email per succeeded Stripe refund; the job's ref is the Stripe refund id. */
export const sendRefundEmail: OrderJobHandler = async ({ db, mailer }, job, signal) => {
  const context = await loadOrderContext(db, job.order_id);
  const refund = await db
    .selectFrom('refunds')
    .select(['amount', 'status'])
    .where('order_id', '=', job.order_id)
    .where('stripe_refund_id', '=', job.ref)
    .executeTakeFirst();
  if (!refund) return { status: 'skipped', detail: `refund ${job.ref} is not in the ledger` };
  if (refund.status !== 'succeeded') return { status: 'skipped', detail: `refund is ${refund.status}` };
  const where = await mailer.send(
    {
      ...refundEmail(context, refund.amount),
      messageId: `<order-job-${job.id}@${mailer.domain}>`,
    },
    signal,
  );
  return { status: 'succeeded', detail: where };
};
