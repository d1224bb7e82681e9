import { moneyInputValue } from './money.ts';

describe('moneyInputValue', () => {
  it('when an amount is put in a field, then it is in the currency with its decimals', () => {
    expect(moneyInputValue(2281, 'usd')).toBe('22.81');
    expect(moneyInputValue(5, 'usd')).toBe('0.05');
    expect(moneyInputValue(1500, 'jpy')).toBe('1500');
  });
});
