import { createTestContext, type TestContext } from '../../test/harness.ts';
import { jobTestEnv, waitFor } from '../../test/jobs.ts';
import type { Config } from '../platform/config.ts';
import { IDEMPOTENCY_RETENTION_HOURS } from '../platform/idempotency.ts';
import { createLogger } from '../platform/logger.ts';
import { ACCEPTANCE_EXPIRY_QUEUE, IDEMPOTENCY_PURGE_QUEUE, RECONCILE_QUEUE } from './job-queue.ts';
import { type JobRunner, startJobRunner } from './job-runner.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ env: jobTestEnv() });
});
afterAll(() => ctx.close());

async function withRunner<T>(schedules: Partial<Config>, use: (runner: JobRunner) => Promise<T>): Promise<T> {
  const runner = await startJobRunner({
    config: { ...ctx.config, ...schedules },
    database: ctx.database,
    logger: createLogger(ctx.config),
    payments: ctx.payments,
  });
  try {
    return await use(runner);
  } finally {
    await runner.stop({ graceful: false });
  }
}

const scheduled = (runner: JobRunner) =>
  runner.boss
    .getSchedules()
    .then((rows) => rows.map(({ name, cron, timezone }) => ({ name, cron, timezone })));

describe('job runner schedules', () => {
  it('when the purge, the reconciler and the acceptance expiry have crons, then all are scheduled in UTC; when set to off, then all are removed', async () => {
    const on = {
      IDEMPOTENCY_PURGE_CRON: '0 * * * *',
      RECONCILE_CRON: '*/5 * * * *',
      ACCEPTANCE_EXPIRY_CRON: '* * * * *',
    };
    expect(await withRunner(on, scheduled)).toEqual(
      expect.arrayContaining([
        { name: IDEMPOTENCY_PURGE_QUEUE, cron: '0 * * * *', timezone: 'UTC' },
        { name: RECONCILE_QUEUE, cron: '*/5 * * * *', timezone: 'UTC' },
        { name: ACCEPTANCE_EXPIRY_QUEUE, cron: '* * * * *', timezone: 'UTC' },
      ]),
    );
    const off = { IDEMPOTENCY_PURGE_CRON: 'off', RECONCILE_CRON: 'off', ACCEPTANCE_EXPIRY_CRON: 'off' };
    expect(await withRunner(off, scheduled)).toEqual([]);
  });

  it('when a purge job runs, then keys past the retention are deleted and recent ones kept', async () => {
    const insertKey = (key: string, createdAt: Date) =>
      ctx.db
        .insertInto('idempotency_keys')
        .values({
          restaurant_id: ctx.restaurant.id,
          scope: 'orders.create',
          key,
          fingerprint: 'f',
          created_at: createdAt,
          response_status: 201,
          response_body: '{}',
          recovery_point: 'finished',
        })
        .execute();
    await insertKey('purge-job-old', new Date(Date.now() - (IDEMPOTENCY_RETENTION_HOURS + 1) * 3_600_000));
    await insertKey('purge-job-recent', new Date());
    const keys = () =>
      ctx.db
        .selectFrom('idempotency_keys')
        .select('key')
        .where('key', 'like', 'purge-job-%')
        .execute()
        .then((rows) => rows.map((row) => row.key));

    await withRunner({}, async (runner) => {
      await runner.boss.send(IDEMPOTENCY_PURGE_QUEUE, null);
      await waitFor(keys, (left) => left.length === 1);
    });
    expect(await keys()).toEqual(['purge-job-recent']);
  });
});
