import { randomUUID } from 'node:crypto';
import type { CreateOrderRequest, CreateOrderResponse, Menu } from '@repo/contracts';
import { readState } from './state.ts';

export interface PaidOrder {
  orderId: string;
  orderNumber: number;
  total: number;
}

function itemNamed(menu: Menu, name: string) {
  const item = menu.categories.flatMap((c) => c.items).find((i) => i.name === name);
  if (!item) throw new Error(`no dish ${name}`);
  return item;
}

/**
 * A diner orders a large Margherita (with a note) and two Garlic Knots, and pays with the emulator's
 * visa as Stripe.js would: the publishable key and the intent's client secret. The payment reaches
 * the API by the emulator's webhook, as a real one would.
 */
export async function placePaidOrder(slug: string, customer = 'Ada Diner'): Promise<PaidOrder> {
  const { apiUrl, emulatorUrl, publishableKey } = readState();
  const menu = (await (await fetch(`${apiUrl}/api/clients/${slug}/menu`)).json()) as Menu;
  const pizza = itemNamed(menu, 'Margherita');
  const size = pizza.modifier_groups.find((g) => g.name === 'Size');
  const large = size?.modifiers.find((m) => m.name.startsWith('Large'));
  if (!size || !large) throw new Error('the demo menu changed');
  const body: CreateOrderRequest = {
    customer: { name: customer, email: 'diner@example.com', phone: '+1 212 555 0100' },
    order_type: 'pickup',
    scheduled_time: null,
    items: [
      {
        menu_item_id: pizza.id,
        quantity: 1,
        modifiers: [{ group_id: size.id, selections: [large.id] }],
        special_instructions: 'Well done, please',
      },
      { menu_item_id: itemNamed(menu, 'Garlic Knots').id, quantity: 2, modifiers: [] },
    ],
    tip: 0,
  };
  const created = await fetch(`${apiUrl}/api/clients/${slug}/orders`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
    body: JSON.stringify(body),
  });
  if (created.status !== 201) throw new Error(`place order: ${created.status} ${await created.text()}`);
  const order = (await created.json()) as CreateOrderResponse;
  const intentId = order.client_secret.split('_secret_')[0] ?? '';
  const confirmed = await fetch(`${emulatorUrl}/v1/payment_intents/${intentId}/confirm`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${publishableKey}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      client_secret: order.client_secret,
      payment_method: 'pm_card_visa',
      return_url: 'http://127.0.0.1/done',
    }),
  });
  if (!confirmed.ok) throw new Error(`confirm payment: ${confirmed.status} ${await confirmed.text()}`);
  return { orderId: order.order_id, orderNumber: order.order_number, total: order.amounts.total };
}
