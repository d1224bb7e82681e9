import type { Store } from '../domain/store.ts';

type Json = Record<string, unknown>;

function lookup(store: Store, id: string): unknown {
  const prefix = id.slice(0, id.indexOf('_'));
  switch (prefix) {
    case 'pi':
      return store.paymentIntents.get(id);
    case 'ch':
      return store.charges.get(id);
    case 're':
      return store.refunds.get(id);
    case 'dp':
      return store.disputes.get(id);
    default:
      return undefined;
  }
}

function expandPath(store: Store, target: Json, path: string[]): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  const value = target[head];
  if (rest.length === 0) {
    if (typeof value !== 'string') return;
    const found = lookup(store, value);
    if (found) target[head] = structuredClone(found);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) if (item && typeof item === 'object') expandPath(store, item as Json, rest);
  } else if (value && typeof value === 'object') {
    expandPath(store, value as Json, rest);
  }
}

/** Replaces ids named by `expand[]` (e.g. latest_charge, data.payment_intent) with the objects. */
export function applyExpand(store: Store, body: Json, expand: unknown): Json {
  const paths = Array.isArray(expand) ? expand : typeof expand === 'string' ? [expand] : [];
  for (const path of paths) if (typeof path === 'string') expandPath(store, body, path.split('.'));
  return body;
}
