import { launchBrowser } from '@repo/site-kit/e2e/browser';
import type { Browser } from 'playwright-core';
import { MOBILE, newContext, screenshot } from './harness/browser.ts';
import {
  addMargherita,
  cartSize,
  checkoutWithCard,
  fillCard,
  MARGHERITA_LARGE_TOTAL,
  openCheckout,
  storedOrders,
  waitForConfirmed,
} from './harness/diner.ts';
import { apiOrder } from './harness/emulator.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('checkout with a card', () => {
  test('when the diner pays with 4242, then the confirmation page shows the order with the right total', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning' || message.type() === 'error') warnings.push(message.text());
    });
    await addMargherita(page);
    await page.goto('/checkout');
    await expect(page.locator('[data-total="total"]').textContent()).resolves.toBe(MARGHERITA_LARGE_TOTAL);
    await expect(page.locator('[data-charge-notice]').count()).resolves.toBe(0);
    await page.locator('#payment-element input').first().waitFor();
    await screenshot(page, 'checkout-desktop');
    await checkoutWithCard(page, '4242 4242 4242 4242');
    await waitForConfirmed(page);
    const panel = page.locator('[data-panel="order"]');
    await expect(panel.locator('[data-field="total"]').textContent()).resolves.toBe(MARGHERITA_LARGE_TOTAL);
    await expect(panel.textContent()).resolves.toContain('A confirmation has been sent to ada@example.com');
    await expect(panel.locator('[data-field="order-number"]').textContent()).resolves.toMatch(/^#\d+$/);
    await expect(panel.locator('[data-field="ready-at"]').textContent()).resolves.not.toBe('');
    expect(await cartSize(page)).toBe(0);
    await screenshot(page, 'confirmation-desktop');
    // @stripe/stripe-js warns when Stripe.js reports another release than it was built for.
    expect(warnings.filter((text) => text.includes('Stripe.js@'))).toEqual([]);

    await page.reload();
    await page.getByRole('heading', { name: /Your order is confirmed/ }).waitFor();
    await expect(panel.locator('[data-field="total"]').textContent()).resolves.toBe(MARGHERITA_LARGE_TOTAL);
    await context.close();
  });

  test('when the card is declined, then the error shows inline and 4242 then pays the same order', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await addMargherita(page);
    await checkoutWithCard(page, '4000 0000 0000 0002');
    const error = page.locator('#payment-error');
    await error.filter({ hasText: /declined/i }).waitFor();
    await expect(error.textContent()).resolves.toBe(
      'Your card was declined. Please try again or use another card.',
    );
    // Focus lands on the error, not on <body>, so a screen reader reads it and the keyboard starts there.
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('payment-error');
    expect(page.url()).toMatch(/\/checkout$/);

    await fillCard(page, '4000 0000 0000 9995');
    await page.getByRole('button', { name: /^Pay / }).click();
    await error.filter({ hasText: /insufficient/ }).waitFor();
    await expect(error.textContent()).resolves.toBe(
      'Your card has insufficient funds. Please try again or use another card.',
    );
    const [first] = await storedOrders(page);
    expect(first).toBeDefined();
    expect(await cartSize(page)).toBe(1);

    await fillCard(page, '4242 4242 4242 4242');
    await page.getByRole('button', { name: /^Pay / }).click();
    await waitForConfirmed(page);
    const url = new URL(page.url());
    expect(url.searchParams.get('order_id')).toBe(first?.order_id);
    const orders = await storedOrders(page);
    expect(orders.map((order) => order.order_id)).toEqual([first?.order_id]);
    const view = await apiOrder(first?.order_id ?? '', first?.order_token ?? '');
    expect(view).toMatchObject({
      status: 'confirmed',
      payment_status: 'succeeded',
      amounts: { total: 2281 },
    });
    await context.close();
  });

  test('on a 375 px phone, checkout and confirmation fit the screen', async () => {
    const context = await newContext(browser, MOBILE);
    const page = await context.newPage();
    await addMargherita(page);
    await openCheckout(page);
    await screenshot(page, 'checkout-mobile');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await checkoutWithCard(page, '4242424242424242');
    await waitForConfirmed(page);
    await screenshot(page, 'confirmation-mobile');
    await context.close();
  });
});
