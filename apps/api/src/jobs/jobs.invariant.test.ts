import { readFile } from 'node:fs/promises';
import { simpleParser } from 'mailparser';
import { closeAll } from '../../test/close-all.ts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { jobEnded, jobTestEnv, startRunner, waitFor } from '../../test/jobs.ts';
import {
  deliver,
  failed,
  intentEvent,
  jobsFor,
  orderRow,
  placeOrder,
  succeeded,
} from '../../test/webhooks.ts';
import { ORDER_JOB_KINDS } from './job-queue.ts';
import type { JobRunner } from './job-runner.ts';
import type { OrderJobData } from './job-types.ts';

let ctx: TestContext;
let runner: JobRunner;
beforeAll(async () => {
  ctx = await createTestContext({ env: jobTestEnv() });
  runner = await startRunner(ctx);
});
afterAll(() =>
  closeAll(
    () => runner?.stop(),
    () => ctx?.close(),
  ),
);

async function queuedOrderJobIds(): Promise<string[]> {
  const ids: string[] = [];
  for (const kind of ORDER_JOB_KINDS) {
    const jobs = await runner.boss.findJobs<OrderJobData>(kind);
    ids.push(...jobs.map((job) => job.data.orderJobId));
  }
  return ids;
}

describe('post-payment jobs exist if and only if the order is confirmed (invariant 7)', () => {
  it.each([
    ['the payment failed', async (order: Awaited<ReturnType<typeof placeOrder>>) => failed(ctx, order)],
    [
      'the amount does not match (needs_review)',
      async (order: Awaited<ReturnType<typeof placeOrder>>) =>
        succeeded(ctx, order, { amount_received: order.total - 1 }),
    ],
    [
      'the payment was canceled',
      async (order: Awaited<ReturnType<typeof placeOrder>>) =>
        intentEvent(ctx, 'payment_intent.canceled', order.intentId, { status: 'canceled' }),
    ],
  ])('when %s, then no job exists for the order, in the outbox or the queue', async (_name, makeEvent) => {
    const order = await placeOrder(ctx);
    await deliver(ctx, await makeEvent(order)).expect(200);
    await runner.dispatchNow();
    const row = await orderRow(ctx, order.orderId);
    expect(['pending_payment', 'needs_review', 'cancelled']).toContain(row.status);
    expect(await jobsFor(ctx, order.orderId)).toEqual([]);
    const outbox = await ctx.db.selectFrom('order_jobs').select(['id', 'order_id']).execute();
    const queued = await queuedOrderJobIds();
    expect(queued.every((id) => outbox.some((job) => job.id === id && job.order_id !== order.orderId))).toBe(
      true,
    );
  });

  it('when an order is confirmed, then each of its jobs is queued once and runs; the email lands as an .eml file', async () => {
    const order = await placeOrder(ctx);
    const event = await succeeded(ctx, order);
    await deliver(ctx, event).expect(200);
    await deliver(ctx, event).expect(200);
    const email = await jobEnded(ctx, order.orderId, 'confirmation_email');
    const pos = await jobEnded(ctx, order.orderId, 'pos_handoff');
    expect(pos).toMatchObject({ status: 'skipped', detail: 'no POS endpoint configured', attempts: 1 });
    expect(email).toMatchObject({ status: 'succeeded', attempts: 1 });
    const queued = await waitFor(queuedOrderJobIds, (ids) => ids.includes(email.id) && ids.includes(pos.id));
    expect(queued.filter((id) => id === email.id || id === pos.id)).toHaveLength(2);

    const file = email.detail?.replace(/^file: /, '') ?? '';
    expect(file.startsWith(`${ctx.config.DATA_DIR}/mail/`)).toBe(true);
    const mail = await simpleParser(await readFile(file));
    const { order_number } = await orderRow(ctx, order.orderId);
    expect(mail.subject).toBe(`Trattoria Demo: Order #${order_number} confirmed`);
    expect(mail.text).toContain('2 × Garlic Knots');
    expect(mail.html).toContain('2 × <strong>Garlic Knots</strong>');
  });
});
