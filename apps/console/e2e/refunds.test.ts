import { DESKTOP, launchBrowser } from '@repo/site-kit/e2e/browser';
import type { Browser, Page } from 'playwright-core';
import { newContext, screenshot, signIn, textOf } from './harness/browser.ts';
import { eventually, storedOrder } from './harness/db-state.ts';
import { type PaidOrder, placePaidOrder } from './harness/diner.ts';
import { type Account, readState } from './harness/state.ts';

let browser: Browser;
let order: PaidOrder;
beforeAll(async () => {
  browser = await launchBrowser();
  order = await placePaidOrder('demo', 'Rosa Refund');
  await eventually(
    () => storedOrder('demo', order.orderId),
    (o) => o.payment_status === 'succeeded',
  );
});
afterAll(async () => {
  await browser?.close();
});

async function openOrder(account: Account): Promise<Page> {
  const context = await newContext(browser, DESKTOP);
  const page = await context.newPage();
  await signIn(page, account, '/order');
  await page.goto(`/order?id=${order.orderId}`);
  await page.getByRole('heading', { name: `Order #${order.orderNumber}` }).waitFor();
  return page;
}

describe('refunds', () => {
  test('when a manager refunds one of two Garlic Knots by line, then the amount with its tax is shown before confirming, and the ledger holds it', async () => {
    const page = await openOrder(readState().accounts.demoManager);
    await expect(page.locator('[data-field="items"]').textContent()).resolves.toContain(
      'Note: Well done, please',
    );
    await expect(page.locator('[data-field="items"]').textContent()).resolves.toContain('Size: Large');
    await page.getByLabel('Garlic Knots').fill('1');
    // 6.95 and its share of the 8.875 % tax (0.62).
    const computed = 'Refund $7.57: items $6.95 + tax $0.62.';
    expect(await textOf(page.locator('[data-refund-computed]'), computed)).toBe(computed);
    await page.getByLabel('Note (for the ledger)').fill('One portion was missing');
    await page.getByRole('button', { name: 'Review the refund' }).click();
    const dialog = page.getByRole('dialog', { name: 'Refund $7.57?' });
    await expect(dialog.textContent()).resolves.toContain('1 × Garlic Knots');
    await screenshot(page, 'refund-confirm', false);
    expect((await storedOrder('demo', order.orderId)).refunds).toEqual([]);
    await dialog.getByRole('button', { name: 'Refund' }).click();

    const done = "Refunded $7.57 to the diner's card.";
    expect(await textOf(page.locator('[data-order-done]'), done)).toBe(done);
    const ledger = page.locator('[data-field="refunds"] tbody tr');
    expect(await textOf(ledger, /\$7\.57Succeeded/)).toMatch(
      /\$7\.57Succeeded.*One portion was missing · Items: 1 × Garlic Knots.*Grace Hopper \(manager\)/,
    );
    const stored = await storedOrder('demo', order.orderId);
    expect(stored).toMatchObject({ payment_status: 'partially_refunded', amount_refunded: 757 });
    expect(stored.refunds).toEqual([
      expect.objectContaining({ amount: 757, status: 'succeeded', actor_type: 'staff' }),
    ]);
    await screenshot(page, 'order-page');
    await page.context().close();
  });

  test('when a member with the staff role tries a refund, then the console says who may, and nothing is refunded', async () => {
    const page = await openOrder(readState().accounts.demoStaff);
    await expect(page.locator('[data-role-hint]').isVisible()).resolves.toBe(true);
    await page.getByLabel('Entering an amount').check();
    await page.getByLabel('Amount to refund').fill('2');
    await page.getByRole('button', { name: 'Review the refund' }).click();
    const dialog = page.getByRole('dialog', { name: 'Refund $2.00?' });
    await dialog.getByRole('button', { name: 'Refund' }).click();
    const refused = 'Only a manager or an owner can do this. Ask a manager.';
    expect(await textOf(dialog.locator('[data-form-error]'), refused)).toBe(refused);
    await screenshot(page, 'refund-refused', false);
    const stored = await storedOrder('demo', order.orderId);
    expect(stored.refunds).toHaveLength(1);
    expect(stored.amount_refunded).toBe(757);
    await page.context().close();
  });
});
