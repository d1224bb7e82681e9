import Stripe from 'stripe';
import { z } from 'zod';
import { PaymentDeclinedError, ProviderUnavailableError, ValidationError } from '../platform/errors.ts';
import { fieldErrors } from '../platform/http.ts';
import {
  MalformedEventError,
  type PaymentEvent,
  type PaymentIntentSnapshot,
  type RefundSnapshot,
  type VerifiedEvent,
} from './payment-gateway.ts';
import {
  DisputeFields,
  EventEnvelope,
  IntentFields,
  RefundedChargeFields,
  RefundFields,
} from './stripe-event.schemas.ts';

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}

const INTENT_STATUSES: readonly string[] = [
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
  'processing',
  'requires_capture',
  'canceled',
  'succeeded',
] satisfies PaymentIntentSnapshot['status'][];

function intentStatus(status: string): PaymentIntentSnapshot['status'] {
  // A status newer than this code is treated as "still in flight": nothing final happens on it.
  return INTENT_STATUSES.includes(status) ? (status as PaymentIntentSnapshot['status']) : 'processing';
}

export function toIntentSnapshot(intent: IntentFields): PaymentIntentSnapshot {
  return {
    id: intent.id,
    status: intentStatus(intent.status),
    amount: intent.amount,
    amountReceived: intent.amount_received,
    currency: intent.currency,
    livemode: intent.livemode,
    clientSecret: intent.client_secret,
    cancellationReason: intent.cancellation_reason ?? null,
    orderId: intent.metadata.order_id ?? null,
    clientSlug: intent.metadata.client_slug ?? null,
    lastPaymentError: intent.last_payment_error?.message ?? null,
  };
}

export function toRefundSnapshot(refund: RefundFields): RefundSnapshot {
  const status = refund.status;
  return {
    id: refund.id,
    paymentIntentId: idOf(refund.payment_intent),
    amount: refund.amount,
    currency: refund.currency,
    status:
      status === 'succeeded' || status === 'failed' || status === 'canceled' || status === 'requires_action'
        ? status
        : 'pending',
    reason: refund.reason ?? null,
    failureReason: refund.failure_reason ?? null,
    ledgerId: refund.metadata?.refund_id ?? null,
  };
}

const withObject = <S extends z.ZodType>(object: S) => z.object({ data: z.object({ object }) });
const IntentEvent = withObject(IntentFields);
const RefundEvent = withObject(RefundFields);
const RefundedChargeEvent = withObject(RefundedChargeFields);
const DisputeEvent = withObject(DisputeFields);

function parse<S extends z.ZodType>(schema: S, payload: unknown): z.infer<S> {
  const result = schema.safeParse(payload);
  if (!result.success) throw new MalformedEventError(fieldErrors(result.error));
  return result.data;
}

/** Reduces an event of a type we handle to the shape the webhook service applies. */
function toPaymentEvent(type: string, objectType: unknown, payload: unknown): PaymentEvent {
  switch (objectType) {
    case 'payment_intent':
      return {
        kind: 'payment_intent',
        type,
        intent: toIntentSnapshot(parse(IntentEvent, payload).data.object),
      };
    case 'refund':
      return { kind: 'refund', type, refund: toRefundSnapshot(parse(RefundEvent, payload).data.object) };
    case 'charge': {
      if (type !== 'charge.refunded') return { kind: 'unhandled', type };
      const charge = parse(RefundedChargeEvent, payload).data.object;
      return {
        kind: 'charge_refunded',
        type,
        paymentIntentId: idOf(charge.payment_intent),
        refunds: (charge.refunds?.data ?? []).map(toRefundSnapshot),
      };
    }
    case 'dispute': {
      const dispute = parse(DisputeEvent, payload).data.object;
      return {
        kind: 'dispute',
        type,
        paymentIntentId: idOf(dispute.payment_intent),
        status: dispute.status,
        amount: dispute.amount,
      };
    }
    default:
      return { kind: 'unhandled', type };
  }
}

/**
 * Checks a signed event's shape and reduces it to what we act on; throws MalformedEventError when
 * the envelope, or an object of a type we handle, lacks a field we read or has one of the wrong type.
 */
export function toVerifiedEvent(payload: unknown): VerifiedEvent {
  const envelope = parse(EventEnvelope, payload);
  return {
    id: envelope.id,
    type: envelope.type,
    created: envelope.created,
    livemode: envelope.livemode,
    payload,
    event: toPaymentEvent(envelope.type, envelope.data.object.object, payload),
  };
}

/** Stripe failures as domain errors: declines are the diner's to fix, outages are ours to retry. */
export function toDomainError(error: unknown): unknown {
  if (!(error instanceof Stripe.errors.StripeError)) return error;
  if (error instanceof Stripe.errors.StripeCardError) {
    return new PaymentDeclinedError(error.message, {
      code: error.code ?? null,
      decline_code: error.decline_code ?? null,
    });
  }
  if (
    error instanceof Stripe.errors.StripeRateLimitError ||
    error instanceof Stripe.errors.StripeAPIError ||
    error instanceof Stripe.errors.StripeConnectionError ||
    (error.statusCode ?? 0) >= 500
  ) {
    return new ProviderUnavailableError();
  }
  if (
    error instanceof Stripe.errors.StripeAuthenticationError ||
    error instanceof Stripe.errors.StripePermissionError
  ) {
    return new ProviderUnavailableError(
      'Payments are misconfigured on our side. Please try again later.',
      60,
    );
  }
  if (error instanceof Stripe.errors.StripeIdempotencyError) {
    // Our keys are derived from the row they protect, so a conflict means the same call is still in
    // flight elsewhere: retry later, never treat it as a refusal.
    return new ProviderUnavailableError(
      'The same payment operation is still in progress. Please retry shortly.',
      5,
    );
  }
  return new ValidationError(error.message, [{ path: error.param ?? '(payment)', message: error.message }]);
}
