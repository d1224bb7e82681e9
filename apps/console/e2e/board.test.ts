import { launchBrowser } from '@repo/site-kit/e2e/browser';
import { MANUAL_SLUG } from '@repo/site-kit/e2e/manual-restaurant';
import type { Browser, Page } from 'playwright-core';
import { newContext, screenshot, signIn, TABLET, textOf } from './harness/browser.ts';
import { eventually, storedOrder } from './harness/db-state.ts';
import { placePaidOrder } from './harness/diner.ts';
import { readState } from './harness/state.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const card = (page: Page, column: string, orderNumber: number) =>
  page.locator(`[data-column="${column}"] li.order-card`, { hasText: `#${orderNumber}` });

/** Opens the board of `demo-manual` on the tablet, signed in as its manager, and waits until it is live. */
async function openBoard(): Promise<Page> {
  const context = await newContext(browser, TABLET);
  const page = await context.newPage();
  await signIn(page, readState().accounts.manualManager);
  expect(await textOf(page.locator('[data-live-state]'), 'Live')).toBe('Live');
  // Marks this document: if the board reloaded itself, the mark would be gone.
  await page.evaluate(() => {
    document.documentElement.setAttribute('data-test-same-page', '');
    (window as unknown as { chimes: number }).chimes = 0;
    window.addEventListener('console:chime', () => {
      (window as unknown as { chimes: number }).chimes += 1;
    });
  });
  return page;
}

const samePage = (page: Page) =>
  page.evaluate(() => document.documentElement.hasAttribute('data-test-same-page'));
const chimes = (page: Page) => page.evaluate(() => (window as unknown as { chimes: number }).chimes);

describe('the live board', () => {
  test('when a diner pays, then the order appears without a reload with a chime and the time left, and staff accept it, cook it and make it ready', async () => {
    const page = await openBoard();
    const order = await placePaidOrder(MANUAL_SLUG, 'Ada Diner');
    const arrived = card(page, 'new', order.orderNumber);
    await arrived.waitFor({ timeout: 10_000 });
    await expect(arrived.evaluate((node) => node.classList.contains('arrived'))).resolves.toBe(true);
    expect(await textOf(arrived.locator('.time-left'), /^\d+:\d\d left to accept$/)).toMatch(
      /^\d+:\d\d left to accept$/,
    );
    expect(await chimes(page)).toBe(1);
    expect(
      await textOf(page.locator('[data-board-announce]'), `New order #${order.orderNumber} from Ada Diner.`),
    ).toBe(`New order #${order.orderNumber} from Ada Diner.`);
    expect(await samePage(page)).toBe(true);
    expect((await storedOrder(MANUAL_SLUG, order.orderId)).status).toBe('awaiting_acceptance');
    await screenshot(page, 'board-new-order');

    await arrived.getByRole('button', { name: /^Accept/ }).click();
    const dialog = page.getByRole('dialog', { name: `Accept order #${order.orderNumber}` });
    await dialog.getByLabel('Ready in (minutes)').fill('25');
    await screenshot(page, 'accept-dialog', false);
    await dialog.getByRole('button', { name: 'Accept' }).click();
    const accepted = card(page, 'new', order.orderNumber).getByRole('button', { name: /^Start preparing/ });
    await accepted.waitFor();
    const afterAccept = await storedOrder(MANUAL_SLUG, order.orderId);
    expect(afterAccept).toMatchObject({
      status: 'confirmed',
      payment_status: 'succeeded',
      amount_received: order.total,
    });
    expect(afterAccept.events.find((e) => e.type === 'accept_requested')?.actor_type).toBe('staff');
    expect(afterAccept.events.map((e) => e.type)).toContain('accepted');

    await accepted.click();
    await card(page, 'preparing', order.orderNumber)
      .getByRole('button', { name: /^Mark ready/ })
      .click();
    await card(page, 'ready', order.orderNumber).waitFor();
    const ready = await storedOrder(MANUAL_SLUG, order.orderId);
    expect(ready.status).toBe('ready');
    expect(
      ready.events.filter((e) => e.type === 'preparing' || e.type === 'ready').map((e) => e.actor_type),
    ).toEqual(['staff', 'staff']);
    expect(await samePage(page)).toBe(true);
    await screenshot(page, 'board-ready');
    await page.context().close();
  });

  test('when staff reject an order on the manual-acceptance restaurant, then it is done, the hold released, and the reason kept', async () => {
    const page = await openBoard();
    const order = await placePaidOrder(MANUAL_SLUG, 'Rex Rejected');
    const arrived = card(page, 'new', order.orderNumber);
    await arrived.waitFor({ timeout: 10_000 });
    await arrived.getByRole('button', { name: /^Reject/ }).click();
    const dialog = page.getByRole('dialog', { name: `Reject order #${order.orderNumber}` });
    await dialog.getByLabel('Another reason').check();
    await dialog.getByLabel('Reason', { exact: true }).fill('The oven is down');
    await screenshot(page, 'reject-dialog', false);
    await dialog.getByRole('button', { name: 'Reject the order' }).click();
    await card(page, 'done', order.orderNumber).waitFor();
    expect(await textOf(card(page, 'done', order.orderNumber).locator('.badges'), /Cancelled/)).toMatch(
      /Cancelled/,
    );
    const stored = await eventually(
      () => storedOrder(MANUAL_SLUG, order.orderId),
      (o) => o.status === 'cancelled',
    );
    expect(stored).toMatchObject({
      status: 'cancelled',
      payment_status: 'canceled',
      amount_received: 0,
      cancel_reason: 'The oven is down',
    });
    // The staff member asked; the release itself is recorded by whoever applied Stripe's answer
    // first (this request, or the webhook).
    expect(stored.events.find((e) => e.type === 'cancel_requested')?.actor_type).toBe('staff');
    expect(stored.events.map((e) => e.type)).toContain('rejected');
    await page.context().close();
  });
});
