/** What every page's scripts need, rendered at build time into a JSON script tag by the layout. */
export interface SiteConfig {
  apiUrl: string;
  slug: string;
  stripeKey: string;
  currency: string;
  /** The menu's tax rate in parts per million, the unit `taxFor` and the API's pricing use. */
  taxRatePpm: number;
  deliveryEnabled: boolean;
  deliveryFee: number;
  /** Minutes from ready to the diner's door. */
  deliveryMinutes: number;
  prepMinutes: number;
  restaurantName: string;
  /** The restaurant's IANA time zone: every time shown to the diner is on its clock. */
  timezone: string;
  /** ISO 3166-1 alpha-2: delivery addresses are checked against its postal codes. */
  country: string;
  restaurantPhone: string | null;
}

export const SITE_CONFIG_ID = 'site-config';

export function readJson<T>(id: string): T {
  const node = document.getElementById(id);
  if (!node?.textContent) throw new Error(`missing #${id}`);
  return JSON.parse(node.textContent) as T;
}

export function readSiteConfig(): SiteConfig {
  return readJson<SiteConfig>(SITE_CONFIG_ID);
}

export function orderUrl(config: Pick<SiteConfig, 'apiUrl' | 'slug'>, orderId?: string): string {
  const base = `${config.apiUrl.replace(/\/$/, '')}/api/clients/${encodeURIComponent(config.slug)}/orders`;
  return orderId ? `${base}/${encodeURIComponent(orderId)}` : base;
}
