import { DESKTOP, launchBrowser } from '@repo/site-kit/e2e/browser';
import type { Browser, Page } from 'playwright-core';
import { MOBILE, newContext, screenshot } from './harness/browser.ts';
import {
  addMargherita,
  fillCard,
  fillDetails,
  openCheckout,
  storedOrders,
  waitForConfirmed,
} from './harness/diner.ts';
import { operator } from './harness/operator.ts';
import { readState } from './harness/state.ts';

/**
 * The diner's order page: a delivery's address and estimate, refunds, a cancelled order, and the
 * order link of the confirmation email opened in another browser. The browsers keep Tokyo time and
 * the restaurant New York's, so every time on the page must be on New York's clock and say so.
 */
const TOKYO = 'Asia/Tokyo';
const NEW_YORK_TIME = /\d{1,2}:\d{2} (AM|PM) E[SD]T$/u;
const STEP_MS = 10_000;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const plain = (text: string | null) => (text ?? '').replace(/\s+/gu, ' ').trim();
const card = (page: Page) => page.locator('[data-panel="order"]');
const field = (page: Page, name: string) => card(page).locator(`[data-field="${name}"]`);
const minutesOf = (text: string) => {
  const [, hour = '0', minute = '0', half] = /(\d{1,2}):(\d{2}) (AM|PM)/u.exec(text) ?? [];
  return ((Number(hour) % 12) + (half === 'PM' ? 12 : 0)) * 60 + Number(minute);
};

/** Checks out a large Margherita for delivery to a New York address and waits for the confirmation. */
async function deliveryOrder(page: Page): Promise<{ order_id: string; order_token: string }> {
  await addMargherita(page);
  await openCheckout(page);
  await fillDetails(page);
  const asap = page.locator('[data-asap-label]');
  await expect(asap.textContent()).resolves.toMatch(/^As soon as possible \(ready about /u);
  await page.locator('input[name="order_type"][value="delivery"]').check();
  // For a delivery, "as soon as possible" is when it arrives: ready plus the delivery time.
  await expect(asap.textContent()).resolves.toMatch(
    /^As soon as possible \(arrives about \d{1,2}:\d{2}\s(AM|PM) E[SD]T\)$/u,
  );
  await page.getByLabel('Street address').fill('350 5th Ave');
  await page.getByLabel('Apartment, suite (optional)').fill('Floor 34');
  await page.getByLabel('City').fill('New York');
  await page.locator('#delivery-address-postal-code').fill('1001');
  await page.getByLabel('Instructions for the driver (optional)').fill('Ring the doorbell twice');
  await fillCard(page, '4242 4242 4242 4242');
  await page.getByRole('button', { name: /^Pay / }).click();
  // The state is missing and the ZIP code is not one: both are refused in place, in the diner's words.
  await expect(page.locator('#delivery-address-region-error').textContent()).resolves.toBe(
    'Please enter the state.',
  );
  await expect(page.locator('#delivery-address-postal-code-error').textContent()).resolves.toBe(
    'Please enter a valid ZIP code, like 10013.',
  );
  expect(await storedOrders(page)).toEqual([]);
  await page.getByLabel('State').fill('NY');
  await page.locator('#delivery-address-postal-code').fill('10118');
  await page.getByRole('button', { name: /^Pay / }).click();
  await waitForConfirmed(page);
  const [order] = await storedOrders(page);
  if (!order) throw new Error('the checkout stored no order');
  return order;
}

describe('the order page', () => {
  test('when a delivery is confirmed, then the page shows where it goes and when it arrives, on the restaurant’s clock', async () => {
    const context = await newContext(browser, DESKTOP, true, readState().siteUrl, TOKYO);
    const page = await context.newPage();
    await deliveryOrder(page);
    await expect(card(page).getByText('Pick up at').isVisible()).resolves.toBe(false);
    await expect(field(page, 'delivery-where').isVisible()).resolves.toBe(true);
    await expect(card(page).getByRole('heading', { name: 'Delivering to' }).isVisible()).resolves.toBe(true);
    expect(plain(await field(page, 'delivery-address').textContent())).toBe(
      '350 5th Ave, Floor 34, New York, NY 10118',
    );
    expect(plain(await field(page, 'delivery-instructions').textContent())).toBe(
      'Note for the driver: “Ring the doorbell twice”',
    );
    expect(plain(await field(page, 'ready-label').textContent())).toBe('Estimated delivery at about');
    const arrival = plain(await field(page, 'ready-at').textContent());
    expect(arrival).toMatch(NEW_YORK_TIME);
    // Preparation (20 min) plus the restaurant's delivery time (25 min), from the order's time.
    const accepted = plain(await field(page, 'progress').locator('.step-time').first().textContent());
    expect(accepted).toMatch(NEW_YORK_TIME);
    expect((minutesOf(arrival) - minutesOf(accepted) + 24 * 60) % (24 * 60)).toBeGreaterThanOrEqual(44);
    expect((minutesOf(arrival) - minutesOf(accepted) + 24 * 60) % (24 * 60)).toBeLessThanOrEqual(46);
    await screenshot(page, 'confirmation-delivery');
    await context.close();
  });

  test('when the order link is opened in a fresh browser, then it shows the order, drops the token and follows it live', async () => {
    const placing = await newContext(browser, DESKTOP, true, readState().siteUrl, TOKYO);
    const order = await deliveryOrder(await placing.newPage());
    await placing.close();

    const phone = await newContext(browser, MOBILE, true, readState().siteUrl, TOKYO);
    const page = await phone.newPage();
    const fragment = new URLSearchParams({ order: order.order_id, token: order.order_token });
    await page.goto(`/order-confirmation#${fragment.toString()}`);
    await page.getByRole('heading', { name: /Your order is confirmed/ }).waitFor();
    expect(page.url()).not.toContain(order.order_token);
    expect(new URL(page.url()).searchParams.get('order_id')).toBe(order.order_id);
    await expect(page.evaluate(() => window.location.hash)).resolves.toBe('');
    await expect(storedOrders(page)).resolves.toEqual([order]);
    expect(plain(await field(page, 'delivery-address').textContent())).toBe(
      '350 5th Ave, Floor 34, New York, NY 10118',
    );
    await screenshot(page, 'order-link-mobile');

    await operator('POST', `orders/${order.order_id}/status`, { status: 'preparing' });
    await page.getByRole('heading', { name: 'Your order is being prepared.' }).waitFor({ timeout: STEP_MS });
    for (const time of await field(page, 'progress').locator('.step-time').allTextContents())
      expect(plain(time)).toMatch(NEW_YORK_TIME);
    await page.reload();
    await page.getByRole('heading', { name: 'Your order is being prepared.' }).waitFor();
    await phone.close();
  });

  test('when the restaurant refunds part and then the rest, then the page shows each refund and the net paid', async () => {
    const context = await newContext(browser, DESKTOP, true, readState().siteUrl, TOKYO);
    const page = await context.newPage();
    const order = await deliveryOrder(page);
    const total = plain(await field(page, 'total').textContent());
    expect(total).toBe('$26.80');
    await operator('POST', `orders/${order.order_id}/refunds`, {
      amount: 695,
      reason: 'requested_by_customer',
    });
    await field(page, 'refund-note')
      .getByText('$6.95 was refunded to your card.')
      .waitFor({ timeout: STEP_MS });
    await operator('POST', `orders/${order.order_id}/refunds`, { reason: 'requested_by_customer' });
    await field(page, 'refund-note')
      .getByText('Your payment of $26.80 was refunded in full.')
      .waitFor({ timeout: STEP_MS });
    await page.getByRole('heading', { name: 'Ada, your payment was refunded in full.' }).waitFor();
    const rows = await field(page, 'refunds').locator('div').allTextContents();
    expect(rows.map(plain)).toEqual([
      expect.stringMatching(/^Refunded \d{1,2}:\d{2} (AM|PM) E[SD]T−\$6\.95$/u),
      expect.stringMatching(/^Refunded \d{1,2}:\d{2} (AM|PM) E[SD]T−\$19\.85$/u),
      'Net paid$0.00',
    ]);
    await screenshot(page, 'confirmation-refunded');
    await context.close();
  });

  test('when a paid order is cancelled, then the cancelled page names the order and its refund', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await addMargherita(page);
    await openCheckout(page);
    await fillDetails(page);
    await fillCard(page, '4242 4242 4242 4242');
    await page.getByRole('button', { name: /^Pay / }).click();
    await waitForConfirmed(page);
    const number = plain(await field(page, 'order-number').textContent());
    const [order] = await storedOrders(page);
    await operator('POST', `orders/${order?.order_id}/cancel`, { reason: 'The oven broke down' });
    const cancelled = page.locator('[data-panel="cancelled"]');
    await cancelled.getByRole('heading', { name: 'This order was cancelled' }).waitFor({ timeout: STEP_MS });
    expect(plain(await cancelled.locator('[data-order-number]').textContent())).toBe(`Order ${number}`);
    await cancelled
      .getByText(/\$22\.81 (was|is being) refunded to your card\./)
      .waitFor({ timeout: STEP_MS });
    await context.close();
  });

  test('when the order link is older than 30 days, then the page says it expired in a sentence', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    // The API's refusal of an old token is its own test (diner-order.test.ts); here, what the diner reads.
    await page.route(/\/api\/clients\/demo\/orders\/[^/]+$/u, (route) =>
      route.fulfill({
        status: 410,
        contentType: 'application/problem+json',
        headers: { 'access-control-allow-origin': '*' },
        body: JSON.stringify({
          type: '/problems/order-link-expired',
          title: 'Order link expired',
          status: 410,
          detail: 'Order links work for 30 days after the order.',
        }),
      }),
    );
    await page.goto('/order-confirmation#order=00000000-0000-4000-8000-000000000001&token=ot_old');
    const expired = page.locator('[data-panel="expired"]');
    await expired.getByRole('heading', { name: 'This order link has expired' }).waitFor();
    expect(plain(await expired.locator('[data-field="expired-reason"]').textContent())).toBe(
      'This order link has expired: links work for 30 days after the order. Your confirmation email still has the details.',
    );
    expect(page.url()).not.toContain('ot_old');
    await context.close();
  });
});
