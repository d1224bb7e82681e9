import preset from '../../jest.preset.js';

export default {
  ...preset,
  testMatch: ['<rootDir>/e2e/**/*.test.ts', '<rootDir>/src/**/*.test.ts'],
  globalSetup: '<rootDir>/e2e/harness/global-setup.ts',
  globalTeardown: '<rootDir>/e2e/harness/global-teardown.ts',
  testTimeout: 120_000,
  maxWorkers: 1,
};
