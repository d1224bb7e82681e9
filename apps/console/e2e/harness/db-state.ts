import type { OperatorOrderView, StaffList } from '@repo/contracts';
import pg from 'pg';
import { readState } from './state.ts';

/** What the tests check of an order, as it is stored. */
export interface StoredOrder {
  status: string;
  payment_status: string;
  amount_received: number;
  amount_refunded: number;
  cancel_reason: string | null;
  refunds: { amount: number; status: string; actor_type: string; actor_id: string | null }[];
  events: { type: string; actor_type: string; actor_id: string | null }[];
}

async function query<T>(sql: string, params: unknown[]): Promise<T[]> {
  const { database } = readState();
  if (!database) throw new Error('no PostgreSQL database');
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * The order's rows: read from PostgreSQL when the run has one (CI does). The embedded database
 * belongs to the API's process alone, so there the same rows are read through the operator API.
 */
export async function storedOrder(slug: string, orderId: string): Promise<StoredOrder> {
  const { database, apiUrl, keys } = readState();
  if (database) {
    const [order] = await query<Omit<StoredOrder, 'refunds' | 'events'>>(
      'select status, payment_status, amount_received, amount_refunded, cancel_reason from orders where id = $1',
      [orderId],
    );
    if (!order) throw new Error(`no order ${orderId}`);
    const refunds = await query<StoredOrder['refunds'][number]>(
      'select amount, status, actor_type, actor_id from refunds where order_id = $1 order by created_at',
      [orderId],
    );
    const events = await query<StoredOrder['events'][number]>(
      'select type, actor_type, actor_id from order_events where order_id = $1 order by id',
      [orderId],
    );
    return { ...order, refunds, events };
  }
  const response = await fetch(`${apiUrl}/api/clients/${slug}/orders/${orderId}`, {
    headers: { Authorization: `Bearer ${keys[slug as keyof typeof keys]}` },
  });
  const view = (await response.json()) as OperatorOrderView;
  return {
    status: view.status,
    payment_status: view.payment_status,
    amount_received: view.payment.amount_received,
    amount_refunded: view.payment.amount_refunded,
    cancel_reason: view.cancel_reason,
    refunds: view.refunds.map((r) => ({
      amount: r.amount,
      status: r.status,
      actor_type: r.actor.type,
      actor_id: r.actor.id,
    })),
    events: view.timeline.map((e) => ({ type: e.type, actor_type: e.actor.type, actor_id: e.actor.id })),
  };
}

/** A staff member's stored account: whether the one-time password is still theirs. */
export async function storedStaff(
  slug: string,
  email: string,
): Promise<{ id: string; must_change_password: boolean; sessions: number | null }> {
  const { database, apiUrl, keys } = readState();
  if (database) {
    const [row] = await query<{ id: string; must_change_password: boolean; sessions: string }>(
      `select s.id, s.must_change_password, (select count(*) from staff_sessions where staff_id = s.id) as sessions
       from staff s where lower(email) = lower($1)`,
      [email],
    );
    if (!row) throw new Error(`no staff ${email}`);
    return { id: row.id, must_change_password: row.must_change_password, sessions: Number(row.sessions) };
  }
  const response = await fetch(`${apiUrl}/api/clients/${slug}/staff`, {
    headers: { Authorization: `Bearer ${keys[slug as keyof typeof keys]}` },
  });
  const member = ((await response.json()) as StaffList).data.find((s) => s.email === email);
  if (!member) throw new Error(`no staff ${email}`);
  return { id: member.id, must_change_password: member.must_change_password, sessions: null };
}

/** Waits (bounded) until the stored order matches, for what Stripe's webhook settles after a click. */
export async function eventually<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  ms = 15_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
