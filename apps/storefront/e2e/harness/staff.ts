import { randomUUID } from 'node:crypto';
import { MANUAL_SLUG } from '@repo/site-kit/e2e/manual-restaurant';
import { readState } from './state.ts';

export type StaffMove =
  | { action: 'accept'; body: { ready_in_minutes?: number; amount_to_capture?: number } }
  | { action: 'reject'; body: { reason: string } }
  | { action: 'status'; body: { status: 'preparing' | 'ready' | 'completed' } };

/** A move of `demo-manual`'s staff through the operator API, as the restaurant's own screen makes it. */
export async function staff(orderId: string, move: StaffMove): Promise<void> {
  const { apiUrl, manualOperatorKey } = readState();
  const response = await fetch(`${apiUrl}/api/clients/${MANUAL_SLUG}/orders/${orderId}/${move.action}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${manualOperatorKey}`,
      'Idempotency-Key': randomUUID(),
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(move.body),
  });
  if (!response.ok) throw new Error(`${move.action} ${orderId}: ${response.status} ${await response.text()}`);
}
