import Stripe from 'stripe';
import { z } from 'zod';
import { PaymentDeclinedError, ProviderUnavailableError, ValidationError } from '../platform/errors.ts';
import { fieldErrors } from '../platform/http.ts';
import { isUuid } from '../platform/uuid.ts';
import {
  type EventSubject,
  MalformedEventError,
  type PaymentCard,
  type PaymentEvent,
  type PaymentIntentSnapshot,
  type RefundSnapshot,
  UnknownStripeStatusError,
  type VerifiedEvent,
} from './payment-gateway.ts';
import {
  DisputeFields,
  EventEnvelope,
  IntentFields,
  LooseEnvelope,
  RefundedChargeFields,
  RefundFields,
  SubjectFields,
} from './stripe-event.schemas.ts';

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}

/**
 * The card of an expanded charge, from `payment_method_details.card`. An unexpanded charge (an id),
 * no charge yet, or a payment by another method has none.
 */
export function toPaymentCard(charge: string | Stripe.Charge | null): PaymentCard | null {
  const card = typeof charge === 'object' && charge !== null ? charge.payment_method_details?.card : null;
  if (!card?.brand || !card.last4) return null;
  return { brand: card.brand, last4: card.last4 };
}

/** The named members of an SDK union, without the `string & {}` it adds for values newer than the SDK. */
type Named<T> = T extends string ? (string extends T ? never : T) : never;

/** An SDK upgrade that adds a status fails the `never` check here until the status is mapped. */
function intentStatus(intent: IntentFields): PaymentIntentSnapshot['status'] {
  const status = intent.status as Named<Stripe.PaymentIntent.Status>;
  switch (status) {
    case 'requires_payment_method':
    case 'requires_confirmation':
    case 'requires_action':
    case 'processing':
    case 'requires_capture':
    case 'canceled':
    case 'succeeded':
      return status;
    default: {
      const unknown: never = status;
      throw new UnknownStripeStatusError('payment_intent', intent.id, unknown);
    }
  }
}

/** The SDK types a refund's status as any string, so the union is the one Stripe documents. */
function refundStatus(refund: RefundFields): RefundSnapshot['status'] {
  const status = refund.status as RefundSnapshot['status'] | null;
  switch (status) {
    case 'pending':
    case 'requires_action':
    case 'succeeded':
    case 'failed':
    case 'canceled':
      return status;
    case null:
      throw new UnknownStripeStatusError('refund', refund.id, null);
    default: {
      const unknown: never = status;
      throw new UnknownStripeStatusError('refund', refund.id, unknown);
    }
  }
}

export function toIntentSnapshot(intent: IntentFields): PaymentIntentSnapshot {
  return {
    id: intent.id,
    status: intentStatus(intent),
    amount: intent.amount ?? null,
    amountReceived: intent.amount_received,
    amountCapturable: intent.amount_capturable ?? 0,
    currency: intent.currency,
    livemode: intent.livemode,
    clientSecret: intent.client_secret ?? null,
    cancellationReason: intent.cancellation_reason ?? null,
    orderId: intent.metadata?.order_id ?? null,
    clientSlug: intent.metadata?.client_slug ?? null,
    lastPaymentError: intent.last_payment_error?.message ?? null,
    lastPaymentErrorCode: intent.last_payment_error?.decline_code ?? intent.last_payment_error?.code ?? null,
  };
}

export function toRefundSnapshot(refund: RefundFields): RefundSnapshot {
  return {
    id: refund.id,
    paymentIntentId: idOf(refund.payment_intent),
    amount: refund.amount,
    currency: refund.currency,
    status: refundStatus(refund),
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
 * An event with a status we do not know, or missing a field its handler reads, is kept whole (to
 * be stored), never applied in part.
 */
function readEvent(payload: unknown): PaymentEvent {
  const envelope = EventEnvelope.safeParse(payload);
  if (!envelope.success) {
    const problem = new MalformedEventError(fieldErrors(envelope.error));
    return { kind: 'unreadable', type: LooseEnvelope.parse(payload).type, problem };
  }
  const { type } = envelope.data;
  try {
    return toPaymentEvent(type, envelope.data.data.object.object, payload);
  } catch (error) {
    if (error instanceof UnknownStripeStatusError) return { kind: 'unknown_status', type, problem: error };
    if (error instanceof MalformedEventError) return { kind: 'unreadable', type, problem: error };
    throw error;
  }
}

/** Which of our orders an event is about, if any, from its references alone. */
function subjectOf(payload: unknown): EventSubject | null {
  const read = SubjectFields.safeParse(payload);
  if (!read.success) return null;
  const { object } = read.data.data;
  switch (object.object) {
    case 'payment_intent': {
      const orderId = object.metadata?.order_id;
      return orderId && isUuid(orderId) ? { orderId } : null;
    }
    case 'charge':
      if (read.data.type !== 'charge.refunded') return null;
      break;
    case 'refund':
    case 'dispute':
      break;
    default:
      return null;
  }
  const paymentIntentId = idOf(object.payment_intent);
  return paymentIntentId ? { paymentIntentId } : null;
}

/**
 * Reads a signed event, whatever its shape: never throws for it. `idWhenMissing` names an event
 * that has no readable id of its own.
 */
export function toVerifiedEvent(payload: unknown, idWhenMissing: () => string): VerifiedEvent {
  const envelope = LooseEnvelope.parse(payload);
  return {
    ...envelope,
    id: envelope.id ?? idWhenMissing(),
    payload,
    subject: subjectOf(payload),
    event: readEvent(payload),
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
