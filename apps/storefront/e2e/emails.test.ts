import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { launchBrowser } from '@repo/site-kit/e2e/browser';
import { MANUAL_SLUG } from '@repo/site-kit/e2e/manual-restaurant';
import { type ParsedMail, simpleParser } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { MOBILE, newContext, screenshot } from './harness/browser.ts';
import {
  addMargherita,
  checkoutWithCard,
  MARGHERITA_LARGE_TOTAL,
  type StoredOrder,
  storedOrders,
} from './harness/diner.ts';
import { apiOrder } from './harness/emulator.ts';
import { staff } from './harness/staff.ts';
import { readState } from './harness/state.ts';

/**
 * The emails a diner gets, as the API writes them (.eml files in its DATA_DIR/mail, the transport
 * `pnpm start` uses): each is read as a mail client would, checked, and its HTML part shown in
 * Chromium for a screenshot (docs/screenshots/email-*.png in the README are copies).
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const EMAIL_WAIT_MS = 30_000;
const ZONED_TIME = /[A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}, \d{1,2}:\d{2} [AP]M E[SD]T/;

/** Polls the mail folder for the message whose subject is `subject` (jobs run a second or two later). */
async function emailTitled(subject: string): Promise<ParsedMail> {
  const dir = path.join(readState().dataDir, 'mail');
  const seen = new Set<string>();
  const deadline = Date.now() + EMAIL_WAIT_MS;
  while (Date.now() < deadline) {
    const files = await readdir(dir).catch(() => [] as string[]);
    for (const file of files.filter((name) => name.endsWith('.eml') && !seen.has(name))) {
      seen.add(file);
      const mail = await simpleParser(await readFile(path.join(dir, file)));
      if (mail.subject === subject) return mail;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no email "${subject}" in ${dir} within ${EMAIL_WAIT_MS} ms`);
}

/** The diner pays a large Margherita with 4242 on the site at `siteUrl`; returns the stored order. */
async function payOnStorefront(siteUrl = readState().siteUrl, slug = 'demo'): Promise<StoredOrder> {
  const context = await newContext(browser, undefined, true, siteUrl);
  const page = await context.newPage();
  await addMargherita(page);
  await checkoutWithCard(page, '4242 4242 4242 4242');
  await page.waitForURL(/\/order-confirmation/, { timeout: 30_000 });
  const [order] = await storedOrders(page, slug);
  await context.close();
  if (!order) throw new Error('the checkout stored no order');
  return order;
}

/** A move of `demo`'s operator API with an Idempotency-Key, as the restaurant's screen makes it. */
async function restaurant(orderId: string, action: 'refunds' | 'cancel' | 'status', body: object) {
  const { apiUrl, demoOperatorKey } = readState();
  const response = await fetch(`${apiUrl}/api/clients/demo/orders/${orderId}/${action}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${demoOperatorKey}`,
      'Idempotency-Key': randomUUID(),
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${action} ${orderId}: ${response.status} ${await response.text()}`);
}

async function orderNumber(order: StoredOrder): Promise<number> {
  const view = (await apiOrder(order.order_id, order.order_token)) as unknown as { order_number: number };
  return view.order_number;
}

/** Shows the HTML part as a mail client would (no scripts), screenshots it, and returns the page. */
async function openHtml(mail: ParsedMail, name: string, width = 640): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: false });
  const page = await context.newPage();
  if (!mail.html) throw new Error(`"${mail.subject}" has no HTML part`);
  await page.setContent(mail.html, { waitUntil: 'load' });
  await screenshot(page, name);
  return page;
}

/** The words as the diner sees them laid out: line breaks included, styles and markup left out. */
function shownText(page: Page): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is checked here.
  return page.locator('body').innerText();
}

/** What every email carries, in its text part and in the HTML part as Chromium shows it. */
async function expectEssentials(mail: ParsedMail, page: Page, order: StoredOrder, siteUrl: string) {
  expect(mail.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
  const shown = await shownText(page);
  for (const part of [mail.text ?? '', shown]) {
    expect(part).toContain('12 Mulberry St, New York, NY 10013');
    expect(part).toContain('+1 212 555 0134');
    expect(part).toMatch(/1 × Margherita/);
    expect(part).toContain('Size: Large 16"');
    expect(part).toMatch(ZONED_TIME);
  }
  const link = await page.getByRole('link', { name: 'View your order' }).getAttribute('href');
  expect(link).toMatch(
    new RegExp(`^${siteUrl}/order-confirmation#order=${order.order_id}&token=ot_link_[\\w-]{43}$`),
  );
  expect(mail.text).toContain(`View your order: ${link}`);
  // The link's token opens the order at the API, as the order page will in any browser.
  const token = new URLSearchParams(new URL(link ?? '').hash.slice(1)).get('token') ?? '';
  await expect(apiOrder(order.order_id, token)).resolves.toMatchObject({ order_id: order.order_id });
}

describe('the emails a diner gets', () => {
  test('when the diner pays, is told the order is ready, and is refunded twice, then each email says so, in both parts', async () => {
    const { siteUrl } = readState();
    const order = await payOnStorefront();
    const number = await orderNumber(order);

    const confirmation = await emailTitled(`Trattoria Demo: Order #${number} confirmed`);
    const page = await openHtml(confirmation, 'email-confirmation');
    await expectEssentials(confirmation, page, order, siteUrl);
    expect(confirmation.text).toContain(`Paid ${MARGHERITA_LARGE_TOTAL} with Visa ending in 4242.`);
    await expect(shownText(page)).resolves.toContain(
      `Paid ${MARGHERITA_LARGE_TOTAL} with Visa ending in 4242.`,
    );
    await page.setViewportSize(MOBILE);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.context().close();

    await restaurant(order.order_id, 'status', { status: 'ready' });
    const ready = await emailTitled(`Trattoria Demo: Order #${number} is ready for pickup`);
    const readyPage = await openHtml(ready, 'email-ready');
    await expectEssentials(ready, readyPage, order, siteUrl);
    await readyPage.context().close();

    // Two refunds back to back: each email tells its own, as the ledger stood when it succeeded.
    await restaurant(order.order_id, 'refunds', { amount: 695, reason: 'requested_by_customer' });
    await restaurant(order.order_id, 'refunds', { reason: 'requested_by_customer' });
    const partial = await emailTitled(`Trattoria Demo: Partial refund of $6.95 for order #${number}`);
    expect(partial.text).toContain('Trattoria Demo refunded $6.95 to Visa ending in 4242.');
    expect(partial.text).toContain(`Of the ${MARGHERITA_LARGE_TOTAL} you paid, $15.86 remains charged.`);
    const partialPage = await openHtml(partial, 'email-refund');
    await expectEssentials(partial, partialPage, order, siteUrl);
    await partialPage.context().close();
    const full = await emailTitled(`Trattoria Demo: Full refund for order #${number}`);
    expect(full.text).toContain(
      `With the $6.95 refunded earlier, the whole ${MARGHERITA_LARGE_TOTAL} you paid is refunded.`,
    );
  });

  test('when the restaurant cancels a paid order, then one email gives the reason and the refund', async () => {
    const { siteUrl } = readState();
    const order = await payOnStorefront();
    const number = await orderNumber(order);
    await emailTitled(`Trattoria Demo: Order #${number} confirmed`);
    await restaurant(order.order_id, 'cancel', { reason: 'The oven broke down' });

    const cancelled = await emailTitled(`Trattoria Demo: Order #${number} cancelled`);
    const page = await openHtml(cancelled, 'email-cancellation');
    await expectEssentials(cancelled, page, order, siteUrl);
    for (const part of [cancelled.text ?? '', await shownText(page)]) {
      expect(part).toContain('Reason: The oven broke down');
      expect(part).toContain(`We are refunding ${MARGHERITA_LARGE_TOTAL} to Visa ending in 4242.`);
    }
    await page.context().close();
  });

  test('when the restaurant that accepts each order rejects one, then the email says the card was not charged', async () => {
    const { manualSiteUrl } = readState();
    const order = await payOnStorefront(manualSiteUrl, MANUAL_SLUG);
    await staff(order.order_id, { action: 'reject', body: { reason: 'fully booked tonight' } });
    const response = await fetch(
      `${readState().apiUrl}/api/clients/${MANUAL_SLUG}/orders/${order.order_id}`,
      {
        headers: { 'X-Order-Token': order.order_token },
      },
    );
    const { order_number } = (await response.json()) as { order_number: number };

    const rejected = await emailTitled(
      `Trattoria Demo (accepts each order): Order #${order_number} not accepted`,
    );
    const page = await openHtml(rejected, 'email-rejection');
    for (const part of [rejected.text ?? '', await shownText(page)]) {
      expect(part).toContain('could not be taken (fully booked tonight)');
      expect(part).toContain(`The hold of ${MARGHERITA_LARGE_TOTAL} on Visa ending in 4242 is released`);
      expect(part).toMatch(ZONED_TIME);
    }
    const link = await page.getByRole('link', { name: 'View your order' }).getAttribute('href');
    expect(link?.startsWith(`${manualSiteUrl}/order-confirmation#order=${order.order_id}&token=`)).toBe(true);
    await page.context().close();
  });
});
