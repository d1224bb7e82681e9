import type { Availability } from '@repo/contracts';
import type { SiteConfig } from '../../lib/site-config.ts';

export const availabilityUrl = (config: Pick<SiteConfig, 'apiUrl' | 'slug'>): string =>
  `${config.apiUrl.replace(/\/$/, '')}/api/clients/${encodeURIComponent(config.slug)}/availability`;

/**
 * Reads what can be ordered now. The type comes from the contracts, but the zod schema stays out of
 * the browser bundle: the API validates its own answer, and a failed read only keeps the last state.
 */
export async function fetchAvailability(config: Pick<SiteConfig, 'apiUrl' | 'slug'>): Promise<Availability> {
  // Revalidated by ETag each time, so a dish marked sold out a second ago is not served from cache.
  const response = await fetch(availabilityUrl(config), {
    headers: { Accept: 'application/json' },
    cache: 'no-cache',
  });
  if (!response.ok) throw new Error(`availability answered ${response.status}`);
  return (await response.json()) as Availability;
}

const EVERY_MINUTE = 60_000;

/**
 * Calls `onChange` with the availability on load and then every minute, as the static site cannot
 * know the hours, a pause or a sold-out dish at build time. Returns a stop function.
 */
export function watchAvailability(
  config: Pick<SiteConfig, 'apiUrl' | 'slug'>,
  onChange: (availability: Availability) => void,
  fetcher = fetchAvailability,
): () => void {
  let last = '';
  const read = () =>
    fetcher(config)
      .then((availability) => {
        const text = JSON.stringify(availability);
        if (text === last) return;
        last = text;
        onChange(availability);
      })
      .catch(() => undefined);
  void read();
  const timer = setInterval(read, EVERY_MINUTE);
  return () => clearInterval(timer);
}
