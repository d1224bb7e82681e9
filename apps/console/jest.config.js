import { existsSync } from 'node:fs';
import preset from '../../jest.preset.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The console's pure code (board, refunds by line, problems, times), tested beside it without a browser. */
const unit = {
  ...preset,
  displayName: 'unit',
  testMatch: ['<rootDir>/src/**/*.test.ts'],
};

/**
 * Staff journeys in Chromium. Jest runs a project's global setup only when one of its tests is
 * selected, so `pnpm test:unit` never starts the API or builds the console.
 */
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

export default {
  projects: withBrowser ? [unit, browser] : [unit],
  // Jest takes testTimeout from here, not from a project: the journeys need it, unit tests end in milliseconds.
  testTimeout: 120_000,
  maxWorkers: 1,
  // A browser or child process left behind by a failed run must never hang CI.
  forceExit: true,
};
