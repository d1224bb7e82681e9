import type { Delivery } from './dispatcher.ts';

/** The order in which one request's deliveries are sent. */
export type DeliveryOrder = (batch: Delivery[]) => Delivery[];

export const inOrder: DeliveryOrder = (batch) => batch;

export const reversed: DeliveryOrder = (batch) => [...batch].reverse();

/** Stripe guarantees no order, so tests can ask for a random one; the seed makes it repeatable. */
export function shuffled(seed: number): DeliveryOrder {
  const random = mulberry32(seed);
  return (batch) => {
    const result = [...batch];
    for (let i = result.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [result[i], result[j]] = [result[j] as Delivery, result[i] as Delivery];
    }
    return result;
  };
}

/** A small seeded generator (mulberry32). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
