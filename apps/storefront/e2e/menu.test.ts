import type { Browser } from 'playwright-core';
import { launchBrowser, MOBILE, newContext, screenshot } from './harness/browser.ts';
import { cartSize } from './harness/diner.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('menu page', () => {
  test('when a pizza is added without a size, then the cart refuses it with a visible message', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/');
    await screenshot(page, 'menu-desktop', false);
    const form = page.getByRole('form', { name: 'Add Diavola to your order' });
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
    await form.getByLabel('Qty').fill('2');
    await form.getByRole('button', { name: 'Add to order' }).click();
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

  test('extra toppings stop at three and sold-out dishes cannot be ordered', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/');
    const form = page.getByRole('form', { name: 'Add Margherita to your order' });
    for (const name of [/Mushrooms/, /Pepperoni/, /Fresh basil/]) await form.getByLabel(name).check();
    await expect(form.getByLabel(/Burrata/).isDisabled()).resolves.toBe(true);
    const affogato = page.locator('article', { has: page.getByRole('heading', { name: 'Affogato' }) });
    await expect(affogato.textContent()).resolves.toContain('Sold out today');
    const sold = affogato.getByRole('button', { name: 'Sold out' });
    await expect(sold.isDisabled()).resolves.toBe(true);
    await context.close();
  });

  test('with JavaScript off, the menu is still readable', async () => {
    const context = await newContext(browser, undefined, false);
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Margherita' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('body').textContent()).resolves.toContain('$14.95');
    await expect(page.locator('body').textContent()).resolves.toContain('Required · choose 1');
    await context.close();
  });

  test('the menu page ships only the cart island script', async () => {
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
    await screenshot(page, 'menu-mobile', false);
    await context.close();
  });
});
