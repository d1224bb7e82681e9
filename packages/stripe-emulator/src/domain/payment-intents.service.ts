import type Stripe from 'stripe';
import { invalidRequest, resourceMissing, unexpectedState } from '../errors.ts';
import { nowSeconds } from '../ids.ts';
import { releaseAuthorization } from './authorization.ts';
import { chargeCard } from './charging.ts';
import type { Domain } from './context.ts';
import type { Cause } from './events.ts';
import {
  mergeMetadata,
  optionalBoolean,
  optionalInteger,
  optionalObject,
  optionalString,
  type Params,
  requiredString,
  validateAmount,
  validateCurrency,
} from './params.ts';
import { buildPaymentIntent } from './payment-intent.object.ts';
import { resolvePaymentMethod } from './payment-methods.ts';

const UPDATABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];
const CANCELABLE = [...UPDATABLE, 'requires_capture', 'processing'];
const CANCEL_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'];
const CAPTURE_METHODS = ['automatic', 'automatic_async', 'manual'];

function captureMethod(params: Params): Stripe.PaymentIntent.CaptureMethod | undefined {
  const value = optionalString(params, 'capture_method');
  if (value === undefined || CAPTURE_METHODS.includes(value))
    return value as Stripe.PaymentIntent.CaptureMethod | undefined;
  throw invalidRequest(
    `Invalid capture_method: must be one of ${CAPTURE_METHODS.join(', ')}`,
    'parameter_invalid_string',
    'capture_method',
  );
}

export function findPaymentIntent(domain: Domain, id: string): Stripe.PaymentIntent {
  const pi = domain.store.paymentIntents.get(id);
  if (!pi) throw resourceMissing('payment_intent', id);
  return pi;
}

export function createPaymentIntent(domain: Domain, params: Params, cause: Cause): Stripe.PaymentIntent {
  const currency = validateCurrency(requiredString(params, 'currency'));
  const amount = validateAmount(optionalInteger(params, 'amount'), currency);
  const apm = optionalObject(params, 'automatic_payment_methods');
  const pi = buildPaymentIntent({
    amount,
    currency,
    automaticPaymentMethods: apm ? optionalBoolean(apm, 'enabled') === true : false,
    metadata: mergeMetadata({}, params),
    description: optionalString(params, 'description') ?? null,
    receiptEmail: optionalString(params, 'receipt_email') ?? null,
    captureMethod: captureMethod(params) ?? 'automatic_async',
  });
  domain.store.paymentIntents.set(pi.id, pi);
  domain.events.emit('payment_intent.created', pi, cause);
  if (optionalBoolean(params, 'confirm')) return confirmPaymentIntent(domain, pi, params, cause);
  const pm = resolvePaymentMethod(domain.store, params);
  if (pm) {
    pi.payment_method = pm.id;
    pi.status = 'requires_confirmation';
  }
  return pi;
}

export function updatePaymentIntent(
  domain: Domain,
  pi: Stripe.PaymentIntent,
  params: Params,
): Stripe.PaymentIntent {
  if (!UPDATABLE.includes(pi.status)) {
    throw unexpectedState(
      `This PaymentIntent's ${Object.keys(params)[0] ?? 'amount'} could not be updated because it has a status of ${pi.status}. You may only update the ${Object.keys(params)[0] ?? 'amount'} of a PaymentIntent with one of the following statuses: ${UPDATABLE.join(', ')}.`,
    );
  }
  const currency =
    params.currency === undefined ? pi.currency : validateCurrency(requiredString(params, 'currency'));
  const amount = optionalInteger(params, 'amount');
  if (amount !== undefined || currency !== pi.currency)
    pi.amount = validateAmount(amount ?? pi.amount, currency);
  pi.currency = currency;
  pi.metadata = mergeMetadata(pi.metadata, params);
  pi.capture_method = captureMethod(params) ?? pi.capture_method;
  const description = optionalString(params, 'description');
  if (description !== undefined) pi.description = description || null;
  const receiptEmail = optionalString(params, 'receipt_email');
  if (receiptEmail !== undefined) pi.receipt_email = receiptEmail || null;
  const pm = resolvePaymentMethod(domain.store, params);
  if (pm) {
    pi.payment_method = pm.id;
    pi.status = 'requires_confirmation';
  }
  return pi;
}

export function confirmPaymentIntent(domain: Domain, pi: Stripe.PaymentIntent, params: Params, cause: Cause) {
  if (pi.status === 'succeeded') {
    throw unexpectedState(
      'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.',
    );
  }
  if (!UPDATABLE.includes(pi.status)) {
    throw unexpectedState(`You cannot confirm this PaymentIntent because it has a status of ${pi.status}.`);
  }
  const pm =
    resolvePaymentMethod(domain.store, params) ??
    (typeof pi.payment_method === 'string' ? domain.store.paymentMethods.get(pi.payment_method) : undefined);
  if (!pm) {
    throw unexpectedState(
      "You cannot confirm this PaymentIntent because it's missing a payment method. To confirm the PaymentIntent, update it with a payment_method or pass one to confirm.",
    );
  }
  const returnUrl = optionalString(params, 'return_url');
  if (returnUrl !== undefined) {
    if (!/^https?:\/\//.test(returnUrl)) throw invalidRequest('Not a valid URL', 'url_invalid', 'return_url');
    domain.store.returnUrls.set(pi.id, returnUrl);
  }
  pi.payment_method = pm.id;
  pi.last_payment_error = null;
  if (pm.card.threeDSecure) {
    pi.status = 'requires_action';
    const secret = encodeURIComponent(pi.client_secret ?? '');
    pi.next_action = {
      type: 'redirect_to_url',
      redirect_to_url: {
        url: `${domain.baseUrl()}/_emulator/3ds/${pi.id}?client_secret=${secret}`,
        return_url: domain.store.returnUrls.get(pi.id) ?? null,
      },
    };
    domain.events.emit('payment_intent.requires_action', pi, cause);
    return pi;
  }
  return chargeCard(domain, pi, pm, false, cause);
}

export function cancelPaymentIntent(domain: Domain, pi: Stripe.PaymentIntent, params: Params, cause: Cause) {
  if (!CANCELABLE.includes(pi.status)) {
    throw unexpectedState(
      `You cannot cancel this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`,
    );
  }
  const reason = optionalString(params, 'cancellation_reason');
  if (reason !== undefined && !CANCEL_REASONS.includes(reason)) {
    throw invalidRequest(
      `Invalid cancellation_reason: must be one of ${CANCEL_REASONS.join(', ')}`,
      'parameter_invalid_string',
      'cancellation_reason',
    );
  }
  if (pi.status === 'requires_capture') releaseAuthorization(domain, pi);
  pi.status = 'canceled';
  pi.canceled_at = nowSeconds();
  pi.cancellation_reason = (reason as Stripe.PaymentIntent.CancellationReason | undefined) ?? null;
  pi.next_action = null;
  domain.events.emit('payment_intent.canceled', pi, cause);
  return pi;
}
