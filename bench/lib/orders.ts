import type { CreateOrderResponse, Menu } from '@repo/contracts';
import Stripe from 'stripe';

export interface FollowedOrder {
  id: string;
  token: string;
  intentId: string;
}

/** Runs `work` over `items` with at most `concurrency` at a time. */
export async function inParallel<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

export function stripeFor(apiBase: string, secretKey: string): Stripe {
  const base = new URL(apiBase);
  return new Stripe(secretKey, { host: base.hostname, port: Number(base.port), protocol: 'http' });
}

/** `count` orders of `slug`, placed through the API and paid at the emulator with a test card. */
export async function paidOrders(apiUrl: string, slug: string, stripe: Stripe, count: number) {
  const menu = (await (await fetch(`${apiUrl}/api/clients/${slug}/menu`)).json()) as Menu;
  const knots = menu.categories.flatMap((c) => c.items).find((i) => i.name === 'Garlic Knots')!;
  const body = JSON.stringify({
    customer: { name: 'Bench Diner', email: 'bench@example.com', phone: '+1 212 555 0100' },
    order_type: 'pickup',
    items: [{ menu_item_id: knots.id, quantity: 2, modifiers: [] }],
    tip: 0,
  });
  const orders: FollowedOrder[] = [];
  await inParallel(
    Array.from({ length: count }, (_, index) => index),
    20,
    async (index) => {
      const res = await fetch(`${apiUrl}/api/clients/${slug}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `follow-${process.pid}-${index}` },
        body,
      });
      const placed = (await res.json()) as CreateOrderResponse;
      const intentId = placed.client_secret.split('_secret_')[0]!;
      await stripe.paymentIntents.confirm(intentId, { payment_method: 'pm_card_visa' });
      orders.push({ id: placed.order_id, token: placed.order_token, intentId });
    },
  );
  return orders;
}

/** PaymentIntents authorized for manual capture, made directly at the emulator (the floor's). */
export async function authorizedIntents(stripe: Stripe, count: number): Promise<string[]> {
  const ids: string[] = [];
  await inParallel(
    Array.from({ length: count }, (_, index) => index),
    20,
    async () => {
      const intent = await stripe.paymentIntents.create({
        amount: 1500,
        currency: 'usd',
        capture_method: 'manual',
        payment_method: 'pm_card_visa',
        confirm: true,
      });
      ids.push(intent.id);
    },
  );
  return ids;
}
