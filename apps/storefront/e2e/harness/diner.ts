import type { Locator, Page } from 'playwright-core';

export const MARGHERITA_LARGE_TOTAL = '$22.81';

/** Taps a dish on the menu and returns the add form of the dialog it opens. */
export async function openDish(page: Page, name: string): Promise<Locator> {
  await page.getByRole('button', { name, exact: true }).click();
  const dialog = page.getByRole('dialog', { name });
  await dialog.waitFor();
  return dialog.getByRole('form', { name: `Add ${name} to your order` });
}

/** Opens a dish, chooses the options whose labels match, and adds it; the dialog closes. */
export async function addDish(page: Page, name: string, ...options: RegExp[]): Promise<void> {
  const form = await openDish(page, name);
  for (const option of options) await form.getByLabel(option).check();
  await form.getByRole('button', { name: 'Add to order' }).click();
  await page.getByRole('dialog', { name }).waitFor({ state: 'hidden' });
}

/** Adds a large Margherita (14.95 + 6.00) from the menu page. */
export async function addMargherita(page: Page): Promise<void> {
  await page.goto('/');
  await addDish(page, 'Margherita', /Large/);
  await page.locator('[data-cart-lines] li').first().waitFor();
}

/** Opens the checkout with what is in the basket, once the Payment Element is ready for the card. */
export async function openCheckout(page: Page): Promise<void> {
  await page.goto('/checkout');
  await page.locator('#payment-element input').first().waitFor();
}

export async function fillDetails(page: Page): Promise<void> {
  await page.getByLabel('Full name').fill('Ada Lovelace');
  await page.getByLabel('Email').fill('ada@example.com');
  await page.getByLabel('Phone').fill('+1 212 555 0100');
}

export async function fillCard(page: Page, number: string): Promise<void> {
  const card = page.locator('#payment-element');
  await card.getByLabel('Card number').fill(number);
  await card.getByLabel('Expiration date').fill('12 / 34');
  await card.getByLabel('Security code').fill('123');
  await card.getByLabel(/ZIP/).fill('10013');
}

export async function checkoutWithCard(page: Page, number: string): Promise<void> {
  await openCheckout(page);
  await fillDetails(page);
  await fillCard(page, number);
  await page.getByRole('button', { name: /^Pay / }).click();
}

export interface StoredOrder {
  order_id: string;
  order_token: string;
}

export async function storedOrders(page: Page, slug = 'demo'): Promise<StoredOrder[]> {
  return page.evaluate(
    (key) => JSON.parse(localStorage.getItem(key) ?? '[]') as StoredOrder[],
    `storefront:${slug}:orders:v1`,
  );
}

export async function cartSize(page: Page, slug = 'demo'): Promise<number> {
  return page.evaluate(
    (key) => (JSON.parse(localStorage.getItem(key) ?? '[]') as unknown[]).length,
    `storefront:${slug}:cart:v1`,
  );
}

export async function waitForConfirmed(page: Page): Promise<void> {
  await page.waitForURL(/\/order-confirmation/, { timeout: 30_000 });
  await page.getByRole('heading', { name: /Your order is confirmed/ }).waitFor({ timeout: 30_000 });
}
