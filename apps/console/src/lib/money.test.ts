import { formatMoney, moneyInputValue, parseMoney } from './money.ts';

describe('money', () => {
  it.each([
    ['16.81', 'usd', 1681],
    ['16.8', 'usd', 1680],
    ['16', 'usd', 1600],
    ['16,81', 'eur', 1681],
    ['1500', 'jpy', 1500],
    ['16.815', 'usd', null],
    ['15.5', 'jpy', null],
    ['-3', 'usd', null],
    ['', 'usd', null],
  ])('when "%s" %s is typed, then it is %s minor units', (text, currency, expected) => {
    expect(parseMoney(text, currency)).toBe(expected);
  });

  it('when an amount is shown or put in a field, then it is in the currency with its decimals', () => {
    expect(formatMoney(2281, 'usd')).toBe('$22.81');
    expect(formatMoney(1500, 'jpy')).toBe('¥1,500');
    expect(moneyInputValue(2281, 'usd')).toBe('22.81');
    expect(moneyInputValue(5, 'usd')).toBe('0.05');
    expect(moneyInputValue(1500, 'jpy')).toBe('1500');
  });
});
