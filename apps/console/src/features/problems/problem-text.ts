import type { ProblemType, StaffRole } from '@repo/contracts';
import { formatMoney } from '@repo/contracts/browser';

/** What a sentence may need beyond the problem: the restaurant's currency for amounts. */
export interface ProblemContext {
  currency: string;
}

type Extras = Record<string, unknown>;
type Sentence = string | ((extras: Extras, context: ProblemContext) => string);

const money = (extras: Extras, key: string, context: ProblemContext) =>
  typeof extras[key] === 'number' ? formatMoney(extras[key] as number, context.currency) : null;

/**
 * One plain sentence for each problem the API answers, written for the person at the counter:
 * what happened and what to do, never the API's own wording.
 */
const SENTENCES: Record<ProblemType, Sentence> = {
  'validation-error': (extras) => {
    const errors = Array.isArray(extras.errors) ? (extras.errors as { path: string; message: string }[]) : [];
    const fields = errors.map((e) => `${e.path.replaceAll('_', ' ')} ${e.message}`).join('; ');
    return fields ? `Some details are not valid: ${fields}.` : 'Some details are not valid. Check the form.';
  },
  'bad-request': 'The server did not understand that request. Reload the page and try again.',
  'payload-too-large': 'That is too much text to send at once. Shorten it and try again.',
  'unsupported-media-type': 'The server did not understand that request. Reload the page and try again.',
  'invalid-value': 'One of the values is not valid. Check the form and try again.',
  unauthorized: 'You are signed out. Sign in again to continue.',
  'not-found': 'That order or item no longer exists, or belongs to another restaurant.',
  'rate-limited': 'Too many attempts in a short time. Wait a minute and try again.',
  busy: 'The server is busy right now. Try again in a few seconds.',
  'service-unavailable': 'The server is unavailable right now. Try again in a few seconds.',
  internal: 'Something went wrong on the server. Try again; if it keeps happening, tell a manager.',
  'provider-unavailable': 'Stripe could not be reached, so no money moved. Try again in a few seconds.',
  'payment-declined': 'The card was declined, so no money moved.',
  'idempotency-key-missing': 'The server did not understand that request. Reload the page and try again.',
  'idempotency-key-invalid': 'The server did not understand that request. Reload the page and try again.',
  'idempotency-key-reused': 'That action was already sent with other details. Reload the page and try again.',
  'request-in-progress': 'That action is still being processed. Wait a moment, then reload the page.',
  'menu-changing': 'The menu is being updated. Try again in a few seconds.',
  'restaurant-closed': 'The restaurant is closed at that time.',
  'ordering-paused': 'Online ordering is paused.',
  'item-unavailable': 'Something in the order is sold out.',
  'scheduled-time-invalid': 'The order cannot be ready at that time.',
  'order-not-payable': 'This order cannot be paid any more.',
  'order-link-expired': "The diner's order link has expired (links last 30 days).",
  'order-not-paid': 'This order has not been paid, so there is nothing to refund.',
  'order-not-cancellable': 'This order can no longer be cancelled: it is already completed.',
  'order-not-awaiting-acceptance':
    'This order is no longer waiting for acceptance: someone else accepted or rejected it, or its time ran out.',
  'order-being-accepted': 'Someone is accepting this order right now, so it cannot be rejected.',
  'order-being-rejected': 'Someone is rejecting this order right now, so it cannot be accepted.',
  'authorization-gone':
    'The hold on the card has lapsed or was released, so the order cannot be accepted. Nothing was charged.',
  'capture-exceeds-authorized': (extras, context) => {
    const held = money(extras, 'authorized_amount', context);
    return held
      ? `You can charge at most ${held}, the amount held on the card.`
      : 'You cannot charge more than the amount held on the card.';
  },
  'order-not-accepted':
    'This order has not been accepted yet (or was cancelled), so the kitchen cannot start it.',
  'status-not-forward': 'An order only moves forward: it is already past that step.',
  'refund-exceeds-refundable': (extras, context) => {
    const left = money(extras, 'refundable_amount', context);
    return left
      ? `That is more than can still be refunded: at most ${left}.`
      : 'That is more than can still be refunded.';
  },
  'refund-already-made':
    'This payment was already refunded in full (in the Stripe Dashboard). Nothing more moved.',
  'payment-other-mode':
    'This order was paid in the other Stripe mode (test or live), so it cannot be changed from here.',
  'payment-in-progress': 'The payment is still being processed. Try again in a minute.',
  'payment-not-refunded':
    'The order was not cancelled because part of the payment could not be refunded. Try again, or refund it in the Stripe Dashboard.',
  'payment-intent-missing':
    "Stripe does not know this order's payment (test data deleted, or another account). Refund it in the Dashboard of the account that took it.",
  'invalid-signature': 'The server did not understand that request. Reload the page and try again.',
  'malformed-event': 'The server did not understand that request. Reload the page and try again.',
  'invalid-credentials': 'That email and password do not match an account. Check both and try again.',
  'csrf-token-invalid': 'Your session changed in another tab. Reload the page and try again.',
  'password-change-required': 'Choose a new password before you continue.',
  'staff-email-taken': 'Someone already signs in with that email.',
  'staff-self-disable': 'You cannot disable your own account. Ask another owner.',
  'role-required': (extras) => {
    switch (extras.required_role as StaffRole | undefined) {
      case 'owner':
        return 'Only an owner can do this. Ask the owner.';
      case 'manager':
        return 'Only a manager or an owner can do this. Ask a manager.';
      default:
        return 'Your role does not allow this. Ask a manager.';
    }
  },
};

export interface ProblemLike {
  status: number;
  type: string | null;
  problem: Record<string, unknown> | null;
}

/** A plain sentence for any failed call, known problem type or not. */
export function problemSentence(error: ProblemLike, context: ProblemContext): string {
  if (error.status === 0) return 'The server cannot be reached. Check the connection and try again.';
  const sentence = error.type ? SENTENCES[error.type as keyof typeof SENTENCES] : undefined;
  if (typeof sentence === 'function') return sentence(error.problem ?? {}, context);
  if (sentence) return sentence;
  if (error.status === 401) return SENTENCES.unauthorized as string;
  if (error.status === 403) return 'Your role does not allow this. Ask a manager.';
  if (error.status >= 500) return SENTENCES.internal as string;
  return `The server refused that (${error.status}). Reload the page and try again.`;
}
