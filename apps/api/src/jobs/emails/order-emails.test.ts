import { dateTime } from '@repo/contracts';
import request from 'supertest';
import { fetchMenu, newKey, pickupOrder } from '../../../test/fixtures.ts';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { paidOrder } from '../../../test/operators.ts';
import { authorizedOrder, manualRestaurant } from '../../../test/service.ts';
import { orderRow, type PlacedOrder, sdk } from '../../../test/webhooks.ts';
import { createLogger } from '../../platform/logger.ts';
import { cancellationEmail } from '../cancellation-email.job.ts';
import { confirmationEmail } from '../confirmation-email.job.ts';
import { refundEmail } from '../refund-email.job.ts';
import { readyEmail, rejectionEmail } from '../service-email.job.ts';
import { loadEmailContext } from './email-context.ts';
import type { Mail } from './order-email.ts';

let ctx: TestContext;
let staff: Awaited<ReturnType<typeof manualRestaurant>>;
beforeAll(async () => {
  ctx = await createTestContext();
  staff = await manualRestaurant(ctx);
});
afterAll(() => ctx.close());

const context = (orderId: string) =>
  loadEmailContext(
    { db: ctx.db, config: ctx.config, logger: createLogger(ctx.config), payments: ctx.payments },
    orderId,
  );
const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;
/** The few entities Handlebars writes into attribute values, decoded as a mail client would. */
const decoded = (html: string) =>
  html.replaceAll('&#x3D;', '=').replaceAll('&quot;', '"').replaceAll('&amp;', '&');
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((match) => decoded(match[1] ?? ''));
/** The text part first, then the HTML part with its markup and entities stripped to its words. */
const parts = (mail: Mail) => [
  mail.text,
  decoded(mail.html.replaceAll(/<[^>]+>/g, ' ')).replaceAll(/\s+/g, ' '),
];
const ZONED_TIME = /[A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}, \d{1,2}:\d{2} [AP]M E[SD]T/;

async function deliveryOrder(): Promise<PlacedOrder> {
  const menu = await fetchMenu(ctx);
  const address = {
    line1: '1 Main St',
    line2: 'Apt 4',
    city: 'New York',
    region: 'NY',
    postal_code: '10001',
  };
  const res = await request(ctx.app)
    .post('/api/clients/demo/orders')
    .set('Idempotency-Key', newKey())
    .send(
      pickupOrder(menu, {
        order_type: 'delivery',
        delivery_address: { ...address, instructions: 'Ring twice' },
      }),
    )
    .expect(201);
  const order = {
    orderId: res.body.order_id,
    intentId: res.body.client_secret.split('_secret_')[0],
    token: res.body.order_token,
    total: res.body.amounts.total,
  };
  await sdk(ctx).paymentIntents.confirm(order.intentId, { payment_method: 'pm_card_mastercard' });
  await request(ctx.app).get(`/api/clients/demo/orders/${order.orderId}`).set('X-Order-Token', order.token);
  return order;
}

describe('the diner emails', () => {
  it('when an order is confirmed, then both parts carry the restaurant, the order link, the items with options, the card and zoned times', async () => {
    const order = await paidOrder(ctx);
    const mail = await confirmationEmail(await context(order.orderId));
    const row = await orderRow(ctx, order.orderId);
    expect(row).toMatchObject({ card_brand: 'visa', card_last4: '4242' });

    expect(mail.subject).toBe(`Trattoria Demo: Order #${row.order_number} confirmed`);
    const link = /View your order: (\S+)/.exec(mail.text)?.[1] ?? '';
    expect(link).toMatch(
      new RegExp(
        `^http://127\\.0\\.0\\.1:4321/order-confirmation#order=${order.orderId}&token=ot_link_[\\w-]{43}$`,
      ),
    );
    expect(hrefs(mail.html)).toContain(link);
    const token = new URLSearchParams(new URL(link).hash.slice(1)).get('token') ?? '';
    await request(ctx.app)
      .get(`/api/clients/demo/orders/${order.orderId}`)
      .set('X-Order-Token', token)
      .expect(200);
    expect(hrefs(mail.html)).toEqual(
      expect.arrayContaining(['tel:+12125550134', 'mailto:hello@trattoria.example']),
    );

    for (const part of parts(mail)) {
      expect(part).toContain('Thanks, Ada! Your order is confirmed.');
      expect(part).toMatch(/1 × (<strong>)?Margherita/);
      expect(part).toContain('Size: Medium 12"');
      expect(part).toContain('Note: Well done');
      expect(part).toMatch(/2 × (<strong>)?Garlic Knots/);
      expect(part).toContain(`Paid ${dollars(order.total)} with Visa ending in 4242.`);
      expect(part).toContain('Pickup');
      expect(part).toMatch(new RegExp(`Ready around ${ZONED_TIME.source}`));
      expect(part).toMatch(new RegExp(`Order #${row.order_number}, placed ${ZONED_TIME.source}`));
      expect(part).toContain('At Trattoria Demo, 12 Mulberry St, New York, NY 10013');
      expect(part).toContain('+1 212 555 0134');
    }
    expect(mail.text).not.toMatch(/<[a-z]/i);
    expect(mail.html).not.toContain('fonts.googleapis.com');
  });

  it('when a delivery order is on its way, then the email gives the address and instructions, and the Mastercard it was paid with', async () => {
    const order = await deliveryOrder();
    const mail = await readyEmail(await context(order.orderId));
    const { order_number, estimated_ready_at } = await orderRow(ctx, order.orderId);
    expect(mail.subject).toBe(`Trattoria Demo: Order #${order_number} is on its way`);
    // Ready in the kitchen, then the demo's 25 minutes on the road.
    const arrives = new Date(estimated_ready_at!.getTime() + 25 * 60_000);
    for (const part of parts(mail)) {
      expect(part).toContain('Your order is on its way');
      expect(part).toContain('Delivery');
      expect(part).toContain(`Arrives around ${dateTime(arrives, 'America/New_York')}`);
      expect(part).toContain('To 1 Main St, Apt 4, New York, NY 10001');
      expect(part).toContain('Instructions: Ring twice');
      expect(part).toContain('Delivery fee');
      expect(part).toContain(`Paid ${dollars(order.total)} with Mastercard ending in 4444.`);
    }
  });

  it('when a pickup order is ready, then the email says where to pick it up', async () => {
    const order = await paidOrder(ctx);
    const mail = await readyEmail(await context(order.orderId));
    for (const part of parts(mail)) {
      expect(part).toContain('Your order is ready for pickup');
      expect(part).toMatch(/is ready for pickup at Trattoria Demo, 12 Mulberry St, New York, NY 10013\./);
    }
  });

  it('when the restaurant rejects an authorized order, then the email says nothing was charged and the hold on the card is released', async () => {
    const order = await authorizedOrder(ctx, 'pm_card_amex');
    await staff.act(order.orderId, 'reject', { reason: 'out of dough' }).expect(200);
    const mail = await rejectionEmail(await context(order.orderId));
    for (const part of parts(mail)) {
      expect(part).toContain('Trattoria Demo (accepts each order) could not take your order');
      expect(part).toContain('could not be taken (out of dough)');
      expect(part).toContain('Your card was not charged.');
      expect(part).toContain(
        `The hold of ${dollars(order.total)} on American Express ending in 0005 is released`,
      );
      expect(part).toContain('Pickup (cancelled)');
      expect(part).toMatch(new RegExp(`Was to be ready around ${ZONED_TIME.source}`));
    }
    expect(/View your order: (\S+)/.exec(mail.text)?.[1]).toMatch(
      /^http:\/\/127\.0\.0\.1:4323\/order-confirmation#/,
    );
  });

  it('when refunds and a cancellation are told, then each uses the figures it was given', async () => {
    const order = await paidOrder(ctx);
    const email = await context(order.orderId);
    const partial = await refundEmail(email, {
      refund_amount: 500,
      refunded_total: 500,
      amount_paid: order.total,
    });
    const full = await refundEmail(email, {
      refund_amount: order.total - 500,
      refunded_total: order.total,
      amount_paid: order.total,
    });
    const cancelled = await cancellationEmail(email, {
      reason: 'Out of dough',
      refund_amount: order.total,
      refunded_before: 0,
      amount_paid: order.total,
    });
    expect([partial.subject, full.subject, cancelled.subject]).toEqual([
      expect.stringMatching(/Partial refund of \$5\.00 for order #\d+$/),
      expect.stringMatching(/Full refund for order #\d+$/),
      expect.stringMatching(/Order #\d+ cancelled$/),
    ]);
    expect(partial.text).toContain(`${dollars(order.total - 500)} remains charged.`);
    expect(full.text).toContain(
      `With the $5.00 refunded earlier, the whole ${dollars(order.total)} you paid is refunded.`,
    );
    expect(cancelled.text).toContain('Reason: Out of dough');
    expect(cancelled.text).toContain('Pickup (cancelled)');
  });

  it("when the diner's words hold markup, then the HTML part shows them as text and the text part as typed", async () => {
    const menu = await fetchMenu(ctx);
    const res = await request(ctx.app)
      .post('/api/clients/demo/orders')
      .set('Idempotency-Key', newKey())
      .send(pickupOrder(menu, { special_instructions: '<script>alert(1)</script> & "extra" napkins' }))
      .expect(201);
    const mail = await confirmationEmail(await context(res.body.order_id));
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;extra&quot; napkins');
    expect(mail.text).toContain('Order note: <script>alert(1)</script> & "extra" napkins');
  });

  it('when the restaurant has no site URL, then the email has no order link', async () => {
    const order = await paidOrder(ctx);
    await ctx.db.updateTable('restaurants').set({ site_url: null }).where('slug', '=', 'demo').execute();
    try {
      const mail = await confirmationEmail(await context(order.orderId));
      expect(mail.text).not.toContain('View your order');
      expect(hrefs(mail.html).some((href) => href.includes('order-confirmation'))).toBe(false);
    } finally {
      await ctx.db
        .updateTable('restaurants')
        .set({ site_url: 'http://127.0.0.1:4321' })
        .where('slug', '=', 'demo')
        .execute();
    }
  });
});
