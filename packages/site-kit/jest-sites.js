import { existsSync } from 'node:fs';
import preset from '../../jest.preset.js';

/** The Chromium the browser suites drive; the same default as `launchBrowser` (src/e2e/browser.ts). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Jest settings of a site (the storefront, the console): its pure code in `src/` tested beside it
 * without a browser (the `unit` project), and its journeys in `e2e/` driven in Chromium (the
 * `browser` project) after `e2e/harness/global-setup.ts` has started the API and built the site.
 * Jest runs a project's global setup only when one of its tests is selected, so `pnpm test:unit`
 * never starts the API or builds the site.
 */
export function siteJestConfig() {
  const unit = {
    ...preset,
    displayName: 'unit',
    testMatch: ['<rootDir>/src/**/*.test.ts'],
  };
  const browser = {
    ...preset,
    displayName: 'browser',
    testMatch: ['<rootDir>/e2e/**/*.test.ts'],
    globalSetup: '<rootDir>/e2e/harness/global-setup.ts',
    globalTeardown: '<rootDir>/e2e/harness/global-teardown.ts',
  };

  // CI always runs the browser suite (and fails without Chromium); a laptop without it is told how to get it.
  const withBrowser = existsSync(CHROMIUM) || process.env.CI === 'true';
  if (!withBrowser) {
    process.stdout.write(
      `Browser tests skipped: no Chromium at ${CHROMIUM}. Install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH.\n`,
    );
  }

  return {
    projects: withBrowser ? [unit, browser] : [unit],
    // Jest takes testTimeout from here, not from a project: the journeys need it, unit tests end in milliseconds.
    testTimeout: 120_000,
    maxWorkers: 1,
    // A browser or child process left behind by a failed run must never hang CI.
    forceExit: true,
  };
}
