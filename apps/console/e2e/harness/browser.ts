import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { DESKTOP } from '@repo/site-kit/e2e/browser';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { type Account, ARTIFACTS, readState } from './state.ts';

/** The counter tablet. */
export const TABLET = { width: 768, height: 1024 };

export async function newContext(browser: Browser, viewport = DESKTOP): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport,
    baseURL: readState().consoleUrl,
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(20_000);
  return context;
}

/** Saves a screenshot to artifacts/screenshots (git-ignored); the README copies live in docs/screenshots. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({
    path: path.join(ARTIFACTS, 'screenshots', `console-${name}.png`),
    fullPage,
    animations: 'disabled',
  });
}

/** Signs in on the sign-in page and waits for the board (or wherever `next` leads). */
export async function signIn(page: Page, account: Account, next = '/'): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === next || url.pathname === `${next}.html`);
  await page.locator('[data-account]:not([hidden])').waitFor();
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.map((n) => ({ target: n.target })),
    }));
}

/**
 * The locator's text once it reads `expected` (or whatever it reads after `timeout`), so that an
 * assertion on it waits for the page's own update and reports the text it found.
 */
export async function textOf(locator: Locator, expected: string | RegExp, timeout = 10_000): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = (
      (await locator
        .first()
        .textContent({ timeout })
        .catch(() => null)) ?? ''
    ).trim();
    const matches = typeof expected === 'string' ? text === expected : expected.test(text);
    if (matches || Date.now() > deadline) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
