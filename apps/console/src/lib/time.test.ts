import { zoneDay } from '@repo/contracts/browser';
import { addDays, ago, dayLabel, startOfDay, timeLeft } from './time.ts';

describe('startOfDay', () => {
  it.each([
    ['a winter day in New York', '2026-01-15', 'America/New_York', '2026-01-15T05:00:00.000Z'],
    ['a summer day in New York', '2026-07-15', 'America/New_York', '2026-07-15T04:00:00.000Z'],
    ['the day clocks spring forward', '2026-03-08', 'America/New_York', '2026-03-08T05:00:00.000Z'],
    ['the day clocks fall back', '2026-11-01', 'America/New_York', '2026-11-01T04:00:00.000Z'],
    ['a day in Tokyo', '2026-11-26', 'Asia/Tokyo', '2026-11-25T15:00:00.000Z'],
    ['a day in UTC', '2026-11-26', 'UTC', '2026-11-26T00:00:00.000Z'],
    [
      'a day whose midnight does not exist (Santiago springs forward at 00:00)',
      '2026-09-06',
      'America/Santiago',
      '2026-09-06T04:00:00.000Z',
    ],
  ])('when %s starts, then it starts at its local midnight in UTC', (_name, day, zone, expected) => {
    expect(startOfDay(day, zone)).toBe(expected);
    expect(zoneDay(new Date(expected), zone)).toBe(day);
  });
});

describe('zoneDay and addDays', () => {
  it("when it is late evening in New York, then the restaurant's day is still the day before UTC's", () => {
    expect(zoneDay(new Date('2026-11-27T03:30:00Z'), 'America/New_York')).toBe('2026-11-26');
    expect(zoneDay(new Date('2026-11-27T03:30:00Z'), 'UTC')).toBe('2026-11-27');
  });

  it('when days are added across a month or a year, then the calendar date follows', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(dayLabel('2026-11-26')).toBe('Thursday, November 26');
  });
});

describe('timeLeft', () => {
  const deadline = '2026-11-26T17:10:00.000Z';
  const at = (iso: string) => Date.parse(iso);
  it.each([
    ['ten minutes before', '2026-11-26T17:00:00.000Z', '10:00 left', false],
    ['two minutes and five seconds before', '2026-11-26T17:07:55.000Z', '2:05 left', false],
    ['a little under two minutes before', '2026-11-26T17:08:00.500Z', '2:00 left', true],
    ['half a second before', '2026-11-26T17:09:59.500Z', '0:01 left', true],
    ['at the deadline', '2026-11-26T17:10:00.000Z', 'Time is up', true],
    ['after the deadline', '2026-11-26T17:15:00.000Z', 'Time is up', true],
  ])('when it is %s, then it reads %s', (_name, now, text, urgent) => {
    expect(timeLeft(deadline, at(now))).toMatchObject({ text, urgent });
  });
});

describe('ago', () => {
  it('when an order waited, then it says how long in minutes and hours', () => {
    const placed = '2026-11-26T17:00:00.000Z';
    expect(ago(placed, Date.parse('2026-11-26T17:00:30Z'))).toBe('just now');
    expect(ago(placed, Date.parse('2026-11-26T17:12:00Z'))).toBe('12 min ago');
    expect(ago(placed, Date.parse('2026-11-26T19:05:00Z'))).toBe('2 h 5 min ago');
    expect(ago(placed, Date.parse('2026-11-26T19:00:00Z'))).toBe('2 h ago');
  });
});
