import { zoneDay, zoneFormat } from '@repo/contracts/browser';

/**
 * Times on the restaurant's clock. The tablet may be set to any zone; the kitchen's day, its
 * "today" and every time shown are the restaurant's, labelled where a reader could doubt it. A
 * moment with its day (`dateTime`) and the restaurant's calendar day (`zoneDay`) are shared with the
 * storefront and the emails, in `@repo/contracts`.
 */

/** "5:42 PM" on the restaurant's clock. */
export function clockTime(iso: string, timeZone: string): string {
  return zoneFormat(timeZone, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

/** A calendar day `days` later (or earlier): plain date arithmetic, no zone involved. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** "Tuesday, November 26" for a `YYYY-MM-DD` day. */
export function dayLabel(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    weekday: 'long',
    month: 'long',
    day: 'numeric',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** How far the zone's wall clock is ahead of UTC at a moment, in milliseconds. */
function offsetAt(ms: number, timeZone: string): number {
  const parts = zoneFormat(timeZone, {
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(ms);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * The moment a `YYYY-MM-DD` day starts in the zone, as UTC ISO 8601: the bounds of "today" and of a
 * past day's history. A day that starts in a DST gap starts at the first minute that exists.
 */
export function startOfDay(day: string, timeZone: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  let guess = wall - offsetAt(wall, timeZone);
  guess = wall - offsetAt(guess, timeZone);
  if (zoneDay(guess, timeZone) !== day) guess += 60 * 60 * 1000;
  return new Date(guess).toISOString();
}

export interface TimeLeft {
  /** Milliseconds until the deadline; 0 once it has passed. */
  ms: number;
  /** "7:05 left", or "Time is up". */
  text: string;
  /** Under two minutes: the card turns red. */
  urgent: boolean;
}

/** The time a manual-acceptance order has left before it is rejected by itself. */
export function timeLeft(deadline: string, now: number): TimeLeft {
  const ms = Math.max(0, Date.parse(deadline) - now);
  if (ms === 0) return { ms, text: 'Time is up', urgent: true };
  const seconds = Math.ceil(ms / 1000);
  const text = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')} left`;
  return { ms, text, urgent: ms < 120_000 };
}

/** "just now", "12 min ago", "2 h 5 min ago": how long an order has waited. */
export function ago(iso: string, now: number): string {
  const minutes = Math.floor(Math.max(0, now - Date.parse(iso)) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const rest = minutes % 60;
  return `${Math.floor(minutes / 60)} h${rest ? ` ${rest} min` : ''} ago`;
}
