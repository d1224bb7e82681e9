import type { Browser } from 'playwright-core';
import { launchBrowser, newContext } from './harness/browser.ts';
import { addMargherita, fillCard, fillDetails, storedOrders } from './harness/diner.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('checkout validation', () => {
  test('when a field is missing, then the message sits next to it and focus moves there', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await addMargherita(page);
    await page.goto('/checkout');
    await page.locator('#payment-element input').first().waitFor();
    await page.getByLabel('Full name').fill('Ada Lovelace');
    await page.getByRole('button', { name: /^Pay / }).click();
    await expect(page.locator('#customer-email-error').textContent()).resolves.toBe(
      'Please enter a valid email address.',
    );
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('customer-email');
    await expect(page.getByLabel('Email').getAttribute('aria-invalid')).resolves.toBe('true');
    await context.close();
  });

  test('when the API rejects a field (problem details), then its message shows next to that field', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await addMargherita(page);
    await page.goto('/checkout');
    await page.locator('#payment-element input').first().waitFor();
    await fillDetails(page);
    await page.getByLabel('Schedule for later').check();
    const picker = page.getByLabel("Ready at (restaurant's time)");
    await picker.locator('option').nth(1).waitFor({ state: 'attached' });
    // A slot offered long ago and now past, as a checkout tab left open overnight would send.
    await picker.evaluate((select) => select.append(new Option('stale slot', '2020-01-01T12:00:00Z')));
    await picker.selectOption('2020-01-01T12:00:00Z');
    await fillCard(page, '4242 4242 4242 4242');
    await page.getByRole('button', { name: /^Pay / }).click();
    const error = page.locator('#scheduled-time-error');
    await error.filter({ hasText: /sooner than the kitchen needs/ }).waitFor();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('scheduled-time');
    expect(page.url()).toMatch(/\/checkout$/);
    expect(await storedOrders(page)).toEqual([]);
    await context.close();
  });
});
