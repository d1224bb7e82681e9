import type { Availability } from '@repo/contracts';
import { dateTime } from '@repo/contracts/browser';

/** Whether diners can order right now, in one sentence on the restaurant's clock. */
export function orderingText(availability: Availability): string {
  const at = (iso: string) => dateTime(iso, availability.timezone);
  if (availability.paused_until)
    return `Paused: new orders are refused until ${at(availability.paused_until)}.`;
  if (!availability.open_now)
    return availability.next_opening
      ? `Closed now: orders for as soon as possible open ${at(availability.next_opening)}.`
      : 'Closed, with no opening in the coming week.';
  return availability.next_closing
    ? `Open: taking orders until ${at(availability.next_closing)}.`
    : 'Open: taking orders.';
}
