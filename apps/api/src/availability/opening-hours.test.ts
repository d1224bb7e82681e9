import { OpeningHours, type OpeningRange, type Weekday } from '@repo/contracts';
import { bookableSlots, openSpans, openState, SLOT_MS, slotProblem } from './opening-hours.ts';

const HOUR = 60 * 60_000;
const at = (iso: string) => Date.parse(iso);

function hours(week: Partial<Record<Weekday, OpeningRange[]>>, closures: string[] = []) {
  return OpeningHours.parse({ weekly: week, closures: closures.map((date) => ({ date })) });
}

const lateWeekend = hours({
  thursday: [{ open: '18:00', close: '02:00' }],
  friday: [
    { open: '11:30', close: '14:30' },
    { open: '18:00', close: '02:00' },
  ],
});

describe('opening hours', () => {
  const ny = 'America/New_York';
  // Friday 2026-06-12 in New York (EDT, UTC-4).
  const spansFrom = (from: string, h = lateWeekend) => openSpans(h, ny, at(from), at(from) + 3 * 24 * HOUR);

  it.each([
    ['Friday 12:00, at lunch', '2026-06-12T16:00:00Z', true],
    ['Friday 15:00, between lunch and dinner', '2026-06-12T19:00:00Z', false],
    ['Saturday 01:30, in the range past midnight', '2026-06-13T05:30:00Z', true],
    ['Saturday 02:00, at its closing', '2026-06-13T06:00:00Z', false],
    ['Friday 01:00, in Thursday night', '2026-06-12T05:00:00Z', true],
  ])('when it is %s, then open is %s', (_, now, open) => {
    expect(openState(spansFrom('2026-06-11T00:00:00Z'), at(now)).openNow).toBe(open);
  });

  it('when Friday is a closure, then Friday night stays closed but Thursday night is still open', () => {
    const closed = hours(lateWeekend.weekly, ['2026-06-12']);
    const spans = openSpans(closed, ny, at('2026-06-11T00:00:00Z'), at('2026-06-14T00:00:00Z'));
    expect(openState(spans, at('2026-06-12T05:00:00Z')).openNow).toBe(true);
    expect(openState(spans, at('2026-06-12T16:00:00Z')).openNow).toBe(false);
    expect(openState(spans, at('2026-06-13T02:00:00Z')).openNow).toBe(false);
  });

  it('when closed, then the next opening and closing are those of the next range', () => {
    const state = openState(spansFrom('2026-06-11T00:00:00Z'), at('2026-06-12T19:00:00Z'));
    expect(state.nextOpening).toBe(at('2026-06-12T22:00:00Z'));
    expect(state.nextClosing).toBe(at('2026-06-13T06:00:00Z'));
  });

  it('when there are no hours, then it is open at every hour', () => {
    expect(openState(openSpans(null, ny, 0, HOUR), 5).openNow).toBe(true);
  });
});

describe('opening hours over daylight-saving changes', () => {
  const night = hours({ saturday: [{ open: '22:00', close: '03:00' }] });
  const span = (timeZone: string, saturday: string) => {
    const from = at(`${saturday}T00:00:00Z`);
    const [first] = openSpans(night, timeZone, from, from + 2 * 24 * HOUR);
    if (!first) throw new Error('no span');
    return { start: new Date(first.start).toISOString(), hours: (first.end - first.start) / HOUR };
  };

  it.each([
    ['America/New_York', 'spring-forward', '2026-03-07', '2026-03-08T03:00:00.000Z', 4],
    ['America/New_York', 'fall-back', '2026-10-31', '2026-11-01T02:00:00.000Z', 6],
    ['Europe/Berlin', 'spring-forward', '2026-03-28', '2026-03-28T21:00:00.000Z', 4],
    ['Europe/Berlin', 'fall-back', '2026-10-24', '2026-10-24T20:00:00.000Z', 6],
  ])(
    'when Saturday 22:00–03:00 in %s spans the %s night, then it lasts as the clocks say',
    (zone, _, saturday, start, length) => {
      expect(span(zone, saturday)).toEqual({ start, hours: length });
    },
  );

  it('when a range opens in the hour skipped by spring-forward (Berlin 02:30), then it opens at 03:30', () => {
    const skipped = hours({ sunday: [{ open: '02:30', close: '10:00' }] });
    const [first] = openSpans(
      skipped,
      'Europe/Berlin',
      at('2026-03-29T00:00:00Z'),
      at('2026-03-30T00:00:00Z'),
    );
    expect(first && new Date(first.start).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('when the New York spring-forward night is booked, then its slots are every 15 real minutes', () => {
    const spans = openSpans(
      night,
      'America/New_York',
      at('2026-03-07T00:00:00Z'),
      at('2026-03-09T00:00:00Z'),
    );
    const slots = bookableSlots(spans, at('2026-03-07T12:00:00Z'), 0).filter(
      (slot) => slot < at('2026-03-09T00:00:00Z'),
    );
    expect(slots).toHaveLength(4 * 4 + 1);
    expect(slots.every((slot, i) => i === 0 || slot - (slots[i - 1] ?? 0) === SLOT_MS)).toBe(true);
  });
});

describe('scheduled ready times', () => {
  const lunch = hours({ monday: [{ open: '11:00', close: '14:00' }] });
  // Monday 2026-06-15 09:00 in New York; 30 minutes to prepare.
  const now = at('2026-06-15T13:00:00Z');
  const prep = 30 * 60_000;
  const spans = openSpans(lunch, 'America/New_York', now, now + 8 * 24 * HOUR);

  it.each([
    ['11:30, the first after opening plus preparation', '2026-06-15T15:30:00Z', null],
    ['14:00, the closing', '2026-06-15T18:00:00Z', null],
    ['11:05, not on a slot', '2026-06-15T15:05:00Z', 'not-on-slot'],
    ['11:15, sooner after opening than preparation', '2026-06-15T15:15:00Z', 'outside-hours'],
    ['09:15, sooner than preparation from now', '2026-06-15T13:15:00Z', 'too-soon'],
    ['15:00, after closing', '2026-06-15T19:00:00Z', 'outside-hours'],
    ['Monday in 8 days', '2026-06-23T15:30:00Z', 'too-far'],
  ])('when the order is for %s, then the problem is %s', (_, time, problem) => {
    expect(slotProblem(spans, at(time), now, prep)).toBe(problem);
  });

  it('when slots are listed, then they are the open quarter hours of the next 7 days', () => {
    const slots = bookableSlots(spans, now, prep);
    // 11:30 to 14:00 on this Monday; next Monday's lunch is past the 7 days.
    expect(slots).toHaveLength(11);
    expect(new Date(slots[0] ?? 0).toISOString()).toBe('2026-06-15T15:30:00.000Z');
  });
});
