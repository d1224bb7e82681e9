import { DESKTOP, launchBrowser } from '@repo/site-kit/e2e/browser';
import { MANUAL_SLUG } from '@repo/site-kit/e2e/manual-restaurant';
import type { Browser, Page } from 'playwright-core';
import { newContext, screenshot } from './harness/browser.ts';
import { addMargherita, cartSize, checkoutWithCard, storedOrders } from './harness/diner.ts';
import { staff } from './harness/staff.ts';
import { readState } from './harness/state.ts';

/**
 * Once the payment is known the page follows the API's event stream, so a staff move shows within
 * a second; the rest is for a busy test machine (polling, at most 4 s apart, would miss it). Every
 * wait below is for the page's own text, never a fixed sleep.
 */
const STEP_MS = 3_000;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * A diner of the manual-acceptance restaurant (its own site, built for `demo-manual`) pays with 4242
 * and lands on the confirmation page, which waits for the restaurant. Returns the order's id.
 */
async function payAndWait(page: Page): Promise<string> {
  await addMargherita(page);
  await page.goto('/checkout');
  await expect(page.locator('[data-charge-notice]').textContent()).resolves.toContain(
    'your card is charged when the restaurant accepts your order',
  );
  await page.locator('#payment-element input').first().waitFor();
  await screenshot(page, 'checkout-manual-acceptance');
  await checkoutWithCard(page, '4242 4242 4242 4242');
  await page.waitForURL(/\/order-confirmation/, { timeout: 30_000 });
  await heading(page, 'Thank you, Ada! Your order is waiting for the restaurant.', 30_000);
  const [order] = await storedOrders(page, MANUAL_SLUG);
  if (!order) throw new Error('the checkout stored no order');
  // Marks this document: if the page reloaded itself, the mark would be gone.
  await page.evaluate(() => document.documentElement.setAttribute('data-test-same-page', ''));
  return order.order_id;
}

function heading(page: Page, name: string, timeout = STEP_MS): Promise<void> {
  return page.getByRole('heading', { name, exact: true }).waitFor({ timeout });
}

const announced = (page: Page) => page.locator('#confirmation-status').textContent();
const currentStep = (page: Page) =>
  page.locator('[data-field="progress"] [aria-current="step"]').textContent();

describe('the confirmation page follows the order', () => {
  test('when staff accept part of the order, start it and make it ready, then the page shows each step without a reload', async () => {
    const context = await newContext(browser, DESKTOP, true, readState().manualSiteUrl);
    const page = await context.newPage();
    const orderId = await payAndWait(page);
    // From here the page follows the stream: it asks for the order no more.
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    const card = page.locator('[data-panel="order"]');
    await expect(card.locator('[data-field="lead"]').textContent()).resolves.toMatch(
      /has until \d{1,2}:\d{2}\s(AM|PM) E[SD]T to accept your order \(about \d+ minutes from now\)/u,
    );
    await expect(card.locator('[data-field="total-label"]').textContent()).resolves.toBe(
      'Total held on your card',
    );
    await expect(announced(page)).resolves.toContain('was sent to the restaurant');
    expect(await cartSize(page, MANUAL_SLUG)).toBe(0);
    await screenshot(page, 'confirmation-waiting');

    // The restaurant is out of one topping's worth: it captures $6.00 less than the $22.81 held.
    await staff(orderId, { action: 'accept', body: { ready_in_minutes: 25, amount_to_capture: 1681 } });
    await heading(page, 'Thank you, Ada! The restaurant accepted your order.');
    await expect(currentStep(page)).resolves.toContain('Accepted');
    await expect(card.locator('[data-field="ready-at"]').textContent()).resolves.not.toBe('');
    await expect(card.locator('[data-field="charged-row"]').textContent()).resolves.toContain(
      'Charged: $16.81',
    );
    await expect(card.locator('[data-field="total"]').textContent()).resolves.toBe('$22.81');
    await expect(announced(page)).resolves.toContain('The restaurant accepted order number');

    await staff(orderId, { action: 'status', body: { status: 'preparing' } });
    await heading(page, 'Your order is being prepared.');
    await expect(currentStep(page)).resolves.toContain('Preparing');
    await expect(announced(page)).resolves.toContain('is being prepared');

    await staff(orderId, { action: 'status', body: { status: 'ready' } });
    await heading(page, 'Your order is ready for pickup!');
    await expect(currentStep(page)).resolves.toContain('Ready');
    await expect(announced(page)).resolves.toContain('is ready for pickup');
    await screenshot(page, 'confirmation-ready');
    expect(requests.filter((path) => path.endsWith(`/orders/${orderId}`))).toEqual([]);

    const sameDocument = await page.evaluate(() =>
      document.documentElement.hasAttribute('data-test-same-page'),
    );
    expect(sameDocument).toBe(true);
    await context.close();
  });

  test('when staff reject the order, then the page says it was not accepted and the card was not charged', async () => {
    const context = await newContext(browser, DESKTOP, true, readState().manualSiteUrl);
    const page = await context.newPage();
    const orderId = await payAndWait(page);

    await staff(orderId, { action: 'reject', body: { reason: 'The oven is down' } });
    await heading(page, 'Your order was not accepted');
    const panel = page.locator('[data-panel="not-accepted"]');
    await expect(panel.textContent()).resolves.toContain('Your card was not charged.');
    await expect(announced(page)).resolves.toBe(
      'The restaurant could not accept your order. Your card was not charged.',
    );
    await screenshot(page, 'confirmation-not-accepted');
    await context.close();
  });
});
