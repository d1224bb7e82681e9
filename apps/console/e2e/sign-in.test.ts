import { DESKTOP, launchBrowser } from '@repo/site-kit/e2e/browser';
import type { Browser } from 'playwright-core';
import { newContext, screenshot, signIn, textOf } from './harness/browser.ts';
import { storedStaff } from './harness/db-state.ts';
import { readState } from './harness/state.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('signing in', () => {
  test('when a wrong password is typed, then a plain sentence says so and nothing opens', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/');
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByLabel('Email').fill(readState().accounts.demoManager.email);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const refused = 'That email and password do not match an account. Check both and try again.';
    expect(await textOf(page.locator('[data-form-error]'), refused)).toBe(refused);
    await expect(page.getByLabel('Password').getAttribute('aria-invalid')).resolves.toBe('true');
    await screenshot(page, 'sign-in-refused');
    await context.close();
  });

  test('when a new member signs in with the one-time password, then they must choose their own before the board, and can sign out', async () => {
    const { newcomer } = readState().accounts;
    expect((await storedStaff('demo', newcomer.email)).must_change_password).toBe(true);
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await page.goto('/orders');
    await page.waitForURL(/\/sign-in\?next=%2Forders/);
    await page.getByLabel('Email').fill(newcomer.email);
    await page.getByLabel('Password').fill(newcomer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.waitForURL(/\/password\?next=/);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByLabel('Current password').fill(newcomer.password);
    await page.getByLabel('New password', { exact: true }).fill('too short');
    await page.getByLabel('New password again').fill('too short');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    const tooShort = 'The new password needs at least 12 characters.';
    expect(await textOf(page.locator('[data-form-error]'), tooShort)).toBe(tooShort);
    await screenshot(page, 'password-change');
    const chosen = 'a kitchen that never sleeps';
    await page.getByLabel('New password', { exact: true }).fill(chosen);
    await page.getByLabel('New password again').fill(chosen);
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/orders'));
    expect(await textOf(page.locator('[data-staff-name]'), 'Nina Newcomer · Staff')).toBe(
      'Nina Newcomer · Staff',
    );
    const stored = await storedStaff('demo', newcomer.email);
    expect(stored.must_change_password).toBe(false);
    if (stored.sessions !== null) expect(stored.sessions).toBe(1);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in\?signed_out=1/);
    await expect(page.locator('[data-signed-out]').isVisible()).resolves.toBe(true);
    const after = await storedStaff('demo', newcomer.email);
    if (after.sessions !== null) expect(after.sessions).toBe(0);
    // Signed out, the console's pages send back to the sign-in page.
    await page.goto('/');
    await page.waitForURL(/\/sign-in\?next=/);

    await signIn(page, { email: newcomer.email, password: chosen });
    await expect(page.getByRole('heading', { name: "Today's orders" }).isVisible()).resolves.toBe(true);
    await context.close();
  });
});
