import { launchBrowser } from '@repo/site-kit/e2e/browser';
import type { Browser, Page } from 'playwright-core';
import { MOBILE, newContext, screenshot } from './harness/browser.ts';
import { addDish, cartSize, openDish } from './harness/diner.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const focusedInDialog = (page: Page) =>
  page.evaluate(() => document.activeElement?.closest('dialog[open]') !== null);

describe('menu page', () => {
  test('when a pizza is added without a size, then its dialog refuses it with a visible message', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/');
    await screenshot(page, 'menu-desktop', false);
    const form = await openDish(page, 'Diavola');
    await form.getByRole('button', { name: 'Add to order' }).click();
    const message = form.locator('fieldset[data-invalid] .group-error');
    await expect(message.textContent()).resolves.toBe('Please choose a size.');
    expect(await message.isVisible()).toBe(true);
    expect(await cartSize(page)).toBe(0);
    await expect(page.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toMatch(
      /^group-/,
    );

    await form.getByLabel(/Medium/).check();
    await expect(message.count()).resolves.toBe(0);
    await form.getByLabel(/Pepperoni/).check();
    await form.getByLabel('Quantity').fill('2');
    await screenshot(page, 'dish-dialog-desktop', false);
    await form.getByRole('button', { name: 'Add to order' }).click();
    await page.getByRole('dialog', { name: 'Diavola' }).waitFor({ state: 'hidden' });
    const line = page.locator('[data-cart-lines] li');
    await expect(line.textContent()).resolves.toContain('Medium 12", Pepperoni');
    await expect(page.locator('[data-cart-subtotal]').textContent()).resolves.toBe('$43.90');
    await expect(page.locator('[data-cart-status]').textContent()).resolves.toContain('Added 2 × Diavola');

    await page.reload();
    await expect(page.locator('[data-cart-subtotal]').textContent()).resolves.toBe('$43.90');
    await page.getByRole('button', { name: 'One less Diavola' }).click();
    await expect(page.locator('[data-cart-subtotal]').textContent()).resolves.toBe('$21.95');
    await context.close();
  });

  test('when a quantity is not a whole number from 1 to 50, then it is refused in place and nothing changes', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/');
    const form = await openDish(page, 'Garlic Knots');
    const quantity = form.getByLabel('Quantity');
    const error = form.locator('[data-quantity-error]');
    for (const [typed, sentence] of [
      ['0', 'Please enter a whole number from 1 to 50.'],
      ['-1', 'Please enter a whole number from 1 to 50.'],
      ['', 'Please enter how many you want, from 1 to 50.'],
      ['2.5', 'Please enter a whole number from 1 to 50.'],
      ['999', 'You can order at most 50 at a time. Please enter 50 or fewer.'],
    ]) {
      await quantity.fill(typed ?? '');
      await form.getByRole('button', { name: 'Add to order' }).click();
      await expect(error.textContent()).resolves.toBe(sentence);
      await expect(quantity.getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(page.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toBe(
        'quantity',
      );
      expect(await cartSize(page)).toBe(0);
    }
    await quantity.fill('45');
    await expect(error.textContent()).resolves.toBe('');
    await form.getByRole('button', { name: 'Add to order' }).click();
    await page.getByRole('dialog', { name: 'Garlic Knots' }).waitFor({ state: 'hidden' });
    await expect(page.locator('[data-cart-status]').textContent()).resolves.toBe(
      'Added 45 × Garlic Knots to your order.',
    );

    // Ten more would make 55 of the same line: refused, and the basket keeps its 45.
    const again = await openDish(page, 'Garlic Knots');
    await again.getByLabel('Quantity').fill('10');
    await again.getByRole('button', { name: 'Add to order' }).click();
    await expect(again.locator('[data-quantity-error]').textContent()).resolves.toBe(
      'You already have 45 of these in your order, and 50 is the most. You can add up to 5 more.',
    );
    const stored = await page.evaluate(
      () => JSON.parse(localStorage.getItem('storefront:demo:cart:v1') ?? '[]') as { quantity: number }[],
    );
    expect(stored.map((line) => line.quantity)).toEqual([45]);
    await context.close();
  });

  test('the dish dialog keeps focus inside, closes on Escape and gives focus back to the dish', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/');
    const opener = page.getByRole('button', { name: 'Margherita', exact: true });
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Margherita' });
    await dialog.waitFor();
    expect(await focusedInDialog(page)).toBe(true);
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      // The page behind a modal dialog is inert: focus may reach the browser's chrome, never the page.
      const where = await page.evaluate(() =>
        document.activeElement === document.body
          ? 'body'
          : document.activeElement?.closest('dialog[open]')
            ? 'dialog'
            : 'page',
      );
      expect(where).not.toBe('page');
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect(opener.evaluate((button) => button === document.activeElement)).resolves.toBe(true);
    await context.close();
  });

  test('extra toppings stop at three and sold-out dishes cannot be ordered', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/');
    const form = await openDish(page, 'Margherita');
    for (const name of [/Mushrooms/, /Pepperoni/, /Fresh basil/]) await form.getByLabel(name).check();
    await expect(form.getByLabel(/Burrata/).isDisabled()).resolves.toBe(true);
    await page.keyboard.press('Escape');
    const affogato = page.locator('article', { has: page.getByRole('heading', { name: 'Affogato' }) });
    await expect(affogato.textContent()).resolves.toContain('Sold out today');
    const sold = (await openDish(page, 'Affogato')).getByRole('button', { name: 'Sold out' });
    await expect(sold.isDisabled()).resolves.toBe(true);
    await context.close();
  });

  test('with JavaScript off, the menu is still readable and a dish still opens', async () => {
    const context = await newContext(browser, undefined, false);
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Margherita' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('body').textContent()).resolves.toContain('$14.95');
    await page.getByRole('button', { name: 'Margherita', exact: true }).click();
    await expect(
      page.getByRole('dialog', { name: 'Margherita' }).getByText('Required · choose 1').first().isVisible(),
    ).resolves.toBe(true);
    await context.close();
  });

  test('on a 375 px phone, dishes are compact, the chips stay in view, mark the section and show they scroll', async () => {
    const context = await newContext(browser, MOBILE);
    const page = await context.newPage();
    await page.goto('/');
    const scripts = await page
      .locator('script[src]')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('src')));
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatch(/Cart\.astro/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    process.stdout.write(`menu height at 375 px: ${height} px\n`);
    // Every option of every dish was on the page (4,700 px); now they wait in each dish's dialog.
    expect(height).toBeLessThan(3_600);
    await screenshot(page, 'menu-mobile', false);

    const nav = page.getByRole('navigation', { name: 'Menu sections' });
    await expect(nav.getAttribute('data-more-right')).resolves.toBe('');
    await expect(nav.evaluate((node) => getComputedStyle(node).maskImage)).resolves.toMatch(/gradient/);
    const chips = await nav.getByRole('link').allTextContents();
    const last = chips.at(-1) ?? '';
    // Scrolled as a reader would, the section's heading near the top: its chip is marked.
    await page
      .getByRole('heading', { name: last, level: 2 })
      .evaluate((heading) => heading.scrollIntoView({ block: 'start', behavior: 'instant' }));
    await nav.locator('a[aria-current="true"]', { hasText: last }).waitFor();
    await expect(nav.locator('a[aria-current="true"]').count()).resolves.toBe(1);
    const top = await nav.evaluate((node) => node.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(80);

    await addDish(page, 'Margherita', /Large/);
    const bar = page.locator('[data-cart-bar]');
    await page.getByRole('heading', { name: chips[0] ?? '', level: 2 }).scrollIntoViewIfNeeded();
    await bar.waitFor();
    await page.locator('#cart').scrollIntoViewIfNeeded();
    await bar.waitFor({ state: 'hidden' });
    await screenshot(page, 'menu-mobile-cart', false);

    const form = await openDish(page, 'Diavola');
    await form.getByLabel(/Medium/).check();
    await screenshot(page, 'dish-dialog-mobile', false);
    await context.close();
  });

  test('a phone number never wraps between its digits, even on a narrow phone', async () => {
    const context = await newContext(browser, { width: 320, height: 640 });
    const page = await context.newPage();
    await page.goto('/');
    for (const phone of await page.locator('.phone').all()) {
      const lines = await phone.evaluate((node) => {
        const range = document.createRange();
        range.selectNodeContents(node);
        return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
      });
      expect(lines).toBe(1);
    }
    await expect(page.locator('.phone').count()).resolves.toBeGreaterThan(1);
    await context.close();
  });

  test('an unknown page answers 404 with the site’s own HTML page', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    expect(response?.headers()['content-type']).toMatch(/^text\/html/);
    await page.getByRole('heading', { name: "We can't find that page" }).waitFor();
    await page.getByRole('link', { name: 'See the menu' }).click();
    await page.waitForURL(/\/$/);
    await context.close();
  });
});
