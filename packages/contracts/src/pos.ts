import { z } from 'zod';
import { Amounts, DeliveryAddress, OrderLine } from './order.ts';
import { OrderType, PaymentStatus } from './status.ts';

/**
 * Version 1 of the confirmed order the API POSTs to a restaurant's POS endpoint. Sent with
 * `Content-Type: application/json`, an `Idempotency-Key: pos-<order_id>` header the receiver dedupes
 * on (retries and re-sends carry the same key), and `X-Signature: t=<unix seconds>,v1=<hex>` where
 * v1 = HMAC-SHA256(pos_signing_secret, `${t}.${raw body}`). Fields are only ever added within v1.
 */
export const PosOrderV1 = z.object({
  version: z.literal('pos.order.v1'),
  idempotency_key: z.string(),
  restaurant: z.object({ slug: z.string(), name: z.string() }),
  order: z.object({
    order_id: z.uuid(),
    order_number: z.number().int(),
    order_type: OrderType,
    payment_status: PaymentStatus,
    customer: z.object({ name: z.string(), email: z.string(), phone: z.string() }),
    delivery_address: DeliveryAddress.nullable(),
    /** Null means as soon as possible; see estimated_ready_at. */
    scheduled_time: z.iso.datetime({ offset: true }).nullable(),
    estimated_ready_at: z.iso.datetime({ offset: true }).nullable(),
    special_instructions: z.string().nullable(),
    items: z.array(OrderLine),
    amounts: Amounts,
    created_at: z.iso.datetime({ offset: true }),
    confirmed_at: z.iso.datetime({ offset: true }),
  }),
});

export type PosOrderV1 = z.infer<typeof PosOrderV1>;
