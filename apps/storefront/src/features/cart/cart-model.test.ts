import type { MenuItem } from '@repo/contracts';
import {
  type CartLine,
  cartSubtotal,
  describeChoices,
  itemCount,
  lineIdentity,
  lineTotal,
  reconcileWithMenu,
  toOrderItems,
  unitPrice,
} from './cart-model.ts';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const large = { id: id(22), name: 'Large', price_delta: 600 };
const olives = { id: id(31), name: 'Olives', price_delta: 150 };
const basil = { id: id(32), name: 'Basil', price_delta: 0 };

function line(overrides: Partial<CartLine> = {}): CartLine {
  return {
    key: 'k1',
    menu_item_id: id(10),
    name: 'Pizza',
    base_price: 1495,
    quantity: 1,
    choices: [],
    notes: '',
    ...overrides,
  };
}
const size = (...modifiers: CartLine['choices'][number]['modifiers']) => ({
  group_id: id(20),
  group_name: 'Size',
  modifiers,
});
const toppings = (...modifiers: CartLine['choices'][number]['modifiers']) => ({
  group_id: id(30),
  group_name: 'Toppings',
  modifiers,
});

describe('unitPrice and lineTotal', () => {
  it.each([
    ['a plain pizza', line(), 1495, 1495],
    ['three plain pizzas', line({ quantity: 3 }), 1495, 4485],
    ['a large pizza', line({ choices: [size(large)] }), 2095, 2095],
    [
      'two large pizzas with olives',
      line({ quantity: 2, choices: [size(large), toppings(olives)] }),
      2245,
      4490,
    ],
    ['a pizza with a free topping', line({ choices: [toppings(basil)] }), 1495, 1495],
    [
      'a discounted choice',
      line({ choices: [toppings({ id: id(33), name: 'No cheese', price_delta: -100 })] }),
      1395,
      1395,
    ],
  ])(
    'when the line is %s, then the unit price is %i and the line total %i',
    (_name, cartLine, unit, total) => {
      expect(unitPrice(cartLine)).toBe(unit);
      expect(lineTotal(cartLine)).toBe(total);
    },
  );
});

describe('cartSubtotal and itemCount', () => {
  it.each([
    ['empty', [], 0, 0],
    ['one pizza', [line()], 1495, 1],
    [
      'pizzas and sodas',
      [line({ quantity: 2 }), line({ key: 'k2', name: 'Soda', base_price: 299, quantity: 3 })],
      3887,
      5,
    ],
  ])('when the cart is %s, then the subtotal is %i for %i items', (_name, lines, subtotal, count) => {
    expect(cartSubtotal(lines)).toBe(subtotal);
    expect(itemCount(lines)).toBe(count);
  });
});

describe('lineIdentity', () => {
  it('when two lines differ only in key, quantity and the order of choices, then they are the same line', () => {
    const a = line({ choices: [size(large), toppings(olives, basil)] });
    const b = line({ key: 'k2', quantity: 4, choices: [toppings(basil, olives), size(large)] });
    expect(lineIdentity(a)).toBe(lineIdentity(b));
  });

  it('when only the surrounding spaces of the notes differ, then they are the same line', () => {
    expect(lineIdentity(line({ notes: ' well done ' }))).toBe(lineIdentity(line({ notes: 'well done' })));
  });

  it.each([
    ['the notes', line({ notes: 'well done' })],
    ['a topping', line({ choices: [toppings(olives)] })],
    ['the item', line({ menu_item_id: id(11) })],
  ])('when %s differ, then they are different lines', (_name, other) => {
    expect(lineIdentity(other)).not.toBe(lineIdentity(line()));
  });
});

describe('describeChoices', () => {
  it('when a line has choices in several groups, then they are listed by name in order', () => {
    expect(describeChoices(line({ choices: [size(large), toppings(olives, basil)] }))).toBe(
      'Large, Olives, Basil',
    );
    expect(describeChoices(line())).toBe('');
  });
});

describe('toOrderItems', () => {
  it('when the cart is sent, then each line becomes an order item with its selections by group', () => {
    const lines = [
      line({ quantity: 2, choices: [size(large), toppings(olives)], notes: '  crispy ' }),
      line(),
    ];
    expect(toOrderItems(lines)).toEqual([
      {
        menu_item_id: id(10),
        quantity: 2,
        modifiers: [
          { group_id: id(20), selections: [id(22)] },
          { group_id: id(30), selections: [id(31)] },
        ],
        special_instructions: 'crispy',
      },
      { menu_item_id: id(10), quantity: 1, modifiers: [] },
    ]);
  });
});

describe('reconcileWithMenu', () => {
  const pizza: MenuItem = {
    id: id(10),
    name: 'Pizza Margherita',
    description: null,
    price: 1595,
    available: true,
    modifier_groups: [
      {
        id: id(20),
        name: 'Size',
        min: 1,
        max: 1,
        modifiers: [{ ...large, price_delta: 700, name: 'Large 16"', available: true }],
      },
      {
        id: id(30),
        name: 'Toppings',
        min: 0,
        max: 3,
        modifiers: [
          { ...olives, available: false },
          { ...basil, available: true },
        ],
      },
    ],
  };
  const menu = (item: MenuItem = pizza) => new Map([[item.id, item]]);

  it('when the menu changed its prices and names, then the line takes them', () => {
    const [kept] = reconcileWithMenu([line({ quantity: 2, choices: [size(large)] })], menu());
    expect(kept).toEqual(
      line({
        name: 'Pizza Margherita',
        base_price: 1595,
        quantity: 2,
        choices: [
          {
            group_id: id(20),
            group_name: 'Size',
            modifiers: [{ ...large, name: 'Large 16"', price_delta: 700 }],
          },
        ],
      }),
    );
  });

  it.each([
    ['the item is sold out', line(), menu({ ...pizza, available: false })],
    ['the item left the menu', line({ menu_item_id: id(99) }), menu()],
    ['a chosen topping is sold out', line({ choices: [toppings(olives)] }), menu()],
    ['a chosen group left the item', line({ choices: [{ ...size(large), group_id: id(29) }] }), menu()],
    [
      'a chosen topping left the group',
      line({ choices: [toppings({ id: id(39), name: 'Anchovies', price_delta: 200 })] }),
      menu(),
    ],
  ])('when %s, then the line is dropped', (_name, cartLine, items) => {
    expect(reconcileWithMenu([cartLine], items)).toEqual([]);
  });

  it('when only one line can no longer be ordered, then the others stay', () => {
    const lines = [line({ choices: [toppings(olives)] }), line({ key: 'k2', choices: [toppings(basil)] })];
    expect(reconcileWithMenu(lines, menu()).map((kept) => kept.key)).toEqual(['k2']);
  });
});
