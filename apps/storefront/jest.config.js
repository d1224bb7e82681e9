import { existsSync } from 'node:fs';
import preset from '../../jest.preset.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const browserSuite = {
  ...preset,
  testMatch: ['<rootDir>/e2e/**/*.test.ts', '<rootDir>/src/**/*.test.ts'],
  globalSetup: '<rootDir>/e2e/harness/global-setup.ts',
  globalTeardown: '<rootDir>/e2e/harness/global-teardown.ts',
  testTimeout: 120_000,
  maxWorkers: 1,
  // A browser or child process left behind by a failed run must never hang CI.
  forceExit: true,
};

// CI always runs the browser suite (and fails without Chromium); a laptop without it is told how to get it.
if (!existsSync(CHROMIUM) && process.env.CI !== 'true') {
  process.stdout.write(
    `Browser tests skipped: no Chromium at ${CHROMIUM}. Install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH.\n`,
  );
}

export default existsSync(CHROMIUM) || process.env.CI === 'true'
  ? browserSuite
  : { ...preset, testMatch: ['<rootDir>/no-chromium-no-browser-tests/**'], passWithNoTests: true };
