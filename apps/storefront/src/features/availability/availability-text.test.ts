import type { Availability } from '@repo/contracts';
import { dateTime } from '@repo/contracts/browser';
import { bannerText, soldOutLines, takesAsap } from './availability-text.ts';
import { availabilityProblemText } from './problem-text.ts';
import { zoneTime } from './zone-time.ts';

// ICU puts a narrow no-break space before AM/PM.
const plain = (text: string | null) => text?.replace(/\s/gu, ' ') ?? null;
const NY = 'America/New_York';
// Thursday Dec 3 2026, 11:00 PM in New York (04:00 UTC on Friday).
const now = new Date('2026-12-04T04:00:00Z');

const base: Availability = {
  timezone: NY,
  open_now: true,
  next_opening: null,
  next_closing: '2026-12-04T05:00:00Z',
  paused_until: null,
  sold_out: { items: [], options: [] },
  asap_ready_at: '2026-12-04T04:20:00Z',
  prep_time_minutes: 20,
  slots: [],
};

describe('zoneTime and dateTime', () => {
  it.each([
    ['later the same day on the restaurant’s clock', '2026-12-04T04:45:00Z', '11:45 PM EST'],
    ['on another day there', '2026-12-04T22:00:00Z', 'Fri 5:00 PM EST'],
    ['after the summer time change', '2027-04-02T21:00:00Z', 'Fri 5:00 PM EDT'],
  ])('when the time is %s, then it is shown in the restaurant’s zone, labelled', (_case, iso, text) => {
    expect(plain(zoneTime(iso, NY, now))).toBe(text);
  });

  it('when a slot is offered, then its label names the day and the time on the restaurant’s clock', () => {
    expect(plain(dateTime('2026-12-04T22:15:00Z', NY))).toBe('Fri, Dec 4, 5:15 PM EST');
  });
});

describe('bannerText and takesAsap', () => {
  it('when the restaurant is open and not paused, then there is no banner and ASAP is offered', () => {
    expect(bannerText(base, now)).toBeNull();
    expect(takesAsap(base)).toBe(true);
  });

  it('when it is closed, then the banner gives the next opening in its zone and ASAP is not offered', () => {
    const closed = { ...base, open_now: false, next_opening: '2026-12-04T22:00:00Z', asap_ready_at: null };
    expect(plain(bannerText(closed, now))).toBe(
      'We are closed. Opens Fri 5:00 PM EST. You can schedule an order for later.',
    );
    expect(takesAsap(closed)).toBe(false);
  });

  it('when it is paused, then the banner says until when', () => {
    const paused = { ...base, paused_until: '2026-12-04T04:30:00Z', asap_ready_at: null };
    expect(plain(bannerText(paused, now))).toContain('paused until 11:30 PM EST');
  });
});

describe('soldOutLines', () => {
  const line = (id: string, name: string, options: { id: string; name: string }[] = []) => ({
    menu_item_id: id,
    name,
    choices: [{ modifiers: options }],
  });

  it('when a dish or a chosen option sold out, then those lines are named; the others are not', () => {
    const lines = [
      line('tiramisu', 'Tiramisu'),
      line('pizza', 'Margherita', [{ id: 'basil', name: 'Basil' }]),
    ];
    const sold = soldOutLines(lines, { sold_out: { items: ['tiramisu'], options: ['basil'] } });
    expect(sold.map((entry) => entry.names)).toEqual([['Tiramisu'], ['Basil (Margherita)']]);
    expect(soldOutLines(lines, { sold_out: { items: [], options: [] } })).toEqual([]);
  });
});

describe('availabilityProblemText', () => {
  it.each([
    [
      { type: '/problems/restaurant-closed', next_opening: '2026-12-04T22:00:00Z' },
      /^The restaurant is closed right now\. It opens Fri, Dec 4|opens .*5:00 PM EST/u,
    ],
    [
      { type: '/problems/ordering-paused', paused_until: '2026-12-04T22:00:00Z' },
      /paused online orders until .*5:00 PM EST/u,
    ],
    [
      { type: '/problems/item-unavailable', items: [{ name: 'Affogato' }], options: [{ name: 'Burrata' }] },
      /^Sorry, Affogato, Burrata just sold out\. Please remove it/u,
    ],
    [
      {
        type: '/problems/scheduled-time-invalid',
        reason: 'outside-hours',
        next_slot: '2026-12-04T22:00:00Z',
      },
      /^The restaurant is not open then\. The next time we can have it ready is .*5:00 PM EST\.$/u,
    ],
  ])('when placing answers %o, then the diner reads a plain sentence', (problem, sentence) => {
    expect(plain(availabilityProblemText(problem, NY))).toMatch(sentence);
  });

  it('when the problem is about something else, then it is left to the caller', () => {
    expect(availabilityProblemText({ type: '/problems/payment-declined' }, NY)).toBeNull();
  });
});
