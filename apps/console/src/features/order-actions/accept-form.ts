import type { AcceptOrderRequest } from '@repo/contracts';
import { formatMoney, parseMoney } from '@repo/contracts/browser';

export interface AcceptFields {
  readyIn: string;
  captureLess: boolean;
  amount: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string; field: string };

/**
 * The accept request from the dialog's fields, or what is wrong with them: ready-in is 1 to 240
 * minutes, and a smaller charge is more than zero and no more than the amount held.
 */
export function acceptRequestOf(
  fields: AcceptFields,
  total: number,
  currency: string,
): Checked<AcceptOrderRequest> {
  const minutes = Number(fields.readyIn);
  if (!/^\d+$/.test(fields.readyIn.trim()) || minutes < 1 || minutes > 240)
    return { ok: false, error: 'Ready in: a whole number of minutes, from 1 to 240.', field: 'ready_in' };
  if (!fields.captureLess) return { ok: true, value: { ready_in_minutes: minutes } };
  const amount = parseMoney(fields.amount, currency);
  if (amount === null || amount < 1)
    return { ok: false, error: 'Amount to charge: enter an amount such as 16.50.', field: 'amount' };
  if (amount > total)
    return {
      ok: false,
      error: `Amount to charge: at most ${formatMoney(total, currency)}, the amount held on the card.`,
      field: 'amount',
    };
  return { ok: true, value: { ready_in_minutes: minutes, amount_to_capture: amount } };
}

/** The reject reason from the dialog: a chosen one, or the typed one. */
export function rejectReasonOf(choice: string, other: string): Checked<string> {
  const reason = choice === 'other' ? other.trim() : choice;
  if (!reason) return { ok: false, error: 'Say why the order is rejected.', field: 'other' };
  return { ok: true, value: reason };
}
