import type { Amounts, OrderLine } from '@repo/contracts';

/** How many of one line (by its index in the order) to refund. */
export interface LinePick {
  line: number;
  quantity: number;
}

export interface LinesRefund {
  /** The chosen lines' share of the items, in minor units. */
  items: number;
  /** Their share of the order's tax, rounded half up. */
  tax: number;
  /** What will be refunded: items + tax, never more than is still refundable. */
  amount: number;
  /** True when the refundable amount cut it down. */
  capped: boolean;
}

/**
 * The refund for some of an order's lines: each line's total pro rata to the quantity taken back
 * (options included), plus the same share of the tax the order was charged. Tip and delivery fee
 * are not items; refund them by amount.
 */
export function refundForLines(
  order: { items: OrderLine[]; amounts: Pick<Amounts, 'subtotal' | 'tax'> },
  picks: LinePick[],
  refundable: number,
): LinesRefund {
  let items = 0;
  for (const pick of picks) {
    const line = order.items[pick.line];
    if (!line || pick.quantity <= 0) continue;
    const quantity = Math.min(Math.floor(pick.quantity), line.quantity);
    items += Math.floor((line.line_total * quantity * 2 + line.quantity) / (2 * line.quantity));
  }
  const { subtotal, tax: orderTax } = order.amounts;
  const tax = subtotal > 0 ? Math.floor((orderTax * items * 2 + subtotal) / (2 * subtotal)) : 0;
  const wanted = items + tax;
  const amount = Math.min(wanted, Math.max(0, refundable));
  return { items, tax, amount, capped: amount < wanted };
}
