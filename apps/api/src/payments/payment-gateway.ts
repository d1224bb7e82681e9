import type { RefundReason } from '@repo/contracts';
import { ConflictError, DomainError, type FieldError } from '../platform/errors.ts';

/** A PaymentIntent as the rest of the API sees it; Stripe's types stay inside the gateway. */
export interface PaymentIntentSnapshot {
  id: string;
  /** Stripe's own PaymentIntent status. */
  status:
    | 'requires_payment_method'
    | 'requires_confirmation'
    | 'requires_action'
    | 'processing'
    | 'requires_capture'
    | 'canceled'
    | 'succeeded';
  /** What Stripe was asked to collect; absent from an event that leaves it out (no handler reads it). */
  amount: number | null;
  amountReceived: number;
  /** Held on the card, not yet captured (manual capture, `requires_capture`). */
  amountCapturable: number;
  currency: string;
  livemode: boolean;
  clientSecret: string | null;
  /** Why it was canceled (`abandoned`, `requested_by_customer`, …), as Stripe reports it. */
  cancellationReason: string | null;
  orderId: string | null;
  clientSlug: string | null;
  /** Stripe's message of the last failed attempt: for the staff and the logs, not for diners. */
  lastPaymentError: string | null;
  /** Its `decline_code`, or else its `code` (`payment_intent_authentication_failure`): what a diner's words are chosen by. */
  lastPaymentErrorCode: string | null;
}

/** The card a payment was made with, as Stripe reports it on the charge: `visa`, `4242`. */
export interface PaymentCard {
  brand: string;
  last4: string;
}

export interface RefundSnapshot {
  id: string;
  paymentIntentId: string | null;
  amount: number;
  currency: string;
  status: 'pending' | 'requires_action' | 'succeeded' | 'failed' | 'canceled';
  reason: string | null;
  failureReason: string | null;
  /** Our ledger row id, when we created the refund. */
  ledgerId: string | null;
}

/** A verified Stripe event reduced to what we act on. */
export type PaymentEvent =
  | { kind: 'payment_intent'; type: string; intent: PaymentIntentSnapshot }
  | { kind: 'refund'; type: string; refund: RefundSnapshot }
  | { kind: 'charge_refunded'; type: string; paymentIntentId: string | null; refunds: RefundSnapshot[] }
  | { kind: 'dispute'; type: string; paymentIntentId: string | null; status: string; amount: number }
  /** A verified event we cannot act on yet: an object in it has a status this code does not know. */
  | { kind: 'unknown_status'; type: string; problem: UnknownStripeStatusError }
  /** A verified event this code cannot read: its envelope, or an object we handle, lacks a field we read. */
  | { kind: 'unreadable'; type: string | null; problem: MalformedEventError }
  | { kind: 'unhandled'; type: string };

/** The order an event is about, as its references name it, read apart from the rest of the event. */
export type EventSubject = { orderId: string } | { paymentIntentId: string };

/**
 * A signed event, whatever its shape. Its envelope fields are null where the event gives none that
 * can be read; it is then `unreadable`, and kept all the same.
 */
export interface VerifiedEvent {
  /** Stripe's event id, or, for a body without one, one derived from its bytes. */
  id: string;
  type: string | null;
  created: number | null;
  livemode: boolean | null;
  payload: unknown;
  subject: EventSubject | null;
  event: PaymentEvent;
}

export interface CreatePaymentIntentInput {
  orderId: string;
  clientSlug: string;
  orderNumber: number;
  amount: number;
  currency: string;
  receiptEmail: string;
  idempotencyKey: string;
  /** `manual`: only authorize now; the restaurant's acceptance captures it. Absent: automatic. */
  captureMethod?: 'manual';
}

export interface CreateRefundInput {
  paymentIntentId: string;
  amount: number;
  reason: RefundReason;
  ledgerId: string;
  orderId: string;
  idempotencyKey: string;
}

/**
 * The only door to the payment provider. Every mutating call carries an idempotency key,
 * and "already canceled" counts as success.
 */
export interface PaymentGateway {
  readonly livemode: boolean;
  readonly publicInfo: { publishableKey: string; livemode: boolean };
  createPaymentIntent(input: CreatePaymentIntentInput): Promise<PaymentIntentSnapshot>;
  /** Throws PaymentIntentMissingError when Stripe does not know the id, as cancelPaymentIntent does. */
  retrievePaymentIntent(id: string): Promise<PaymentIntentSnapshot>;
  cancelPaymentIntent(
    id: string,
    idempotencyKey: string,
    reason: 'abandoned' | 'requested_by_customer',
  ): Promise<PaymentIntentSnapshot>;
  /**
   * Captures an authorized PaymentIntent, all of it or `amountToCapture` (the rest is released).
   * A PaymentIntent no longer capturable (captured, released, lapsed) is returned as it is, for the
   * caller to apply.
   */
  capturePaymentIntent(
    id: string,
    amountToCapture: number | undefined,
    idempotencyKey: string,
  ): Promise<PaymentIntentSnapshot>;
  /**
   * Throws RefundAlreadyMadeError when Stripe answers `charge_already_refunded` and none of the
   * payment's refunds is this one; when one is (an earlier attempt went through), returns it.
   */
  createRefund(input: CreateRefundInput): Promise<RefundSnapshot>;
  listRefunds(paymentIntentId: string): Promise<RefundSnapshot[]>;
  /**
   * The card of the PaymentIntent's latest charge (`payment_method_details.card`), for the diner's
   * emails; null before a charge exists, or when it was not paid by card.
   */
  retrievePaymentCard(paymentIntentId: string): Promise<PaymentCard | null>;
  /**
   * Verifies the signature against every configured secret, then reads the event; throws
   * WebhookSignatureError, or MalformedEventError for a signed body that is not JSON. An event of
   * any other shape is returned to be stored: `unreadable` when a field we read is missing or of the
   * wrong type, `unknown_status` when it carries a status this code does not know.
   */
  verifyWebhook(rawBody: Buffer, signatureHeader: string | undefined): VerifiedEvent;
  /** Reads an event stored when it arrived (its signature verified then), under its stored id: for replay. */
  readStoredEvent(payload: unknown, id: string): VerifiedEvent;
}

export class WebhookSignatureError extends Error {}

/**
 * Stripe does not know this PaymentIntent under our key: its test data was deleted, or the key is
 * another account's. It will not appear later, and no payment can reach an order through it, nor
 * a refund. A conflict, not a 404: the order exists, its payment cannot be reached from here.
 */
export class PaymentIntentMissingError extends DomainError {
  readonly paymentIntentId: string;

  constructor(paymentIntentId: string) {
    super(
      409,
      'payment-intent-missing',
      'Payment not found at Stripe',
      `Stripe does not know PaymentIntent ${paymentIntentId} under this API's key (its test data was deleted, or the key is another account's). Refund it in the Dashboard of the account that took it.`,
    );
    this.paymentIntentId = paymentIntentId;
  }
}

/** A correctly signed body, or a part of it that a handler reads, that this code cannot read. */
export class MalformedEventError extends Error {
  readonly errors: FieldError[];

  constructor(errors: FieldError[], detail = `The event has ${errors.length} malformed field(s).`) {
    super(detail);
    this.errors = errors;
  }
}

/** The Stripe objects whose status we map. */
export type StatusBearingObject = 'payment_intent' | 'refund';

/**
 * Stripe reported a status this code does not know, such as one Stripe added after it was written.
 * Nothing is decided on it: a guess could confirm an unpaid order, or free money that is still held.
 * The gateway logs it at error level; once the code knows the status, a retry or a replay applies it.
 */
export class UnknownStripeStatusError extends Error {
  readonly object: StatusBearingObject;
  readonly objectId: string;
  readonly stripeStatus: string | null;

  constructor(object: StatusBearingObject, objectId: string, stripeStatus: string | null) {
    super(
      `Stripe reports ${object} ${objectId} with status ${JSON.stringify(stripeStatus)}, which this API does not know.`,
    );
    this.object = object;
    this.objectId = objectId;
    this.stripeStatus = stripeStatus;
  }
}

/**
 * Stripe refused a refund with `charge_already_refunded`: the payment is already refunded in full,
 * by refunds other than this one (those are in `refunds`). Nothing was refunded by this request,
 * yet the diner has all of the money back.
 */
export class RefundAlreadyMadeError extends ConflictError {
  readonly paymentIntentId: string;
  /** Every refund Stripe holds for the payment, as it reported them. */
  readonly refunds: RefundSnapshot[];

  constructor(paymentIntentId: string, refunds: RefundSnapshot[]) {
    super(
      'refund-already-made',
      'Payment already refunded',
      `Stripe has already refunded payment ${paymentIntentId} in full, by ${refunds.length} other refund(s).`,
      { payment_intent_id: paymentIntentId },
    );
    this.paymentIntentId = paymentIntentId;
    this.refunds = refunds;
  }
}
