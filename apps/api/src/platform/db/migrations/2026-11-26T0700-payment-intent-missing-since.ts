import type { Kysely } from 'kysely';

/**
 * Since when Stripe has not known an order's PaymentIntent (`resource_missing`), by the
 * reconciler's passes; cleared when Stripe knows it again. After a day the order goes to
 * needs_review: a wrong key fixed within the day flags nothing.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and never import app types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('orders').addColumn('payment_intent_missing_since', 'timestamptz').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('orders').dropColumn('payment_intent_missing_since').execute();
}
