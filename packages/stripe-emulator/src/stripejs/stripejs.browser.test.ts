import { existsSync } from 'node:fs';
import { CHROMIUM_PATH, launchBrowser } from '@repo/site-kit/e2e/browser';
import type { Browser, Page } from 'playwright-core';
import { type Harness, startHarness } from '../testing/harness.ts';
import { checkoutPage, serveCheckout } from './checkout-page.fixture.ts';

const hasChromium = existsSync(CHROMIUM_PATH);
if (!hasChromium && process.env.CI === 'true') {
  throw new Error(
    `Browser tests need Chromium at ${CHROMIUM_PATH} (apt-get install chromium); CI=true so they may not be skipped.`,
  );
}
if (!hasChromium) console.warn(`SKIPPING Stripe.js browser tests: ${CHROMIUM_PATH} is not installed.`);
const describeBrowser = hasChromium ? describe : describe.skip;

describeBrowser('Stripe.js stand-in in Chromium', () => {
  let h: Harness;
  let browser: Browser;
  let site: { url: string; close: () => Promise<void> };
  let page: Page;

  beforeAll(async () => {
    h = await startHarness();
    site = await serveCheckout(checkoutPage(`${h.emulator.url}/v3/stripe.js`, h.emulator.publishableKey));
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await h?.emulator.close();
  });
  beforeEach(async () => {
    page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  });
  afterEach(async () => {
    await page.close();
  });

  async function openCheckout(deferred = false, capture_method?: 'manual'): Promise<string> {
    const pi = await h.stripe.paymentIntents.create({
      amount: 1999,
      currency: 'usd',
      automatic_payment_methods: { enabled: true },
      ...(capture_method ? { capture_method } : {}),
    });
    const mode = deferred ? '&deferred=1' : '';
    await page.goto(
      `${site.url}/checkout?client_secret=${encodeURIComponent(pi.client_secret ?? '')}${mode}`,
    );
    await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
    return pi.id;
  }

  async function fillCard(number: string): Promise<void> {
    await page.getByLabel('Card number').fill('');
    await page.getByLabel('Card number').pressSequentially(number);
    await page.getByLabel('Expiration date').pressSequentially('1234');
    await page.getByLabel('Security code').pressSequentially('123');
    await page.getByLabel('ZIP / Postal code').pressSequentially('10001');
  }

  it('when a valid card is confirmed, then the browser lands on return_url with the redirect params', async () => {
    const piId = await openCheckout();
    await page.getByLabel('Card number').pressSequentially('4242');
    await page.keyboard.press('Tab');
    await expect(page.getByText('Your card number is incomplete.').isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.getByText("Your card's expiration date is incomplete.").waitFor();
    await fillCard('4242 4242 4242 4242');
    expect(await page.getByLabel('Expiration date').inputValue()).toBe('12 / 34');
    const lastChange = await page.evaluate(() =>
      (window as unknown as { changes: unknown[] }).changes.at(-1),
    );
    expect(lastChange).toMatchObject({
      elementType: 'payment',
      complete: true,
      empty: false,
      value: { type: 'card' },
    });
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.waitForURL(/\/done\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get('payment_intent')).toBe(piId);
    expect(url.searchParams.get('payment_intent_client_secret')).toMatch(new RegExp(`^${piId}_secret_`));
    expect(url.searchParams.get('redirect_status')).toBe('succeeded');
    expect((await h.stripe.paymentIntents.retrieve(piId)).status).toBe('succeeded');
  });

  it('when a manual-capture intent is confirmed, then the browser returns as succeeded and the money is held', async () => {
    const piId = await openCheckout(false, 'manual');
    await fillCard('4242424242424242');
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.waitForURL(/\/done\?/);
    expect(new URL(page.url()).searchParams.get('redirect_status')).toBe('succeeded');
    const pi = await h.stripe.paymentIntents.retrieve(piId);
    expect(pi).toMatchObject({ status: 'requires_capture', amount_capturable: 1999 });
  });

  it('when a manual-capture intent is confirmed with redirect if_required, then it resolves in place as requires_capture', async () => {
    const piId = await openCheckout(true, 'manual');
    await fillCard('4242424242424242');
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.waitForFunction(() => document.querySelector('#error')?.textContent?.startsWith('status:'));
    expect(await page.locator('#error').textContent()).toBe('status:requires_capture');
    expect((await h.stripe.paymentIntents.retrieve(piId)).status).toBe('requires_capture');
  });

  it('when the card is declined, then the page stays and shows the decline', async () => {
    const piId = await openCheckout();
    const checkoutUrl = page.url();
    await fillCard('4000000000000002');
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.getByText('Your card was declined.').waitFor();
    expect(page.url()).toBe(checkoutUrl);
    const pi = await h.stripe.paymentIntents.retrieve(piId);
    expect(pi.status).toBe('requires_payment_method');
    expect(pi.last_payment_error?.decline_code).toBe('generic_decline');
  });

  it('when the number fails the Luhn check, then the element says it is invalid', async () => {
    await openCheckout();
    await page.getByLabel('Card number').pressSequentially('4242424242424241');
    await page.keyboard.press('Tab');
    await page.getByText('Your card number is invalid.').waitFor();
  });

  it('when 3-D Secure is completed with the keyboard, then the browser returns with redirect_status=succeeded', async () => {
    const piId = await openCheckout();
    await fillCard('4000002500003155');
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.getByRole('button', { name: 'Complete authentication' }).waitFor();
    await page.getByRole('button', { name: 'Complete authentication' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/done\?/);
    expect(new URL(page.url()).searchParams.get('redirect_status')).toBe('succeeded');
    expect((await h.stripe.paymentIntents.retrieve(piId)).status).toBe('succeeded');
  });

  it('when 3-D Secure fails, then the browser returns with redirect_status=failed', async () => {
    const piId = await openCheckout();
    await fillCard('4000002500003155');
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.getByRole('button', { name: 'Fail authentication' }).click();
    await page.waitForURL(/\/done\?/);
    expect(new URL(page.url()).searchParams.get('redirect_status')).toBe('failed');
    const pi = await h.stripe.paymentIntents.retrieve(piId);
    expect(pi.last_payment_error?.code).toBe('payment_intent_authentication_failure');
  });

  it('when the deferred-intent flow confirms with redirect if_required, then it resolves in place', async () => {
    const piId = await openCheckout(true);
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.getByText('Your card number is incomplete.').first().waitFor();
    await fillCard('4242424242424242');
    await page.getByRole('button', { name: 'Pay' }).click();
    await page
      .waitForFunction(() => document.querySelector('#error')?.textContent?.startsWith('status:'))
      .catch(() => {});
    expect(await page.locator('#error').textContent()).toBe('status:succeeded');
    expect(new URL(page.url()).pathname).toBe('/checkout');
    expect((await h.stripe.paymentIntents.retrieve(piId)).status).toBe('succeeded');
  });
});
