import { siteJestConfig } from '@repo/site-kit/jest';

/**
 * The console's pure code (board, refunds by line, problems, times) tested beside it without a
 * browser, and the staff's journeys in Chromium: the settings every site shares.
 */
export default siteJestConfig();
