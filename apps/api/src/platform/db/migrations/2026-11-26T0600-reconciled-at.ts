import type { Kysely } from 'kysely';

/**
 * When the reconciler last re-read an order's PaymentIntent. Each pass takes the pending orders it
 * has not looked at for longest, so orders it can never settle (an intent Stripe no longer knows)
 * cannot keep the newer ones out of every pass.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and never import app types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('orders').addColumn('reconciled_at', 'timestamptz').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('orders').dropColumn('reconciled_at').execute();
}
