import { estimateTotals } from './estimate.ts';

describe('estimateTotals', () => {
  it.each([
    ['one soda', { subtotal: 299, taxRatePpm: 88_750, tip: 0, deliveryFee: 0 }, { tax: 27, total: 326 }],
    ['three sodas', { subtotal: 897, taxRatePpm: 88_750, tip: 0, deliveryFee: 0 }, { tax: 80, total: 977 }],
    [
      'two pizzas and a tip',
      { subtotal: 2990, taxRatePpm: 88_750, tip: 500, deliveryFee: 0 },
      { tax: 265, total: 3755 },
    ],
    ['a delivery', { subtotal: 598, taxRatePpm: 88_750, tip: 0, deliveryFee: 399 }, { tax: 53, total: 1050 }],
    [
      'a tax-free restaurant',
      { subtotal: 1000, taxRatePpm: 0, tip: 150, deliveryFee: 0 },
      { tax: 0, total: 1150 },
    ],
    ['an empty basket', { subtotal: 0, taxRatePpm: 88_750, tip: 0, deliveryFee: 0 }, { tax: 0, total: 0 }],
  ])('when the order is %s, then the estimate is what the API charges', (_name, input, expected) => {
    const { subtotal, tip, deliveryFee } = input;
    expect(estimateTotals(input)).toEqual({ subtotal, tip, deliveryFee, ...expected });
  });
});
