import type { CreateOrderRequest, MenuItem } from '@repo/contracts';

export interface CartModifier {
  id: string;
  name: string;
  price_delta: number;
}

export interface CartGroupChoice {
  group_id: string;
  group_name: string;
  modifiers: CartModifier[];
}

/** One line of the cart. Prices are copies for the estimate only; the API prices the order. */
export interface CartLine {
  key: string;
  menu_item_id: string;
  name: string;
  base_price: number;
  quantity: number;
  choices: CartGroupChoice[];
  notes: string;
}

export const MAX_QUANTITY = 50;

export type QuantityCheck = { ok: true; quantity: number } | { ok: false; message: string };

/**
 * A quantity as the diner typed it: a whole number from 1 to MAX_QUANTITY, or the sentence that
 * refuses it. Nothing is rounded or capped, so the basket always holds what the diner asked for.
 */
export function checkQuantity(text: string): QuantityCheck {
  const typed = text.trim();
  if (typed === '')
    return { ok: false, message: `Please enter how many you want, from 1 to ${MAX_QUANTITY}.` };
  if (!/^\d+$/.test(typed))
    return { ok: false, message: `Please enter a whole number from 1 to ${MAX_QUANTITY}.` };
  const quantity = Number(typed);
  if (quantity < 1) return { ok: false, message: `Please enter a whole number from 1 to ${MAX_QUANTITY}.` };
  if (quantity > MAX_QUANTITY)
    return {
      ok: false,
      message: `You can order at most ${MAX_QUANTITY} at a time. Please enter ${MAX_QUANTITY} or fewer.`,
    };
  return { ok: true, quantity };
}

/** The same check for a line that would join one already in the basket. */
export function checkAddedQuantity(already: number, adding: number): QuantityCheck {
  if (already + adding <= MAX_QUANTITY) return { ok: true, quantity: adding };
  const room = MAX_QUANTITY - already;
  return {
    ok: false,
    message:
      room > 0
        ? `You already have ${already} of these in your order, and ${MAX_QUANTITY} is the most. You can add up to ${room} more.`
        : `You already have ${MAX_QUANTITY} of these in your order, the most we can take.`,
  };
}

export function unitPrice(line: CartLine): number {
  return line.choices.reduce(
    (sum, group) => sum + group.modifiers.reduce((acc, modifier) => acc + modifier.price_delta, 0),
    line.base_price,
  );
}

export function lineTotal(line: CartLine): number {
  return unitPrice(line) * line.quantity;
}

export function cartSubtotal(lines: readonly CartLine[]): number {
  return lines.reduce((sum, line) => sum + lineTotal(line), 0);
}

export function itemCount(lines: readonly CartLine[]): number {
  return lines.reduce((sum, line) => sum + line.quantity, 0);
}

/** Lines with the same item, choices and notes merge into one. */
export function lineIdentity(line: Omit<CartLine, 'key' | 'quantity'>): string {
  const choices = line.choices
    .map(
      (group) =>
        `${group.group_id}:${group.modifiers
          .map((m) => m.id)
          .sort()
          .join(',')}`,
    )
    .sort()
    .join('|');
  return `${line.menu_item_id}#${choices}#${line.notes.trim()}`;
}

export function describeChoices(line: CartLine): string {
  return line.choices.flatMap((group) => group.modifiers.map((modifier) => modifier.name)).join(', ');
}

export type OrderItemInput = CreateOrderRequest['items'][number];

export function toOrderItems(lines: readonly CartLine[]): OrderItemInput[] {
  return lines.map((line) => ({
    menu_item_id: line.menu_item_id,
    quantity: line.quantity,
    modifiers: line.choices.map((group) => ({
      group_id: group.group_id,
      selections: group.modifiers.map((modifier) => modifier.id),
    })),
    ...(line.notes.trim() ? { special_instructions: line.notes.trim() } : {}),
  }));
}

/** Keeps only lines whose item is still orderable; refreshes prices and names from the menu. */
export function reconcileWithMenu(
  lines: readonly CartLine[],
  items: ReadonlyMap<string, MenuItem>,
): CartLine[] {
  return lines.flatMap((line) => {
    const item = items.get(line.menu_item_id);
    if (!item?.available) return [];
    const choices: CartGroupChoice[] = [];
    for (const choice of line.choices) {
      const group = item.modifier_groups.find((g) => g.id === choice.group_id);
      if (!group) return [];
      const modifiers = choice.modifiers.map((m) => group.modifiers.find((gm) => gm.id === m.id));
      if (modifiers.some((m) => !m?.available)) return [];
      choices.push({
        group_id: group.id,
        group_name: group.name,
        modifiers: modifiers.flatMap((m) =>
          m ? [{ id: m.id, name: m.name, price_delta: m.price_delta }] : [],
        ),
      });
    }
    return [{ ...line, name: item.name, base_price: item.price, choices }];
  });
}
