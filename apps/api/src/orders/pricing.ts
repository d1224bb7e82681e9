import {
  addressWords,
  isPostalCode,
  type MenuCategory,
  type OrderLineModifier,
  type ParsedCreateOrderRequest,
  taxFor,
} from '@repo/contracts';
import type { FieldError } from '../platform/errors.ts';

export interface PricingRestaurant {
  currency: string;
  tax_rate_ppm: number;
  delivery_enabled: boolean;
  delivery_fee: number;
  /** Delivery addresses are checked against this country's postal codes and regions. */
  country: string;
}

export interface PricedLine {
  menu_item_id: string;
  name: string;
  unit_price: number;
  quantity: number;
  modifiers: OrderLineModifier[];
  line_total: number;
  special_instructions: string | null;
}

export interface PricedOrder {
  lines: PricedLine[];
  subtotal: number;
  tax: number;
  tip: number;
  delivery_fee: number;
  total: number;
  currency: string;
}

export type PricingResult = { ok: true; order: PricedOrder } | { ok: false; errors: FieldError[] };

/** Stripe's smallest chargeable amount for most currencies (50 cents). */
export const MINIMUM_TOTAL = 50;

/**
 * Prices an order from the live menu. Every line is (item price + chosen modifier deltas) × quantity;
 * anything the menu does not allow is reported by its field path. What is sold out is the
 * availability check's (availability/placing-check.ts), answered as item-unavailable.
 */
export function priceOrder(
  menu: MenuCategory[],
  request: ParsedCreateOrderRequest,
  restaurant: PricingRestaurant,
): PricingResult {
  const items = new Map(menu.flatMap((category) => category.items).map((item) => [item.id, item]));
  const errors: FieldError[] = [];
  const lines: PricedLine[] = [];

  for (const [index, input] of request.items.entries()) {
    const at = `items.${index}`;
    const item = items.get(input.menu_item_id);
    if (!item) {
      errors.push({ path: `${at}.menu_item_id`, message: 'is not on the menu' });
      continue;
    }
    const chosen: OrderLineModifier[] = [];
    const seenGroups = new Set<string>();
    for (const [groupIndex, selection] of input.modifiers.entries()) {
      const groupAt = `${at}.modifiers.${groupIndex}`;
      const group = item.modifier_groups.find((candidate) => candidate.id === selection.group_id);
      if (!group) {
        errors.push({ path: `${groupAt}.group_id`, message: `is not a modifier group of ${item.name}` });
        continue;
      }
      if (seenGroups.has(group.id)) {
        errors.push({ path: `${groupAt}.group_id`, message: `${group.name} is listed twice` });
        continue;
      }
      seenGroups.add(group.id);
      if (new Set(selection.selections).size !== selection.selections.length) {
        errors.push({ path: `${groupAt}.selections`, message: 'lists the same choice twice' });
      }
      if (selection.selections.length < group.min || selection.selections.length > group.max) {
        errors.push({ path: `${groupAt}.selections`, message: choiceRule(group.name, group.min, group.max) });
      }
      for (const [choiceIndex, modifierId] of selection.selections.entries()) {
        const modifier = group.modifiers.find((candidate) => candidate.id === modifierId);
        if (!modifier) {
          errors.push({
            path: `${groupAt}.selections.${choiceIndex}`,
            message: `is not a choice of ${group.name}`,
          });
        } else {
          chosen.push({
            group_id: group.id,
            group_name: group.name,
            modifier_id: modifier.id,
            name: modifier.name,
            price_delta: modifier.price_delta,
          });
        }
      }
    }
    for (const group of item.modifier_groups) {
      if (group.min > 0 && !seenGroups.has(group.id)) {
        errors.push({ path: `${at}.modifiers`, message: choiceRule(group.name, group.min, group.max) });
      }
    }
    const unitPrice = item.price + chosen.reduce((sum, modifier) => sum + modifier.price_delta, 0);
    lines.push({
      menu_item_id: item.id,
      name: item.name,
      unit_price: unitPrice,
      quantity: input.quantity,
      modifiers: chosen,
      line_total: unitPrice * input.quantity,
      special_instructions: input.special_instructions ?? null,
    });
  }

  const deliveryFee = request.order_type === 'delivery' ? restaurant.delivery_fee : 0;
  if (request.order_type === 'delivery' && !restaurant.delivery_enabled) {
    errors.push({ path: 'order_type', message: 'delivery is not offered by this restaurant' });
  }
  if (request.order_type === 'delivery' && request.delivery_address)
    errors.push(...addressErrors(request.delivery_address, restaurant.country));
  const subtotal = lines.reduce((sum, line) => sum + line.line_total, 0);
  const tax = taxFor(subtotal, restaurant.tax_rate_ppm);
  if (errors.length === 0 && request.tip > subtotal) {
    errors.push({ path: 'tip', message: 'must not exceed the order subtotal' });
  }
  const total = subtotal + tax + request.tip + deliveryFee;
  if (errors.length === 0 && total < MINIMUM_TOTAL) {
    errors.push({ path: 'items', message: 'the order total is below the minimum card payment' });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    order: {
      lines,
      subtotal,
      tax,
      tip: request.tip,
      delivery_fee: deliveryFee,
      total,
      currency: restaurant.currency,
    },
  };
}

function choiceRule(group: string, min: number, max: number): string {
  if (min === max) return `${group} needs exactly ${min} choice${min === 1 ? '' : 's'}`;
  if (min === 0) return `${group} allows at most ${max} choice${max === 1 ? '' : 's'}`;
  return `${group} needs ${min} to ${max} choices`;
}

/** A delivery address must be in the restaurant's country: its postal code, and its region where one is needed. */
function addressErrors(
  address: NonNullable<ParsedCreateOrderRequest['delivery_address']>,
  country: string,
): FieldError[] {
  const errors: FieldError[] = [];
  if (addressWords(country).regionRequired && !address.region)
    errors.push({ path: 'delivery_address.region', message: `is required for an address in ${country}` });
  if (!isPostalCode(address.postal_code, country))
    errors.push({ path: 'delivery_address.postal_code', message: `is not a postal code of ${country}` });
  return errors;
}
