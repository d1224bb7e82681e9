import { dateTime, formatMoney, fractionDigits, parseMoney, zoneDay } from './format.ts';

/** Intl separates the time from "PM" with a narrow no-break space; the assertions read plain text. */
const plain = (text: string) => text.replace(/\s/g, ' ');

describe('formatMoney', () => {
  it.each([
    [0, 'usd', '$0.00'],
    [5, 'usd', '$0.05'],
    [1495, 'usd', '$14.95'],
    [123_456_780, 'usd', '$1,234,567.80'],
    [1234, 'eur', '€12.34'],
    [1234, 'jpy', '¥1,234'],
  ])('when %i minor units of %s are shown, then they read %s', (minor, currency, text) => {
    expect(formatMoney(minor, currency)).toBe(text);
  });

  it('when the currency has no minor unit, then it has no fraction digits', () => {
    expect(fractionDigits('jpy')).toBe(0);
    expect(fractionDigits('usd')).toBe(2);
  });
});

describe('parseMoney', () => {
  it.each([
    ['5', 'usd', 500],
    ['5.5', 'usd', 550],
    ['5.50', 'usd', 550],
    ['5,50', 'eur', 550],
    ['5.', 'usd', 500],
    [' 12.05 ', 'usd', 1205],
    ['0', 'usd', 0],
    ['1500', 'jpy', 1500],
    ['1234567', 'usd', 123_456_700],
  ])('when "%s" is typed in %s, then it is %i minor units', (text, currency, minor) => {
    expect(parseMoney(text, currency)).toBe(minor);
  });

  it.each([
    ['', 'usd'],
    ['abc', 'usd'],
    ['-5', 'usd'],
    ['5.555', 'usd'],
    ['15.5', 'jpy'],
    ['12345678', 'usd'],
  ])('when "%s" is typed in %s, then it is not an amount', (text, currency) => {
    expect(parseMoney(text, currency)).toBeNull();
  });

  it('when fewer whole digits are allowed, then a longer amount is not an amount', () => {
    expect(parseMoney('123456', 'usd', 6)).toBe(12_345_600);
    expect(parseMoney('1234567', 'usd', 6)).toBeNull();
  });
});

describe('dateTime', () => {
  it('when a moment is shown, then it is on the given zone’s clock with the zone named', () => {
    expect(plain(dateTime('2026-12-04T22:15:00Z', 'America/New_York'))).toBe('Fri, Dec 4, 5:15 PM EST');
    expect(plain(dateTime('2026-12-04T22:15:00Z', 'Asia/Tokyo'))).toBe('Sat, Dec 5, 7:15 AM GMT+9');
  });

  it('when given a Date or epoch milliseconds, then it reads as the same ISO string does', () => {
    const iso = '2026-07-04T16:40:00Z';
    expect(dateTime(new Date(iso), 'America/Chicago')).toBe(dateTime(iso, 'America/Chicago'));
    expect(dateTime(Date.parse(iso), 'America/Chicago')).toBe(dateTime(iso, 'America/Chicago'));
    expect(plain(dateTime(iso, 'America/Chicago'))).toBe('Sat, Jul 4, 11:40 AM CDT');
  });
});

describe('zoneDay', () => {
  it('when it is already tomorrow in UTC, then the restaurant’s day is still today', () => {
    expect(zoneDay(new Date('2026-11-27T03:30:00Z'), 'America/New_York')).toBe('2026-11-26');
    expect(zoneDay(new Date('2026-11-27T03:30:00Z'), 'UTC')).toBe('2026-11-27');
    expect(zoneDay(Date.parse('2026-11-26T15:00:00Z'), 'Pacific/Auckland')).toBe('2026-11-27');
  });
});
