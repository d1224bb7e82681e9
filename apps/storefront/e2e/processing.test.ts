import { launchBrowser } from '@repo/site-kit/e2e/browser';
import type { Browser } from 'playwright-core';
import { newContext } from './harness/browser.ts';
import { addMargherita, checkoutWithCard, waitForConfirmed } from './harness/diner.ts';
import { emulator } from './harness/emulator.ts';
import { readState } from './harness/state.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterEach(async () => {
  await emulator('fail-requests', { status: 503, count: 0 });
  await emulator('hold', { on: false });
  await emulator('release');
});
afterAll(async () => {
  await browser?.close();
});

describe('confirmation while Stripe is slow to tell us', () => {
  test('when the webhook is held and the re-sync cannot reach Stripe, then the page waits calmly and confirms later', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await addMargherita(page);
    await emulator('hold', { on: true });
    let stalled = false;
    // The API's own re-sync would see the succeeded PaymentIntent at once; make Stripe unreachable for it
    // from the first status poll on (after the browser's confirm went through).
    await page.route(
      (url) => url.href.startsWith(`${readState().apiUrl}/api/clients/demo/orders/`),
      async (route) => {
        if (route.request().method() === 'GET' && !stalled) {
          stalled = true;
          await emulator('fail-requests', { status: 503, count: 10_000 });
        }
        await route.continue();
      },
    );
    await checkoutWithCard(page, '4242 4242 4242 4242');
    await page.waitForURL(/\/order-confirmation/);
    const processing = page.locator('[data-panel="processing"]');
    await processing.getByRole('heading', { name: 'Confirming your payment…' }).waitFor();
    await expect(page.locator('#confirmation-status').textContent()).resolves.toContain('being confirmed');
    await page.waitForTimeout(2500);
    await expect(processing.isVisible()).resolves.toBe(true);
    await expect(page.locator('[data-panel="failed"]').isVisible()).resolves.toBe(false);

    await page.reload();
    await processing.getByRole('heading', { name: 'Confirming your payment…' }).waitFor();

    await emulator('fail-requests', { status: 503, count: 0 });
    await emulator('hold', { on: false });
    await emulator('release');
    await waitForConfirmed(page);
    await context.close();
  });
});
