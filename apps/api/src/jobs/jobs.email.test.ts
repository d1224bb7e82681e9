import { closeAll } from '../../test/close-all.ts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { jobEnded, jobTestEnv, type SmtpCapture, startRunner, startSmtpCapture } from '../../test/jobs.ts';
import { deliver, orderRow, placeOrder, sdk, succeeded } from '../../test/webhooks.ts';
import type { JobRunner } from './job-runner.ts';

let ctx: TestContext;
let smtp: SmtpCapture;
let runner: JobRunner;
beforeAll(async () => {
  smtp = await startSmtpCapture();
  // The SMTP timeouts follow JOB_EXPIRE_SECONDS; with jobTestEnv's 5 s, a loaded machine can miss the
  // 625 ms greeting deadline and a healthy send takes two attempts.
  ctx = await createTestContext({
    env: jobTestEnv({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Orders <orders@trattoria.example>',
      JOB_EXPIRE_SECONDS: '30',
    }),
  });
  runner = await startRunner(ctx);
});
afterAll(() =>
  closeAll(
    () => runner?.stop(),
    () => ctx?.close(),
    () => smtp?.close(),
  ),
);

const mailFor = (subjectPart: string) => smtp.messages.filter((m) => m.subject?.includes(subjectPart));

describe('confirmation and refund emails', () => {
  it('when an order is confirmed, then the diner gets one email with order, items, total, time and contact in both parts', async () => {
    const order = await placeOrder(ctx);
    await deliver(ctx, await succeeded(ctx, order)).expect(200);
    const job = await jobEnded(ctx, order.orderId, 'confirmation_email');
    const row = await orderRow(ctx, order.orderId);

    expect(job).toMatchObject({ status: 'succeeded', attempts: 1, last_error: null });
    expect(job.detail).toMatch(/^smtp: 250/);
    const mails = mailFor(`Order #${row.order_number} confirmed`);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.to).toMatchObject({ text: 'ada@example.com' });
    expect(mail?.messageId).toBe(`<order-job-${job.id}@trattoria.example>`);
    const total = `$${(order.total / 100).toFixed(2)}`;
    for (const part of [mail?.text ?? '', mail?.html || '']) {
      expect(part).toContain(`Order #${row.order_number}`);
      expect(part).toMatch(/1 × (<strong>)?Margherita/);
      expect(part).toMatch(/Size: Medium 12("|&quot;)/);
      expect(part).toMatch(/2 × (<strong>)?Garlic Knots/);
      expect(part).toContain(total);
      expect(part).toMatch(/Ready around [A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}, \d{1,2}:\d{2} [AP]M E[SD]T/);
      expect(part).toContain('Trattoria Demo');
      expect(part).toContain('+1 212 555 0134');
      expect(part).toContain('12 Mulberry St, New York, NY 10013');
    }
    expect(mail?.html).toContain('<table');
  });

  it('when refunds succeed, then the diner gets a partial and then a full refund email', async () => {
    await ctx.listen();
    const order = await placeOrder(ctx);
    const stripe = sdk(ctx);
    await stripe.paymentIntents.confirm(order.intentId, { payment_method: 'pm_card_visa' });
    await ctx.emulator.control.waitForIdle();
    const { order_number } = await orderRow(ctx, order.orderId);

    const partial = await stripe.refunds.create({ payment_intent: order.intentId, amount: 500 });
    await ctx.emulator.control.settleRefunds();
    await ctx.emulator.control.waitForIdle();
    expect(await jobEnded(ctx, order.orderId, 'refund_email', partial.id)).toMatchObject({
      status: 'succeeded',
    });
    const [first] = mailFor(`Partial refund of $5.00 for order #${order_number}`);
    expect(first?.text).toContain('refunded $5.00 to Visa ending in 4242');
    expect(first?.html).toContain('refunded $5.00 to Visa ending in 4242');

    const rest = await stripe.refunds.create({ payment_intent: order.intentId });
    await ctx.emulator.control.settleRefunds();
    await ctx.emulator.control.waitForIdle();
    expect(await jobEnded(ctx, order.orderId, 'refund_email', rest.id)).toMatchObject({
      status: 'succeeded',
    });
    const [full] = mailFor(`Full refund for order #${order_number}`);
    const remaining = `$${((order.total - 500) / 100).toFixed(2)}`;
    expect(full?.text).toContain(`refunded ${remaining} to Visa ending in 4242`);
    expect(full?.text).toContain('is fully refunded');
    expect(full?.html).toContain('is fully refunded');
  });
});
