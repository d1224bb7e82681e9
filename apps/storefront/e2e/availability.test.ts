import { DESKTOP, launchBrowser } from '@repo/site-kit/e2e/browser';
import type { Browser, Page } from 'playwright-core';
import { newContext, screenshot } from './harness/browser.ts';
import {
  addDish,
  addMargherita,
  fillCard,
  fillDetails,
  openCheckout,
  openDish,
  waitForConfirmed,
} from './harness/diner.ts';
import { dishId, operator } from './harness/operator.ts';
import { readState } from './harness/state.ts';

/**
 * The demo restaurant keeps New York time and the diner's browser keeps Tokyo's, so a time shown in
 * the browser's zone would read "GMT+9" or be 14 hours off.
 */
const TOKYO = 'Asia/Tokyo';
const NEW_YORK_LABEL = / E[SD]T$/u;
const STEP_MS = 10_000;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const tokyoPage = async (): Promise<Page> =>
  (await newContext(browser, DESKTOP, true, readState().siteUrl, TOKYO)).newPage();
const plain = (text: string | null) => (text ?? '').replace(/\s/gu, ' ');
const waitText = (page: Page, text: string | RegExp) =>
  page.getByText(text).first().waitFor({ timeout: STEP_MS });

describe('what can be ordered, and when, seen from Tokyo', () => {
  test('when the restaurant is closed today, then the banner gives the next opening on its clock and ASAP is not offered', async () => {
    const saved = (await operator('GET', 'hours')) as { hours: unknown };
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
    const weekly = Object.fromEntries(
      ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => [
        day,
        [{ open: '00:00', close: '00:00' }],
      ]),
    );
    await operator('PUT', 'hours', { hours: { weekly, closures: [{ date: today }] } });
    try {
      const page = await tokyoPage();
      await page.goto('/');
      await waitText(page, /We are closed\. Opens /);
      const banner = plain(await page.locator('[data-availability-banner]').textContent());
      expect(banner).toMatch(/Opens \w{3} 12:00 AM E[SD]T\./u);
      await screenshot(page, 'availability-closed-tokyo', false);
      // A closed restaurant still fills baskets, for orders scheduled for when it opens.
      await addDish(page, 'Tiramisu');
      await page.goto('/checkout');
      await waitText(page, 'As soon as possible (not while closed)');
      expect(await page.locator('input[name="when"][value="asap"]').isDisabled()).toBe(true);
      await page.context().close();
    } finally {
      await operator('PUT', 'hours', { hours: saved.hours });
    }
  });

  test('when a dish in the basket sells out, then the menu refuses it and checkout holds the pay button until it is removed', async () => {
    const margherita = await dishId('Margherita');
    const page = await tokyoPage();
    await addMargherita(page);
    await addDish(page, 'Tiramisu');
    await operator('PATCH', `menu/items/${margherita}`, { available: false });
    try {
      await page.reload();
      await page.locator(`#item-${margherita}.dish-sold-out`).waitFor({ timeout: STEP_MS });
      const form = await openDish(page, 'Margherita');
      await form.getByRole('button', { name: 'Sold out' }).waitFor({ timeout: STEP_MS });
      expect(await form.getByRole('button', { name: 'Sold out' }).isDisabled()).toBe(true);
      await screenshot(page, 'availability-sold-out-menu', false);

      await page.goto('/checkout');
      await waitText(page, 'Sold out: Margherita');
      const pay = page.getByRole('button', { name: /^Pay / });
      expect(await pay.isDisabled()).toBe(true);
      await screenshot(page, 'availability-sold-out-checkout');
      await page.getByRole('button', { name: 'Remove Margherita' }).click();
      await page.locator('[data-sold-out-warning]').waitFor({ state: 'hidden', timeout: STEP_MS });
      await page.waitForFunction(
        () => !document.querySelector<HTMLButtonElement>('#pay-button')?.disabled,
        null,
        {
          timeout: 30_000,
        },
      );
    } finally {
      await operator('PATCH', `menu/items/${margherita}`, { available: true });
      await page.context().close();
    }
  });

  test('when the diner schedules a slot, then it is offered and confirmed in the restaurant’s zone', async () => {
    const page = await tokyoPage();
    await addMargherita(page);
    await openCheckout(page);
    await fillDetails(page);
    await page.getByLabel('Schedule for later').check();
    const picker = page.getByLabel("Ready at (restaurant's time)");
    await picker.locator('option').nth(1).waitFor({ state: 'attached', timeout: STEP_MS });
    const slot = (await picker.locator('option').nth(5).getAttribute('value')) ?? '';
    await picker.selectOption(slot);
    const label = plain(await picker.locator(`option[value="${slot}"]`).textContent());
    expect(label).toMatch(/^\w{3}, \w{3} \d{1,2}, \d{1,2}:\d{2} (AM|PM) E[SD]T$/u);
    await fillCard(page, '4242 4242 4242 4242');
    await page.getByRole('button', { name: /^Pay / }).click();
    await waitForConfirmed(page);
    const readyAt = plain(await page.locator('[data-field="ready-at"]').textContent());
    const time = label.split(', ').pop() ?? '';
    expect(readyAt.endsWith(time)).toBe(true);
    expect(readyAt).toMatch(NEW_YORK_LABEL);
    await screenshot(page, 'availability-scheduled-confirmation');
    await page.context().close();
  });
});
