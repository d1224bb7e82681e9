import { readState } from './state.ts';

/** The Stripe emulator's control plane (/_emulator), not Stripe's API. */
export async function emulator(route: string, body: Record<string, unknown> = {}): Promise<void> {
  const response = await fetch(`${readState().emulatorUrl}/_emulator/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`emulator ${route}: ${response.status} ${await response.text()}`);
}

export interface DinerView {
  order_id: string;
  status: string;
  payment_status: string;
  amounts: { total: number };
}

export async function apiOrder(orderId: string, token: string): Promise<DinerView> {
  const response = await fetch(`${readState().apiUrl}/api/clients/demo/orders/${orderId}`, {
    headers: { 'X-Order-Token': token },
  });
  if (!response.ok) throw new Error(`GET order ${orderId}: ${response.status}`);
  return (await response.json()) as DinerView;
}
