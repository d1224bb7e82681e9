import { existsSync } from 'node:fs';
import { CHROMIUM_PATH, launchBrowser } from '@repo/site-kit/e2e/browser';
import type { Browser, Page } from 'playwright-core';
import { type Harness, startHarness } from '../testing/harness.ts';
import { serveCheckout } from './checkout-page.fixture.ts';
import { returnPage, samplePage } from './sample-page.fixture.ts';

const describeBrowser = existsSync(CHROMIUM_PATH) || process.env.CI === 'true' ? describe : describe.skip;

describeBrowser("a page built like Stripe's accept-a-payment sample, on the Stripe.js stand-in", () => {
  let h: Harness;
  let browser: Browser;
  let site: { url: string; close: () => Promise<void> };
  let page: Page;

  beforeAll(async () => {
    h = await startHarness();
    const stripeJs = `${h.emulator.url}/v3/`;
    site = await serveCheckout(samplePage(stripeJs, h.emulator.publishableKey), {
      '/return': returnPage(stripeJs, h.emulator.publishableKey),
    });
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
  });
  afterEach(() => page.close());

  const log = () => page.locator('#log li').allTextContents();

  async function open(): Promise<string> {
    const pi = await h.stripe.paymentIntents.create({
      amount: 2400,
      currency: 'usd',
      automatic_payment_methods: { enabled: true },
    });
    await page.goto(`${site.url}/?client_secret=${encodeURIComponent(pi.client_secret ?? '')}`);
    await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
    return pi.id;
  }

  it('when the page loads, then every element mounts and reports as Stripe.js does', async () => {
    await open();
    await expect(
      page.getByText('Express checkout (Apple Pay, Google Pay, Link) is not available').isVisible(),
    ).resolves.toBe(true);
    await page.getByLabel('Card number').focus();
    await page.getByLabel('Email').focus();
    await page.getByLabel('Email').pressSequentially('ada@example.com');
    expect(await log()).toEqual(
      expect.arrayContaining([
        'express ready: none',
        'getElement(payment) true',
        'payment focus',
        'payment blur',
        'email complete: ada@example.com',
      ]),
    );
  });

  it('when paid, then missing fields are named first, and the return page reads the succeeded intent', async () => {
    const piId = await open();
    await page.getByRole('button', { name: 'Pay now' }).click();
    await page.locator('#error-message').getByText('Your email is incomplete.').waitFor();
    await page.getByLabel('Email').pressSequentially('ada@example.com');
    await page.getByLabel('Full name').pressSequentially('Ada Lovelace');
    await page.getByLabel('Address line 1').pressSequentially('1 Main St');
    await page.getByLabel('City').pressSequentially('Springfield');
    await page.getByLabel('Postal code', { exact: true }).pressSequentially('12345');
    await page.getByLabel('Card number').pressSequentially('4242424242424242');
    await page.getByLabel('Expiration date').pressSequentially('1234');
    await page.getByLabel('Security code').pressSequentially('123');
    await page.getByLabel('ZIP / Postal code').pressSequentially('10001');
    await page.getByRole('button', { name: 'Pay now' }).click();
    await page.waitForURL(/\/return\?/);
    await page.getByText(`Payment succeeded: ${piId}`).waitFor();
    const pm = await h.stripe.paymentMethods.retrieve(
      String((await h.stripe.paymentIntents.retrieve(piId)).payment_method),
    );
    expect(pm.billing_details).toMatchObject({ email: 'ada@example.com', address: { postal_code: '10001' } });
  });
});
