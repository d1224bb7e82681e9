import type Stripe from 'stripe';
import { accepted, bool, int, list, map, obj, oneOf, required, type Spec, str } from './spec.ts';

/**
 * Each table names every parameter the pinned SDK's API version takes for that call (`satisfies`
 * fails the typecheck when the SDK adds or drops one), and checks the ones the emulator models.
 */
type ParamsOf<T> = Record<keyof T, Spec>;

const address = obj({ city: str, country: str, line1: str, line2: str, postal_code: str, state: str });

/** Raw card fields appear only in what Stripe.js sends with a publishable key. */
const paymentMethodData = obj({
  type: required(str),
  billing_details: obj({ address, email: str, name: str, phone: str }),
  card: obj({ number: str, exp_month: int, exp_year: int, cvc: str }),
  metadata: map,
  allow_redisplay: oneOf('always', 'limited', 'unspecified'),
});

const captureMethod = oneOf('automatic', 'automatic_async', 'manual');
const setupFutureUsage = oneOf('off_session', 'on_session');
const methodTypes = list(str);

/** Parameters Stripe takes that the emulator does not model: accepted and ignored. */
const UNMODELLED = {
  amount_details: accepted,
  hooks: accepted,
  mandate_data: accepted,
  payment_details: accepted,
  payment_method_options: accepted,
  radar_options: accepted,
  shipping: accepted,
  transfer_data: accepted,
};

export const CREATE_PAYMENT_INTENT = {
  ...UNMODELLED,
  amount: required(int),
  currency: required(str),
  allowed_payment_method_types: methodTypes,
  application_fee_amount: int,
  automatic_payment_methods: obj({ enabled: required(bool), allow_redirects: oneOf('always', 'never') }),
  capture_method: captureMethod,
  confirm: bool,
  confirmation_method: oneOf('automatic', 'manual'),
  confirmation_token: str,
  customer: str,
  customer_account: str,
  description: str,
  error_on_requires_action: bool,
  excluded_payment_method_types: methodTypes,
  expand: list(str),
  mandate: str,
  metadata: map,
  off_session: accepted,
  on_behalf_of: str,
  payment_method: str,
  payment_method_configuration: str,
  payment_method_data: paymentMethodData,
  receipt_email: str,
  return_url: str,
  setup_future_usage: setupFutureUsage,
  statement_descriptor: str,
  statement_descriptor_suffix: str,
  transfer_group: str,
  use_stripe_sdk: bool,
} satisfies ParamsOf<Stripe.PaymentIntentCreateParams>;

export const UPDATE_PAYMENT_INTENT = {
  amount_details: accepted,
  hooks: accepted,
  payment_details: accepted,
  payment_method_options: accepted,
  shipping: accepted,
  transfer_data: accepted,
  allowed_payment_method_types: methodTypes,
  amount: int,
  application_fee_amount: int,
  capture_method: captureMethod,
  currency: str,
  customer: str,
  customer_account: str,
  description: str,
  excluded_payment_method_types: methodTypes,
  expand: list(str),
  metadata: map,
  payment_method: str,
  payment_method_configuration: str,
  payment_method_data: paymentMethodData,
  receipt_email: str,
  setup_future_usage: setupFutureUsage,
  statement_descriptor: str,
  statement_descriptor_suffix: str,
  transfer_group: str,
} satisfies ParamsOf<Stripe.PaymentIntentUpdateParams>;

export const CONFIRM_PAYMENT_INTENT = {
  amount_details: accepted,
  hooks: accepted,
  mandate_data: accepted,
  payment_details: accepted,
  payment_method_options: accepted,
  radar_options: accepted,
  shipping: accepted,
  allowed_payment_method_types: methodTypes,
  amount_to_confirm: int,
  capture_method: captureMethod,
  confirmation_token: str,
  error_on_requires_action: bool,
  excluded_payment_method_types: methodTypes,
  expand: list(str),
  mandate: str,
  off_session: accepted,
  payment_method: str,
  payment_method_data: paymentMethodData,
  receipt_email: str,
  return_url: str,
  setup_future_usage: setupFutureUsage,
  use_stripe_sdk: bool,
  // Stripe.js confirms with the publishable key and the intent's client_secret.
  client_secret: str,
} satisfies ParamsOf<Stripe.PaymentIntentConfirmParams & { client_secret: string }>;

export const CAPTURE_PAYMENT_INTENT = {
  amount_details: accepted,
  hooks: accepted,
  payment_details: accepted,
  transfer_data: accepted,
  amount_to_capture: int,
  application_fee_amount: int,
  expand: list(str),
  final_capture: bool,
  metadata: map,
  statement_descriptor: str,
  statement_descriptor_suffix: str,
} satisfies ParamsOf<Stripe.PaymentIntentCaptureParams>;

export const CANCEL_PAYMENT_INTENT = {
  cancellation_reason: oneOf('duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'),
  expand: list(str),
} satisfies ParamsOf<Stripe.PaymentIntentCancelParams>;

export const RETRIEVE_PAYMENT_INTENT = {
  client_secret: str,
  expand: list(str),
} satisfies ParamsOf<Stripe.PaymentIntentRetrieveParams>;

export const LIST_PAYMENT_INTENTS = {
  created: accepted,
  customer: str,
  customer_account: str,
  ending_before: str,
  expand: list(str),
  limit: int,
  starting_after: str,
} satisfies ParamsOf<Stripe.PaymentIntentListParams>;

export const SEARCH_PAYMENT_INTENTS = {
  query: required(str),
  expand: list(str),
  limit: int,
  page: str,
} satisfies ParamsOf<Stripe.PaymentIntentSearchParams>;
