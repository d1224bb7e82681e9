import type { Kysely } from 'kysely';

/**
 * Availability (flow 11): weekly opening hours and closures, read in the restaurant's time zone, and
 * a pause of online ordering. Both sit on the restaurant row, so the read that placing already does
 * carries them, and changing either moves the catalog version (its trigger), as a sold-out item does.
 * Null hours keep a restaurant open at every hour, as every restaurant was before.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and never import app types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('restaurants')
    .addColumn('opening_hours', 'jsonb')
    .addColumn('paused_until', 'timestamptz')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('restaurants').dropColumn('opening_hours').dropColumn('paused_until').execute();
}
