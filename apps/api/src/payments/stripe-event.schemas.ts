import { z } from 'zod';

/**
 * The parts of a Stripe event the webhook reads, checked before anything is stored: a signed event
 * whose shape is not Stripe's is refused rather than applied half-understood. Only the fields we
 * read are listed; Stripe's nullable fields stay nullable, and fields Stripe may omit may be absent.
 */

/** Minor units, as our integer columns hold them. */
const minorUnits = z.int().nonnegative().max(2_147_483_647);
const currency = z.string().regex(/^[a-z]{3}$/, 'must be a lowercase ISO currency code');
const stripeId = z.string().min(1);
/** An id, or the object when expanded. */
const expandable = z.union([stripeId, z.object({ id: stripeId })]).nullable();

export const EventEnvelope = z.object({
  id: stripeId,
  type: z.string().min(1),
  livemode: z.boolean(),
  // Up to the end of year 9999, so it always converts to a timestamp.
  created: z.int().positive().max(253_402_300_799),
  data: z.object({ object: z.looseObject({ object: z.unknown() }) }),
});

export const IntentFields = z.object({
  id: stripeId,
  status: z.string(),
  amount: minorUnits,
  amount_received: minorUnits,
  /** Held on the card and not yet captured (manual capture); older payloads may lack it. */
  amount_capturable: minorUnits.optional(),
  currency,
  livemode: z.boolean(),
  client_secret: z.string().nullable(),
  cancellation_reason: z.string().nullish(),
  metadata: z.object({ order_id: z.string().optional(), client_slug: z.string().optional() }),
  last_payment_error: z.object({ message: z.string().optional() }).nullable(),
});
export type IntentFields = z.infer<typeof IntentFields>;

export const RefundFields = z.object({
  id: stripeId,
  payment_intent: expandable,
  amount: minorUnits.positive(),
  currency,
  status: z.string().nullable(),
  reason: z.string().nullable(),
  failure_reason: z.string().optional(),
  metadata: z.object({ refund_id: z.string().optional() }).nullable(),
});
export type RefundFields = z.infer<typeof RefundFields>;

export const RefundedChargeFields = z.object({
  payment_intent: expandable,
  refunds: z.object({ data: z.array(RefundFields) }).nullish(),
});

export const DisputeFields = z.object({
  payment_intent: expandable,
  status: z.string().min(1),
  amount: minorUnits,
});
