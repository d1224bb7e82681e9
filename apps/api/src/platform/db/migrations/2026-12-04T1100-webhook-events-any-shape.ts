import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * Every verified Stripe event is stored, whatever its shape: envelope fields an event lacks are
 * null, and a body PostgreSQL's jsonb cannot hold (nested too deep, a \u0000 in a string, a number
 * out of numeric's range) is kept as received in `raw_body`, with `payload` null.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and never import app types.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table webhook_events
    alter column type drop not null,
    alter column livemode drop not null,
    alter column stripe_created_at drop not null,
    alter column payload drop not null,
    add column raw_body text`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table webhook_events
    drop column raw_body,
    alter column type set not null,
    alter column livemode set not null,
    alter column stripe_created_at set not null,
    alter column payload set not null`.execute(db);
}
