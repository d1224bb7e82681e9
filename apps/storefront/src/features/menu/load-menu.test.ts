import type { Menu } from '@repo/contracts';
import { siteConfigFor } from './load-menu.ts';

const menu: Menu = {
  restaurant: {
    slug: 'demo',
    name: 'Trattoria Demo',
    phone: null,
    address: null,
    timezone: 'America/New_York',
    country: 'US',
    order_acceptance: 'automatic',
    acceptance_window_minutes: 10,
  },
  currency: 'usd',
  tax_rate: 0.08875,
  prep_time_minutes: 20,
  delivery: { enabled: true, fee: 399, minutes: 25 },
  stripe: { publishable_key: 'pk_test_menu', livemode: false },
  categories: [],
};

describe('siteConfigFor', () => {
  it('when the site is built from the menu, then its scripts get what they need in the API’s units', () => {
    const env = { apiUrl: 'http://127.0.0.1:3000/', slug: 'demo', stripeKey: undefined };
    expect(siteConfigFor(menu, env)).toEqual({
      apiUrl: 'http://127.0.0.1:3000',
      slug: 'demo',
      stripeKey: 'pk_test_menu',
      currency: 'usd',
      taxRatePpm: 88_750,
      deliveryEnabled: true,
      deliveryFee: 399,
      deliveryMinutes: 25,
      prepMinutes: 20,
      restaurantName: 'Trattoria Demo',
      timezone: 'America/New_York',
      country: 'US',
      restaurantPhone: null,
    });
  });

  it('when PUBLIC_STRIPE_KEY differs from the API’s key, then it is used and the build warns', () => {
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (message: unknown) => warnings.push(message);
    try {
      const env = { apiUrl: 'http://api', slug: 'demo', stripeKey: 'pk_test_other' };
      expect(siteConfigFor(menu, env).stripeKey).toBe('pk_test_other');
    } finally {
      console.warn = warn;
    }
    expect(warnings).toEqual([expect.stringContaining('PUBLIC_STRIPE_KEY differs')]);
  });
});
