import type Stripe from 'stripe';
import { accepted, bool, int, list, map, oneOf, required, type Spec, str } from './spec.ts';

/** As in payment-intents.params.ts: every parameter the pinned SDK names, checked where modelled. */
type ParamsOf<T> = Record<keyof T, Spec>;

const expand = list(str);
/** `created` is an exact timestamp or a range; the list code checks either form. */
const PAGE = { created: accepted, ending_before: str, expand, limit: int, starting_after: str };

export const LIST_CHARGES = {
  ...PAGE,
  customer: str,
  payment_intent: str,
  transfer_group: str,
} satisfies ParamsOf<Stripe.ChargeListParams>;
export const SEARCH_CHARGES = {
  query: required(str),
  expand,
  limit: int,
  page: str,
} satisfies ParamsOf<Stripe.ChargeSearchParams>;
export const LIST_REFUNDS = {
  ...PAGE,
  charge: str,
  payment_intent: str,
} satisfies ParamsOf<Stripe.RefundListParams>;
export const LIST_EVENTS = {
  ...PAGE,
  delivery_success: bool,
  type: str,
  types: list(str),
} satisfies ParamsOf<Stripe.EventListParams>;
export const RETRIEVE = { expand } satisfies ParamsOf<Stripe.ChargeRetrieveParams>;

export const CREATE_REFUND = {
  amount: int,
  charge: str,
  currency: str,
  customer: str,
  expand,
  instructions_email: str,
  metadata: map,
  origin: oneOf('customer_balance'),
  payment_intent: str,
  reason: oneOf('duplicate', 'fraudulent', 'requested_by_customer'),
  refund_application_fee: bool,
  reverse_transfer: bool,
} satisfies ParamsOf<Stripe.RefundCreateParams>;
