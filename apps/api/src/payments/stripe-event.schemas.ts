import { z } from 'zod';

/**
 * The parts of a Stripe event the webhook reads. Only the fields a handler reads are listed, and
 * only those it cannot do without are required: Stripe's nullable fields stay nullable, and fields
 * Stripe may omit (or that no handler needs) may be absent. An event that fails these is still kept.
 */

/** Minor units, as our integer columns hold them. */
const minorUnits = z.int().nonnegative().max(2_147_483_647);
const currency = z.string().regex(/^[a-z]{3}$/, 'must be a lowercase ISO currency code');
const stripeId = z.string().min(1);
/** An id, or the object when expanded. */
const expandable = z.union([stripeId, z.object({ id: stripeId })]).nullable();

export const EventEnvelope = z.object({
  // Longer ids than Stripe's (~30 characters) do not fit the inbox's key index; such an event is kept under one derived from its body.
  id: stripeId.max(255),
  type: z.string().min(1),
  livemode: z.boolean(),
  // Up to the end of year 9999, so it always converts to a timestamp.
  created: z.int().positive().max(253_402_300_799),
  data: z.object({ object: z.looseObject({ object: z.unknown() }) }),
});

/** The envelope field by field, each null when unreadable: what an unreadable event is stored under. */
export const LooseEnvelope = z
  .object({
    id: EventEnvelope.shape.id.nullable().catch(null),
    type: EventEnvelope.shape.type.nullable().catch(null),
    livemode: EventEnvelope.shape.livemode.nullable().catch(null),
    created: EventEnvelope.shape.created.nullable().catch(null),
  })
  .catch({ id: null, type: null, livemode: null, created: null });

/**
 * What an event's object says about whose it is, read apart from the rest: a PaymentIntent names our
 * order in its metadata; refunds, refunded charges and disputes name their PaymentIntent.
 */
export const SubjectFields = z.object({
  type: z.string().catch(''),
  data: z.object({
    object: z.object({
      object: z.string().catch(''),
      metadata: z
        .object({ order_id: z.string().optional().catch(undefined) })
        .nullish()
        .catch(null),
      payment_intent: expandable.optional().catch(null),
    }),
  }),
});

export const IntentFields = z.object({
  id: stripeId.max(255),
  status: z.string(),
  amount: minorUnits.optional(),
  amount_received: minorUnits,
  /** Held on the card and not yet captured (manual capture); older payloads may lack it. */
  amount_capturable: minorUnits.optional(),
  currency,
  livemode: z.boolean(),
  client_secret: z.string().nullish(),
  cancellation_reason: z.string().nullish(),
  metadata: z.object({ order_id: z.string().optional(), client_slug: z.string().optional() }).nullish(),
  last_payment_error: z
    .object({ message: z.string().nullish(), code: z.string().nullish(), decline_code: z.string().nullish() })
    .nullish(),
});
export type IntentFields = z.infer<typeof IntentFields>;

export const RefundFields = z.object({
  id: stripeId.max(255),
  payment_intent: expandable.optional(),
  amount: minorUnits.positive(),
  currency,
  status: z.string().nullable(),
  reason: z.string().nullish(),
  failure_reason: z.string().nullish(),
  metadata: z.object({ refund_id: z.string().optional() }).nullish(),
});
export type RefundFields = z.infer<typeof RefundFields>;

export const RefundedChargeFields = z.object({
  payment_intent: expandable.optional(),
  refunds: z.object({ data: z.array(RefundFields) }).nullish(),
});

export const DisputeFields = z.object({
  payment_intent: expandable.optional(),
  status: z.string().min(1),
  amount: minorUnits,
});
