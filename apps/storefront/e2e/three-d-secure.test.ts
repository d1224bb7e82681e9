import { launchBrowser } from '@repo/site-kit/e2e/browser';
import type { Browser } from 'playwright-core';
import { newContext } from './harness/browser.ts';
import {
  addMargherita,
  cartSize,
  checkoutWithCard,
  MARGHERITA_LARGE_TOTAL,
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

describe('3-D Secure', () => {
  test('when the diner completes authentication, then the order is confirmed', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await addMargherita(page);
    await checkoutWithCard(page, '4000 0025 0000 3155');
    await page.getByRole('button', { name: 'Complete authentication' }).click();
    await waitForConfirmed(page);
    await expect(page.locator('[data-panel="order"] [data-field="total"]').textContent()).resolves.toBe(
      MARGHERITA_LARGE_TOTAL,
    );
    await context.close();
  });

  test('when authentication fails, then the page says why and "Try again" returns to a kept cart', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await addMargherita(page);
    await checkoutWithCard(page, '4000 0025 0000 3155');
    await page.getByRole('button', { name: 'Fail authentication' }).click();
    await page.waitForURL(/\/order-confirmation/);
    const failed = page.locator('[data-panel="failed"]');
    await failed.getByRole('heading', { name: 'Your payment did not go through' }).waitFor();
    // Stripe's message ("The provided PaymentMethod has failed authentication…") is not for diners.
    await expect(failed.locator('[data-field="failure-reason"]').textContent()).resolves.toBe(
      'Your bank could not confirm it was you (3-D Secure), so you have not been charged. Please try again or use another card.',
    );
    await expect(failed.locator('[data-order-number]').textContent()).resolves.toMatch(/^Order #\d+$/);
    expect(await cartSize(page)).toBe(1);
    const [order] = await storedOrders(page);

    await failed.getByRole('link', { name: 'Try again' }).click();
    await page.waitForURL(/\/checkout$/);
    await expect(page.getByLabel('Email').inputValue()).resolves.toBe('ada@example.com');
    await expect(page.locator('[data-summary-lines] li').count()).resolves.toBe(1);
    const card = page.locator('#payment-element');
    await card.getByLabel('Card number').fill('4242 4242 4242 4242');
    await card.getByLabel('Expiration date').fill('12 / 34');
    await card.getByLabel('Security code').fill('123');
    await card.getByLabel(/ZIP/).fill('10013');
    await page.getByRole('button', { name: /^Pay / }).click();
    await waitForConfirmed(page);
    expect(new URL(page.url()).searchParams.get('order_id')).toBe(order?.order_id);
    await expect(apiOrder(order?.order_id ?? '', order?.order_token ?? '')).resolves.toMatchObject({
      status: 'confirmed',
    });
    await context.close();
  });
});
