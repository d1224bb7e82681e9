import { launchBrowser } from '@repo/site-kit/e2e/browser';
import type { Browser } from 'playwright-core';
import { newContext } from './harness/browser.ts';
import { addMargherita, fillCard, fillDetails, openCheckout, storedOrders } from './harness/diner.ts';

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
    await openCheckout(page);
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
    await openCheckout(page);
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

  test('when the tip is over the limit, then the limit is said in dollars next to the tip', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await addMargherita(page);
    await openCheckout(page);
    await fillDetails(page);
    await page.getByLabel('Custom').check();
    await page.getByLabel('Tip amount (USD)').fill('5000');
    await page.getByRole('button', { name: /^Pay / }).click();
    await expect(page.locator('#tip-error').textContent()).resolves.toBe(
      'The tip can be at most $20.95, the price of your food.',
    );
    expect(await storedOrders(page)).toEqual([]);
    await context.close();
  });

  test('when the API answers with developer text, then the diner reads our words for each field and problem', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await addMargherita(page);
    await openCheckout(page);
    await fillDetails(page);
    await fillCard(page, '4242 4242 4242 4242');
    const answers = [
      {
        status: 422,
        body: {
          type: '/problems/validation-error',
          title: 'Your request is not valid',
          status: 422,
          detail: 'The request body has 2 invalid field(s).',
          errors: [
            { path: 'tip', message: 'Too big: expected number to be <=100000' },
            { path: 'scheduled_time', message: 'must be within the next 7 days' },
          ],
        },
      },
      {
        status: 503,
        body: {
          type: '/problems/provider-unavailable',
          title: 'Payment provider unavailable',
          status: 503,
          detail: 'StripeConnectionError: ECONNREFUSED',
        },
      },
    ];
    await page.route(/\/api\/clients\/demo\/orders$/u, (route) => {
      const answer = answers.length > 1 ? answers.shift() : answers[0];
      return route.fulfill({
        status: answer?.status ?? 500,
        contentType: 'application/problem+json',
        headers: { 'access-control-allow-origin': '*' },
        body: JSON.stringify(answer?.body ?? {}),
      });
    });
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.locator('#tip-error').filter({ hasText: /./ }).waitFor();
    await expect(page.locator('#tip-error').textContent()).resolves.toBe(
      'The tip can be at most $20.95, the price of your food.',
    );
    await expect(page.locator('#scheduled-time-error').textContent()).resolves.toBe(
      'Please choose one of the times offered.',
    );
    await page.getByRole('button', { name: /^Pay / }).click();
    const error = page.locator('#payment-error');
    await error.filter({ hasText: /busy/ }).waitFor({ timeout: 30_000 });
    await expect(error.textContent()).resolves.toBe(
      "The restaurant's system is busy. Nothing was charged. Please try again in a moment.",
    );
    const text = await page.locator('main').textContent();
    expect(text).not.toMatch(/expected number|<=|must be within|ECONNREFUSED/);
    await context.close();
  });
});
