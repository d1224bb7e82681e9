import type { OrderStatus, PaymentStatus, TimelineEntryType } from '@repo/contracts';

/**
 * What moves an order, and what each move writes: the catalogue docs/order-lifecycle.md draws.
 * A test checks it against the machine's tables both ways: each move listed here is allowed by
 * them, and each move they allow is listed here, so neither can gain a move the other lacks.
 */
export interface MoveSpec {
  /** The event or command, and who sends it. */
  trigger: string;
  order?: { from: readonly OrderStatus[]; to: OrderStatus };
  payment?: { from: readonly PaymentStatus[]; to: PaymentStatus; cause: 'payment' | 'refunds' };
  timeline: readonly TimelineEntryType[];
  /** Besides status and timeline: the columns, ledger rows and jobs the move writes. */
  writes: string;
}

const UNPAID = ['requires_payment', 'processing', 'failed'] as const satisfies PaymentStatus[];
const REFUNDABLE = ['succeeded', 'partially_refunded', 'refunded'] as const satisfies PaymentStatus[];
const INTENT = 'PaymentIntent state (webhook, diner re-sync, reconciler)';

export const MOVES: readonly MoveSpec[] = [
  {
    trigger: 'POST /orders (diner)',
    timeline: ['created'],
    writes: 'the order, its lines and its Idempotency-Key in one statement; then the PaymentIntent id',
  },
  {
    trigger: `${INTENT}: processing`,
    payment: { from: ['requires_payment', 'failed'], to: 'processing', cause: 'payment' },
    timeline: ['payment_processing'],
    writes: 'payment_intent_status, payment_event_at',
  },
  {
    trigger: `${INTENT}: requires_action, requires_confirmation`,
    timeline: ['payment_requires_action', 'payment_requires_confirmation'],
    writes: 'payment_intent_status, payment_event_at',
  },
  {
    trigger: `${INTENT}: requires_payment_method with an error (a decline)`,
    payment: { from: UNPAID, to: 'failed', cause: 'payment' },
    timeline: ['payment_failed'],
    writes: 'last_payment_error and last_payment_error_code; the diner may pay again on the same order',
  },
  {
    trigger: `${INTENT}: succeeded, matching the order`,
    order: { from: ['pending_payment'], to: 'confirmed' },
    payment: { from: UNPAID, to: 'succeeded', cause: 'payment' },
    timeline: ['payment_succeeded'],
    writes: 'amount_received, confirmed_at, estimated_ready_at; jobs confirmation_email and pos_handoff',
  },
  {
    trigger: `${INTENT}: requires_capture, matching (manual acceptance: the card is authorized)`,
    order: { from: ['pending_payment'], to: 'awaiting_acceptance' },
    payment: { from: UNPAID, to: 'authorized', cause: 'payment' },
    timeline: ['payment_authorized'],
    writes: "authorized_at, acceptance_deadline (now + the restaurant's window)",
  },
  {
    trigger: 'POST …/accept (staff): captures all or part of the authorization',
    order: { from: ['awaiting_acceptance'], to: 'confirmed' },
    payment: { from: ['authorized'], to: 'succeeded', cause: 'payment' },
    timeline: ['accept_requested', 'accepted', 'accept_abandoned'],
    writes:
      'capture_amount and estimated_ready_at when it begins; then amount_received, accepted_at, confirmed_at; jobs confirmation_email and pos_handoff',
  },
  {
    trigger: 'POST …/reject or …/cancel (staff), the acceptance window, a lapsing authorization: released',
    order: { from: ['awaiting_acceptance'], to: 'cancelled' },
    payment: { from: ['authorized'], to: 'canceled', cause: 'payment' },
    timeline: ['rejected'],
    writes: 'cancelled_at, cancel_reason (`not_accepted_in_time` for the window); job rejection_email',
  },
  {
    trigger: 'POST …/status (staff): the kitchen, forward only, skipping allowed',
    order: { from: ['confirmed'], to: 'preparing' },
    timeline: ['preparing'],
    writes: 'preparing_at',
  },
  {
    trigger: 'POST …/status (staff): ready',
    order: { from: ['confirmed', 'preparing'], to: 'ready' },
    timeline: ['ready'],
    writes: 'ready_at; job ready_email (ready for pickup, or on its way)',
  },
  {
    trigger: 'POST …/status (staff): completed',
    order: { from: ['confirmed', 'preparing', 'ready'], to: 'completed' },
    timeline: ['completed'],
    writes: 'completed_at',
  },
  {
    trigger: `${INTENT}: succeeded, not matching (amount, currency, order id, livemode, another intent)`,
    order: { from: ['pending_payment', 'awaiting_acceptance', 'confirmed'], to: 'needs_review' },
    timeline: ['payment_mismatch'],
    writes: 'review_reason, amount_received; logged at error level',
  },
  {
    trigger: 'Reconciler: Stripe has not known the PaymentIntent for a day (or an expiring authorization)',
    order: { from: ['pending_payment', 'awaiting_acceptance'], to: 'needs_review' },
    timeline: ['payment_intent_missing'],
    writes: 'review_reason; logged at error level',
  },
  {
    trigger: `${INTENT}: canceled (abandoned by the reconciler, or cancelled by an operator)`,
    order: { from: ['pending_payment'], to: 'cancelled' },
    payment: { from: UNPAID, to: 'canceled', cause: 'payment' },
    timeline: ['payment_canceled'],
    writes: 'cancelled_at, cancel_reason',
  },
  {
    trigger: 'POST …/cancel (operator): requested',
    timeline: ['cancel_requested', 'cancel_abandoned', 'payment_intent_missing'],
    writes: 'cancel_reason (cleared again if the attempt fails for good)',
  },
  {
    trigger: 'POST …/cancel (operator): finished, once the payment is canceled or refunded',
    order: { from: ['pending_payment', 'confirmed', 'preparing', 'needs_review'], to: 'cancelled' },
    payment: { from: UNPAID, to: 'canceled', cause: 'payment' },
    timeline: ['cancelled'],
    writes:
      "cancelled_at; a paid order is refunded through the ledger first (refunds marked for_cancellation), then job cancellation_email with the reason and the refund's figures",
  },
  {
    trigger: 'POST …/refunds (operator), cancel of a paid order, reconciler resend',
    timeline: ['refund_requested', 'refund_refused'],
    writes: 'a pending ledger row under the order lock, before Stripe is called; refused: failed',
  },
  {
    trigger: 'Refund state (webhook, Stripe answer): succeeded, failed after success',
    payment: { from: REFUNDABLE, to: 'partially_refunded', cause: 'refunds' },
    timeline: [
      'refund_succeeded',
      'refund_failed',
      'refund_imported',
      'refund_pending',
      'refund_requires_action',
    ],
    writes:
      "the ledger row, amount_refunded; job refund_email per succeeded refund (not a cancellation's), with the ledger's figures of that moment",
  },
  {
    trigger: 'Refund state: the succeeded refunds cover the payment',
    payment: { from: ['succeeded', 'partially_refunded'], to: 'refunded', cause: 'refunds' },
    timeline: ['refund_succeeded', 'refund_imported'],
    writes: 'amount_refunded',
  },
  {
    trigger: 'Refund state: the only succeeded refund fails (money back with the restaurant)',
    payment: { from: ['partially_refunded', 'refunded'], to: 'succeeded', cause: 'refunds' },
    timeline: ['refund_failed', 'refund_canceled'],
    writes: 'amount_refunded',
  },
  {
    trigger: 'Refund state: more refunded than received, or money left on a cancelled order',
    timeline: ['refund_mismatch', 'refund_failed_after_cancel', 'refund_covered_after_cancel'],
    writes: 'review_reason (set, or cleared once covered); logged at error level',
  },
  {
    trigger: 'charge.dispute.* (webhook), forward by stage',
    timeline: [
      'charge_dispute_created',
      'charge_dispute_updated',
      'charge_dispute_closed',
      'charge_dispute_funds_withdrawn',
      'charge_dispute_funds_reinstated',
    ],
    writes: 'dispute_status',
  },
  {
    trigger: 'A post-payment job runs out of retries (dead letter)',
    timeline: ['job_dead'],
    writes: 'the job row flagged; logged at error level',
  },
];
