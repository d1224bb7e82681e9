import { PUBLIC_API_URL, PUBLIC_CLIENT_SLUG, PUBLIC_STRIPE_KEY } from 'astro:env/client';
import { MENU_API_URL } from 'astro:env/server';
import { loadMenu, siteConfigFor } from './load-menu.ts';

const env = { apiUrl: PUBLIC_API_URL, slug: PUBLIC_CLIENT_SLUG, stripeKey: PUBLIC_STRIPE_KEY };

/** Build-time data for every page: the menu and the config its scripts read. */
export async function loadSiteData() {
  const menu = await loadMenu({ ...env, apiUrl: MENU_API_URL ?? env.apiUrl });
  return { menu, config: siteConfigFor(menu, env) };
}
