import { randomId } from '@repo/site-kit/dom';

/** What the confirmation page needs to read an order; the token never leaves this browser. */
export interface StoredOrder {
  order_id: string;
  order_token: string;
}

const ordersKey = (slug: string) => `storefront:${slug}:orders:v1`;
const attemptKey = (slug: string) => `storefront:${slug}:checkout-attempt:v1`;
const lastOrderKey = (slug: string) => `storefront:${slug}:last-order:v1`;

function readOrders(slug: string): StoredOrder[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(ordersKey(slug)) ?? '[]');
    return Array.isArray(parsed) ? (parsed as StoredOrder[]) : [];
  } catch {
    return [];
  }
}

export function rememberOrder(slug: string, order: StoredOrder): void {
  const others = readOrders(slug).filter((stored) => stored.order_id !== order.order_id);
  localStorage.setItem(ordersKey(slug), JSON.stringify([order, ...others].slice(0, 10)));
  sessionStorage.setItem(lastOrderKey(slug), order.order_id);
}

/** The order by id, or (when a redirect lost the query) the one this tab last paid for. */
export function findOrder(slug: string, orderId: string | null): StoredOrder | undefined {
  const id = orderId ?? sessionStorage.getItem(lastOrderKey(slug)) ?? readOrders(slug)[0]?.order_id;
  return readOrders(slug).find((stored) => stored.order_id === id);
}

/** A short stable fingerprint of the order body (not a security hash: it only tells bodies apart). */
export function fingerprint(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

/**
 * One key per checkout attempt, suffixed with the body's fingerprint: a retry of the same order replays
 * it (same order, same PaymentIntent); a changed order gets a new key instead of a conflict.
 */
export function idempotencyKeyFor(slug: string, body: string): string {
  let attempt = sessionStorage.getItem(attemptKey(slug));
  if (!attempt) {
    attempt = randomId();
    sessionStorage.setItem(attemptKey(slug), attempt);
  }
  return `checkout-${attempt}-${fingerprint(body)}`;
}

/** After a confirmed order the next checkout is a new attempt. */
export function endCheckoutAttempt(slug: string): void {
  sessionStorage.removeItem(attemptKey(slug));
}
