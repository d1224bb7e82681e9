import type { MenuItem, ModifierGroup } from '@repo/contracts';
import { checkChoices, ruleText } from './cart-rules.ts';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('ruleText', () => {
  it.each([
    [1, 1, 'Required · choose 1'],
    [2, 2, 'Required · choose 2'],
    [1, 3, 'Required · choose 1 to 3'],
    [0, 1, 'Optional · up to 1'],
    [0, 3, 'Optional · up to 3'],
  ])('when a group needs %i to %i choices, then it reads "%s"', (min, max, text) => {
    expect(ruleText({ min, max })).toBe(text);
  });
});

describe('checkChoices', () => {
  const group = (n: number, name: string, min: number, max: number): ModifierGroup => ({
    id: id(n),
    name,
    min,
    max,
    modifiers: [
      { id: id(n + 1), name: `${name} A`, price_delta: 0, available: true },
      { id: id(n + 2), name: `${name} B`, price_delta: 100, available: true },
      { id: id(n + 3), name: `${name} C`, price_delta: 200, available: false },
    ],
  });
  const item: MenuItem = {
    id: id(1),
    name: 'Pizza',
    description: null,
    price: 1495,
    available: true,
    modifier_groups: [group(10, 'Size', 1, 1), group(20, 'Toppings', 0, 1), group(30, 'Sauces', 2, 2)],
  };
  const choose = (size: string[], toppings: string[], sauces: string[]) =>
    new Map([
      [id(10), size],
      [id(20), toppings],
      [id(30), sauces],
    ]);

  it('when every group has an allowed number of available choices, then there is no problem', () => {
    expect(checkChoices(item, choose([id(11)], [], [id(31), id(32)]))).toEqual([]);
  });

  it.each([
    [
      'a required single choice is missing',
      choose([], [], [id(31), id(32)]),
      id(10),
      'Please choose a size.',
    ],
    ['too few of a required group', choose([id(11)], [], [id(31)]), id(30), 'Please choose at least 2.'],
    [
      'too many of a group',
      choose([id(11)], [id(21), id(22)], [id(31), id(32)]),
      id(20),
      'Choose at most 1.',
    ],
    ['a sold-out choice', choose([id(13)], [], [id(31), id(32)]), id(10), 'Size C is not available today.'],
  ])('when %s, then that group gets a message', (_name, selected, groupId, message) => {
    expect(checkChoices(item, selected)).toEqual([{ group_id: groupId, message }]);
  });

  it('when a group is left out of the selection, then it counts as nothing chosen', () => {
    expect(checkChoices(item, new Map())).toEqual([
      { group_id: id(10), message: 'Please choose a size.' },
      { group_id: id(30), message: 'Please choose at least 2.' },
    ]);
  });
});
