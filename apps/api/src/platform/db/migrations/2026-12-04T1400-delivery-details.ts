import { type Kysely, sql } from 'kysely';

/**
 * Delivery details: the restaurant's country, whose postal codes a delivery address must match,
 * and its delivery time, which the diner's delivery estimate adds to the preparation time. And the
 * code of an order's last failed payment, so the diner is told why in words of our own.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and never import app types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('restaurants')
    .addColumn('country', 'text', (c) => c.notNull().defaultTo('US').check(sql`country ~ '^[A-Z]{2}$'`))
    .addColumn('delivery_time_minutes', 'integer', (c) =>
      c.notNull().defaultTo(30).check(sql`delivery_time_minutes between 0 and 600`),
    )
    .execute();
  // Stripe's decline_code or code of the last failed payment, which the diner's words are chosen by.
  await db.schema.alterTable('orders').addColumn('last_payment_error_code', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('orders').dropColumn('last_payment_error_code').execute();
  await db.schema.alterTable('restaurants').dropColumn('country').execute();
  await db.schema.alterTable('restaurants').dropColumn('delivery_time_minutes').execute();
}
