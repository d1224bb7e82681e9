import type { Db as BossDb } from 'pg-boss';
import { closeAll } from '../../test/close-all.ts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import {
  jobEnded,
  jobRow,
  jobTestEnv,
  type PosReceiver,
  startPosReceiver,
  startRunner,
  waitFor,
} from '../../test/jobs.ts';
import { deliver, placeOrder, succeeded } from '../../test/webhooks.ts';
import { queueDatabaseFor } from './job-queue.ts';

const SECRET = 'pos_secret_for_crash_tests';
let ctx: TestContext;
let pos: PosReceiver;
beforeAll(async () => {
  pos = await startPosReceiver(SECRET);
  ctx = await createTestContext({ env: jobTestEnv({ JOB_EXPIRE_SECONDS: '2' }) });
  await ctx.db
    .updateTable('restaurants')
    .set({ pos_endpoint_url: pos.url, pos_signing_secret: SECRET })
    .where('id', '=', ctx.restaurant.id)
    .execute();
});
afterAll(() =>
  closeAll(
    () => ctx?.close(),
    () => pos?.close(),
  ),
);

/** pg-boss's connection, cut at will: after `cut()` the runner can record nothing, as if it died. */
function severable(db: BossDb) {
  let cut = false;
  const wrapped: BossDb = {
    executeSql: (text, values) =>
      cut ? Promise.reject(new Error('process died')) : db.executeSql(text, values),
  };
  return { db: wrapped, cut: () => (cut = true) };
}

describe('a worker dying mid-job', () => {
  it('when the worker dies while the POS hangs, then a new worker delivers the order after the expiry, once', async () => {
    const connection = severable(queueDatabaseFor(ctx.database));
    const doomed = await startRunner(ctx, { queueDb: connection.db });
    pos.failNext(1, 0);
    const order = await placeOrder(ctx);
    await deliver(ctx, await succeeded(ctx, order)).expect(200);
    await waitFor(
      async () => pos.deliveries.length,
      (count) => count === 1,
    );
    expect(await jobRow(ctx, order.orderId, 'pos_handoff')).toMatchObject({ status: 'running', attempts: 1 });

    connection.cut();
    await doomed.stop({ graceful: false });
    const survivor = await startRunner(ctx);
    try {
      const job = await jobEnded(ctx, order.orderId, 'pos_handoff');
      expect(job).toMatchObject({ status: 'succeeded', attempts: 2, last_error: null });
      expect(pos.deliveries.map((d) => [d.key, d.status])).toEqual([
        [`pos-${order.orderId}`, 0],
        [`pos-${order.orderId}`, 200],
      ]);
      expect([...pos.accepted.keys()]).toEqual([`pos-${order.orderId}`]);
      const [hung, redelivered] = pos.deliveries;
      // Not before the attempt expired (JOB_EXPIRE_SECONDS=2): nobody could tell the worker was gone.
      expect((redelivered?.at ?? 0) - (hung?.at ?? 0)).toBeGreaterThanOrEqual(2000);
      // The doomed runner may have held this one too: it comes back after the same expiry.
      expect(await jobEnded(ctx, order.orderId, 'confirmation_email')).toMatchObject({ status: 'succeeded' });
    } finally {
      await survivor.stop();
    }
  });
});
