import { taxFor, taxRateToPpm } from './tax.ts';

describe('taxFor', () => {
  it.each([
    [0, 88_750, 0],
    [1, 88_750, 0],
    [6, 88_750, 1],
    [299, 88_750, 27],
    [5634, 88_750, 500],
    [3185, 88_750, 283],
    [1000, 0, 0],
    [1000, 1_000_000, 1000],
    [50, 10_000, 1],
    [49, 10_000, 0],
  ])('when the subtotal is %i at %i ppm, then the tax is %i (half up)', (subtotal, ppm, tax) => {
    expect(taxFor(subtotal, ppm)).toBe(tax);
  });
});

describe('taxRateToPpm', () => {
  it.each([
    [0.08875, 88_750],
    [0.07, 70_000],
    [0.0825, 82_500],
    [0, 0],
    [1, 1_000_000],
  ])('when the menu rate is %d, then the rate is %i ppm', (rate, ppm) => {
    expect(taxRateToPpm(rate)).toBe(ppm);
  });

  it('when a rate from the menu is converted back, then the tax equals the tax on the stored ppm', () => {
    for (const ppm of [1, 33_333, 88_750, 123_457, 999_999]) {
      expect(taxFor(98_765, taxRateToPpm(ppm / 1_000_000))).toBe(taxFor(98_765, ppm));
    }
  });
});
