import type { ProblemType } from '@repo/contracts';
import { ORDER_LINK_DAYS } from '@repo/contracts/browser';
import { type AvailabilityProblem, availabilityProblemText } from '../availability/problem-text.ts';

/** What the words may mention: the restaurant's clock, and its phone for the answers only staff can help with. */
export interface WordsContext {
  timeZone: string;
  phone: string | null;
}

const callUs = (context: WordsContext) =>
  context.phone ? `Please call the restaurant on ${context.phone}.` : 'Please call the restaurant.';

const NOTHING_CHARGED = 'Nothing was charged.';

/**
 * A sentence for the diner for each problem type the API can answer, never the API's `detail`. The
 * types only operator routes and webhooks answer share one sentence; each is still listed, so that
 * a type added to the contracts fails to compile here, and its unit test fails, until someone
 * decides what a diner reads for it. Null for a type this storefront does not know (a newer API's).
 */
export function sentenceForType(
  type: ProblemType,
  problem: AvailabilityProblem,
  context: WordsContext,
): string | null {
  switch (type) {
    case 'restaurant-closed':
    case 'ordering-paused':
    case 'item-unavailable':
    case 'scheduled-time-invalid':
      return (
        availabilityProblemText({ ...problem, type }, context.timeZone) ??
        'The restaurant cannot take this order right now.'
      );
    case 'validation-error':
    case 'invalid-value':
    case 'bad-request':
      return 'Some of your details could not be accepted. Please check them and try again.';
    case 'payload-too-large':
      return 'Your order is too large to send in one go. Please remove some items or shorten your notes.';
    case 'unsupported-media-type':
    case 'idempotency-key-missing':
    case 'idempotency-key-invalid':
      return `This page could not send your order. ${NOTHING_CHARGED} Please reload the page and try again.`;
    case 'idempotency-key-reused':
      return `Your order changed while it was being sent. ${NOTHING_CHARGED} Please check it and pay again.`;
    case 'not-found':
      return 'We could not find this order or restaurant. Please reload the page.';
    case 'order-link-expired':
      return `This order link has expired: links work for ${ORDER_LINK_DAYS} days after the order. Your confirmation email still has the details.`;
    case 'unauthorized':
      return 'This page is not allowed to do that. Please reload the page.';
    case 'rate-limited':
      return 'There were too many tries in a short time. Please wait a minute and try again.';
    case 'busy':
    case 'service-unavailable':
    case 'provider-unavailable':
    case 'request-in-progress':
      return `The restaurant's system is busy. ${NOTHING_CHARGED} Please try again in a moment.`;
    case 'internal':
      return `Something went wrong on our side. ${NOTHING_CHARGED} Please try again.`;
    case 'menu-changing':
      return `The menu was being updated as you ordered. ${NOTHING_CHARGED} Please check your order and pay again.`;
    case 'payment-declined':
      return 'Your card was declined. Please try another card.';
    case 'order-not-payable':
      return 'This order can no longer be paid for, because it was cancelled. Please start a new order.';
    case 'payment-in-progress':
      return 'Your payment is still being processed. Please wait a moment before trying again.';
    case 'order-not-paid':
    case 'order-not-cancellable':
    case 'order-not-awaiting-acceptance':
    case 'order-being-accepted':
    case 'order-being-rejected':
    case 'authorization-gone':
    case 'capture-exceeds-authorized':
    case 'order-not-accepted':
    case 'status-not-forward':
    case 'refund-exceeds-refundable':
    case 'refund-already-made':
    case 'payment-other-mode':
    case 'payment-not-refunded':
    case 'payment-intent-missing':
    case 'invalid-signature':
    case 'malformed-event':
    case 'invalid-credentials':
    case 'csrf-token-invalid':
    case 'password-change-required':
    case 'role-required':
    case 'staff-email-taken':
    case 'staff-self-disable':
      return `Something went wrong with your order. ${callUs(context)}`;
    default: {
      // A type from a newer API: the caller falls back to a sentence by the status.
      const _unknown: never = type;
      return null;
    }
  }
}

/** The diner's sentence for any failed answer: by its problem type, or by its status when it has none. */
export function problemSentence(
  status: number,
  problem: AvailabilityProblem | null,
  context: WordsContext,
): string {
  if (status === 0) return 'We could not reach the restaurant. Check your connection and try again.';
  // `/problems/item-unavailable` → `item-unavailable`; an unknown type finds no case and gets null.
  const type = typeof problem?.type === 'string' ? (problem.type.split('/').pop() as ProblemType) : undefined;
  const sentence = type && problem ? sentenceForType(type, problem, context) : null;
  if (sentence) return sentence;
  return status >= 500
    ? `The restaurant's system is not answering. ${NOTHING_CHARGED} Please try again in a moment.`
    : `Something went wrong with your order. ${callUs(context)}`;
}
