import type { OrderLine } from '@repo/contracts';
import { refundForLines } from './refund-lines.ts';

const line = (name: string, unit: number, quantity: number, extra = 0): OrderLine => ({
  menu_item_id: name,
  name,
  unit_price: unit,
  quantity,
  modifiers: extra
    ? [{ group_id: 'g', group_name: 'Size', modifier_id: 'm', name: 'Large', price_delta: extra }]
    : [],
  line_total: (unit + extra) * quantity,
  special_instructions: null,
});

// A large Margherita (14.95 + 6.00) and two Garlic Knots (6.95 each) at 8.875 % tax.
const order = {
  items: [line('Margherita', 1495, 1, 600), line('Garlic Knots', 695, 2)],
  amounts: { subtotal: 3485, tax: 309 },
};

describe('refundForLines', () => {
  it.each([
    ['one of two Garlic Knots', [{ line: 1, quantity: 1 }], { items: 695, tax: 62, amount: 757 }],
    ['both Garlic Knots', [{ line: 1, quantity: 2 }], { items: 1390, tax: 123, amount: 1513 }],
    [
      'the large Margherita, its option included',
      [{ line: 0, quantity: 1 }],
      { items: 2095, tax: 186, amount: 2281 },
    ],
    [
      'every line: the whole subtotal and the whole tax',
      [
        { line: 0, quantity: 1 },
        { line: 1, quantity: 2 },
      ],
      { items: 3485, tax: 309, amount: 3794 },
    ],
    ['nothing chosen', [{ line: 1, quantity: 0 }], { items: 0, tax: 0, amount: 0 }],
    [
      'more than was ordered, counted as all of it',
      [{ line: 1, quantity: 5 }],
      { items: 1390, tax: 123, amount: 1513 },
    ],
    ['a line that does not exist', [{ line: 7, quantity: 1 }], { items: 0, tax: 0, amount: 0 }],
  ])('when refunding %s, then items, tax and amount are exact', (_name, picks, expected) => {
    expect(refundForLines(order, picks, 10_000)).toEqual({ ...expected, capped: false });
  });

  it('when less is refundable than the lines are worth, then the amount is cut to it and says so', () => {
    expect(refundForLines(order, [{ line: 0, quantity: 1 }], 1000)).toEqual({
      items: 2095,
      tax: 186,
      amount: 1000,
      capped: true,
    });
    expect(refundForLines(order, [{ line: 0, quantity: 1 }], 0).amount).toBe(0);
  });

  it('when a line of three is split, then each share rounds half up and the shares of all three add up to the line', () => {
    const odd = { items: [line('Cannoli', 333, 3)], amounts: { subtotal: 999, tax: 0 } };
    const one = refundForLines(odd, [{ line: 0, quantity: 1 }], 10_000).items;
    const all = refundForLines(odd, [{ line: 0, quantity: 3 }], 10_000).items;
    expect(one).toBe(333);
    expect(all).toBe(999);
  });

  it('when the order has no tax or no subtotal, then the tax share is zero', () => {
    const free = { items: [line('Water', 0, 1)], amounts: { subtotal: 0, tax: 0 } };
    expect(refundForLines(free, [{ line: 0, quantity: 1 }], 10_000)).toEqual({
      items: 0,
      tax: 0,
      amount: 0,
      capped: false,
    });
  });
});
