import { type Kysely, sql } from 'kysely';

/**
 * Restaurant service: how a restaurant accepts orders (`automatic`, or `manual` within a window,
 * with the card authorized and captured on acceptance), and the times of each step an order
 * reaches, which the diner's page and the console show.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and never import app types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('restaurants')
    .addColumn('order_acceptance', 'text', (c) =>
      c.notNull().defaultTo('automatic').check(sql`order_acceptance in ('automatic', 'manual')`),
    )
    .addColumn('acceptance_window_minutes', 'integer', (c) =>
      c.notNull().defaultTo(10).check(sql`acceptance_window_minutes between 1 and 240`),
    )
    .execute();
  await db.schema
    .alterTable('orders')
    .addColumn('authorized_at', 'timestamptz')
    .addColumn('acceptance_deadline', 'timestamptz')
    // Set when an acceptance begins (the amount it captures), so a racing reject is refused.
    .addColumn('capture_amount', 'integer')
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('preparing_at', 'timestamptz')
    .addColumn('ready_at', 'timestamptz')
    .addColumn('completed_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('orders_awaiting_acceptance')
    .on('orders')
    .column('acceptance_deadline')
    .where(sql.ref('status'), '=', 'awaiting_acceptance')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('orders_awaiting_acceptance').execute();
  for (const column of [
    'authorized_at',
    'acceptance_deadline',
    'capture_amount',
    'accepted_at',
    'preparing_at',
    'ready_at',
    'completed_at',
  ])
    await db.schema.alterTable('orders').dropColumn(column).execute();
  await db.schema.alterTable('restaurants').dropColumn('order_acceptance').execute();
  await db.schema.alterTable('restaurants').dropColumn('acceptance_window_minutes').execute();
}
