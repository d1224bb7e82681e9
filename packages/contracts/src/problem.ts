import { z } from 'zod';

/** RFC 9457 problem details, as every error of the API is answered. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    request_id: z.string().optional(),
    /** Validation failures: one entry per bad field, by path (`items.0.quantity`). */
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

/**
 * Every problem type the API answers with (`/problems/<type>`), so a client can map each one to
 * words for its own users instead of showing `detail`.
 */
export const ProblemType = z.enum([
  'validation-error',
  'bad-request',
  'payload-too-large',
  'unsupported-media-type',
  'invalid-value',
  'unauthorized',
  'invalid-credentials',
  'csrf-token-invalid',
  'password-change-required',
  'role-required',
  'staff-email-taken',
  'staff-self-disable',
  'not-found',
  'order-link-expired',
  'rate-limited',
  'busy',
  'service-unavailable',
  'internal',
  'provider-unavailable',
  'payment-declined',
  'idempotency-key-missing',
  'idempotency-key-invalid',
  'idempotency-key-reused',
  'request-in-progress',
  'menu-changing',
  'restaurant-closed',
  'ordering-paused',
  'item-unavailable',
  'scheduled-time-invalid',
  'order-not-payable',
  'order-not-paid',
  'order-not-cancellable',
  'order-not-awaiting-acceptance',
  'order-being-accepted',
  'order-being-rejected',
  'authorization-gone',
  'capture-exceeds-authorized',
  'order-not-accepted',
  'status-not-forward',
  'refund-exceeds-refundable',
  'refund-already-made',
  'payment-other-mode',
  'payment-in-progress',
  'payment-not-refunded',
  'payment-intent-missing',
  'invalid-signature',
  'malformed-event',
]);
export type ProblemType = z.infer<typeof ProblemType>;
