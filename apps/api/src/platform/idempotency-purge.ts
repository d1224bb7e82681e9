import type { Db } from './db/database.ts';

/** Keys are kept at least this long (Stripe keeps them 24 h); purgeIdempotencyKeys deletes them after. */
export const IDEMPOTENCY_RETENTION_HOURS = 48;

/**
 * Deletes keys created more than IDEMPOTENCY_RETENTION_HOURS before `now` whose request finished or
 * was abandoned (no lock, or one that has expired), oldest first, `batchSize` per statement and at
 * most `maxBatches` statements, so one run never holds many row locks or runs unbounded. A key still
 * in flight stays, and so does one a retry is taking over at that moment: its row is locked, and
 * skipped. Returns how many keys were deleted.
 */
export async function purgeIdempotencyKeys(
  db: Db,
  now = new Date(),
  { batchSize = 500, maxBatches = 100 } = {},
): Promise<number> {
  const createdBefore = new Date(now.getTime() - IDEMPOTENCY_RETENTION_HOURS * 3_600_000);
  let deleted = 0;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const result = await db
      .deleteFrom('idempotency_keys')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('idempotency_keys')
          .select('id')
          .where('created_at', '<', createdBefore)
          .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<', now)]))
          .orderBy('created_at')
          .limit(batchSize)
          .forUpdate()
          .skipLocked(),
      )
      .executeTakeFirst();
    const count = Number(result.numDeletedRows);
    deleted += count;
    if (count < batchSize) break;
  }
  return deleted;
}
