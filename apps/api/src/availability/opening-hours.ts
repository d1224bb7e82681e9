import { type ParsedOpeningHours, WEEKDAYS } from '@repo/contracts';
import { Temporal } from 'temporal-polyfill';

/** A span the restaurant is open, as epoch milliseconds, end excluded. */
export interface OpenSpan {
  start: number;
  end: number;
}

export const SLOT_MS = 15 * 60_000;
export const DAY_MS = 24 * 60 * 60_000;

/**
 * A local wall-clock time as an instant. A time skipped by a spring-forward change is moved
 * forward by the gap, and a time that happens twice on a fall-back night is its first occurrence
 * (Temporal's `compatible`), so a range never vanishes or doubles over a daylight-saving change.
 */
function instant(date: Temporal.PlainDate, time: string, timeZone: string): number {
  return date.toPlainDateTime(Temporal.PlainTime.from(time)).toZonedDateTime(timeZone).epochMilliseconds;
}

/**
 * The spans open between `from` and `to`, merged and in order. A range belongs to the local date it
 * opens on: a closure on Friday also closes Friday's 18:00–02:00, but not Thursday night's.
 * Null hours are open at every hour.
 */
export function openSpans(
  hours: ParsedOpeningHours | null,
  timeZone: string,
  from: number,
  to: number,
): OpenSpan[] {
  if (!hours) return [{ start: from - DAY_MS, end: to + DAY_MS }];
  const closed = new Set(hours.closures.map((closure) => closure.date));
  const first = Temporal.Instant.fromEpochMilliseconds(from).toZonedDateTimeISO(timeZone).toPlainDate();
  const last = Temporal.Instant.fromEpochMilliseconds(to).toZonedDateTimeISO(timeZone).toPlainDate();
  const spans: OpenSpan[] = [];
  // From the day before, whose ranges past midnight may still be open at `from`.
  for (let date = first.subtract({ days: 1 }); Temporal.PlainDate.compare(date, last) <= 0; ) {
    if (!closed.has(date.toString())) {
      for (const range of hours.weekly[WEEKDAYS[date.dayOfWeek - 1] ?? 'monday']) {
        const closesNextDay = range.close <= range.open;
        const start = instant(date, range.open, timeZone);
        const end = instant(closesNextDay ? date.add({ days: 1 }) : date, range.close, timeZone);
        if (end > start && end > from && start < to) spans.push({ start, end });
      }
    }
    date = date.add({ days: 1 });
  }
  spans.sort((a, b) => a.start - b.start);
  const merged: OpenSpan[] = [];
  for (const span of spans) {
    const previous = merged.at(-1);
    if (previous && span.start <= previous.end) previous.end = Math.max(previous.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/** Open now, and when it next opens and closes (within the spans given). */
export function openState(spans: OpenSpan[], now: number) {
  const current = spans.find((span) => span.start <= now && now < span.end);
  const next = spans.find((span) => span.start > now);
  return {
    openNow: current !== undefined,
    nextOpening: next?.start ?? null,
    nextClosing: current?.end ?? next?.end ?? null,
  };
}

/**
 * Whether a scheduled ready time can be booked: on a 15-minute slot, at least the preparation
 * time from now (a minute of grace for the diner's slow click), at most 7 days ahead, and within
 * a span no sooner than the preparation time after it opens, up to its closing.
 */
export type SlotProblem = 'not-on-slot' | 'too-soon' | 'too-far' | 'outside-hours';

export function slotProblem(spans: OpenSpan[], at: number, now: number, prepMs: number): SlotProblem | null {
  if (at % SLOT_MS !== 0) return 'not-on-slot';
  if (at < now + prepMs - 60_000) return 'too-soon';
  if (at > now + 7 * DAY_MS) return 'too-far';
  if (!spans.some((span) => span.start + prepMs <= at && at <= span.end)) return 'outside-hours';
  return null;
}

/** Every bookable slot of the next 7 days, in order. */
export function bookableSlots(spans: OpenSpan[], now: number, prepMs: number): number[] {
  const slots: number[] = [];
  const horizon = now + 7 * DAY_MS;
  for (const span of spans) {
    const first = Math.max(span.start + prepMs, now + prepMs);
    for (let at = Math.ceil(first / SLOT_MS) * SLOT_MS; at <= Math.min(span.end, horizon); at += SLOT_MS)
      slots.push(at);
  }
  return slots;
}
