import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * Orders flagged for a person (`review_reason` set, whatever their status), newest first per
 * restaurant: the operator list's `flagged=true`. Partial, so it holds only the few flagged rows and
 * placing an order never writes to it. Building it holds order inserts while it reads the table:
 * on a big one, build it beforehand with `create index concurrently` (infra/README.md), and this
 * migration finds it there.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and never import app types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('orders_flagged')
    .ifNotExists()
    .on('orders')
    .columns(['restaurant_id', 'created_at', 'id'])
    .where(sql.ref('review_reason'), 'is not', null)
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('orders_flagged').execute();
}
