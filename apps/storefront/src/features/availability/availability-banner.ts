import type { Availability } from '@repo/contracts';
import { bannerText } from './availability-text.ts';

/** Shows or hides the closed/paused banner that AvailabilityBanner.astro renders empty. */
export function renderBanner(availability: Availability): void {
  const banner = document.querySelector<HTMLElement>('[data-availability-banner]');
  if (!banner) return;
  const text = bannerText(availability);
  banner.hidden = text === null;
  banner.textContent = text ?? '';
}
