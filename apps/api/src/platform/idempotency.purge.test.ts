import { createTestContext, type TestContext } from '../../test/harness.ts';
import { IDEMPOTENCY_RETENTION_HOURS, purgeIdempotencyKeys } from './idempotency.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());
beforeEach(() => ctx.db.deleteFrom('idempotency_keys').execute());

/** The purge runs "now"; every key is placed in time relative to it, so nothing waits. */
const now = new Date('2027-03-01T12:00:00Z');
const hoursBefore = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
const old = IDEMPOTENCY_RETENTION_HOURS + 1;

interface KeyState {
  createdHoursAgo: number;
  /** Set: the request finished and its response is kept. */
  finished?: boolean;
  /** Where its lock ends, relative to now; unset: no lock (finished, or released after an outage). */
  lockedForSeconds?: number;
}

async function key(name: string, state: KeyState): Promise<void> {
  await ctx.db
    .insertInto('idempotency_keys')
    .values({
      restaurant_id: ctx.restaurant.id,
      scope: 'orders.create',
      key: name,
      fingerprint: 'f',
      created_at: hoursBefore(state.createdHoursAgo),
      locked_until:
        state.lockedForSeconds === undefined ? null : new Date(now.getTime() + state.lockedForSeconds * 1000),
      response_status: state.finished ? 201 : null,
      response_body: state.finished ? '{}' : null,
      recovery_point: state.finished ? 'finished' : 'started',
    })
    .execute();
}

const remaining = async () =>
  (await ctx.db.selectFrom('idempotency_keys').select('key').orderBy('key').execute()).map((row) => row.key);

describe('purgeIdempotencyKeys', () => {
  it('when keys are older than the retention and finished or abandoned, then they go; recent or in-flight ones stay', async () => {
    await key('old-finished', { createdHoursAgo: old, finished: true });
    await key('old-released-after-outage', { createdHoursAgo: old });
    await key('old-lock-expired', { createdHoursAgo: old, lockedForSeconds: -3600 });
    await key('old-resumed-in-flight', { createdHoursAgo: old, lockedForSeconds: 60 });
    await key('at-retention', { createdHoursAgo: IDEMPOTENCY_RETENTION_HOURS, finished: true });
    await key('recent-finished', { createdHoursAgo: 1, finished: true });
    await key('recent-in-flight', { createdHoursAgo: 0, lockedForSeconds: 90 });

    expect(await purgeIdempotencyKeys(ctx.db, now)).toBe(3);
    expect(await remaining()).toEqual([
      'at-retention',
      'old-resumed-in-flight',
      'recent-finished',
      'recent-in-flight',
    ]);
  });

  it('when more keys are due than one run may delete, then each statement takes one batch and the next run the rest', async () => {
    for (const name of ['a', 'b', 'c', 'd', 'e']) await key(name, { createdHoursAgo: old, finished: true });
    await key('recent', { createdHoursAgo: 1, finished: true });

    expect(await purgeIdempotencyKeys(ctx.db, now, { batchSize: 2, maxBatches: 2 })).toBe(4);
    expect(await remaining()).toHaveLength(2);
    expect(await purgeIdempotencyKeys(ctx.db, now, { batchSize: 2 })).toBe(1);
    expect(await remaining()).toEqual(['recent']);
  });
});
