import { type Kysely, sql } from 'kysely';

/**
 * The order_jobs outbox gains what the job runner needs: when a row was handed to the queue (and the
 * queue's job id), a note on how it ended (a skip reason, where a message went), and when a dead job
 * was flagged for a person. pg-boss installs and migrates its own `pgboss` schema when it starts.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and never import app types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('order_jobs')
    .addColumn('queued_at', 'timestamptz')
    .addColumn('queue_job_id', 'text')
    .addColumn('detail', 'text')
    .addColumn('flagged_at', 'timestamptz')
    .execute();
  // The dispatcher's scan: staged rows not yet handed to the queue.
  await db.schema
    .createIndex('order_jobs_undispatched')
    .on('order_jobs')
    .column('created_at')
    .where(sql.ref('queued_at'), 'is', null)
    .execute();
  await db.schema.createIndex('order_jobs_order').on('order_jobs').column('order_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('order_jobs_order').ifExists().execute();
  await db.schema.dropIndex('order_jobs_undispatched').ifExists().execute();
  await db.schema
    .alterTable('order_jobs')
    .dropColumn('flagged_at')
    .dropColumn('detail')
    .dropColumn('queue_job_id')
    .dropColumn('queued_at')
    .execute();
}
