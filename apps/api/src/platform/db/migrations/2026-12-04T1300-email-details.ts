import type { Kysely } from 'kysely';

/**
 * What the diner's emails need beyond the order itself: the storefront each restaurant's order link
 * points at, the card the order was paid with (brand and last four, as Stripe reports them), and
 * what a job knew when it was staged (`payload`: a refund email describes the ledger as it stood when
 * that refund succeeded, not as it stands when the email goes out). A refund made by a cancellation
 * is told in the cancellation's email, so the ledger marks it.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and never import app types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('restaurants').addColumn('site_url', 'text').execute();
  await db.schema
    .alterTable('orders')
    .addColumn('card_brand', 'text')
    .addColumn('card_last4', 'text')
    .execute();
  await db.schema.alterTable('order_jobs').addColumn('payload', 'jsonb').execute();
  await db.schema
    .alterTable('refunds')
    .addColumn('for_cancellation', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('refunds').dropColumn('for_cancellation').execute();
  await db.schema.alterTable('order_jobs').dropColumn('payload').execute();
  await db.schema.alterTable('orders').dropColumn('card_brand').dropColumn('card_last4').execute();
  await db.schema.alterTable('restaurants').dropColumn('site_url').execute();
}
