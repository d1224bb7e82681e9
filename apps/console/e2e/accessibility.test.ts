import type { Availability, HoursView, Menu } from '@repo/contracts';
import { DESKTOP, launchBrowser } from '@repo/site-kit/e2e/browser';
import type { Browser, Page } from 'playwright-core';
import { newContext, screenshot, seriousViolations, signIn, TABLET, textOf } from './harness/browser.ts';
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

/** Presses Tab until the focused element matches, as a keyboard user would. */
async function tabTo(page: Page, selector: string, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

const focusOutline = (page: Page) =>
  page.evaluate(() =>
    document.activeElement ? getComputedStyle(document.activeElement).outlineStyle : 'none',
  );

async function dishId(name: string): Promise<string> {
  const menu = (await (await fetch(`${readState().apiUrl}/api/clients/demo/menu`)).json()) as Menu;
  const item = menu.categories.flatMap((c) => c.items).find((i) => i.name === name);
  if (!item) throw new Error(`no dish ${name}`);
  return item.id;
}

async function availability(): Promise<Availability> {
  return (await fetch(`${readState().apiUrl}/api/clients/demo/availability`)).json() as Promise<Availability>;
}

describe('keyboard alone', () => {
  test('when a member signs in and moves an order with the keyboard only, then focus follows the order to its next step', async () => {
    const order = await placePaidOrder('demo', 'Kit Keyboard');
    await eventually(
      () => storedOrder('demo', order.orderId),
      (o) => o.status === 'confirmed',
    );
    const context = await newContext(browser, TABLET);
    const page = await context.newPage();
    await page.goto('/sign-in');
    await tabTo(page, '#email');
    await page.keyboard.type(readState().accounts.demoManager.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(readState().accounts.demoManager.password);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/');
    const start = `[data-order-id="${order.orderId}"] [data-action="status-preparing"]`;
    await page.locator(start).waitFor();
    await tabTo(page, start);
    expect(await focusOutline(page)).not.toBe('none');
    await page.keyboard.press('Enter');
    const ready = `[data-column="preparing"] [data-order-id="${order.orderId}"] [data-action="status-ready"]`;
    await page.locator(ready).waitFor();
    await expect(page.evaluate((s) => document.activeElement?.matches(s), ready)).resolves.toBe(true);
    expect((await storedOrder('demo', order.orderId)).status).toBe('preparing');
    await context.close();
  });
});

describe('the restaurant page', () => {
  afterEach(async () => {
    // A failed run must not leave `demo` paused for the tests after it.
    const { apiUrl, keys } = readState();
    await fetch(`${apiUrl}/api/clients/demo/resume`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${keys.demo}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
  });

  test('when a member pauses orders, marks a dish sold out and back, then the API serves each change', async () => {
    const context = await newContext(browser, TABLET);
    const page = await context.newPage();
    await signIn(page, readState().accounts.demoStaff, '/restaurant');
    await page.getByLabel('Pause new orders for').selectOption('30');
    await page.getByRole('button', { name: 'Pause' }).click();
    expect(
      await textOf(page.locator('[data-ordering-state]'), /^Paused: new orders are refused until/),
    ).toMatch(/^Paused: new orders are refused until .* E[SD]T\.$/);
    expect((await availability()).paused_until).not.toBeNull();
    const arancini = await dishId('Arancini');
    const before = (await availability()).sold_out.items;
    expect(before).not.toContain(arancini);
    await page.getByLabel('Arancini sold out').check();
    const soldOut = await eventually(availability, (a) => a.sold_out.items.includes(arancini));
    expect(soldOut.sold_out.items).toEqual(expect.arrayContaining([...before, arancini]));
    await screenshot(page, 'restaurant');
    await page.getByLabel('Arancini sold out').uncheck();
    const back = await eventually(availability, (a) => !a.sold_out.items.includes(arancini));
    expect(back.sold_out.items).toEqual(before);
    await page.getByRole('button', { name: 'Resume now' }).click();
    expect(await textOf(page.locator('[data-ordering-state]'), /^Open/)).toMatch(/^Open/);
    expect((await availability()).paused_until).toBeNull();
    // Hours need a manager: the staff member is told so before trying.
    await expect(page.locator('[data-hours-role]').isVisible()).resolves.toBe(true);
    await context.close();
  });
});

describe('opening hours', () => {
  test('when a manager adds a closed day and removes Monday evening, then the API keeps exactly that', async () => {
    const { apiUrl, keys } = readState();
    const hours = async () =>
      (await (
        await fetch(`${apiUrl}/api/clients/demo/hours`, { headers: { Authorization: `Bearer ${keys.demo}` } })
      ).json()) as HoursView;
    const before = await hours();
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await signIn(page, readState().accounts.demoManager, '/restaurant');
    const form = page.locator('[data-hours-form]');
    await form.waitFor();
    const monday = form.locator('[data-range="monday"]');
    const mondayRanges = await monday.count();
    expect(mondayRanges).toBe(before.hours?.weekly.monday?.length ?? 0);
    await monday
      .first()
      .getByRole('button', { name: /^Remove/ })
      .click();
    await form.getByRole('button', { name: 'Add a closed day' }).click();
    await form.getByLabel('Date').fill('2027-01-01');
    await form.getByLabel('Reason (optional)').fill("New Year's Day");
    await form.getByRole('button', { name: 'Save the hours' }).click();
    const saved = 'The opening hours are saved.';
    expect(await textOf(form.locator('[data-hours-done]'), saved)).toBe(saved);
    const after = await hours();
    expect(after.hours?.weekly.monday).toEqual((before.hours?.weekly.monday ?? []).slice(1));
    expect(after.hours?.weekly.tuesday).toEqual(before.hours?.weekly.tuesday);
    expect(after.hours?.closures).toEqual([{ date: '2027-01-01', reason: "New Year's Day" }]);
    // Put `demo`'s hours back for the tests after this one.
    await fetch(`${apiUrl}/api/clients/demo/hours`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${keys.demo}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ hours: before.hours }),
    });
    await context.close();
  });
});

describe('axe-core', () => {
  test.each([
    ['tablet', TABLET],
    ['desktop', DESKTOP],
  ])(
    'when every page is checked on a %s, then axe finds no serious or critical violation',
    async (name, viewport) => {
      const order = await placePaidOrder('demo', 'Axel Audit');
      const context = await newContext(browser, viewport);
      const page = await context.newPage();
      await page.goto('/sign-in');
      await page.locator('[data-sign-in-form]').waitFor();
      const found: Record<string, unknown> = { 'sign-in': await seriousViolations(page) };
      await signIn(page, readState().accounts.demoManager);
      await page.locator(`[data-order-id="${order.orderId}"]`).waitFor({ timeout: 10_000 });
      found.board = await seriousViolations(page);
      if (name === 'desktop') await screenshot(page, 'board-desktop');
      const pages: [string, string, string][] = [
        ['order', `/order?id=${order.orderId}`, '[data-order]:not([hidden])'],
        ['orders', '/orders?q=Axel', '[data-results]:not([hidden])'],
        ['flagged', '/flagged', '[data-flagged-summary]:not(:empty)'],
        ['restaurant', '/restaurant', '[data-hours-form]:not([hidden])'],
        ['password', '/password', '[data-password-form]:not([hidden])'],
      ];
      for (const [key, url, ready] of pages) {
        await page.goto(url);
        await page.locator(ready).waitFor();
        found[key] = await seriousViolations(page);
        if (name === 'tablet' && key !== 'password') await screenshot(page, key);
      }
      await page.goto(`/order?id=${order.orderId}`);
      await page.getByRole('button', { name: 'Cancel the order…' }).click();
      await page.getByRole('dialog', { name: `Cancel order #${order.orderNumber}?` }).waitFor();
      found['cancel dialog'] = await seriousViolations(page);
      expect(found).toEqual(Object.fromEntries(Object.keys(found).map((key) => [key, []])));
      await context.close();
    },
  );
});
