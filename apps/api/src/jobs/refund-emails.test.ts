import type { RefundView } from '@repo/contracts';
import type { ParsedMail } from 'mailparser';
import { closeAll } from '../../test/close-all.ts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { jobEnded, jobTestEnv, startRunner, writtenMail } from '../../test/jobs.ts';
import { operatorApi, operatorKey, paidOrder } from '../../test/operators.ts';
import { jobsFor, orderRow, type PlacedOrder } from '../../test/webhooks.ts';
import type { JobRunner } from './job-runner.ts';

let ctx: TestContext;
let api: ReturnType<typeof operatorApi>;
let runner: JobRunner | undefined;
beforeAll(async () => {
  // No SMTP_URL: the mailer writes .eml files into the test's DATA_DIR, as `pnpm start` does.
  ctx = await createTestContext({ env: jobTestEnv({ JOB_EXPIRE_SECONDS: '30' }) });
  api = operatorApi(ctx, await operatorKey(ctx));
  await ctx.listen();
});
afterEach(async () => {
  await runner?.stop();
  runner = undefined;
});
afterAll(() => closeAll(() => ctx?.close()));

const reason = 'requested_by_customer';
const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;

/** Lets Stripe's webhooks land, then runs the job runner, as a worker that was busy would. */
async function runJobsLater(): Promise<void> {
  await ctx.emulator.control.waitForIdle();
  runner = await startRunner(ctx);
}

async function refund(order: PlacedOrder, amount?: number): Promise<RefundView> {
  const res = await api.refund(order.orderId, amount ? { amount, reason } : { reason }).expect(201);
  const view = res.body as RefundView;
  expect(view.status).toBe('succeeded');
  return view;
}

async function sentMail(order: PlacedOrder, kind: 'refund_email' | 'cancellation_email', ref = '') {
  const job = await jobEnded(ctx, order.orderId, kind, ref);
  expect(job.status).toBe('succeeded');
  return writtenMail(job);
}

/** Both parts of the message, the text alternative first, for checks that hold in each. */
function parts(mail: ParsedMail): string[] {
  expect(mail.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
  return [mail.text ?? '', mail.html || ''];
}

describe('refund emails', () => {
  it('when two refunds succeed back to back (695 cents, then the rest) before any email is sent, then each email tells its own refund', async () => {
    const order = await paidOrder(ctx);
    const { order_number } = await orderRow(ctx, order.orderId);
    const first = await refund(order, 695);
    const rest = await refund(order);
    await runJobsLater();

    const partial = await sentMail(order, 'refund_email', first.stripe_refund_id ?? '');
    const full = await sentMail(order, 'refund_email', rest.stripe_refund_id ?? '');

    const remaining = dollars(order.total - 695);
    expect(partial.subject).toBe(`Trattoria Demo: Partial refund of $6.95 for order #${order_number}`);
    for (const part of parts(partial)) {
      expect(part).toContain('Trattoria Demo refunded $6.95 to Visa ending in 4242.');
      expect(part).toContain(`Of the ${dollars(order.total)} you paid, ${remaining} remains charged.`);
      expect(part).not.toMatch(/fully refunded|Full refund/);
    }
    expect(full.subject).toBe(`Trattoria Demo: Full refund for order #${order_number}`);
    for (const part of parts(full)) {
      expect(part).toContain(`Trattoria Demo refunded ${remaining} to Visa ending in 4242.`);
      expect(part).toContain(
        `With the $6.95 refunded earlier, the whole ${dollars(order.total)} you paid is refunded.`,
      );
    }
  });
});

describe('cancellation emails', () => {
  it('when a paid order is cancelled, then the diner gets one cancellation email with the reason and the refund, and no refund email', async () => {
    const order = await paidOrder(ctx);
    const { order_number } = await orderRow(ctx, order.orderId);
    await api.cancel(order.orderId, { reason: 'Out of dough' }).expect(200);
    await runJobsLater();

    const mail = await sentMail(order, 'cancellation_email');
    expect(mail.subject).toBe(`Trattoria Demo: Order #${order_number} cancelled`);
    for (const part of parts(mail)) {
      expect(part).toContain('Reason: Out of dough');
      expect(part).toContain(`We are refunding ${dollars(order.total)} to Visa ending in 4242.`);
    }
    expect(await jobEnded(ctx, order.orderId, 'confirmation_email')).toMatchObject({ status: 'skipped' });
    const kinds = (await jobsFor(ctx, order.orderId)).map((job) => job.kind);
    expect(kinds).not.toContain('refund_email');
  });

  it('when part of a paid order was refunded before it was cancelled, then the cancellation email refunds the rest and counts the earlier refund', async () => {
    const order = await paidOrder(ctx);
    const earlier = await refund(order, 695);
    await api.cancel(order.orderId, { reason: 'Kitchen closed early' }).expect(200);
    await runJobsLater();

    const partial = await sentMail(order, 'refund_email', earlier.stripe_refund_id ?? '');
    expect(partial.subject).toMatch(/Partial refund of \$6\.95/);
    const mail = await sentMail(order, 'cancellation_email');
    for (const part of parts(mail)) {
      expect(part).toContain('Reason: Kitchen closed early');
      expect(part).toContain(`We are refunding ${dollars(order.total - 695)} to Visa ending in 4242.`);
      expect(part).toContain(
        `With the $6.95 refunded earlier, that is the whole ${dollars(order.total)} you paid.`,
      );
    }
    const refundEmails = (await jobsFor(ctx, order.orderId)).filter((job) => job.kind === 'refund_email');
    expect(refundEmails).toHaveLength(1);
  });
});
