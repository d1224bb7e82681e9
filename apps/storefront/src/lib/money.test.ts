import { formatDelta, parseTip, percentOf } from './money.ts';

describe('formatDelta', () => {
  it.each([
    [200, '+$2.00'],
    [-150, '−$1.50'],
    [0, ''],
  ])('when a modifier changes the price by %i, then it reads "%s"', (minor, text) => {
    expect(formatDelta(minor, 'usd')).toBe(text);
  });
});

describe('percentOf', () => {
  it.each([
    [1000, 15, 150],
    [995, 15, 149],
    [1010, 15, 152],
    [2990, 20, 598],
    [0, 20, 0],
    [1234, 0, 0],
  ])('when the tip is %i × %i %%, then it is %i (half up)', (amount, percent, tip) => {
    expect(percentOf(amount, percent)).toBe(tip);
  });
});

describe('parseTip', () => {
  it.each([
    ['5', 'usd', 500],
    ['5.5', 'usd', 550],
    ['5.50', 'usd', 550],
    ['5,50', 'usd', 550],
    ['5.', 'usd', 500],
    [' 12.05 ', 'usd', 1205],
    ['0', 'usd', 0],
    ['500', 'jpy', 500],
    ['999999.99', 'usd', 99_999_999],
  ])('when the diner types "%s" in %s, then it is %i minor units', (text, currency, minor) => {
    expect(parseTip(text, currency)).toBe(minor);
  });

  it.each([
    ['', 'usd'],
    ['abc', 'usd'],
    ['-5', 'usd'],
    ['5.555', 'usd'],
    ['1234567', 'usd'],
    ['5.5', 'jpy'],
  ])('when the diner types "%s" in %s, then it is not an amount', (text, currency) => {
    expect(parseTip(text, currency)).toBeNull();
  });
});
