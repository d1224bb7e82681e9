import type { MenuCategory, ParsedCreateOrderRequest } from '@repo/contracts';
import { priceOrder } from './pricing.ts';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const menu: MenuCategory[] = [
  {
    id: id(1),
    name: 'Mains',
    description: null,
    items: [
      {
        id: id(10),
        name: 'Pizza',
        description: null,
        price: 1495,
        available: true,
        modifier_groups: [
          {
            id: id(20),
            name: 'Size',
            min: 1,
            max: 1,
            modifiers: [
              { id: id(21), name: 'Small', price_delta: 0, available: true },
              { id: id(22), name: 'Large', price_delta: 600, available: true },
            ],
          },
          {
            id: id(30),
            name: 'Toppings',
            min: 0,
            max: 3,
            modifiers: [{ id: id(31), name: 'Olives', price_delta: 150, available: true }],
          },
        ],
      },
      { id: id(11), name: 'Soda', description: null, price: 299, available: true, modifier_groups: [] },
    ],
  },
];
const restaurant = {
  currency: 'usd',
  tax_rate_ppm: 88_750,
  delivery_enabled: true,
  delivery_fee: 399,
  country: 'US',
};

function order(
  items: ParsedCreateOrderRequest['items'],
  extra: Partial<ParsedCreateOrderRequest> = {},
): ParsedCreateOrderRequest {
  return {
    customer: { name: 'A', email: 'a@b.co', phone: '5555555' },
    order_type: 'pickup',
    items,
    tip: 0,
    ...extra,
  };
}
const soda = (quantity: number) => ({ menu_item_id: id(11), quantity, modifiers: [] });
const pizza = (quantity: number, ...choices: string[]) => ({
  menu_item_id: id(10),
  quantity,
  modifiers: [
    { group_id: id(20), selections: [choices[0] ?? id(21)] },
    ...(choices.length > 1 ? [{ group_id: id(30), selections: choices.slice(1) }] : []),
  ],
});

describe('priceOrder', () => {
  it.each([
    ['one soda', order([soda(1)]), { subtotal: 299, tax: 27, tip: 0, delivery_fee: 0, total: 326 }],
    ['three sodas', order([soda(3)]), { subtotal: 897, tax: 80, tip: 0, delivery_fee: 0, total: 977 }],
    [
      'a large pizza with olives',
      order([pizza(1, id(22), id(31))]),
      { subtotal: 2245, tax: 199, tip: 0, delivery_fee: 0, total: 2444 },
    ],
    [
      'two small pizzas and a tip',
      order([pizza(2)], { tip: 500 }),
      { subtotal: 2990, tax: 265, tip: 500, delivery_fee: 0, total: 3755 },
    ],
    [
      'a delivery',
      order([soda(2)], {
        order_type: 'delivery',
        delivery_address: { line1: 'x', city: 'y', region: 'NY', postal_code: '10013' },
      }),
      { subtotal: 598, tax: 53, tip: 0, delivery_fee: 399, total: 1050 },
    ],
  ])('when the order is %s, then the amounts are exact integers', (_name, request, expected) => {
    const result = priceOrder(menu, request, restaurant);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { lines: _lines, currency, ...amounts } = result.order;
    expect(amounts).toEqual(expected);
    expect(currency).toBe('usd');
  });

  it('when delivery is off for the restaurant, then a delivery order is refused on order_type', () => {
    const result = priceOrder(menu, order([soda(1)], { order_type: 'delivery' }), {
      ...restaurant,
      delivery_enabled: false,
    });
    expect(result).toEqual({
      ok: false,
      errors: [{ path: 'order_type', message: 'delivery is not offered by this restaurant' }],
    });
  });

  const delivery = (address: NonNullable<ParsedCreateOrderRequest['delivery_address']>) =>
    order([soda(2)], { order_type: 'delivery', delivery_address: address });
  it.each([
    ['US', { line1: '1 Main St', city: 'New York', region: 'NY', postal_code: '10013-1234' }, []],
    ['CA', { line1: '1 Rue', city: 'Ottawa', region: 'ON', postal_code: 'K1A 0B1' }, []],
    ['GB', { line1: '10 Downing St', city: 'London', postal_code: 'SW1A 2AA' }, []],
    [
      'US',
      { line1: '1 Main St', city: 'New York', region: 'NY', postal_code: 'SW1A 2AA' },
      [{ path: 'delivery_address.postal_code', message: 'is not a postal code of US' }],
    ],
    [
      'GB',
      { line1: '10 Downing St', city: 'London', postal_code: '10013' },
      [{ path: 'delivery_address.postal_code', message: 'is not a postal code of GB' }],
    ],
    [
      'US',
      { line1: '1 Main St', city: 'New York', postal_code: '10013' },
      [{ path: 'delivery_address.region', message: 'is required for an address in US' }],
    ],
  ])('when a restaurant in %s gets the address %j, then the errors are %j', (country, address, errors) => {
    const result = priceOrder(menu, delivery(address), { ...restaurant, country });
    expect(result.ok ? [] : result.errors).toEqual(errors);
  });

  it('when the total is below the card minimum, then it is refused', () => {
    const cheap = [{ ...menu[0]!, items: [{ ...menu[0]!.items[1]!, price: 10 }] }];
    expect(priceOrder(cheap, order([soda(1)]), restaurant).ok).toBe(false);
  });
});
