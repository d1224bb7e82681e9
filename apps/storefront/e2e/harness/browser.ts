import path from 'node:path';
import { DESKTOP } from '@repo/site-kit/e2e/browser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, readState } from './state.ts';

export const MOBILE = { width: 375, height: 812 };

export async function newContext(
  browser: Browser,
  viewport = DESKTOP,
  javaScriptEnabled = true,
  baseURL = readState().siteUrl,
  timezoneId?: string,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    ...(timezoneId ? { timezoneId } : {}),
    viewport,
    javaScriptEnabled,
    baseURL,
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(20_000);
  return context;
}

/** Saves a screenshot to artifacts/screenshots (git-ignored); the README copies live in docs/screenshots. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({
    path: path.join(ARTIFACTS, 'screenshots', `${name}.png`),
    fullPage,
    animations: 'disabled',
  });
}
