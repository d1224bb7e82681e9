import type { Kysely } from 'kysely';

/**
 * When the latest PaymentIntent event applied to an order was created at Stripe. Stripe delivers
 * events in any order; a non-final state (processing, a decline, an action needed) older than the
 * one applied is stale and must not overwrite it.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and never import app types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('orders').addColumn('payment_event_at', 'timestamptz').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('orders').dropColumn('payment_event_at').execute();
}
