import { Menu, taxRateToPpm } from '@repo/contracts';
import type { SiteConfig } from '../../lib/site-config.ts';

export interface BuildEnv {
  apiUrl: string;
  slug: string;
  stripeKey: string | undefined;
}

let cached: Promise<Menu> | undefined;

async function fetchMenu({ apiUrl, slug }: BuildEnv): Promise<Menu> {
  const url = `${apiUrl.replace(/\/$/, '')}/api/clients/${encodeURIComponent(slug)}/menu`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new Error(
      `The storefront is built from the live menu, but ${url} could not be reached (${String(error)}). ` +
        'Start the API first (pnpm --filter @repo/api start) or set PUBLIC_API_URL to a running API.',
    );
  }
  if (!response.ok) {
    throw new Error(
      `The menu request ${url} answered ${response.status}; check PUBLIC_CLIENT_SLUG ("${slug}").`,
    );
  }
  const parsed = Menu.safeParse(await response.json());
  if (!parsed.success)
    throw new Error(`The menu from ${url} does not match the contract: ${parsed.error.message}`);
  return parsed.data;
}

/** Fetched once per build; every page is rendered from the same menu. */
export function loadMenu(env: BuildEnv): Promise<Menu> {
  cached ??= fetchMenu(env);
  return cached;
}

export function siteConfigFor(menu: Menu, env: BuildEnv): SiteConfig {
  const stripeKey = env.stripeKey ?? menu.stripe.publishable_key;
  if (env.stripeKey && env.stripeKey !== menu.stripe.publishable_key) {
    console.warn(
      `[storefront] PUBLIC_STRIPE_KEY differs from the API's publishable key (${menu.stripe.publishable_key}); ` +
        'payments fail unless both belong to the same Stripe account.',
    );
  }
  return {
    apiUrl: env.apiUrl.replace(/\/$/, ''),
    slug: env.slug,
    stripeKey,
    currency: menu.currency,
    taxRatePpm: taxRateToPpm(menu.tax_rate),
    deliveryEnabled: menu.delivery.enabled,
    deliveryFee: menu.delivery.fee,
    deliveryMinutes: menu.delivery.minutes,
    prepMinutes: menu.prep_time_minutes,
    restaurantName: menu.restaurant.name,
    timezone: menu.restaurant.timezone,
    country: menu.restaurant.country,
    restaurantPhone: menu.restaurant.phone,
  };
}
