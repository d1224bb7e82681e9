import { invalidRequest, missingParam } from '../errors.ts';

/** Parsed form or query params, nested by `qs` (metadata[k]=v becomes { metadata: { k: v } }). */
export type Params = Record<string, unknown>;

export function optionalString(params: Params, key: string): string | undefined {
  const value = params[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw invalidRequest(`Invalid string: ${key}`, 'parameter_invalid_string', key);
  return value;
}

export function requiredString(params: Params, key: string): string {
  const value = optionalString(params, key);
  if (value === undefined || value === '') throw missingParam(key);
  return value;
}

export function optionalInteger(params: Params, key: string): number | undefined {
  const value = params[key];
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  throw invalidRequest(`Invalid integer: ${String(value)}`, 'parameter_invalid_integer', key);
}

export function optionalBoolean(params: Params, key: string): boolean | undefined {
  const value = params[key];
  if (value === undefined) return undefined;
  if (value === 'true' || value === true) return true;
  if (value === 'false' || value === false) return false;
  throw invalidRequest(`Invalid boolean: ${String(value)}`, 'parameter_invalid_boolean', key);
}

export function optionalObject(params: Params, key: string): Params | undefined {
  const value = params[key];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidRequest(`Invalid object`, 'parameter_invalid_object', key);
  }
  return value as Params;
}

/** Stripe merges metadata on update; an empty value removes a key. */
export function mergeMetadata(current: Record<string, string>, params: Params): Record<string, string> {
  if (params.metadata === '') return {};
  const patch = optionalObject(params, 'metadata');
  if (!patch) return current;
  const next = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (typeof value !== 'string')
      throw invalidRequest('Invalid metadata value', 'parameter_invalid_string', `metadata[${key}]`);
    if (value === '') delete next[key];
    else next[key] = value;
  }
  return next;
}

const MINIMUM_AMOUNT: Record<string, number> = {
  usd: 50,
  eur: 50,
  cad: 50,
  aud: 50,
  gbp: 30,
  chf: 50,
  jpy: 50,
  mxn: 1000,
};
const SUPPORTED_CURRENCIES = new Set([...Object.keys(MINIMUM_AMOUNT), 'nzd', 'sek', 'nok', 'dkk', 'pln']);

export function validateCurrency(currency: string): string {
  const lower = currency.toLowerCase();
  if (!SUPPORTED_CURRENCIES.has(lower))
    throw invalidRequest(`Invalid currency: ${lower}.`, 'parameter_invalid_string', 'currency');
  return lower;
}

export function validateAmount(amount: number | undefined, currency: string): number {
  if (amount === undefined) throw missingParam('amount');
  const minimum = MINIMUM_AMOUNT[currency] ?? 50;
  if (amount < minimum) {
    const display = currency === 'jpy' ? `¥${minimum}` : `$${(minimum / 100).toFixed(2)}`;
    throw invalidRequest(`Amount must be at least ${display} ${currency}`, 'amount_too_small', 'amount');
  }
  if (amount > 99_999_999) {
    throw invalidRequest('Amount must be no more than $999,999.99', 'amount_too_large', 'amount');
  }
  return amount;
}
