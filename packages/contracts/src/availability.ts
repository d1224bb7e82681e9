import { z } from 'zod';

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone the runtime knows, e.g. `America/New_York`. */
export const TimeZone = z.string().min(1).refine(isTimeZone, 'an IANA time zone, e.g. America/New_York');

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM (24-hour)');

/**
 * One opening range on a day, in the restaurant's local time. A range whose `close` is not after
 * its `open` runs past midnight into the next day (Friday 18:00–02:00).
 */
export const OpeningRange = z.strictObject({ open: clock, close: clock });
export type OpeningRange = z.infer<typeof OpeningRange>;

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const day = z.array(OpeningRange).max(6).default([]);

/** A day the restaurant stays closed (a holiday): ranges starting on that local date do not open. */
export const Closure = z.strictObject({
  date: z.iso.date(),
  reason: z.string().trim().max(120).optional(),
});

/** Weekly opening hours and closures, in the restaurant's IANA time zone. */
export const OpeningHours = z
  .strictObject({
    weekly: z.strictObject({
      monday: day,
      tuesday: day,
      wednesday: day,
      thursday: day,
      friday: day,
      saturday: day,
      sunday: day,
    }),
    closures: z.array(Closure).max(366).default([]),
  })
  .meta({ id: 'OpeningHours' });
export type OpeningHours = z.input<typeof OpeningHours>;
export type ParsedOpeningHours = z.output<typeof OpeningHours>;

/** `GET`/`PUT /api/clients/:slug/hours`: the hours and the zone they are read in. */
export const HoursView = z
  .object({ timezone: z.string(), hours: OpeningHours.nullable() })
  .meta({ id: 'HoursView' });
export type HoursView = z.infer<typeof HoursView>;

/** `PUT …/hours`: null opens the restaurant at every hour. */
export const PutHoursRequest = z.strictObject({ hours: OpeningHours.nullable() });

/** `POST …/pause`: for some minutes, or until a time. */
export const PauseRequest = z.union([
  z.strictObject({ minutes: z.number().int().min(5).max(240) }),
  z.strictObject({ until: z.iso.datetime({ offset: true }) }),
]);
export type PauseRequest = z.infer<typeof PauseRequest>;

/** `PATCH …/menu/items/:id` and `…/options/:id`: sold out (false) or back (true). */
export const AvailabilityPatch = z.strictObject({ available: z.boolean() });

/** `GET /api/clients/:slug/availability`: what can be ordered now and when. Times are UTC ISO-8601. */
export const Availability = z
  .object({
    timezone: z.string(),
    open_now: z.boolean(),
    next_opening: z.string().nullable(),
    next_closing: z.string().nullable(),
    paused_until: z.string().nullable(),
    sold_out: z.object({ items: z.array(z.string()), options: z.array(z.string()) }),
    /** When an order placed now for as soon as possible would be ready; null while it cannot be placed. */
    asap_ready_at: z.string().nullable(),
    prep_time_minutes: z.number().int(),
    /** Bookable ready times of the next 7 days, every 15 minutes within the hours. */
    slots: z.array(z.string()),
  })
  .meta({ id: 'Availability' });
export type Availability = z.infer<typeof Availability>;
