import { EventSource } from 'eventsource';
import type { FollowedOrder } from './orders.ts';

/** The kitchen's steps a follower can see, in order. */
export const STEPS = ['awaiting_acceptance', 'confirmed', 'preparing', 'ready'] as const;
type Step = (typeof STEPS)[number];

export interface Sighting {
  orderId: string;
  step: Step;
  at: number;
}

/**
 * Diners on their order pages, following their own orders as the page does once the payment is
 * known: over the API's event stream (the `eventsource` package, token in a header), each noting
 * when it first sees each step. Stops when `signal` aborts.
 */
export async function follow(
  apiUrl: string,
  slug: string,
  orders: FollowedOrder[],
  signal: AbortSignal,
): Promise<{ sightings: Sighting[]; connections: number; errors: number }> {
  const sightings: Sighting[] = [];
  let connections = 0;
  let errors = 0;
  const sources = orders.map((order) => {
    const seen = new Set<string>();
    const source = new EventSource(`${apiUrl}/api/clients/${slug}/orders/${order.id}/events`, {
      fetch: (input, init) => {
        connections += 1;
        return fetch(input, { ...init, headers: { ...init.headers, 'x-order-token': order.token } });
      },
    });
    source.addEventListener('order', (message) => {
      const view = JSON.parse(message.data) as { status: string; final: boolean };
      const reached = STEPS.indexOf(view.status as Step);
      for (const step of STEPS.slice(0, reached + 1)) {
        if (seen.has(step)) continue;
        seen.add(step);
        sightings.push({ orderId: order.id, step, at: Date.now() });
      }
      if (view.final) source.close();
    });
    source.addEventListener('error', () => {
      errors += 1;
    });
    return source;
  });
  await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
  for (const source of sources) source.close();
  return { sightings, connections, errors };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** One staff move as the API answered it. */
export interface Move {
  orderId: string;
  step: Step;
  at: number;
}

/**
 * Staff taking `perSecond` orders through accept → preparing → ready, each order's three moves
 * in turn; answers when each move was answered.
 */
export async function serve(
  apiUrl: string,
  slug: string,
  key: string,
  orders: FollowedOrder[],
  perSecond: number,
  signal: AbortSignal,
): Promise<Move[]> {
  const moves: Move[] = [];
  const act = async (order: FollowedOrder, path: string, body: object, step: Step) => {
    const res = await fetch(`${apiUrl}/api/clients/${slug}/orders/${order.id}/${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        'idempotency-key': `serve-${order.id}-${step}`,
      },
      body: JSON.stringify(body),
    });
    if (res.ok) moves.push({ orderId: order.id, step, at: Date.now() });
    else await res.arrayBuffer();
  };
  const running: Promise<void>[] = [];
  for (const order of orders) {
    if (signal.aborted) break;
    running.push(
      (async () => {
        await act(order, 'accept', {}, 'confirmed');
        await act(order, 'status', { status: 'preparing' }, 'preparing');
        await act(order, 'status', { status: 'ready' }, 'ready');
      })(),
    );
    await sleep(1000 / perSecond, signal);
  }
  await Promise.all(running);
  return moves;
}

/** How long after each staff move its diner saw it, in milliseconds. */
export function delays(moves: Move[], sightings: Sighting[]): number[] {
  const seen = new Map(sightings.map((s) => [`${s.orderId}:${s.step}`, s.at]));
  return moves.flatMap((move) => {
    const at = seen.get(`${move.orderId}:${move.step}`);
    return at === undefined ? [] : [Math.max(0, at - move.at)];
  });
}
