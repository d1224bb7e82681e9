import { launchBrowser } from '@repo/site-kit/e2e/browser';
import type { Browser, Page } from 'playwright-core';
import { newContext } from './harness/browser.ts';
import { waitForConfirmed } from './harness/diner.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Presses Tab until the focused element matches, as a keyboard user would. */
async function tabTo(page: Page, selector: string, text?: string, limit = 150): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const found = await page.evaluate(
      ([s, t]) =>
        (document.activeElement?.matches(s ?? '') ?? false) &&
        (t === undefined || document.activeElement?.textContent === t),
      [selector, text] as const,
    );
    if (found) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function focusOutline(page: Page): Promise<string> {
  return page.evaluate(() =>
    document.activeElement ? getComputedStyle(document.activeElement).outlineStyle : 'none',
  );
}

describe('keyboard only', () => {
  test('a diner can order and pay without a mouse', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/');
    const funghi = 'form[aria-label="Add Funghi Bianca to your order"]';
    await tabTo(page, 'button.dish-open', 'Funghi Bianca');
    expect(await focusOutline(page)).not.toBe('none');
    await page.keyboard.press('Enter');
    await tabTo(page, `${funghi} input[type=radio]`);
    await page.keyboard.press('Space');
    await tabTo(page, `${funghi} button[type=submit]`);
    expect(await focusOutline(page)).not.toBe('none');
    await page.keyboard.press('Enter');
    await tabTo(page, '[data-checkout-link]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/checkout$/);
    await page.locator('#payment-element input').first().waitFor();

    await tabTo(page, '#customer-name');
    await page.keyboard.type('Grace Hopper');
    await page.keyboard.press('Tab');
    await page.keyboard.type('grace@example.com');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2125550101');
    await tabTo(page, 'input[name=tip]:checked');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('input[name=tip][value="15"]').isChecked()).resolves.toBe(true);
    await tabTo(page, '#payment-element input');
    for (const text of ['4242424242424242', '1234', '123', '10013']) {
      await page.keyboard.type(text);
      await page.keyboard.press('Tab');
    }
    await tabTo(page, '#pay-button');
    expect(await focusOutline(page)).not.toBe('none');
    await page.keyboard.press('Enter');
    await waitForConfirmed(page);
    // Funghi Bianca small 15.95 + 15 % tip 2.39 + tax 1.42 = 19.76
    await expect(page.locator('[data-panel="order"] [data-field="total"]').textContent()).resolves.toBe(
      '$19.76',
    );
    await context.close();
  });
});
