import type { Availability, HoursView, ParsedOpeningHours, PauseRequest } from '@repo/contracts';
import type { Operator } from '../operators/operator.ts';
import type { Db } from '../platform/db/database.ts';
import { NotFoundError, ValidationError } from '../platform/errors.ts';
import { saveOpeningHours, savePausedUntil } from '../restaurants/restaurants.repository.ts';
import {
  type AvailabilityFacts,
  loadAvailabilityFacts,
  saveItemAvailable,
  saveOptionAvailable,
} from './availability.repository.ts';
import { bookableSlots, DAY_MS, openSpans, openState } from './opening-hours.ts';

/** ISO-8601 in UTC to the second: slots are on the minute, and shorter strings keep the answer small. */
const iso = (at: number) => new Date(at).toISOString().replace('.000Z', 'Z');

/** Flow 11: what the storefront needs to know to offer only what can be made. */
export function describeAvailability(facts: AvailabilityFacts, now: number): Availability {
  const { restaurant } = facts;
  const spans = openSpans(restaurant.opening_hours, restaurant.timezone, now, now + 8 * DAY_MS);
  const state = openState(spans, now);
  const pausedUntil = restaurant.paused_until?.getTime() ?? 0;
  const paused = pausedUntil > now;
  const prepMs = restaurant.prep_time_minutes * 60_000;
  // Rounded to the minute so that the answer, and its ETag, stays the same for a minute.
  const asap = Math.ceil((now + prepMs) / 60_000) * 60_000;
  return {
    timezone: restaurant.timezone,
    open_now: state.openNow,
    next_opening: state.nextOpening === null ? null : iso(state.nextOpening),
    next_closing: state.nextClosing === null ? null : iso(state.nextClosing),
    paused_until: paused ? iso(pausedUntil) : null,
    sold_out: { items: facts.soldOutItems, options: facts.soldOutOptions },
    asap_ready_at: state.openNow && !paused ? iso(asap) : null,
    prep_time_minutes: restaurant.prep_time_minutes,
    slots: bookableSlots(spans, now, prepMs)
      .filter((slot) => slot > pausedUntil)
      .map(iso),
  };
}

export async function getAvailability(db: Db, slug: string, now: number): Promise<Availability> {
  const facts = await loadAvailabilityFacts(db, slug);
  if (!facts) throw new NotFoundError(`No restaurant "${slug}".`);
  return describeAvailability(facts, now);
}

export function getHours(operator: Operator): HoursView {
  const { timezone, opening_hours } = operator.restaurant;
  return { timezone, hours: opening_hours };
}

export async function putHours(
  db: Db,
  operator: Operator,
  hours: ParsedOpeningHours | null,
): Promise<HoursView> {
  const saved = await saveOpeningHours(db, operator.restaurant.id, hours);
  return { timezone: saved.timezone, hours: saved.opening_hours };
}

const MAX_PAUSE_MS = 7 * DAY_MS;

/** Pauses online ordering: placing answers `ordering-paused` until then; scheduled slots resume after. */
export async function pauseOrdering(db: Db, operator: Operator, request: PauseRequest, now: number) {
  const until = 'minutes' in request ? now + request.minutes * 60_000 : new Date(request.until).getTime();
  if (until <= now || until > now + MAX_PAUSE_MS)
    throw new ValidationError('The pause must end in the future, within 7 days.', [
      { path: 'until', message: 'must be in the future and within 7 days' },
    ]);
  await savePausedUntil(db, operator.restaurant.id, new Date(until));
  return getAvailability(db, operator.restaurant.slug, now);
}

export async function resumeOrdering(db: Db, operator: Operator, now: number) {
  await savePausedUntil(db, operator.restaurant.id, null);
  return getAvailability(db, operator.restaurant.slug, now);
}

/** Marks an item or option sold out (or back); its catalog version moves, so placing re-reads. */
export async function markAvailable(
  db: Db,
  operator: Operator,
  target: { kind: 'item' | 'option'; id: string; available: boolean },
  now: number,
) {
  const save = target.kind === 'item' ? saveItemAvailable : saveOptionAvailable;
  if (!(await save(db, operator.restaurant.id, target.id, target.available)))
    throw new NotFoundError(`No menu ${target.kind} ${target.id} at "${operator.restaurant.slug}".`);
  return getAvailability(db, operator.restaurant.slug, now);
}
