import { siteJestConfig } from '@repo/site-kit/jest';

/**
 * The storefront's pure code (cart, money, tax, outcomes) tested beside it without a browser, and
 * the diner's journeys in Chromium: the settings every site shares.
 */
export default siteJestConfig();
