import type { MenuCategory, ParsedCreateOrderRequest } from '@repo/contracts';
import type { Restaurant } from '../platform/db/schema.ts';
import { UnprocessableError } from '../platform/errors.ts';
import {
  bookableSlots,
  DAY_MS,
  openSpans,
  openState,
  type SlotProblem,
  slotProblem,
} from './opening-hours.ts';

const iso = (at: number) => new Date(at).toISOString();

const SLOT_ADVICE: Record<SlotProblem, string> = {
  'not-on-slot': 'Ready times are every 15 minutes (:00, :15, :30, :45).',
  'too-soon': 'That is sooner than the kitchen needs to prepare the order.',
  'too-far': 'Orders can be scheduled up to 7 days ahead.',
  'outside-hours': 'The restaurant is not open then.',
};

/** What the order names that is sold out, by id and name. */
function soldOut(menu: MenuCategory[], request: ParsedCreateOrderRequest) {
  const items = new Map(menu.flatMap((category) => category.items).map((item) => [item.id, item]));
  const soldItems = new Map<string, string>();
  const soldOptions = new Map<string, string>();
  for (const line of request.items) {
    const item = items.get(line.menu_item_id);
    if (!item) continue;
    if (!item.available) soldItems.set(item.id, item.name);
    const chosen = new Set(line.modifiers.flatMap((selection) => selection.selections));
    for (const modifier of item.modifier_groups.flatMap((group) => group.modifiers))
      if (!modifier.available && chosen.has(modifier.id)) soldOptions.set(modifier.id, modifier.name);
  }
  const named = (found: Map<string, string>) => [...found].map(([id, name]) => ({ id, name }));
  return { items: named(soldItems), options: named(soldOptions) };
}

/**
 * Throws when the restaurant takes no order now: a pause, or closed for an order wanted as soon as
 * possible. Checked before the order is priced, since nothing in it could change that. Pure, like
 * assertCanBeMade, so placing checks both against the restaurant row and menu it has already read
 * or cached, at no extra round trip.
 */
export function assertTakingOrders(
  restaurant: Restaurant,
  request: ParsedCreateOrderRequest,
  now: number,
): void {
  const pausedUntil = restaurant.paused_until?.getTime();
  if (pausedUntil !== undefined && pausedUntil > now)
    throw new UnprocessableError(
      'ordering-paused',
      'Online ordering is paused',
      `The kitchen is busy and has paused online orders until ${iso(pausedUntil)}. Please order again then.`,
      { paused_until: iso(pausedUntil) },
    );
  if (request.scheduled_time) return;
  if (!openState(openSpans(restaurant.opening_hours, restaurant.timezone, now, now + DAY_MS), now).openNow) {
    const spans = openSpans(restaurant.opening_hours, restaurant.timezone, now, now + 8 * DAY_MS);
    const opening = openState(spans, now).nextOpening;
    throw new UnprocessableError(
      'restaurant-closed',
      'The restaurant is closed',
      opening === null
        ? 'The restaurant is closed and has no opening in the next 7 days.'
        : `The restaurant is closed. It opens at ${iso(opening)}; schedule the order for a time then.`,
      { next_opening: opening === null ? null : iso(opening) },
    );
  }
}

/**
 * Throws when a valid order cannot be made: a sold-out item or option, or a ready time that cannot
 * be booked.
 */
export function assertCanBeMade(
  restaurant: Restaurant,
  menu: MenuCategory[],
  request: ParsedCreateOrderRequest,
  now: number,
): void {
  const sold = soldOut(menu, request);
  if (sold.items.length + sold.options.length > 0) {
    const names = [...sold.items, ...sold.options].map((entry) => entry.name).join(', ');
    throw new UnprocessableError(
      'item-unavailable',
      'Something in the order is sold out',
      `Sold out: ${names}. Remove it from the order or choose something else.`,
      sold,
    );
  }
  if (!request.scheduled_time) return;
  const scheduled = new Date(request.scheduled_time).getTime();
  const spans = openSpans(restaurant.opening_hours, restaurant.timezone, now, now + 8 * DAY_MS);
  const prepMs = restaurant.prep_time_minutes * 60_000;
  const problem = slotProblem(spans, scheduled, now, prepMs);
  if (problem === null) return;
  const next = bookableSlots(spans, now, prepMs).find((slot) => slot >= scheduled) ?? null;
  throw new UnprocessableError(
    'scheduled-time-invalid',
    'The order cannot be ready then',
    `${SLOT_ADVICE[problem]} Choose one of the bookable times from GET /api/clients/${restaurant.slug}/availability.`,
    { reason: problem, next_slot: next === null ? null : iso(next) },
  );
}
